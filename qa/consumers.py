"""The WebSocket door of a live Q&A room: identify, stream events, answer requests.

Protocol: docs/qa-protocol.md. Every refusal is an error frame with a code;
the socket and the room keep working.
"""

import logging
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.clients import scope_client_address

from . import protocol
from .models import encode_frame
from .ratelimit import FrameBudget
from .stream import LiveStream

logger = logging.getLogger(__name__)

# Close code asking the client to connect again without `after` (RFC 6455 private range).
CLOSE_START_OVER = 4000
# Close code for a socket over its client address's allowance (QA_STREAMS_PER_CLIENT).
CLOSE_TOO_MANY = 4029


class RoomConsumer(LiveStream, AsyncWebsocketConsumer):
    # No channel-layer channel per socket: the process's RoomHub receives room
    # events once and hands them to its sockets (an unknown alias means no layer).
    channel_layer_alias = "qa.sockets-use-the-room-hub"

    async def connect(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        language = protocol.pick_language((query.get("lang") or [""])[0])
        code = self.scope["url_route"]["kwargs"]["code"].upper()
        # Accept first: the server drops handshakes still pending after a few seconds,
        # and in a reconnect storm the database reads below may wait their turn.
        await self.accept()
        address = scope_client_address(self.scope)
        if not self.claim_slot(address):
            await self.send_frame(protocol.too_many_streams_frame(language))
            await self.close(code=CLOSE_TOO_MANY)
            return
        self.budget = FrameBudget(settings.QA_FRAMES_PER_SECOND, settings.QA_FRAMES_PER_MINUTE)
        self.caller = await protocol.caller_in(
            code, self.scope.get("session"), self.scope.get("user"), language, address
        )
        if self.caller is None:
            with translation.override(language):
                await self.send_frame(
                    protocol.error_frame("room_not_found", _("There is no room with this code."))
                )
            await self.close(code=4404)
            return
        room = self.caller.room
        try:
            await self.start_stream(protocol.parse_after((query.get("after") or [None])[0]))
        except Exception:
            logger.exception("Q&A stream could not start in room %s", room.code)
            with translation.override(language):
                await self.send_frame(
                    protocol.error_frame("server_error", _("Something went wrong. Try again."))
                )
            await self.close(code=1011)

    async def disconnect(self, code):
        await self.stop_stream()

    async def receive(self, text_data=None, bytes_data=None):
        caller = self.caller
        if caller is None:
            return  # an unknown room or too many sockets: the socket is closing
        if not self.budget.take():
            # Before parsing anything: a flood costs one short refusal per frame.
            await self.send_frame(protocol.too_fast_frame(caller.language))
            return
        was_moderator = caller.is_moderator
        await self.send_frame(await protocol.reply(caller, text_data, bytes_data))
        if was_moderator and not caller.is_moderator:
            await self.restart()  # rights lost since connecting: start over as who they are now

    async def send_frame(self, frame):
        await self.send(text_data=encode_frame(frame))

    async def transmit(self, seq, frame_text, shared=False):
        # Straight to the server: this runs once per socket for every event in the room.
        await self.base_send({"type": "websocket.send", "text": frame_text})

    async def restart(self):
        await self.close(code=CLOSE_START_OVER)
