"""The requests a live Q&A client sends, whatever carries them (WebSocket frame or HTTP POST).

Protocol: docs/qa-protocol.md. `reply()` parses one request, checks it at the
door, calls a service and returns the one reply frame (ack, pong or error);
refusals are error frames with a code, never exceptions for the transport.
"""

import json
import logging
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.db import on_read_threads
from portal.text import clean_text

from . import coalesce, opinions, polls, rights, services
from .models import Room
from .ratelimit import allow
from .services import QAError, participant_session_key

logger = logging.getLogger(__name__)

REF_MAX_LENGTH = 64


class FrameError(Exception):
    def __init__(self, code, message, ref=None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.ref = ref  # the request's ref, when it could be read before the refusal


@dataclass
class Caller:
    """Who is on the other end of a stream or request, checked once when it arrives."""

    room: Any
    user: Any
    participant_id: int | None
    is_moderator: bool
    language: str
    # Where per-client limits count (portal.clients), and the session that rights follow.
    address: str = ""
    session_key: str | None = None
    # May attach translations: moderators and the room's interpreters.
    is_translator: bool = False


def pick_language(value):
    codes = {code for code, _name in settings.LANGUAGES}
    return value if value in codes else settings.LANGUAGE_CODE


def parse_after(value):
    """The `after` of a resuming client: a sequence number, or None for a fresh welcome."""
    if value is None or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _caller_in(code, session, user, language, address=""):
    """The caller in the room with this code, or None when there is no such room."""
    room = Room.objects.filter(code=code).first()
    return None if room is None else _identify(room, session, user, language, address)


def _identify(room, session, user, language, address):
    participant_id = None
    if session is not None:
        participant_id = session.get(participant_session_key(room.pk))
        if participant_id is not None and not room.participants.filter(pk=participant_id).exists():
            participant_id = None
    is_moderator = services.can_moderate(user, room)
    return Caller(
        room,
        user,
        participant_id,
        is_moderator,
        language,
        address=address or "",
        session_key=getattr(session, "session_key", None),
        is_translator=is_moderator or services.can_translate(user, room),
    )


# One trip to a read thread for the room and the caller: connecting must not queue behind writes.
caller_in = on_read_threads(_caller_in)


def error_frame(code, message, ref=None):
    return {"type": "error", "code": code, "message": str(message), "ref": ref}


def too_fast_frame(language):
    with translation.override(language):
        return error_frame("rate_limited", _("You are sending too quickly. Wait a moment."))


def too_many_streams_frame(language):
    with translation.override(language):
        return error_frame(
            "rate_limited", _("Too many connections from your network. Close some tabs.")
        )


async def reply(caller, text_data, bytes_data=None):
    """The reply frame to one request, in the caller's language."""
    frame = {}
    with translation.override(caller.language):
        try:
            frame = parse(text_data, bytes_data)
            return await handle(caller, frame)
        except (FrameError, QAError) as refusal:
            ref = frame.get("ref", getattr(refusal, "ref", None))
            return error_frame(refusal.code, refusal.message, ref)
        except Exception:
            logger.exception("Q&A request failed in room %s", caller.room.code)
            return error_frame(
                "server_error", _("Something went wrong. Try again."), frame.get("ref")
            )


def parse(text_data, bytes_data=None):
    if text_data is None:
        raise FrameError("invalid_frame", _("Send JSON text frames."))
    if len(text_data.encode("utf-8", "surrogatepass")) > settings.QA_MAX_FRAME_BYTES:
        raise FrameError("too_large", _("That message is too large."))
    try:
        frame = json.loads(text_data)
    except (ValueError, RecursionError):
        raise FrameError("invalid_json", _("That message is not valid JSON.")) from None
    if not isinstance(frame, dict):
        raise FrameError("invalid_frame", _("A message must be a JSON object."))
    ref = frame.get("ref")
    if ref is not None and not (
        (isinstance(ref, str) and len(ref) <= REF_MAX_LENGTH and _storable(ref))
        or (isinstance(ref, int) and not isinstance(ref, bool))
    ):
        # Not echoed: a reply must be sendable whatever the client put in `ref`.
        raise FrameError("invalid_frame", _("“ref” must be a short string or a number."))
    # Text a person typed is cleaned here, once, whatever carried it; other fields are
    # refused below when they hold what cannot be stored or sent back.
    for field in TEXT_FIELDS:
        if isinstance(frame.get(field), str):
            frame[field] = clean_text(frame[field], multiline=True)
    try:
        storable = _storable(frame)
    except RecursionError:
        raise FrameError("invalid_json", _("That message is not valid JSON."), ref) from None
    if not storable:
        message = _("That message contains characters that cannot be stored.")
        raise FrameError("invalid_frame", message, ref)
    if not isinstance(frame.get("type"), str):
        raise FrameError("invalid_frame", _("A message needs a “type”."), ref)
    return frame


# Fields that carry what a person typed (a question, a moderator's edit, a translation).
TEXT_FIELDS = ("text",)


def _storable(value):
    """Text every database and export can hold: valid UTF-8, no NUL (depth is JSON's own)."""
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


async def handle(caller, frame):
    handler = HANDLERS.get(frame["type"])
    if handler is None:
        raise FrameError("unknown_type", _("Unknown message type."))
    return {"ref": frame.get("ref"), **await handler(caller, frame)}


async def _resume(caller, frame):
    # Resuming after the welcome let live events overtake the replay: it is part of connecting now.
    raise FrameError(
        "resume_on_connect",
        _("Reconnect with the last sequence number in “after” to catch up."),
    )


async def _ping(caller, frame):
    return {"type": "pong"}


def _client_allows(caller, kind, per_minute):
    """One client address, however many identities it joined as, within its allowance."""
    if not allow(f"client-{kind}", caller.address, per_minute):
        raise QAError("rate_limited", _("Too many requests from your network. Wait a minute."))


def _within_client_allowance(kind, setting, change):
    """`change`, counted first against the client address; one trip to the write thread, so
    a write never waits behind the read threads of a reconnect storm."""

    def counted(caller, *args):
        _client_allows(caller, kind, getattr(settings, setting))
        return change(*args)

    return database_sync_to_async(counted)


async def _ask(caller, frame):
    text = frame.get("text")
    anonymous = frame.get("anonymous", False)
    if not isinstance(text, str) or not isinstance(anonymous, bool):
        raise FrameError("invalid_frame", _("A question needs “text” and “anonymous”."))
    ask = _within_client_allowance("ask", "QA_CLIENT_QUESTIONS_PER_MINUTE", services.ask_question)
    question = await ask(
        caller, caller.room.pk, caller.participant_id, text, anonymous, caller.language
    )
    return {"type": "ack", "question": question.pk, "status": question.status}


async def _vote(caller, frame):
    question_id = _question_id(frame)
    voting = frame["type"] == "question.vote"
    change = _within_client_allowance(
        "vote", "QA_CLIENT_VOTES_PER_MINUTE", services.vote if voting else services.unvote
    )
    question, changed = await change(caller, caller.room.pk, caller.participant_id, question_id)
    return {
        "type": "ack",
        "question": question.pk,
        "voted": voting,
        "changed": changed,
        "votes": question.vote_count,
    }


async def _moderate(caller, frame):
    question_id = _question_id(frame)
    action = frame.get("action")
    text = frame.get("text")
    if not isinstance(action, str) or (text is not None and not isinstance(text, str)):
        raise FrameError("invalid_frame", _("Moderation needs an “action”."))
    await _require_moderator(caller)
    question = await database_sync_to_async(services.moderate)(
        caller.room.pk, caller.user, question_id, action, text
    )
    return {"type": "ack", "question": question.pk, "status": question.status}


async def _open_or_close(caller, frame):
    await _require_moderator(caller)
    room = await database_sync_to_async(services.set_room_open)(
        caller.room.pk, caller.user, frame["type"] == "room.open"
    )
    return {"type": "ack", "open": room.is_open}


async def _require_moderator(caller):
    # Rights as they are now: a logout, a deactivation or a removal since connecting counts.
    if not caller.is_moderator or not await on_read_threads(rights.refresh_rights)(caller):
        raise QAError("forbidden", _("You cannot moderate this room."))


async def _require_translator(caller):
    if caller.is_moderator and await on_read_threads(rights.refresh_rights)(caller):
        return
    if not await on_read_threads(_can_translate_now)(caller):
        raise QAError("forbidden", _("You cannot translate in this room."))


def _can_translate_now(caller):
    rights.refresh_rights(caller)
    return services.can_translate(caller.user, caller.room)


def _id(frame, field):
    value = frame.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise FrameError("invalid_frame", _("“%s” must be an id.") % field)
    return value


def _moderator_call(function):
    """A moderator's request: rights checked as they are now, then the service."""

    async def handler(caller, frame, *args):
        await _require_moderator(caller)
        return await database_sync_to_async(function)(caller.room.pk, caller.user, *args)

    return handler


async def _poll_create(caller, frame):
    kind = frame.get("kind", "single")
    hide = frame.get("hide_results", False)
    if not isinstance(kind, str) or not isinstance(hide, bool):
        raise FrameError("invalid_frame", _("A poll needs a “kind” and “hide_results”."))
    poll = await _moderator_call(polls.create_poll)(
        caller, frame, frame.get("prompt"), frame.get("options"), kind, hide
    )
    return {"type": "ack", "poll": poll.pk, "status": poll.status}


POLL_ACTIONS = {
    "poll.open": polls.open_poll,
    "poll.close": polls.close_poll,
}


async def _poll_status(caller, frame):
    poll_id = _id(frame, "poll")
    if frame["type"] == "poll.delete":
        await _moderator_call(polls.delete_poll)(caller, frame, poll_id)
        return {"type": "ack", "poll": poll_id, "status": "deleted"}
    poll = await _moderator_call(POLL_ACTIONS[frame["type"]])(caller, frame, poll_id)
    return {"type": "ack", "poll": poll.pk, "status": poll.status}


async def _poll_answer(caller, frame):
    poll_id = _id(frame, "poll")
    answer = _within_client_allowance("vote", "QA_CLIENT_VOTES_PER_MINUTE", polls.answer_poll)
    poll, chosen, changed = await answer(
        caller, caller.room.pk, caller.participant_id, poll_id, frame.get("options")
    )
    if changed:
        coalesce.results_wanted(poll.pk)
    return {"type": "ack", "poll": poll.pk, "options": chosen, "changed": changed}


async def _opinion_open(caller, frame):
    prompt = await _moderator_call(opinions.open_prompt)(caller, frame, frame.get("text"))
    return {"type": "ack", "prompt": prompt.pk}


async def _opinion_close(caller, frame):
    prompt = await _moderator_call(opinions.close_prompt)(caller, frame, _id(frame, "prompt"))
    return {"type": "ack", "prompt": prompt.pk}


async def _opinion_post(caller, frame):
    prompt_id = _id(frame, "prompt")
    text = frame.get("text")
    if not isinstance(text, str):
        raise FrameError("invalid_frame", _("An opinion needs “prompt” and “text”."))
    post = _within_client_allowance("ask", "QA_CLIENT_QUESTIONS_PER_MINUTE", opinions.post_opinion)
    opinion = await post(
        caller, caller.room.pk, caller.participant_id, prompt_id, text, caller.language
    )
    return {"type": "ack", "opinion": opinion.pk, "status": opinion.status}


async def _opinion_moderate(caller, frame):
    action = frame.get("action")
    if not isinstance(action, str):
        raise FrameError("invalid_frame", _("Moderation needs an “action”."))
    opinion = await _moderator_call(opinions.moderate_opinion)(
        caller, frame, _id(frame, "opinion"), action
    )
    return {"type": "ack", "opinion": opinion.pk, "status": opinion.status}


async def _translate(caller, frame):
    target = "question" if frame["type"] == "question.translate" else "opinion"
    object_id = _id(frame, target)
    language, text = frame.get("language"), frame.get("text")
    if not isinstance(language, str) or not isinstance(text, str):
        raise FrameError("invalid_frame", _("A translation needs “language” and “text”."))
    await _require_translator(caller)
    translate = services.translate_question if target == "question" else opinions.translate_opinion
    done = await database_sync_to_async(translate)(
        caller.room.pk, caller.user, object_id, language, text
    )
    return {"type": "ack", target: done.pk}


async def _react(caller, frame):
    question_id = _question_id(frame)
    kind = frame.get("kind")
    if not isinstance(kind, str):
        raise FrameError("invalid_frame", _("A reaction needs a “kind”."))
    adding = frame["type"] == "question.react"
    change = _within_client_allowance(
        "vote", "QA_CLIENT_VOTES_PER_MINUTE", services.react if adding else services.unreact
    )
    question, changed = await change(
        caller, caller.room.pk, caller.participant_id, question_id, kind
    )
    return {
        "type": "ack",
        "question": question.pk,
        "reactions": question.reaction_counts,
        "reacted": adding,
        "changed": changed,
    }


def _question_id(frame):
    question_id = frame.get("question")
    if not isinstance(question_id, int) or isinstance(question_id, bool) or question_id <= 0:
        raise FrameError("invalid_frame", _("“question” must be a question id."))
    return question_id


HANDLERS = {
    "resume": _resume,
    "ping": _ping,
    "question.ask": _ask,
    "question.vote": _vote,
    "question.unvote": _vote,
    "question.moderate": _moderate,
    "room.open": _open_or_close,
    "room.close": _open_or_close,
    "question.translate": _translate,
    "question.react": _react,
    "question.unreact": _react,
    "poll.create": _poll_create,
    "poll.open": _poll_status,
    "poll.close": _poll_status,
    "poll.delete": _poll_status,
    "poll.answer": _poll_answer,
    "opinion.open": _opinion_open,
    "opinion.close": _opinion_close,
    "opinion.post": _opinion_post,
    "opinion.moderate": _opinion_moderate,
    "opinion.translate": _translate,
}
