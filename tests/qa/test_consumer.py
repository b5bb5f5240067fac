import json

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from portal.asgi import application
from qa.fanout import get_hub
from qa.models import Event, Question, Room, Vote
from qa.services import prune_events
from tests.qa.helpers import HOST, ORIGIN, adb, connected, join, make_room, session_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_welcome_carries_the_room_state(room):
    asker = await adb(join)(room)
    await adb(Question.objects.create)(
        room=room, author=asker, text="Published one", status="published"
    )
    async with connected(room.code, await adb(session_for)(room, asker)) as client:
        welcome = client.welcome
    assert welcome["type"] == "welcome"
    assert welcome["room"]["code"] == "DEMO"
    assert welcome["room"]["moderated"] is True
    assert [q["text"] for q in welcome["questions"]] == ["Published one"]
    assert welcome["me"] == asker.pk
    assert welcome["moderator"] is False
    assert isinstance(welcome["seq"], int)


async def test_question_waits_for_moderation_then_reaches_everyone(room, moderator):
    asker, watcher = await adb(join)(room), await adb(join)(room, name="Bolat")
    async with (
        connected(room.code, await adb(session_for)(room, asker), lang="ko") as asking,
        connected(room.code, await adb(session_for)(room, watcher)) as watching,
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
    ):
        ack = await asking.request(
            type="question.ask", text="전자인사 도입 비용은?", anonymous=False
        )
        assert ack["type"] == "ack"
        assert ack["status"] == "pending"
        mine = await asking.receive_until(lambda f: f["type"] == "question.submitted")
        assert mine["question"]["text"] == "전자인사 도입 비용은?"
        queued = await moderating.receive_until(lambda f: f["type"] == "question.submitted")
        assert queued["question"]["id"] == ack["question"]
        # The approval is the barrier: the watcher's first frame since is what it publishes.
        approving = moderating.request(
            type="question.moderate", question=ack["question"], action="approve"
        )
        assert await watching.nothing_more(approving)
        assert watching.barrier_result["status"] == "published"
        for client in (asking, watching, moderating):
            if client is watching:
                published = watching.barrier
            else:
                published = await client.receive_until(lambda f: f["type"] == "question.published")
            assert published["question"]["text"] == "전자인사 도입 비용은?"
            assert published["question"]["author"] == "Ana Pérez"
            assert published["seq"] > queued["seq"]


async def test_edit_and_approve_publishes_the_edited_text(room, moderator):
    asker = await adb(join)(room)
    async with (
        connected(room.code, await adb(session_for)(room, asker)) as asking,
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
    ):
        ack = await asking.request(
            type="question.ask", text="how much cost esaram??", anonymous=True
        )
        await moderating.request(
            type="question.moderate",
            question=ack["question"],
            action="approve",
            text="How much did e-Saram cost to build?",
        )
        published = await asking.receive_until(lambda f: f["type"] == "question.published")
    assert published["question"]["text"] == "How much did e-Saram cost to build?"
    assert published["question"]["author"] == ""


async def test_a_person_votes_once_and_may_take_it_back(room):
    room.moderated = False
    await adb(room.save)()
    voter = await adb(join)(room)
    async with connected(room.code, await adb(session_for)(room, voter)) as client:
        ack = await client.request(
            type="question.ask", text="Open recruitment results?", anonymous=False
        )
        first = await client.request(type="question.vote", question=ack["question"])
        second = await client.request(type="question.vote", question=ack["question"])
        assert (first["changed"], first["votes"]) == (True, 1)
        assert (second["changed"], second["votes"]) == (False, 1)
        tally = await client.receive_until(lambda f: f["type"] == "question.votes")
        assert tally["votes"] == 1
        taken_back = await client.request(type="question.unvote", question=ack["question"])
        assert (taken_back["changed"], taken_back["votes"]) == (True, 0)
    assert await adb(Vote.objects.count)() == 0


async def test_moderator_actions_reach_participants(room, moderator):
    room.moderated = False
    await adb(room.save)()
    asker = await adb(join)(room)
    async with (
        connected(room.code, await adb(session_for)(room, asker)) as asking,
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
    ):
        ack = await asking.request(
            type="question.ask", text="Specialized officials?", anonymous=False
        )
        for action, field in [
            ("answer", "answered"),
            ("pin", "pinned"),
            ("highlight", "highlighted"),
        ]:
            await moderating.request(
                type="question.moderate", question=ack["question"], action=action
            )
            update = await asking.receive_until(lambda f: f["type"] == "question.updated")
            assert update["question"][field] is True
        await moderating.request(
            type="question.moderate", question=ack["question"], action="archive"
        )
        removed = await asking.receive_until(lambda f: f["type"] == "question.removed")
        assert removed["question"] == ack["question"]


