"""Connect real sessions to the Q&A consumer through the project's ASGI application."""

import json
from contextlib import asynccontextmanager

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from portal.asgi import application
from qa.models import Participant, Room
from qa.services import participant_session_key

ORIGIN = (b"origin", b"http://testserver")
# A browser sends the Host it reached; the Origin check compares scheme, host and port with it.
HOST = (b"host", b"testserver")
TIMEOUT = 5


def make_room(**fields):
    defaults = {"title": "Digital HRM webinar", "moderated": True, "allow_anonymous": True}
    return Room.objects.create(**{**defaults, **fields})


def session_for(room=None, participant=None, user=None):
    """A saved session as the room page or the admin login would leave it."""
    session = SessionStore()
    if participant is not None:
        session[participant_session_key(room.pk)] = participant.pk
    if user is not None:
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def join(room, name="Ana Pérez", organisation="ONSC", country="UY"):
    return Participant.objects.create(
        room=room, display_name=name, organisation=organisation, country=country
    )


class Client:
    """One socket with helpers that wait for the frames a user would see."""

    def __init__(self, communicator):
        self.communicator = communicator
        self.refs = 0
        self.unread = []  # frames passed over while waiting for another one

    async def send(self, **frame):
        await self.communicator.send_to(text_data=json.dumps(frame))

    async def request(self, **frame):
        self.refs += 1
        frame.setdefault("ref", f"t{self.refs}")
        await self.send(**frame)
        return await self.receive_until(lambda f: f.get("ref") == frame["ref"])

    async def receive(self):
        if self.unread:
            return self.unread.pop(0)
        return json.loads(await self.communicator.receive_from(timeout=TIMEOUT))

    async def receive_until(self, predicate):
        for index, frame in enumerate(self.unread):
            if predicate(frame):
                return self.unread.pop(index)
        while True:
            frame = json.loads(await self.communicator.receive_from(timeout=TIMEOUT))
            if predicate(frame):
                return frame
            self.unread.append(frame)

    async def nothing_more(self, barrier, barrier_type="question.published"):
        """True when nothing reached this socket before the public event `barrier` causes.

        `barrier` is an awaitable, run on another socket, that makes an event everyone sees.
        Events arrive in seq order, so anything meant for this socket before it would come
        first: no fixed wait can be too short. The barrier's result and the frame it caused
        here are kept in `self.barrier_result` and `self.barrier`.
        """
        if self.unread:
            return False
        self.barrier_result = await barrier
        self.barrier = await self.receive()
        return self.barrier["type"] == barrier_type


@asynccontextmanager
async def connected(
    room_code,
    session_key=None,
    origin=ORIGIN,
    lang="en",
    after=None,
    client=None,
    headers=(),
    expect_welcome=True,
):
    """A socket in the room; with `after` it resumes, so its first frames are the replay.

    `client` is the peer address the server sees (an address string), as Daphne reports it.
    """
    headers = [origin, HOST, *headers]
    if session_key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    communicator = WebsocketCommunicator(
        application,
        f"/ws/qa/{room_code}/?lang={lang}" + ("" if after is None else f"&after={after}"),
        headers=headers,
    )
    if client is not None:
        communicator.scope["client"] = (client, 50000)
    connected_ok, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected_ok
    client = Client(communicator)
    if after is None and expect_welcome:
        client.welcome = await client.receive()
    try:
        yield client
    finally:
        await communicator.disconnect()


adb = database_sync_to_async
