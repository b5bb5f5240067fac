"""A moderator's open socket or stream keeps no rights its account or session no longer has.

Logout, deactivation and removal from the room's moderators each end the moderator's view
at once (close 4000: start over), refuse moderator actions, and a resume with the same
session replays no moderator-only event.
"""

import json

import pytest
from django.contrib.auth import logout
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from qa import rights
from qa.fanout import get_hub
from qa.models import Question
from tests.qa.helpers import adb, connected, join, session_for
from tests.qa.test_sse import streaming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

START_OVER = 4000


def log_out(user, session_key):
    """What the admin's logout view does: Django's logout() on the request's session."""
    request = RequestFactory().post("/admin/logout/")
    request.session = SessionStore(session_key)
    request.user = user
    logout(request)


def deactivate(user, session_key):
    user.is_active = False
    user.save()


def remove_from_room(user, session_key, room):
    room.moderators.remove(user)


CHANGES = {
    "logout": lambda user, key, room: log_out(user, key),
    "deactivation": lambda user, key, room: deactivate(user, key),
    "removal": lambda user, key, room: remove_from_room(user, key, room),
}


async def closed_with(client):
    """The close code the server ends this socket with (frames before it are kept)."""
    while True:
        output = await client.communicator.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            return output.get("code")
        client.unread.append(json.loads(output["text"]))


@pytest.mark.parametrize("change", CHANGES)
async def test_a_moderator_socket_starts_over_when_its_rights_go(room, moderator, change):
    asker = await adb(join)(room)
    key = await adb(session_for)(user=moderator)
    async with (
        connected(room.code, key) as moderating,
        connected(room.code, await adb(session_for)(room, asker)) as asking,
    ):
        assert moderating.welcome["moderator"] is True
        seen = moderating.welcome["seq"]
        await adb(CHANGES[change])(moderator, key, room)
        assert await closed_with(moderating) == START_OVER
        # Asked after the change: only moderators (and its author) may see it.
        ack = await asking.request(type="question.ask", text="Pending after", anonymous=False)
        assert ack["status"] == "pending"
        assert not [f for f in moderating.unread if f.get("type") == "question.submitted"]
    # Resuming with the same session replays nothing for moderators.
    async with connected(room.code, key, after=seen) as back:
        replay = []
        while (frame := await back.receive())["type"] != "resumed":
            replay.append(frame)
        assert replay == []
        refused = await back.request(
            type="question.moderate", question=ack["question"], action="approve"
        )
        assert refused["code"] == "forbidden"
    async with connected(room.code, key) as fresh:
        assert fresh.welcome["moderator"] is False
        assert "pending" not in fresh.welcome
    question = await adb(Question.objects.get)(pk=ack["question"])
    assert question.status == "pending"


@pytest.mark.parametrize("change", CHANGES)
async def test_actions_are_refused_even_when_the_announcement_is_lost(
    room, moderator, change, monkeypatch, settings
):
    settings.QA_HUB_CHECK_SECONDS = 3600  # neither the doorbell nor the check helps here
    monkeypatch.setattr(rights, "announce_rights_change", lambda **kwargs: None)
    asker = await adb(join)(room)
    question = await adb(Question.objects.create)(room=room, author=asker, text="Waiting")
    key = await adb(session_for)(user=moderator)
    async with connected(room.code, key) as moderating:
        await adb(CHANGES[change])(moderator, key, room)
        closing = await moderating.request(type="room.close")
        assert (closing["type"], closing["code"]) == ("error", "forbidden")
        # The refusal also tells the socket: it starts over as who it is now.
        assert await closed_with(moderating) == START_OVER
    await adb(room.refresh_from_db)()
    assert room.is_open is True
    await adb(question.refresh_from_db)()
    assert question.status == "pending"


async def test_the_hubs_check_catches_a_lost_announcement(room, moderator, monkeypatch, settings):
    settings.QA_HUB_CHECK_SECONDS = 0.1
    monkeypatch.setattr(rights, "announce_rights_change", lambda **kwargs: None)
    key = await adb(session_for)(user=moderator)
    async with connected(room.code, key) as moderating:
        await adb(deactivate)(moderator, key)
        assert await closed_with(moderating) == START_OVER


async def test_other_moderators_keep_their_rights(room, moderator, django_user_model):
    colleague = await adb(django_user_model.objects.create_user)("colleague", password="pw-2026")
    await adb(room.moderators.add)(colleague)
    asker = await adb(join)(room)
    key = await adb(session_for)(user=moderator)
    async with (
        connected(room.code, key) as leaving,
        connected(room.code, await adb(session_for)(user=colleague)) as staying,
        connected(room.code, await adb(session_for)(room, asker)) as asking,
    ):
        await adb(remove_from_room)(moderator, key, room)
        assert await closed_with(leaving) == START_OVER
        ack = await asking.request(type="question.ask", text="Still moderated?", anonymous=False)
        queued = await staying.receive_until(lambda f: f["type"] == "question.submitted")
        assert queued["question"]["id"] == ack["question"]
        approved = await staying.request(
            type="question.moderate", question=ack["question"], action="approve"
        )
        assert approved["status"] == "published"


async def test_a_moderator_event_stream_starts_over_when_its_rights_go(room, moderator):
    key = await adb(session_for)(user=moderator)
    before = sum(len(members) for members in get_hub().rooms.values())
    async with streaming(room.code, key) as stream:
        _id, welcome = await stream.frame()
        assert welcome["moderator"] is True
        await adb(deactivate)(moderator, key)
        # The transport's "start over": an empty id, then the end of the response.
        messages = []
        while not stream.ended or stream.messages:
            messages.append(await stream.message())
        assert messages[-1] == {"id": ""}
        assert not [m for m in messages if "pending" in m.get("data", "")]
    assert sum(len(members) for members in get_hub().rooms.values()) == before
