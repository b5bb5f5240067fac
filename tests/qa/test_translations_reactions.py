"""Cross-language Q&A (detected languages, translations by moderators and interpreters) and
the reactions staff allow per room."""

import pytest

from qa import opinions, services
from qa.models import Event, Question, Reaction
from tests.qa.helpers import adb, connected, join, session_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, language",
    [
        ("¿Cuánto tiempo tomó migrar el sistema de nómina a la nube?", "es"),
        ("Как проходило обучение чиновников в регионах со слабым интернетом?", "ru"),
        ("전자인사관리시스템을 도입하는 데 얼마나 걸렸습니까?", "ko"),
        ("How did you train officials in regions with a weak connection?", "en"),
    ],
)
def test_a_question_gets_the_language_it_is_written_in(room, text, language):
    # Asked from the English page whatever it is written in.
    question = services.ask_question(room.pk, join(room).pk, text, language="en")
    assert question.language == language


def published_question(room, text="¿Se puede ver la presentación de nuevo?"):
    question = services.ask_question(room.pk, join(room).pk, text, language="es")
    Question.objects.filter(pk=question.pk).update(status="published")
    question.refresh_from_db()
    return question


def test_moderators_attach_translations_everyone_receives(room, moderator):
    question = published_question(room)
    services.translate_question(
        room.pk, moderator, question.pk, "ko", "발표 자료를 다시 볼 수 있습니까?"
    )
    event = Event.objects.filter(type="question.updated").last()
    assert event.audience == "everyone"
    assert event.payload["question"]["translations"] == {"ko": "발표 자료를 다시 볼 수 있습니까?"}
    assert event.payload["question"]["text"] == "¿Se puede ver la presentación de nuevo?"
    services.translate_question(room.pk, moderator, question.pk, "ko", "")
    question.refresh_from_db()
    assert question.translations == {}


@pytest.mark.parametrize(
    "language, text, code",
    [
        ("es", "Misma lengua", "invalid_language"),
        ("fr", "Non", "invalid_language"),
        ("ko", "가" * 501, "invalid_text"),
    ],
)
def test_bad_translations_are_refused(room, moderator, language, text, code):
    question = published_question(room)
    with pytest.raises(services.QAError) as refused:
        services.translate_question(room.pk, moderator, question.pk, language, text)
    assert refused.value.code == code


def test_interpreters_translate_but_do_not_moderate(room, django_user_model):
    interpreter = django_user_model.objects.create_user("interp", password="pw-int-2026")
    room.interpreters.add(interpreter)
    room.opinions_moderated = False
    room.save()
    question = published_question(room)
    services.translate_question(
        room.pk, interpreter, question.pk, "en", "Can the slides be seen again?"
    )
    prompt = opinions.open_prompt(room.pk, _moderator(django_user_model, room), "Adopt first?")
    opinion = opinions.post_opinion(
        room.pk, join(room, name="Oleg").pk, prompt.pk, "Сначала электронный кадровый учёт"
    )
    assert opinion.language == "ru"
    opinions.translate_opinion(
        room.pk, interpreter, opinion.pk, "en", "Electronic HR records first"
    )
    with pytest.raises(services.QAError) as refused:
        services.moderate(room.pk, interpreter, question.pk, "archive")
    assert refused.value.code == "forbidden"
    outsider = django_user_model.objects.create_user("outsider", password="pw-out-2026")
    with pytest.raises(services.QAError):
        services.translate_question(room.pk, outsider, question.pk, "ko", "번역")


def _moderator(django_user_model, room):
    user = django_user_model.objects.create_user("mod2", password="pw-mod2-2026")
    room.moderators.add(user)
    return user


def test_no_reactions_unless_staff_allow_them(room):
    question = published_question(room)
    ana = join(room, name="Ana")
    with pytest.raises(services.QAError) as refused:
        services.react(room.pk, ana.pk, question.pk, "thanks")
    assert refused.value.code == "reaction_not_allowed"
    services.update_room(room.pk, _moderator_user(room), reactions=["thanks", "plus_one"])
    services.react(room.pk, ana.pk, question.pk, "thanks")
    services.react(room.pk, ana.pk, question.pk, "thanks")  # once per person and kind
    services.react(room.pk, join(room, name="Bo").pk, question.pk, "thanks")
    question.refresh_from_db()
    assert question.reaction_counts == {"thanks": 2}
    assert Reaction.objects.count() == 2
    with pytest.raises(services.QAError):
        services.react(room.pk, ana.pk, question.pk, "clap")
    services.unreact(room.pk, ana.pk, question.pk, "thanks")
    question.refresh_from_db()
    assert question.reaction_counts == {"thanks": 1}
    assert Event.objects.filter(type="question.reactions").last().payload["reactions"] == {
        "thanks": 1
    }
    assert services.room_state(room, ana.pk, False)["reacted"] == []


def _moderator_user(room):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("roomstaff", password="pw-staff-2026")
    room.moderators.add(user)
    return user


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_translations_and_reactions_over_the_socket(room, moderator):
    await adb(services.update_room)(room.pk, moderator, reactions=["plus_one"])
    question = await adb(published_question)(room)
    korean = await adb(join)(room, name="Kim")
    async with (
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
        connected(room.code, await adb(session_for)(room, korean), lang="ko") as reading,
    ):
        assert reading.welcome["room"]["reactions"] == ["plus_one"]
        assert reading.welcome["translator"] is False
        assert moderating.welcome["translator"] is True
        ack = await moderating.request(
            type="question.translate",
            question=question.pk,
            language="ko",
            text="발표 자료를 다시 볼 수 있습니까?",
        )
        assert ack["type"] == "ack"
        updated = await reading.receive_until(lambda f: f["type"] == "question.updated")
        assert updated["question"]["language"] == "es"
        assert updated["question"]["translations"]["ko"] == "발표 자료를 다시 볼 수 있습니까?"
        refused = await reading.request(
            type="question.translate", question=question.pk, language="en", text="Hi"
        )
        assert refused["code"] == "forbidden"
        reacted = await reading.request(
            type="question.react", question=question.pk, kind="plus_one"
        )
        assert reacted["reactions"] == {"plus_one": 1}
        seen = await moderating.receive_until(lambda f: f["type"] == "question.reactions")
        assert seen["reactions"] == {"plus_one": 1}
        not_allowed = await reading.request(
            type="question.react", question=question.pk, kind="clap"
        )
        assert not_allowed["code"] == "reaction_not_allowed"
