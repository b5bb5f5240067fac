"""Live Q&A without WebSockets: the event stream over Server-Sent Events, requests over POST.

Most tests run the project's ASGI application in this process; the last ones go
through a real Daphne, as a browser behind a WebSocket-blocking proxy would.
"""

import asyncio
import json
import re
import urllib.error
import urllib.request
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import pytest
from channels.testing import ApplicationCommunicator
from django.conf import settings
from django.db import connections
from django.test import AsyncClient, override_settings

import qa.services
import qa.sse
from portal.asgi import application
from qa.fanout import get_hub
from qa.models import Question
from tests.qa.helpers import adb, join, session_for
from tests.server import HttpSession, NginxProxy

TIMEOUT = 5


def parse_message(block):
    """One SSE message as an EventSource reads it: fields, and comments under "comment"."""
    message = {}
    for line in block.decode().split("\n"):
        if line.startswith(":"):
            message["comment"] = line[1:].strip()
            continue
        field, _colon, value = line.partition(":")
        value = value.removeprefix(" ")
        message[field] = message[field] + "\n" + value if field in message else value
    return message


class EventStream:
    """The body of an event-stream response, read message by message."""

    def __init__(self, read_body):
        self.read_body = read_body  # coroutine: (bytes, more) for the next piece of the body
        self.pending = b""
        self.messages = []
        self.ended = False

    async def message(self):
        while not self.messages:
            assert not self.ended, "the stream ended"
            body, more = await self.read_body()
            self.ended = not more
            *blocks, self.pending = (self.pending + body).split(b"\n\n")
            self.messages += [parse_message(block) for block in blocks]
        return self.messages.pop(0)

    async def frame(self):
        """The next message that carries a frame: (its id or None, the frame)."""
        while "data" not in (message := await self.message()):
            pass
        return message.get("id"), json.loads(message["data"])

    async def frames_until(self, type_):
        """The frames before the first of type_, and (id, that frame)."""
        frames = []
        while (message := await self.frame())[1]["type"] != type_:
            frames.append(message[1])
        return frames, message


