"""The opinion board: a prompt, short opinions pre-moderated or not, the word cloud."""

import pytest

from qa import opinions, services
from qa.models import OPINION_MAX_LENGTH, Event, Opinion
from tests.qa.helpers import adb, connected, join, session_for

pytestmark = pytest.mark.django_db


def open_prompt(room, moderator):
    return opinions.open_prompt(
        room.pk,
        moderator,
        {
            "en": "What would you adopt first in your country?",
            "ko": "귀국에서 무엇을 먼저 도입하시겠습니까?",
        },
    )


def test_opinions_wait_for_a_moderator_then_feed_the_cloud(room, moderator):
    prompt = open_prompt(room, moderator)
    ana = join(room)
    opinion = opinions.post_opinion(
        room.pk, ana.pk, prompt.pk, "El registro electrónico de recursos humanos primero", "es"
    )
    assert opinion.status == "pending"
    assert opinion.language == "es"
    submitted = Event.objects.get(type="opinion.submitted")
    assert submitted.audience == "moderators"
    assert submitted.participant_id == ana.pk
    assert services.room_state(room, None, False)["opinions"] == []
    opinions.moderate_opinion(room.pk, moderator, opinion.pk, "approve")
    published = Event.objects.get(type="opinion.published")
    assert published.audience == "everyone"
    words = [w["word"] for w in published.payload["cloud"]["words"]]
    assert "registro" in words
    assert "de" not in words  # a stop-word never makes the cloud
    state = services.room_state(room, None, False)
    assert [o["text"] for o in state["opinions"]] == [opinion.text]
    assert state["prompts"][0]["text"]["ko"] == "귀국에서 무엇을 먼저 도입하시겠습니까?"


def test_a_room_without_pre_moderation_publishes_at_once(room, moderator):
    room.opinions_moderated = False
    room.save()
    prompt = open_prompt(room, moderator)
    opinion = opinions.post_opinion(
        room.pk, join(room).pk, prompt.pk, "공무원 교육 플랫폼을 먼저 도입하고 싶습니다", "ko"
    )
    assert opinion.status == "published"
    assert opinion.language == "ko"
    cloud = Event.objects.get(type="opinion.published").payload["cloud"]
    assert "공무원" in [w["word"] for w in cloud["words"]]


@pytest.mark.parametrize("text", ["", "   ", "x" * (OPINION_MAX_LENGTH + 1)])
def test_empty_or_long_opinions_are_refused(room, moderator, text):
    prompt = open_prompt(room, moderator)
    with pytest.raises(services.QAError) as refused:
        opinions.post_opinion(room.pk, join(room).pk, prompt.pk, text)
    assert refused.value.code == "invalid_text"
    assert not Opinion.objects.exists()


def test_opening_a_prompt_closes_the_previous_one_and_closed_prompts_take_nothing(room, moderator):
    first = open_prompt(room, moderator)
    second = opinions.open_prompt(room.pk, moderator, "And what would you avoid?")
    first.refresh_from_db()
    assert (first.is_open, second.is_open) == (False, True)
    with pytest.raises(services.QAError) as refused:
        opinions.post_opinion(room.pk, join(room).pk, first.pk, "Too late")
    assert refused.value.code == "prompt_closed"


def test_rejecting_a_published_opinion_takes_it_out_of_the_cloud(room, moderator):
    room.opinions_moderated = False
    room.save()
    prompt = open_prompt(room, moderator)
    opinion = opinions.post_opinion(room.pk, join(room).pk, prompt.pk, "Payroll automation first")
    opinions.moderate_opinion(room.pk, moderator, opinion.pk, "reject")
    removed = Event.objects.get(type="opinion.removed")
    assert removed.audience == "everyone"
    assert removed.payload["cloud"]["words"] == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_board_over_the_socket(room, moderator):
    ana, bolat = await adb(join)(room), await adb(join)(room, name="Bolat")
    async with (
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
        connected(room.code, await adb(session_for)(room, ana), lang="es") as posting,
        connected(room.code, await adb(session_for)(room, bolat)) as watching,
    ):
        ack = await moderating.request(
            type="opinion.open", text={"en": "What first?", "es": "¿Qué primero?"}
        )
        prompt = ack["prompt"]
        shown = await watching.receive_until(lambda f: f["type"] == "opinion.prompt")
        assert shown["prompt"] == {
            "id": prompt,
            "text": {"en": "What first?", "es": "¿Qué primero?"},
            "open": True,
        }
        posted = await posting.request(
            type="opinion.post", prompt=prompt, text="La evaluación del desempeño en línea"
        )
        assert posted["status"] == "pending"
        own = await posting.receive_until(lambda f: f["type"] == "opinion.submitted")
        assert own["opinion"]["language"] == "es"
        pending = await moderating.receive_until(lambda f: f["type"] == "opinion.submitted")
        await moderating.request(
            type="opinion.moderate", opinion=pending["opinion"]["id"], action="approve"
        )
        published = await watching.receive_until(lambda f: f["type"] == "opinion.published")
        assert published["opinion"]["text"] == "La evaluación del desempeño en línea"
        assert published["cloud"]["words"]
        forbidden = await watching.request(
            type="opinion.moderate", opinion=pending["opinion"]["id"], action="reject"
        )
        assert forbidden["code"] == "forbidden"
        too_long = await watching.request(type="opinion.post", prompt=prompt, text="x" * 281)
        assert too_long["code"] == "invalid_text"
