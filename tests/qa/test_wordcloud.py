"""The opinions' word cloud: the words people used, whatever language they wrote in."""

import pytest

from qa.language import detect
from qa.wordcloud import all_stopwords, cloud, stopwords, terms


def words_of(text, language):
    return [word for _key, word in terms(text, language)]


def cloud_of(*opinions, limit=40):
    return cloud([terms(text, detect(text)) for text in opinions], limit=limit)


def counts(words):
    return {item["word"]: item["count"] for item in words}


def test_korean_particles_and_endings_are_stripped_to_one_noun():
    opinions = [
        "공무원이 더 많은 교육을 받아야 합니다.",
        "공무원은 인사 제도를 잘 알아야 해요.",
        "모든 공무원을 위한 온라인 교육이 필요합니다.",
        "공무원에게 성과평가 결과를 공개해야 합니다.",
        "공무원의 채용 절차가 너무 길어요.",
    ]
    words = cloud_of(*opinions)
    assert words[0] == {"word": "공무원", "count": 5, "weight": 5}
    assert counts(words)["교육"] == 2
    shown = [item["word"] for item in words]
    for particle in ("이", "은", "을", "를", "에서", "가", "의", "에게", "공무원이", "공무원은"):
        assert particle not in shown


def test_korean_keeps_nouns_and_drops_fillers():
    words = words_of("저는 인사혁신처에서 일하는 것이 정말 보람 있다고 생각합니다.", "ko")
    assert "보람" in words
    for filler in ("저", "것", "정말", "생각", "있다", "하다", "는", "에서"):
        assert filler not in words


def test_korean_adjectives_are_shown_in_dictionary_form():
    assert "좋다" in words_of("새 평가 시스템이 좋았어요", "ko")


def test_a_product_name_in_korean_text_stays_one_word():
    words = words_of("e-Saram을 도입한 뒤 인사 업무가 빨라졌어요", "ko")
    assert "e-saram" in words
    assert "saram" not in words


def test_russian_inflections_are_one_word_shown_as_typed():
    words = cloud_of(
        "Реформа государственной службы давно нужна.",
        "Без реформы оплаты труда ничего не изменится.",
        "Я поддерживаю реформу кадровой политики.",
        "Реформа должна быть постепенной.",
    )
    assert words[0] == {"word": "реформа", "count": 4, "weight": 5}
    assert not {"реформы", "реформу"} & set(counts(words))


def test_a_word_repeated_in_one_opinion_counts_once():
    words = cloud_of("Training, training and more training!", "Better training for managers")
    assert counts(words)["training"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "La evaluación del desempeño de los funcionarios es la clave de la reforma.",
        "Me parece que el sistema de ascensos debería ser más transparente y justo.",
        "Estoy de acuerdo con que la formación es muy importante para todos.",
    ],
)
def test_spanish_stop_words_are_absent(text):
    words = words_of(text, "es")
    assert words
    for stop in ("de", "la", "el", "los", "que", "es", "con", "para", "me", "más", "muy", "y"):
        assert stop not in words


def test_english_stop_words_and_contractions_are_absent():
    words = words_of(
        "I think the ministry's new HR system doesn't let us see what we've been rated on.",
        "en",
    )
    assert words == ["ministry", "new", "hr", "system", "let", "see", "rated"]


def test_stop_words_of_every_language_are_removed_from_every_opinion():
    # Spanish words in an opinion detected as English, and the reverse.
    assert words_of("The reforma de la gestión", "en") == ["reforma", "gestión"]
    assert words_of("El nuevo system of the ministry", "es") == ["nuevo", "system", "ministry"]


def test_a_mixed_language_cloud_holds_no_stop_word():
    opinions = [
        "La evaluación del desempeño de los funcionarios es la clave de la reforma.",
        "Los funcionarios necesitan más formación y una carrera con reglas claras.",
        "Me parece que el sistema de ascensos debería ser más transparente.",
        "En la gestión de personal, la digitalización es lo más importante.",
        "The appraisal system should be transparent and fair for all of the staff.",
        "I think the training of new civil servants is the key to the reform.",
        "Реформа государственной службы должна быть прозрачной и понятной для всех.",
        "Нужно больше обучения для служащих, и это очень важно.",
        "공무원 교육이 가장 중요하다고 생각합니다.",
        "성과평가 결과를 투명하게 공개하는 것이 필요합니다.",
    ]
    words = cloud_of(*opinions)
    shown = {item["word"] for item in words}
    assert shown
    assert not shown & all_stopwords()
    for frequent in ("de", "la", "the", "и", "это", "것", "생각"):
        assert frequent not in shown
    assert {"funcionarios", "transparente", "reforma", "공무원", "реформа"} <= shown


def test_cloud_is_heaviest_first_with_weights_from_one_to_five():
    opinions = ["budget"] * 9 + ["budget staff"] * 3 + ["staff hiring", "hiring", "pensions"]
    words = cloud_of(*opinions)
    assert [(item["word"], item["count"]) for item in words] == [
        ("budget", 12),
        ("staff", 4),
        ("hiring", 2),
        ("pensions", 1),
    ]
    weights = [item["weight"] for item in words]
    assert weights[0] == 5
    assert weights[-1] == 1
    assert weights == sorted(weights, reverse=True)
    assert all(1 <= weight <= 5 for weight in weights)


def test_ties_come_in_the_order_first_used_and_the_limit_keeps_the_heaviest():
    opinions = ["zebra apple mango", "mango kiwi", "apple"]
    first = cloud_of(*opinions, limit=3)
    assert first == cloud_of(*opinions, limit=3)
    assert [item["word"] for item in first] == ["apple", "mango", "zebra"]


def test_no_script_sorts_ahead_of_another_on_a_tie():
    opinions = [("공무원 교육", "ko"), ("обучение кадров", "ru"), ("apple mango", "en")]
    words = cloud([terms(text, language) for text, language in opinions], limit=3)
    assert [item["word"] for item in words] == ["공무원", "교육", "обучение"]


def test_a_cloud_of_one_opinion_shows_its_words_at_one_size():
    words = cloud_of("Digital records for every civil servant")
    assert {item["weight"] for item in words} == {3}


def test_the_most_common_form_of_a_word_is_shown():
    words = cloud_of("reformas urgentes", "las reformas", "una reforma")
    assert (words[0]["word"], words[0]["count"]) == ("reformas", 3)


def test_nothing_to_count_makes_an_empty_cloud():
    assert cloud([]) == []
    assert cloud([[], []]) == []
    assert terms("👍 123 !!!", "en") == []
    assert terms("", "ko") == []


def test_terms_survive_a_json_round_trip_and_bad_stored_values():
    import json

    stored = json.loads(json.dumps(terms("공무원 채용 reform", "ko")))
    assert counts(cloud([stored, [["x"], None, 5], None])) == {"공무원": 1, "채용": 1, "reform": 1}


def test_every_site_language_has_a_stop_word_list(settings):
    for code, _name in settings.LANGUAGES:
        assert len(stopwords(code)) > 20


def test_broken_or_odd_text_gives_words_not_errors():
    assert words_of("\ud800 공무원\x00 채용 " + "a" * 500, "ko") == ["공무원", "채용"]
