"""Through a real Daphne: plain WebSocket clients outside the browser take part in a room.

Runs on the embedded default and, in CI's second pass, on PostgreSQL and Redis.
"""

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from tests.server import HttpSession

TIMEOUT = 10


class Socket:
    def __init__(self, websocket):
        self.websocket = websocket
        self.unread = []

    async def next(self, predicate):
        for index, frame in enumerate(self.unread):
            if predicate(frame):
                return self.unread.pop(index)
        while True:
            frame = json.loads(await asyncio.wait_for(self.websocket.recv(), TIMEOUT))
            if predicate(frame):
                return frame
            self.unread.append(frame)

    async def request(self, ref, **frame):
        await self.websocket.send(json.dumps({"ref": ref, **frame}))
        return await self.next(lambda f: f.get("ref") == ref)


def ws_url(server, code, lang="en", after=None):
    query = f"?lang={lang}" + ("" if after is None else f"&after={after}")
    return server.url.replace("http://", "ws://") + f"/ws/qa/{code}/{query}"


async def open_socket(server, session, code="DEMO", lang="en", after=None):
    websocket = await connect(
        ws_url(server, code, lang, after), additional_headers=session.websocket_headers()
    )
    socket = Socket(websocket)
    if after is None:
        socket.welcome = await socket.next(lambda f: f["type"] == "welcome")
    return socket


@pytest.fixture
def moderator_session(portal_server):
    session = HttpSession(portal_server.url)
    session.log_in("admin", "portal-demo-2026")
    return session


def test_participants_and_a_moderator_share_a_room_through_daphne(portal_server, moderator_session):
    asker, watcher = HttpSession(portal_server.url), HttpSession(portal_server.url)
    asker.join_room("DEMO", display_name="Nurlan", organisation="Astana Hub", country="KZ")
    watcher.join_room("DEMO")

    async def scenario():
        asking = await open_socket(portal_server, asker, lang="ru")
        watching = await open_socket(portal_server, watcher)
        moderating = await open_socket(portal_server, moderator_session)
        assert moderating.welcome["moderator"] is True
        ack = await asking.request(
            "a1", type="question.ask", text="Как внедряли e-Saram?", anonymous=False
        )
        assert ack["status"] == "pending"
        queued = await moderating.next(lambda f: f["type"] == "question.submitted")
        await moderating.request(
            "m1", type="question.moderate", question=queued["question"]["id"], action="approve"
        )
        seen = await watching.next(lambda f: f["type"] == "question.published")
        assert seen["question"]["text"] == "Как внедряли e-Saram?"
        assert seen["question"]["author"] == "Nurlan"
        vote = await watching.request("v1", type="question.vote", question=seen["question"]["id"])
        assert vote["votes"] == 1
        tally = await asking.next(lambda f: f["type"] == "question.votes")
        assert tally["votes"] == 1

        # The asker's connection drops; two more events happen; it resumes.
        last_seen = tally["seq"]
        await asking.websocket.close()
        await moderating.request(
            "m2", type="question.moderate", question=seen["question"]["id"], action="pin"
        )
        await moderating.request(
            "m3", type="question.moderate", question=seen["question"]["id"], action="answer"
        )
        back = await open_socket(portal_server, asker, lang="ru", after=last_seen)
        replay = []
        while (frame := await back.next(lambda f: "seq" in f))["type"] != "resumed":
            replay.append(frame)
        assert [f["type"] for f in replay] == ["question.updated", "question.updated"]
        assert replay[-1]["question"]["pinned"] and replay[-1]["question"]["answered"]
        for socket in (watching, moderating, back):
            await socket.websocket.close()

    asyncio.run(scenario())


def test_a_foreign_origin_cannot_open_a_socket(portal_server):
    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            await connect(
                ws_url(portal_server, "DEMO"), additional_headers={"Origin": "http://evil.example"}
            )
        assert refused.value.response.status_code == 403

    asyncio.run(scenario())


def test_a_page_on_another_port_of_the_same_host_cannot_open_a_socket(portal_server):
    other_port = portal_server.port + 1 if portal_server.port < 65535 else portal_server.port - 1

    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            await connect(
                ws_url(portal_server, "DEMO"),
                additional_headers={"Origin": f"http://127.0.0.1:{other_port}"},
            )
        assert refused.value.response.status_code == 403

    asyncio.run(scenario())


def test_a_message_over_a_mebibyte_gets_too_large_and_the_socket_stays(portal_server):
    watcher = HttpSession(portal_server.url)
    watcher.get("/en/live/DEMO/")

    async def scenario():
        socket = await open_socket(portal_server, watcher)
        # Refused before it is parsed, so the reply cannot carry the message's ref.
        await socket.websocket.send(json.dumps({"type": "ping", "padding": "x" * 1_500_000}))
        refused = await socket.next(lambda f: f["type"] == "error")
        assert (refused["type"], refused["code"]) == ("error", "too_large")
        assert (await socket.request("small", type="ping"))["type"] == "pong"
        await socket.websocket.close()

    asyncio.run(scenario())
