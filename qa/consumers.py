"""The WebSocket door of a live Q&A room: parse, check, call a service, reply.

Protocol: docs/qa-protocol.md. Every refusal is an error frame with a code;
the socket and the room keep working.
"""

import json
import logging
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .fanout import EVERYONE, get_hub
from .models import Room
from .services import QAError, participant_session_key

logger = logging.getLogger(__name__)

REF_MAX_LENGTH = 64


class FrameError(Exception):
    def __init__(self, code, message):
        super().__init__(code)
        self.code = code
        self.message = message


class RoomConsumer(AsyncWebsocketConsumer):
    # No channel-layer channel per socket: the process's RoomHub receives room
    # events once and hands them to its sockets (an unknown alias means no layer).
    channel_layer_alias = "qa.sockets-use-the-room-hub"
    room = None

    async def connect(self):
        self.ready = False
        self.backlog = []
        self.language = self._language()
        code = self.scope["url_route"]["kwargs"]["code"].upper()
        self.room = await database_sync_to_async(Room.objects.filter(code=code).first)()
        await self.accept()
        if self.room is None:
            with translation.override(self.language):
                await self.send_error("room_not_found", _("There is no room with this code."))
            await self.close(code=4404)
            return
        self.user = self.scope.get("user")
        self.participant_id, self.is_moderator = await self._identify()
        await get_hub().join(self.room.pk, self)
        await self._welcome()

    async def disconnect(self, code):
        if self.room is not None:
            await get_hub().leave(self.room.pk, self)

    def _language(self):
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        language = (query.get("lang") or [""])[0]
        codes = {code for code, _name in settings.LANGUAGES}
        return language if language in codes else settings.LANGUAGE_CODE

    @database_sync_to_async
    def _identify(self):
        session = self.scope.get("session")
        participant_id = None
        if session is not None:
            participant_id = session.get(participant_session_key(self.room.pk))
            if (
                participant_id is not None
                and not self.room.participants.filter(pk=participant_id).exists()
            ):
                participant_id = None
        return participant_id, services.can_moderate(self.user, self.room)

    # Delivery: the hub calls deliver(); frames wait in the backlog while a
    # welcome or a resume replay is being read, so nothing overtakes it.
    async def deliver(self, seq, frame_text, audience, participant_id):
        if not (
            audience == EVERYONE
            or self.is_moderator
            or (participant_id is not None and participant_id == self.participant_id)
        ):
            return
        if self.ready:
            # Straight to the server: this runs once per socket for every event in the room.
            await self.base_send({"type": "websocket.send", "text": frame_text})
        else:
            self.backlog.append((seq, frame_text))

    async def _flush(self, after):
        backlog, self.backlog = self.backlog, []
        for seq, frame_text in backlog:
            if seq > after:
                await self.send(text_data=frame_text)
        self.ready = True

    async def _welcome(self):
        self.ready = False
        state = await database_sync_to_async(services.room_state)(
            self.room, self.participant_id, self.is_moderator
        )
        await self.send_json({"type": "welcome", **state})
        await self._flush(state["seq"])

    async def _resume(self, frame):
        after = frame.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            raise FrameError("invalid_frame", _("“after” must be a sequence number."))
        self.ready = False
        frames, latest = await database_sync_to_async(services.events_after)(
            self.room, after, self.participant_id, self.is_moderator
        )
        if frames is None:
            await self._welcome()
            return
        for replayed in frames:
            await self.send_json(replayed)
        await self.send_json({"type": "resumed", "seq": latest, "ref": frame.get("ref")})
        await self._flush(latest)

    # Inbound frames.
    async def receive(self, text_data=None, bytes_data=None):
        frame = {}
        with translation.override(self.language):
            try:
                frame = self._parse(text_data, bytes_data)
                await self._handle(frame)
            except (FrameError, QAError) as refusal:
                await self.send_error(refusal.code, str(refusal.message), frame.get("ref"))
            except Exception:
                logger.exception("Q&A frame failed in room %s", self.room and self.room.code)
                await self.send_error(
                    "server_error", _("Something went wrong. Try again."), frame.get("ref")
                )

    def _parse(self, text_data, bytes_data):
        if text_data is None:
            raise FrameError("invalid_frame", _("Send JSON text frames."))
        if len(text_data.encode("utf-8")) > settings.QA_MAX_FRAME_BYTES:
            raise FrameError("too_large", _("That message is too large."))
        try:
            frame = json.loads(text_data)
        except ValueError:
            raise FrameError("invalid_json", _("That message is not valid JSON.")) from None
        if not isinstance(frame, dict):
            raise FrameError("invalid_frame", _("A message must be a JSON object."))
        ref = frame.get("ref")
        if ref is not None and not (
            (isinstance(ref, str) and len(ref) <= REF_MAX_LENGTH)
            or (isinstance(ref, int) and not isinstance(ref, bool))
        ):
            frame["ref"] = None
            raise FrameError("invalid_frame", _("“ref” must be a short string or a number."))
        if not isinstance(frame.get("type"), str):
            raise FrameError("invalid_frame", _("A message needs a “type”."))
        return frame

    async def _handle(self, frame):
        kind = frame["type"]
        handler = {
            "resume": self._resume,
            "ping": self._ping,
            "question.ask": self._ask,
            "question.vote": self._vote,
            "question.unvote": self._vote,
            "question.moderate": self._moderate,
            "room.open": self._open_or_close,
            "room.close": self._open_or_close,
        }.get(kind)
        if handler is None:
            raise FrameError("unknown_type", _("Unknown message type."))
        await handler(frame)

    async def _ping(self, frame):
        await self.send_json({"type": "pong", "ref": frame.get("ref")})

    async def _ask(self, frame):
        text = frame.get("text")
        anonymous = frame.get("anonymous", False)
        if not isinstance(text, str) or not isinstance(anonymous, bool):
            raise FrameError("invalid_frame", _("A question needs “text” and “anonymous”."))
        question = await database_sync_to_async(services.ask_question)(
            self.room.pk, self.participant_id, text, anonymous, self.language
        )
        await self.send_json(
            {
                "type": "ack",
                "ref": frame.get("ref"),
                "question": question.pk,
                "status": question.status,
            }
        )

    async def _vote(self, frame):
        question_id = _question_id(frame)
        change = services.vote if frame["type"] == "question.vote" else services.unvote
        question, changed = await database_sync_to_async(change)(
            self.room.pk, self.participant_id, question_id
        )
        await self.send_json(
            {
                "type": "ack",
                "ref": frame.get("ref"),
                "question": question.pk,
                "voted": frame["type"] == "question.vote",
                "changed": changed,
                "votes": question.vote_count,
            }
        )

    async def _moderate(self, frame):
        question_id = _question_id(frame)
        action = frame.get("action")
        text = frame.get("text")
        if not isinstance(action, str) or (text is not None and not isinstance(text, str)):
            raise FrameError("invalid_frame", _("Moderation needs an “action”."))
        if not self.is_moderator:
            raise QAError("forbidden", _("You cannot moderate this room."))
        question = await database_sync_to_async(services.moderate)(
            self.room.pk, self.user, question_id, action, text
        )
        await self.send_json(
            {
                "type": "ack",
                "ref": frame.get("ref"),
                "question": question.pk,
                "status": question.status,
            }
        )

    async def _open_or_close(self, frame):
        if not self.is_moderator:
            raise QAError("forbidden", _("You cannot moderate this room."))
        room = await database_sync_to_async(services.set_room_open)(
            self.room.pk, self.user, frame["type"] == "room.open"
        )
        await self.send_json({"type": "ack", "ref": frame.get("ref"), "open": room.is_open})

    async def send_json(self, content):
        await self.send(text_data=json.dumps(content, ensure_ascii=False, separators=(",", ":")))

    async def send_error(self, code, message, ref=None):
        await self.send_json({"type": "error", "code": code, "message": message, "ref": ref})


def _question_id(frame):
    question_id = frame.get("question")
    if not isinstance(question_id, int) or isinstance(question_id, bool) or question_id <= 0:
        raise FrameError("invalid_frame", _("“question” must be a question id."))
    return question_id
