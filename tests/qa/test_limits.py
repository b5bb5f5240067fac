"""One client cannot pose as many people, flood a socket, or hold the room's resources.

Per client address (as portal.clients reads it), across every identity it joins as:
questions and votes per minute, open sockets and event streams per process; per socket:
frames per second and per minute. Another address is never held back by them.
"""

import json

import pytest
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from portal.asgi import application
from qa import protocol
from qa.fanout import get_hub
from qa.models import Question
from qa.ratelimit import FrameBudget
from tests.qa.helpers import HOST, ORIGIN, adb, connected, join, make_room, session_for
from tests.qa.test_sse import streaming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

OFFICE = "203.0.113.7"  # one client address, many identities
ELSEWHERE = "198.51.100.2"
TOO_MANY = 4029


def hub_streams():
    return sum(len(members) for members in get_hub().rooms.values())


async def open_room():
    return await adb(make_room)(code="LIMITS", moderated=False)


@override_settings(QA_CLIENT_QUESTIONS_PER_MINUTE=3, QA_QUESTIONS_PER_MINUTE=5)
async def test_questions_per_client_address_across_identities():
    room = await open_room()
    people = [await adb(join)(room, name=f"Person {n}") for n in range(5)]
    answers = []
    for person in people[:4]:
        async with connected(room.code, await adb(session_for)(room, person), client=OFFICE) as c:
            answers.append(await c.request(type="question.ask", text="Mine?", anonymous=False))
    assert [a["type"] for a in answers] == ["ack", "ack", "ack", "error"]
    assert answers[-1]["code"] == "rate_limited"
    async with connected(room.code, await adb(session_for)(room, people[4]), client=ELSEWHERE) as c:
        assert (await c.request(type="question.ask", text="Mine?", anonymous=False))[
            "type"
        ] == "ack"
    assert await adb(Question.objects.count)() == 4


@override_settings(QA_CLIENT_VOTES_PER_MINUTE=2)
async def test_votes_per_client_address_across_identities():
    room = await open_room()
    author = await adb(join)(room, name="Author")
    question = await adb(Question.objects.create)(
        room=room, author=author, text="Vote on me", status="published"
    )
    voters = [await adb(join)(room, name=f"Voter {n}") for n in range(4)]
    answers = []
    for voter in voters[:3]:
        async with connected(room.code, await adb(session_for)(room, voter), client=OFFICE) as c:
            answers.append(await c.request(type="question.vote", question=question.pk))
    assert [a["type"] for a in answers] == ["ack", "ack", "error"]
    assert answers[-1]["code"] == "rate_limited"
    async with connected(room.code, await adb(session_for)(room, voters[3]), client=ELSEWHERE) as c:
        assert (await c.request(type="question.vote", question=question.pk))["votes"] == 3
    await adb(question.refresh_from_db)()
    assert question.vote_count == 3


async def open_raw(code, client):
    communicator = WebsocketCommunicator(application, f"/ws/qa/{code}/", headers=[ORIGIN, HOST])
    communicator.scope["client"] = (client, 50000)
    connected_ok, _ = await communicator.connect(timeout=5)
    assert connected_ok
    return communicator


@override_settings(QA_STREAMS_PER_CLIENT=2)
async def test_sockets_over_the_clients_allowance_are_refused_with_4029():
    room = await open_room()
    before = hub_streams()
    async with connected(room.code, client=OFFICE), connected(room.code, client=OFFICE):
        third = await open_raw(room.code, OFFICE)
        refusal = json.loads(await third.receive_from(timeout=5))
        assert (refusal["type"], refusal["code"]) == ("error", "rate_limited")
        assert await third.receive_output(timeout=5) == {
            "type": "websocket.close",
            "code": TOO_MANY,
        }
        await third.disconnect()
        async with connected(room.code, client=ELSEWHERE) as other:
            assert other.welcome["type"] == "welcome"
        async with streaming(room.code) as stream:
            assert stream.status == 200  # another address (the SSE helper's 127.0.0.1)
    # The two closed: the office may open sockets again.
    async with connected(room.code, client=OFFICE) as again:
        assert again.welcome["type"] == "welcome"
    assert hub_streams() == before