async def test_closing_the_room_stops_questions(room, moderator):
    asker = await adb(join)(room)
    async with (
        connected(room.code, await adb(session_for)(room, asker)) as asking,
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
    ):
        closed = await moderating.request(type="room.close")
        assert closed["open"] is False
        update = await asking.receive_until(lambda f: f["type"] == "room.updated")
        assert update["room"]["open"] is False
        refused = await asking.request(type="question.ask", text="Still there?", anonymous=False)
        assert refused["type"] == "error"
        assert refused["code"] == "room_closed"
        reopened = await moderating.request(type="room.open")
        assert reopened["open"] is True
        ack = await asking.request(type="question.ask", text="Still there?", anonymous=False)
        assert ack["type"] == "ack"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("x" * 70_000, "too_large"),
        ("{not json", "invalid_json"),
        ("[1, 2]", "invalid_frame"),
        ('{"no": "type"}', "invalid_frame"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "question.ask", "text": 5, "anonymous": false}', "invalid_frame"),
        ('{"type": "question.vote", "question": "1"}', "invalid_frame"),
        ('{"type": "question.vote", "question": 999999}', "unknown_question"),
        ('{"type": "resume", "after": 1}', "resume_on_connect"),
        ('{"type": "question.ask", "text": "   ", "anonymous": false}', "invalid_text"),
        (
            '{"type": "question.ask", "text": "' + "q" * 501 + '", "anonymous": false}',
            "invalid_text",
        ),
        ('{"type": "question.moderate", "question": 1, "action": "approve"}', "forbidden"),
        ('{"type": "room.close"}', "forbidden"),
        ('{"type": "ping", "ref": "\\ud800"}', "invalid_frame"),
        ('{"type": "question.moderate", "question": 1, "action": "a\\u0000"}', "invalid_frame"),
        ('{"type": "ping\\udc00"}', "invalid_frame"),
        ("[" * 5000 + "]" * 5000, "invalid_json"),
        # Under the 64 KiB door: json's own recursion guard, not a server_error.
        ("[" * 60_000, "invalid_json"),
        ('{"type": "ping", "x": ' + "[" * 30_000 + "]" * 30_000 + "}", "invalid_json"),
    ],
)
async def test_bad_frames_get_an_error_frame_and_the_socket_keeps_working(room, frame, code):
    participant = await adb(join)(room)
    async with connected(room.code, await adb(session_for)(room, participant)) as client:
        await client.communicator.send_to(text_data=frame)
        error = await client.receive()
        assert error["type"] == "error"
        assert error["code"] == code
        assert error["message"]
        pong = await client.request(type="ping")
        assert pong["type"] == "pong"


async def test_binary_frames_are_refused(room):
    async with connected(room.code) as client:
        await client.communicator.send_to(bytes_data=b"\x00\x01")
        error = await client.receive()
        assert (error["type"], error["code"]) == ("error", "invalid_frame")


async def test_watchers_must_join_before_asking(room):
    async with connected(room.code) as client:
        assert client.welcome["me"] is None
        refused = await client.request(type="question.ask", text="Hello?", anonymous=True)
        assert refused["code"] == "join_required"


async def test_errors_speak_the_participants_language(room):
    async with connected(room.code, lang="es") as client:
        refused = await client.request(type="question.ask", text="¿Hola?", anonymous=True)
        assert refused["message"] == "Únase primero a la sala para participar."


@override_settings(QA_QUESTIONS_PER_MINUTE=3, QA_VOTES_PER_MINUTE=2)
async def test_rate_limits_refuse_floods_per_participant(room):
    room.moderated = False
    await adb(room.save)()
    flooder, other = await adb(join)(room), await adb(join)(room, name="Other")
    async with (
        connected(room.code, await adb(session_for)(room, flooder)) as flooding,
        connected(room.code, await adb(session_for)(room, other)) as calm,
    ):
        answers = [
            await flooding.request(type="question.ask", text=f"Question {n}", anonymous=False)
            for n in range(4)
        ]
        assert [a["type"] for a in answers] == ["ack", "ack", "ack", "error"]
        assert answers[-1]["code"] == "rate_limited"
        ack = await calm.request(type="question.ask", text="My first", anonymous=False)
        assert ack["type"] == "ack"
        votes = [
            await flooding.request(type="question.vote", question=a["question"])
            for a in answers[:3]
        ]
        assert [v["type"] for v in votes] == ["ack", "ack", "error"]
    assert await adb(Question.objects.filter(author=flooder).count)() == 3


