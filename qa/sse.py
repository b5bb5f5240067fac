"""The Server-Sent Events door of a live Q&A room, for networks that block WebSockets.

`GET /sse/qa/<CODE>/?lang=xx[&after=N]` streams the frames a socket would get,
one SSE message each (`id: <seq>`, `data: <frame JSON>`); requests go as HTTP
POSTs to the room's send URL (qa.views.send). The browser's own reconnect sends
`Last-Event-ID`, which counts as `after`. Protocol: docs/qa-protocol.md,
"Without WebSockets".
"""

import asyncio
import functools
import logging
import random
from urllib.parse import parse_qs

from channels.exceptions import StopConsumer
from channels.generic.http import AsyncHttpConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from portal.clients import scope_client_address

from . import protocol
from .models import encode_frame
from .stream import LiveStream

logger = logging.getLogger(__name__)

# Proxies drop a response that stays silent for a minute (nginx's default read timeout is 60 s).
KEEPALIVE_SECONDS = 20
# How long a browser waits before reconnecting by itself, spread so a room does not return at once.
RECONNECT_MS = (1000, 4000)

STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    # Tells nginx not to buffer this response, whatever its location's settings say.
    (b"x-accel-buffering", b"no"),
]
JSON_HEADERS = [(b"content-type", b"application/json; charset=utf-8")]
KEEPALIVE = b": keepalive\n\n"
# An empty id resets the browser's Last-Event-ID: its reconnect does not resume from here.
START_OVER = b"id:\n\n"


def sse_message(seq, frame_text):
    head = "" if seq is None else f"id: {seq}\n"
    # encode_frame's JSON escapes line breaks, so the frame is one `data:` line.
    return f"{head}data: {frame_text}\n\n".encode()


# The hub hands every stream of a room the same event text: encode each event once.
event_message = functools.lru_cache(maxsize=16)(sse_message)


class SseConsumer(LiveStream, AsyncHttpConsumer):
    # Like RoomConsumer: no channel-layer channel per stream, the process's hub feeds it.
    channel_layer_alias = "qa.streams-use-the-room-hub"
    streaming = False
    keepalive = None

    async def http_request(self, message):
        # Unlike AsyncHttpConsumer's, the consumer outlives handle(): the stream lasts until
        # the client leaves or restart() ends it, and both arrive as http.disconnect.
        if "body" in message:
            self.body.append(message["body"])
        if message.get("more_body"):
            return
        await self.handle(b"".join(self.body))
        if not self.streaming:
            await self.disconnect()
            raise StopConsumer

    async def handle(self, body):
        if self.scope["method"] != "GET":
            await self.send_response(405, b"", headers=[(b"allow", b"GET")])
            return
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        language = protocol.pick_language((query.get("lang") or [""])[0])
        code = self.scope["url_route"]["kwargs"]["code"].upper()
        address = scope_client_address(self.scope)
        if not self.claim_slot(address):
            body = encode_frame(protocol.too_many_streams_frame(language)).encode()
            await self.send_response(429, body, headers=JSON_HEADERS)
            return
        # Like the socket: room and caller in one trip to a read thread, not behind the writes.
        self.caller = await protocol.caller_in(
            code, self.scope.get("session"), self.scope.get("user"), language, address
        )
        if self.caller is None:
            with translation.override(language):
                frame = protocol.error_frame(
                    "room_not_found", _("There is no room with this code.")
                )
            await self.send_response(404, encode_frame(frame).encode(), headers=JSON_HEADERS)
            return
        room = self.caller.room
        await self.send_headers(status=200, headers=STREAM_HEADERS)
        self.streaming = True
        retry = random.randint(*RECONNECT_MS)  # noqa: S311 (spreading reconnects, not a secret)
        await self.send_body(f"retry: {retry}\n\n".encode(), more_body=True)
        try:
            await self.start_stream(self._after(query))
        except Exception:
            logger.exception("Q&A event stream could not start in room %s", room.code)
            with translation.override(language):
                frame = protocol.error_frame("server_error", _("Something went wrong. Try again."))
            await self._end(sse_message(None, encode_frame(frame)))
            return
        self.keepalive = asyncio.ensure_future(self._keep_alive())

    def _after(self, query):
        # The browser's own reconnect keeps the first URL; its Last-Event-ID is the newer place.
        last_event_id = dict(self.scope.get("headers", [])).get(b"last-event-id", b"")
        after = protocol.parse_after(last_event_id.decode("latin-1"))
        if after is None:
            after = protocol.parse_after((query.get("after") or [None])[0])
        return after

    async def _keep_alive(self):
        while self.streaming:
            await asyncio.sleep(KEEPALIVE_SECONDS)
            await self._write(KEEPALIVE)

    async def _write(self, data):
        if self.streaming:
            await self.base_send({"type": "http.response.body", "body": data, "more_body": True})

    async def _end(self, last):
        if self.streaming:
            self.streaming = False
            await self.base_send({"type": "http.response.body", "body": last, "more_body": False})

    async def transmit(self, seq, frame_text, shared=False):
        # Every frame, welcome and resumed included, carries its seq as the id to resume from.
        await self._write((event_message if shared else sse_message)(seq, frame_text))

    async def restart(self):
        # The server then sends http.disconnect, and disconnect() leaves the hub.
        await self._end(START_OVER)

    async def disconnect(self):
        self.streaming = False
        if self.keepalive is not None:
            self.keepalive.cancel()
        await self.stop_stream()
