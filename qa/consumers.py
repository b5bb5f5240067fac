"""The WebSocket door of a live Q&A room: identify, stream events, answer requests.

Protocol: docs/qa-protocol.md. Every refusal is an error frame with a code;
the socket and the room keep working.
"""

import logging
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from . import protocol
from .models import encode_frame
from .stream import LiveStream

logger = logging.getLogger(__name__)

# Close code asking the client to connect again without `after` (RFC 6455 private range).
CLOSE_START_OVER = 4000


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
        self.caller = await protocol.caller_in(
            code, self.scope.get("session"), self.scope.get("user"), language
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
        if self.caller is None:
            return  # an unknown room: the socket is closing
        await self.send_frame(await protocol.reply(self.caller, text_data, bytes_data))

    async def send_frame(self, frame):
        await self.send(text_data=encode_frame(frame))

    async def transmit(self, seq, frame_text, shared=False):
        # Straight to the server: this runs once per socket for every event in the room.
        await self.base_send({"type": "websocket.send", "text": frame_text})

    async def restart(self):
        await self.close(code=CLOSE_START_OVER)