async def test_a_moderator_of_one_room_cannot_act_on_another(room, moderator):
    other_room = await adb(make_room)(code="OTHER7", moderated=True)
    asker = await adb(join)(other_room)
    question = await adb(Question.objects.create)(room=other_room, author=asker, text="Mine")
    async with connected(other_room.code, await adb(session_for)(user=moderator)) as client:
        assert client.welcome["moderator"] is False
        refused = await client.request(
            type="question.moderate", question=question.pk, action="approve"
        )
        assert refused["code"] == "forbidden"
    async with connected(room.code, await adb(session_for)(user=moderator)) as client:
        refused = await client.request(
            type="question.moderate", question=question.pk, action="approve"
        )
        assert refused["code"] == "unknown_question"
    await adb(question.refresh_from_db)()
    assert question.status == "pending"


async def test_a_foreign_origin_is_refused(room):
    communicator = WebsocketCommunicator(
        application, f"/ws/qa/{room.code}/", headers=[(b"origin", b"http://evil.example"), HOST]
    )
    connected_ok, _ = await communicator.connect(timeout=5)
    assert connected_ok is False
    await communicator.disconnect()


async def first_frame_at(path):
    """Open a socket on any path and return it with the first frame the server sends."""
    communicator = WebsocketCommunicator(application, path, headers=[ORIGIN, HOST])
    connected_ok, _ = await communicator.connect(timeout=5)
    assert connected_ok
    return communicator, json.loads(await communicator.receive_from(timeout=5))


async def test_unknown_room_gets_an_error_then_closes(db):
    communicator, error = await first_frame_at("/ws/qa/NOSUCH/")
    assert error["code"] == "room_not_found"
    closed = await communicator.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4404}
    await communicator.disconnect()


async def test_reconnecting_with_after_replays_exactly_what_was_missed_in_order(room):
    room.moderated = False
    await adb(room.save)()
    asker = await adb(join)(room)
    session = await adb(session_for)(room, asker)
    async with connected(room.code, session) as client:
        await client.request(type="question.ask", text="Before the tunnel", anonymous=False)
        seen = (await client.receive_until(lambda f: f["type"] == "question.published"))["seq"]
    # Offline: others keep asking.
    other = await adb(join)(room, name="Other")
    async with connected(room.code, await adb(session_for)(room, other)) as client:
        for n in range(3):
            await client.request(type="question.ask", text=f"While away {n}", anonymous=False)
    async with connected(room.code, session, after=seen) as client:
        replayed = []
        while (frame := await client.receive())["type"] != "resumed":
            replayed.append(frame)
        assert [f["question"]["text"] for f in replayed] == [f"While away {n}" for n in range(3)]
        seqs = [f["seq"] for f in replayed]
        assert seqs == list(range(seen + 1, seen + 4))
        assert frame["seq"] == seqs[-1]
        # Live events follow the replay, never before it.
        await client.request(type="question.ask", text="Back again", anonymous=False)
        live = await client.receive_until(lambda f: f["type"] == "question.published")
        assert (live["seq"], live["question"]["text"]) == (seqs[-1] + 1, "Back again")


@pytest.mark.parametrize("distance", ["ahead", "pruned"])
async def test_a_resume_the_log_cannot_serve_gets_one_fresh_welcome(room, distance):
    room.moderated = False
    await adb(room.save)()
    asker = await adb(join)(room)
    session = await adb(session_for)(room, asker)
    async with connected(room.code, session) as client:
        for n in range(3):
            await client.request(type="question.ask", text=f"Kept {n}", anonymous=False)
    after = 99 if distance == "ahead" else 0
    if distance == "pruned":
        await adb(prune_events)(keep=1)
    async with connected(room.code, session, after=after) as client:
        welcome = await client.receive()
        assert welcome["type"] == "welcome"
        assert [q["text"] for q in welcome["questions"]] == [f"Kept {n}" for n in range(3)]
        await client.request(type="ping")
        assert not client.unread  # no replay and no `resumed` besides the welcome