@override_settings(QA_STREAMS_PER_CLIENT=1)
async def test_event_streams_count_against_the_same_allowance():
    room = await open_room()
    # 127.0.0.1: the client address of the SSE helper's requests.
    async with connected(room.code, client="127.0.0.1"), streaming(room.code) as refused:
        assert refused.status == 429
        body, _more = await refused.read_body()
        frame = json.loads(body)
        assert (frame["type"], frame["code"]) == ("error", "rate_limited")


@override_settings(QA_FRAMES_PER_SECOND=1000, QA_FRAMES_PER_MINUTE=5)
async def test_a_socket_sending_too_many_frames_is_refused_and_the_room_goes_on():
    room = await open_room()
    asker = await adb(join)(room)
    async with (
        connected(room.code, client=OFFICE) as flooding,
        connected(room.code, await adb(session_for)(room, asker), client=ELSEWHERE) as asking,
    ):
        for _ in range(8):
            await flooding.send(type="ping")
        replies = [await flooding.receive() for _ in range(8)]
        assert [r["type"] for r in replies] == ["pong"] * 5 + ["error"] * 3
        assert {r["code"] for r in replies[5:]} == {"rate_limited"}
        # The flooder still receives the room's events; others are not held back.
        ack = await asking.request(type="question.ask", text="Still live?", anonymous=False)
        assert ack["type"] == "ack"
        seen = await flooding.receive_until(lambda f: f["type"] == "question.published")
        assert seen["question"]["id"] == ack["question"]


async def test_the_frame_budget_counts_per_second_and_per_minute():
    budget = FrameBudget(per_second=2, per_minute=3)
    assert [budget.take(now=100.0), budget.take(now=100.1), budget.take(now=100.2)] == [
        True,
        True,
        False,
    ]
    assert budget.take(now=101.5) is False  # a new second, but the minute's 3 are used
    assert budget.take(now=160.5) is True  # a new minute


async def test_a_consumer_that_fails_leaves_the_hub(monkeypatch):
    room = await open_room()
    before = hub_streams()

    async def broken_reply(*args, **kwargs):
        raise RuntimeError("a bug in a handler")

    monkeypatch.setattr(protocol, "reply", broken_reply)
    communicator = await open_raw(room.code, OFFICE)
    welcome = json.loads(await communicator.receive_from(timeout=5))
    assert welcome["type"] == "welcome"
    assert hub_streams() == before + 1
    await communicator.send_to(text_data='{"type": "ping"}')
    with pytest.raises(RuntimeError):
        await communicator.receive_output(timeout=5)
    assert hub_streams() == before
    monkeypatch.undo()
    # And its client address got its socket back.
    with override_settings(QA_STREAMS_PER_CLIENT=1):
        async with connected(room.code, client=OFFICE) as again:
            assert again.welcome["type"] == "welcome"


@pytest.mark.parametrize(
    "frame",
    [
        '{"type": "ping", "ref": "\\ud800"}',
        '{"type": "question.ask", "ref": "\\udfff", "text": "x", "anonymous": false}',
        '{"type": "ping\\ud800"}',
    ],
)
async def test_a_lone_surrogate_gets_an_error_frame_and_the_hub_keeps_no_dead_socket(frame):
    room = await open_room()
    before = hub_streams()
    async with connected(room.code, client=OFFICE) as client:
        await client.communicator.send_to(text_data=frame)
        error = await client.receive()
        assert (error["type"], error["code"], error["ref"]) == ("error", "invalid_frame", None)
        assert (await client.request(type="ping"))["type"] == "pong"
    assert hub_streams() == before


async def test_a_frame_over_a_mebibyte_gets_too_large():
    room = await open_room()
    async with connected(room.code) as client:
        await client.communicator.send_to(text_data='{"type":"ping","x":"' + "x" * 1_500_000 + '"}')
        error = await client.receive()
        assert (error["type"], error["code"]) == ("error", "too_large")
        assert (await client.request(type="ping"))["type"] == "pong"


async def test_text_is_cleaned_at_the_door():
    room = await open_room()
    asker = await adb(join)(room)
    async with connected(room.code, await adb(session_for)(room, asker)) as client:
        typed = "Pay\x00roll \u202ereversed\u202c\x07 in\r\nKorea?"
        ack = await client.request(type="question.ask", text=typed, anonymous=False)
        published = await client.receive_until(lambda f: f["type"] == "question.published")
    assert ack["type"] == "ack"
    assert published["question"]["text"] == "Payroll reversed in\nKorea?"
    stored = await adb(Question.objects.get)(pk=ack["question"])
    assert stored.text == published["question"]["text"]