@asynccontextmanager
async def streaming(code, session_key=None, lang="en", after=None, headers=(), raw_query=None):
    """GET /sse/qa/<code>/ in this process; leaves like a browser closing the tab."""
    query = f"lang={lang}" + ("" if after is None else f"&after={after}")
    cookie = [(b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode())]
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/sse/qa/{code}/",
        "raw_path": f"/sse/qa/{code}/".encode(),
        "root_path": "",
        "query_string": query.encode() if raw_query is None else raw_query,
        "headers": [(b"host", b"testserver"), *(cookie if session_key else []), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(TIMEOUT)

    async def read_body():
        output = await communicator.receive_output(TIMEOUT)
        assert output["type"] == "http.response.body"
        return output["body"], output.get("more_body", False)

    stream = EventStream(read_body)
    stream.status = start["status"]
    stream.headers = dict(start.get("headers", []))
    try:
        yield stream
    finally:
        await communicator.send_input({"type": "http.disconnect"})
        await communicator.wait(TIMEOUT)


class Poster:
    """A browser tab on the room page that sends its requests by POST with the page's token."""

    def __init__(self, code, session_key=None, lang="en"):
        self.code, self.lang = code, lang
        self.client = AsyncClient(enforce_csrf_checks=True)
        if session_key:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        self.token = None

    async def finished(self, response):
        # The test client keeps Django from closing the request's connection; a server would not.
        await adb(connections.close_all)()
        return response

    async def open_page(self):
        page = await self.finished(await self.client.get(f"/{self.lang}/live/{self.code}/"))
        assert page.status_code == 200
        html = page.content.decode()
        self.token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
        self.send_url = re.search(r'data-send-url="([^"]+)"', html).group(1)
        self.sse_path = re.search(r'data-sse-path="([^"]+)"', html).group(1)
        return self

    async def post(self, body, token=True):
        if not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        headers = {"X-CSRFToken": self.token} if token else {}
        url = getattr(self, "send_url", f"/{self.lang}/live/{self.code}/send/")
        return await self.finished(
            await self.client.post(url, data=body, content_type="application/json", headers=headers)
        )

    async def request(self, **frame):
        response = await self.post(frame)
        return response.status_code, response.json()


async def poster(room, participant=None, user=None, lang="en"):
    key = await adb(session_for)(room, participant, user)
    return await Poster(room.code, key, lang).open_page()


async def unmoderated(room):
    room.moderated = False
    await adb(room.save)()
    return room


# The event stream ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_stream_opens_with_a_welcome_that_a_reconnect_resumes_from(room):
    participant = await adb(join)(room)
    async with streaming(room.code, await adb(session_for)(room, participant)) as stream:
        assert stream.status == 200
        assert stream.headers[b"content-type"] == b"text/event-stream; charset=utf-8"
        assert stream.headers[b"cache-control"] == b"no-cache"
        assert stream.headers[b"x-accel-buffering"] == b"no"
        first = await stream.message()
        assert 1000 <= int(first["retry"]) <= 4000
        event_id, welcome = await stream.frame()
    assert welcome["type"] == "welcome"
    assert welcome["me"] == participant.pk
    assert welcome["room"]["code"] == "DEMO"
    assert event_id == str(welcome["seq"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_questions_posted_by_others_arrive_on_the_stream_in_order(room):
    await unmoderated(room)
    watcher, asker = await adb(join)(room, name="Bolat"), await adb(join)(room)
    asking = await poster(room, asker)
    async with streaming(room.code, await adb(session_for)(room, watcher)) as stream:
        _id, welcome = await stream.frame()
        acks = []
        for text in ["Recruitment?", "Payroll?", "Training?"]:
            status, ack = await asking.request(type="question.ask", text=text, anonymous=False)
            assert (status, ack["type"], ack["status"]) == (200, "ack", "published")
            acks.append(ack)
        seen = [await stream.frame() for _ in acks]
        voting = await poster(room, watcher)
        status, vote = await voting.request(type="question.vote", question=acks[1]["question"])
        assert (status, vote["votes"]) == (200, 1)
        tally_id, tally = await stream.frame()
    assert [frame["question"]["text"] for _id, frame in seen] == [
        "Recruitment?",
        "Payroll?",
        "Training?",
    ]
    assert [frame["question"]["id"] for _id, frame in seen] == [a["question"] for a in acks]
    ids = [int(event_id) for event_id, _frame in seen] + [int(tally_id)]
    assert ids == sorted(ids) and ids[0] > welcome["seq"]
    assert [event_id for event_id, _frame in seen] == [str(f["seq"]) for _i, f in seen]
    assert (tally["type"], tally["question"], tally["votes"]) == (
        "question.votes",
        acks[1]["question"],
        1,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_moderator_approves_by_post_and_the_asker_sees_it_published(room, moderator):
    asker = await adb(join)(room)
    asking = await poster(room, asker, lang="ko")
    moderating = await poster(room, user=moderator)
    async with (
        streaming(room.code, await adb(session_for)(room, asker), lang="ko") as asker_stream,
        streaming(room.code, await adb(session_for)(user=moderator)) as moderator_stream,
    ):
        await asker_stream.frame()
        _id, welcome = await moderator_stream.frame()
        assert welcome["moderator"] is True
        status, ack = await asking.request(type="question.ask", text="인사 기록은?", anonymous=True)
        assert (status, ack["status"]) == (200, "pending")
        _id, queued = await moderator_stream.frame()
        assert (queued["type"], queued["question"]["text"]) == (
            "question.submitted",
            "인사 기록은?",
        )
        status, approved = await moderating.request(
            type="question.moderate", question=ack["question"], action="approve"
        )
        assert (status, approved["status"]) == (200, "published")
        mine, (_id, published) = await asker_stream.frames_until("question.published")
    assert [frame["type"] for frame in mine] == ["question.submitted"]
    assert published["question"]["text"] == "인사 기록은?"


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_after_resumes_with_exactly_the_missed_events_then_resumed(room):
    await unmoderated(room)
    asker = await adb(join)(room)
    asking = await poster(room, asker)
    key = await adb(session_for)(room, asker)
    async with streaming(room.code, key) as stream:
        _id, welcome = await stream.frame()
    for text in ["Missed one", "Missed two"]:
        await asking.request(type="question.ask", text=text, anonymous=False)
    async with streaming(room.code, key, after=welcome["seq"]) as stream:
        missed, (resumed_id, resumed) = await stream.frames_until("resumed")
        await asking.request(type="question.ask", text="Live one", anonymous=False)
        _id, live = await stream.frame()
    assert [frame["question"]["text"] for frame in missed] == ["Missed one", "Missed two"]
    assert [frame["seq"] for frame in missed] == [welcome["seq"] + 1, welcome["seq"] + 2]
    assert resumed["seq"] == missed[-1]["seq"]
    assert resumed_id == str(resumed["seq"])  # the browser's reconnect resumes from here
    assert live["question"]["text"] == "Live one"
    assert live["seq"] == resumed["seq"] + 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_browsers_last_event_id_counts_over_the_first_urls_after(room):
    await unmoderated(room)
    asking = await poster(room, await adb(join)(room))
    async with streaming(room.code) as stream:
        await stream.frame()
        for text in ["Seen first", "Seen last", "Missed"]:
            await asking.request(type="question.ask", text=text, anonymous=False)
        ids = [(await stream.frame())[0] for _ in range(3)]
    # EventSource reconnects to the URL it was made with, adding the last id it received.
    headers = [(b"last-event-id", ids[1].encode())]
    async with streaming(room.code, after=0, headers=headers) as stream:
        missed, (_id, resumed) = await stream.frames_until("resumed")
    assert [frame["question"]["text"] for frame in missed] == ["Missed"]
    assert resumed["seq"] == int(ids[2])


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_stream_whose_events_are_gone_ends_and_its_browser_starts_over(room):
    async with streaming(room.code) as stream:
        _id, welcome = await stream.frame()
        # The hub hears of an event whose predecessors the log no longer holds.
        await get_hub().dispatch(
            {
                "type": "room.event",
                "room": room.pk,
                "seq": welcome["seq"] + 3,
                "frame": '{"type":"room.updated"}',
                "audience": "everyone",
                "participant": None,
            }
        )
        last = await stream.message()
        assert last == {"id": ""}  # the browser forgets its Last-Event-ID
        assert stream.ended and not stream.messages
    assert room.pk not in get_hub().rooms


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_stream_that_cannot_start_says_so_ends_and_leaves_the_hub(room, monkeypatch):
    def broken_snapshot(*args):
        raise RuntimeError("database gone")

    monkeypatch.setattr(qa.services, "room_state", broken_snapshot)
    async with streaming(room.code, lang="es") as stream:
        _id, error = await stream.frame()
        assert (error["type"], error["code"]) == ("error", "server_error")
        assert error["message"] == "Se ha producido un error. Inténtelo de nuevo."
        assert stream.ended and not stream.messages
        assert room.pk not in get_hub().rooms


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_stream_leaves_the_hub_when_its_client_goes(room):
    async with streaming(room.code) as stream:
        await stream.frame()
        assert room.pk in get_hub().rooms
    assert room.pk not in get_hub().rooms


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_quiet_stream_sends_keepalive_comments(room, monkeypatch):
    monkeypatch.setattr(qa.sse, "KEEPALIVE_SECONDS", 0.05)
    async with streaming(room.code) as stream:
        await stream.frame()
        assert await stream.message() == {"comment": "keepalive"}
        assert await stream.message() == {"comment": "keepalive"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_unknown_room_is_a_404_with_an_error_frame(room):
    async with streaming("NOPE22", lang="es") as stream:
        assert stream.status == 404
        assert stream.headers[b"content-type"] == b"application/json; charset=utf-8"
        body, more = await stream.read_body()
    assert not more
    assert json.loads(body) == {
        "type": "error",
        "code": "room_not_found",
        "message": "No existe ninguna sala con este código.",
        "ref": None,
    }
    assert room.pk not in get_hub().rooms


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_stream_opened_from_another_site_is_refused(room):
    foreign = [(b"origin", b"https://evil.example")]
    async with streaming(room.code, headers=foreign) as stream:
        assert stream.status == 403
    own = [(b"origin", b"http://testserver")]
    async with streaming(room.code, headers=own) as stream:
        assert stream.status == 200
        assert (await stream.frame())[1]["type"] == "welcome"


# Requests by POST ----------------------------------------------------------------------


REFUSALS = [
    ("{not json", 400, "invalid_json"),
    ("x" * 70_000, 400, "too_large"),
    (b"\xff\xfe", 400, "invalid_frame"),
    ('{"type": "dance"}', 400, "unknown_type"),
    ('{"type": "resume", "after": 1}', 400, "resume_on_connect"),
    ('{"type": "question.moderate", "question": 1, "action": "approve"}', 403, "forbidden"),
    ('{"type": "room.close"}', 403, "forbidden"),
    ('{"type": "question.vote", "question": 999999}', 422, "unknown_question"),
    ('{"type": "question.ask", "text": "   ", "anonymous": false}', 422, "invalid_text"),
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_refused_requests_answer_an_error_frame_with_a_fitting_status(room):
    sending = await poster(room, await adb(join)(room))
    answers = [await sending.post(body) for body, _status, _code in REFUSALS]
    assert [(a.status_code, a.json()["type"], a.json()["code"]) for a in answers] == [
        (status, "error", code) for _body, status, code in REFUSALS
    ]
    assert all(a["Content-Type"] == "application/json; charset=utf-8" for a in answers)
    assert all(a.json()["message"] for a in answers)
    status, pong = await sending.request(type="ping", ref="after")
    assert (status, pong) == (200, {"type": "pong", "ref": "after"})


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_post_without_the_pages_csrf_token_is_refused(room):
    await unmoderated(room)
    participant = await adb(join)(room)
    sending = await poster(room, participant, lang="ru")
    response = await sending.post(
        {"type": "question.ask", "text": "Forged?", "anonymous": False}, token=False
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert response.json()["message"] == "Ошибка проверки CSRF. Запрос отклонён."
    assert not await adb(Question.objects.exists)()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_watchers_join_before_asking_and_closed_rooms_refuse(room, moderator):
    watching = await poster(room)
    status, refused = await watching.request(type="question.ask", text="Hi?", anonymous=True)
    assert (status, refused["code"]) == (403, "join_required")
    moderating = await poster(room, user=moderator)
    status, closed = await moderating.request(type="room.close", ref=7)
    assert (status, closed) == (200, {"type": "ack", "ref": 7, "open": False})
    asking = await poster(room, await adb(join)(room))
    status, refused = await asking.request(type="question.ask", text="Hi?", anonymous=False)
    assert (status, refused["code"]) == (409, "room_closed")


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@override_settings(QA_QUESTIONS_PER_MINUTE=2)
async def test_rate_limits_hold_over_post(room):
    await unmoderated(room)
    asking = await poster(room, await adb(join)(room), lang="es")
    answers = [
        await asking.post({"type": "question.ask", "text": f"Q{n}", "anonymous": False})
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[-1].json()["code"] == "rate_limited"
    assert answers[-1]["Retry-After"] == "60"
    assert await adb(Question.objects.count)() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_unknown_room_and_other_methods_are_refused(room):
    response = await Poster(room.code).finished(
        await AsyncClient().get(f"/ko/live/{room.code}/send/")
    )
    assert response.status_code == 405
    page = await Poster(room.code).open_page()
    page.send_url = "/ko/live/NOPE22/send/"
    response = await page.post({"type": "ping"})
    assert response.status_code == 404
    assert response.json()["code"] == "room_not_found"
    assert response.json()["message"] == "이 코드에 해당하는 방이 없습니다."


# Through a real Daphne ---------------------------------------------------------------


async def open_stream_over_http(url, path, headers=()):
    """GET an event stream over a raw HTTP/1.1 connection, as EventSource does."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Accept: text/event-stream"]
    writer.write(("\r\n".join([*lines, *headers]) + "\r\n\r\n").encode())
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), TIMEOUT)
    response_headers = {}
    while (line := await asyncio.wait_for(reader.readline(), TIMEOUT)) != b"\r\n":
        name, _colon, value = line.decode().partition(":")
        response_headers[name.strip().lower()] = value.strip()

    async def read_chunk():
        size = int((await asyncio.wait_for(reader.readline(), TIMEOUT)).strip(), 16)
        chunk = await asyncio.wait_for(reader.readexactly(size + 2), TIMEOUT)
        return chunk[:-2], size > 0

    stream = EventStream(read_chunk)
    stream.status = int(status_line.split()[1])
    stream.headers = response_headers
    stream.writer = writer
    return stream


def post_over_http(session, code, frame, lang="en"):
    _status, html = session.get(f"/{lang}/live/{code}/")
    token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
    send_url = re.search(r'data-send-url="([^"]+)"', html).group(1)
    request = urllib.request.Request(
        session.base_url + send_url,
        data=json.dumps(frame).encode(),
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    )
    try:
        with session.opener.open(request, timeout=TIMEOUT) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refusal:
        return refusal.code, json.loads(refusal.read())


def test_through_daphne_a_participant_without_sockets_takes_part(portal_server):
    asker, watcher, moderator = (HttpSession(portal_server.url) for _ in range(3))
    asker.join_room("DEMO", display_name="Aigerim", organisation="ASA", country="KZ")
    watcher.join_room("DEMO")
    moderator.log_in("admin", "portal-demo-2026")
    _status, html = watcher.get("/en/live/DEMO/")
    sse_path = re.search(r'data-sse-path="([^"]+)"', html).group(1)
    cookie = f"Cookie: sessionid={watcher.cookie('sessionid')}"

    async def scenario():
        stream = await open_stream_over_http(portal_server.url, sse_path, [cookie])
        assert stream.status == 200
        assert stream.headers["content-type"] == "text/event-stream; charset=utf-8"
        assert stream.headers["x-accel-buffering"] == "no"
        welcome_id, welcome = await stream.frame()
        assert (welcome["type"], welcome_id) == ("welcome", str(welcome["seq"]))
        assert welcome["me"] is not None
        loop = asyncio.get_running_loop()
        frame = {"type": "question.ask", "text": "How is payroll audited?", "anonymous": False}
        status, ack = await loop.run_in_executor(None, post_over_http, asker, "DEMO", frame)
        assert (status, ack["status"]) == (200, "pending")
        approve = {"type": "question.moderate", "question": ack["question"], "action": "approve"}
        status, _ack = await loop.run_in_executor(None, post_over_http, moderator, "DEMO", approve)
        assert status == 200
        _id, published = await stream.frame()
        assert published["type"] == "question.published"
        assert published["question"]["text"] == "How is payroll audited?"
        assert published["question"]["author"] == "Aigerim"
        forbidden = {"type": "room.close"}
        status, refused = await loop.run_in_executor(
            None, post_over_http, watcher, "DEMO", forbidden
        )
        assert (status, refused["code"]) == (403, "forbidden")
        stream.writer.close()

    asyncio.run(scenario())


def test_through_daphne_another_sites_page_cannot_open_a_stream(portal_server):
    async def scenario():
        refused = await open_stream_over_http(
            portal_server.url, "/sse/qa/DEMO/?lang=en", ["Origin: http://evil.example"]
        )
        assert refused.status == 403
        refused.writer.close()
        own = await open_stream_over_http(
            portal_server.url, "/sse/qa/DEMO/?lang=en", [f"Origin: {portal_server.url}"]
        )
        assert own.status == 200
        assert (await own.frame())[1]["type"] == "welcome"
        own.writer.close()

    asyncio.run(scenario())


def test_behind_nginx_each_event_arrives_as_it_happens(portal_server):
    proxy = NginxProxy([portal_server.port]).start()
    try:
        asker = HttpSession(proxy.url)
        asker.join_room("DEMO", display_name="Marta", organisation="DNSC", country="PY")
        cookie = f"Cookie: sessionid={asker.cookie('sessionid')}"

        async def scenario():
            stream = await open_stream_over_http(proxy.url, "/sse/qa/DEMO/?lang=en", [cookie])
            assert stream.status == 200
            assert (await stream.frame())[1]["type"] == "welcome"
            loop = asyncio.get_running_loop()
            for text in ["Through the proxy, first", "Through the proxy, second"]:
                frame = {"type": "question.ask", "text": text, "anonymous": False}
                status, ack = await loop.run_in_executor(None, post_over_http, asker, "DEMO", frame)
                assert status == 200
                # A proxy that held the stream back would make this wait time out.
                _id, mine = await stream.frame()
                assert (mine["type"], mine["question"]["text"]) == ("question.submitted", text)
            stream.writer.close()

        asyncio.run(scenario())
    finally:
        proxy.stop()