async def test_the_old_resume_frame_is_refused_and_the_socket_keeps_working(room):
    async with connected(room.code) as client:
        error = await client.request(type="resume", after=0)
        assert (error["type"], error["code"]) == ("error", "resume_on_connect")
        assert (await client.request(type="ping"))["type"] == "pong"


async def test_events_reach_clients_when_the_channel_layer_fails(room, monkeypatch, settings):
    settings.QA_HUB_CHECK_SECONDS = 0.1
    room.moderated = False
    await adb(room.save)()
    asker = await adb(join)(room)
    session = await adb(session_for)(room, asker)
    layer = get_channel_layer()

    async def broken_group_send(group, message):
        raise ConnectionError("channel layer is down")

    async with connected(room.code, session) as client, connected(room.code) as watcher:
        monkeypatch.setattr(layer, "group_send", broken_group_send)
        ack = await client.request(type="question.ask", text="Lost doorbell?", anonymous=False)
        assert ack["type"] == "ack"
        # The hub's check reads what the doorbell never announced from the database.
        for socket in (client, watcher):
            seen = await socket.receive_until(lambda f: f["type"] == "question.published")
            assert seen["question"]["text"] == "Lost doorbell?"
    assert await adb(Event.objects.filter(room=room, type="question.published").count)() == 1


async def test_the_hub_hands_out_events_in_order_once_whatever_the_layer_does(room, monkeypatch):
    room.moderated = False
    await adb(room.save)()
    asker = await adb(join)(room)
    layer = get_channel_layer()
    doorbells = []

    async def held_group_send(group, message):
        doorbells.append(message)

    async with connected(room.code, await adb(session_for)(room, asker)) as client:
        monkeypatch.setattr(layer, "group_send", held_group_send)
        for n in range(3):
            await client.request(type="question.ask", text=f"Order {n}", anonymous=False)
        first, second, third = doorbells
        hub = get_hub()
        # Another process's doorbell overtakes: 3 before 1 and 2, then 2 and 3 again.
        for message in (third, second, first, third):
            await hub.dispatch(message)
        frames = [await client.receive_until(lambda f: "seq" in f) for _ in range(3)]
        assert [f["question"]["text"] for f in frames] == ["Order 0", "Order 1", "Order 2"]
        assert [f["seq"] for f in frames] == [first["seq"], second["seq"], third["seq"]]
        assert (await client.request(type="ping"))["type"] == "pong"
        assert not client.unread  # nothing delivered twice


async def test_a_socket_on_an_unknown_path_gets_an_error_frame(db):
    communicator, error = await first_frame_at("/ws/nothing-here/")
    assert (error["type"], error["code"]) == ("error", "not_found")
    await communicator.disconnect()


async def test_a_room_closed_in_the_admin_is_closed_for_everyone_connected(room, admin_user):
    from django.test import Client

    staff = Client()
    await adb(staff.force_login)(admin_user)
    async with connected(room.code) as watcher:
        response = await adb(staff.post)(
            f"/admin/snippets/qa/room/edit/{room.pk}/",
            {"title_en": "Renamed in the admin", "code": room.code, "moderated": "on"},
        )
        assert response.status_code == 302
        update = await watcher.receive_until(lambda f: f["type"] == "room.updated")
    assert update["room"]["open"] is False
    assert update["room"]["title"] == "Renamed in the admin"
    assert await adb(Event.objects.filter(room=room, type="room.updated").count)() == 1
    saved = await adb(Room.objects.get)(pk=room.pk)
    assert (saved.is_open, saved.title) == (False, "Renamed in the admin")


async def test_a_resume_that_fails_closes_the_socket_and_leaves_the_hub(room, monkeypatch):
    from qa import services

    def failing_read(*args):
        raise ConnectionError("database went away")

    monkeypatch.setattr(services, "events_after", failing_read)
    communicator = WebsocketCommunicator(
        application, f"/ws/qa/{room.code}/?after=1", headers=[ORIGIN, HOST]
    )
    await communicator.connect(timeout=5)
    error = json.loads(await communicator.receive_from(timeout=5))
    assert (error["type"], error["code"]) == ("error", "server_error")
    closed = await communicator.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 1011}  # the client reconnects
    await communicator.disconnect()
    assert room.pk not in get_hub().rooms  # no deaf socket kept, no backlog growing
