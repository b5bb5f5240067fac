"""A question or an opinion keeps the language it was written in, not the page's."""

import threading

import pytest

from qa.language import detect, language_name

QUESTIONS = {
    "en": [
        "How long does it take to roll out e-Saram to a ministry of two thousand staff?",
        "Who decides promotions?",
        "Does the performance appraisal system let employees see their own ratings before the "
        "committee meets, and can they appeal?",
        "How do you keep personnel records accurate when staff move between agencies?",
    ],
    "ko": [
        "e-Saram 시스템을 다른 부처에 도입하는 데 얼마나 걸렸나요?",
        "승진 심사는 누가 하나요?",
        "공무원 성과평가 결과를 본인이 미리 확인하고 이의를 제기할 수 있습니까?",
        "인사혁신처는 채용 절차를 어떻게 관리하나요?",
    ],
    "es": [
        "¿Cuánto tiempo tomó implementar e-Saram en todos los ministerios?",
        "¿Quién decide los ascensos?",
        "¿Los funcionarios pueden consultar su evaluación de desempeño antes de que se reúna "
        "el comité y presentar una reclamación?",
        "¿Cómo mantienen actualizados los expedientes del personal cuando cambian de entidad?",
    ],
    "ru": [
        "Сколько времени заняло внедрение e-Saram во всех министерствах?",
        "Кто принимает решения о повышении?",
        "Могут ли государственные служащие заранее увидеть оценку своей работы и обжаловать её?",
        "Как вы обеспечиваете точность кадровых данных при переводе сотрудников?",
    ],
}


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, text) for language, texts in QUESTIONS.items() for text in texts],
)
def test_questions_are_recognised_whatever_page_they_came_from(language, text):
    for page_language in ("en", "ko", "es", "ru"):
        assert detect(text, fallback=page_language) == language


@pytest.mark.parametrize("text", ["no", "idea", "control", "internet", "?!", ""])
def test_text_too_short_to_tell_keeps_the_page_language(text):
    assert detect(text, fallback="ko") == "ko"
    assert detect(text, fallback="es") == "es"


@pytest.mark.parametrize("text", ["12345", "👍👍", "😀 2026!", "   ", "---", "1 + 1 = 2 ✅"])
def test_numbers_and_emoji_only_keep_the_page_language(text):
    assert detect(text, fallback="ru") == "ru"


def test_an_unknown_or_missing_fallback_means_the_site_default():
    assert detect("👍", fallback="fr") == "en"
    assert detect("👍") == "en"
    assert detect("OK", fallback=None) == "en"


def test_short_clear_words_are_recognised():
    assert detect("Gracias", fallback="en") == "es"
    assert detect("Спасибо", fallback="en") == "ru"
    assert detect("감사합니다", fallback="en") == "ko"
    assert detect("Thanks!", fallback="es") == "en"


def test_a_korean_sentence_quoting_latin_words_is_korean():
    assert detect("HR 담당자가 e-Saram 교육을 받나요?", fallback="en") == "ko"


def test_detection_is_safe_from_many_threads_at_once():
    texts = [(language, text) for language, items in QUESTIONS.items() for text in items]
    failures = []

    def read_all():
        for language, text in texts:
            if detect(text) != language:
                failures.append(text)

    threads = [threading.Thread(target=read_all) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_languages_are_named_in_themselves():
    assert [language_name(code) for code in ("en", "ko", "es", "ru")] == [
        "English",
        "한국어",
        "Español",
        "Русский",
    ]


def test_languages_can_be_named_in_another_language():
    assert language_name("ko", in_language="en") == "Korean"
    assert language_name("ru", in_language="es") == "Ruso"


def test_broken_or_huge_text_is_still_read():
    assert detect("\ud800 ¿Cómo se evalúa a los funcionarios públicos?", fallback="en") == "es"
    assert detect("Как проходит аттестация служащих? " * 500, fallback="en") == "ru"
