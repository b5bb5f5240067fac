"""Every change to a live Q&A room: validate, persist with a numbered event, then announce.

Views, consumers, admin actions and commands all call these functions; the
rules (one vote per person, rate limits, who may moderate) live here only.
Each change is committed together with its event row before anything is sent
to the channel layer (transaction.on_commit), so the database stays the truth
and a client that missed the doorbell finds the event through `resume`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import pagecache
from portal.models import language_codes
from portal.text import clean_text

from . import fanout
from .language import detect
from .models import (
    ANSWER_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REACTIONS,
    ROOM_TITLE_MAX_LENGTH,
    Event,
    Participant,
    Question,
    Reaction,
    Room,
    Vote,
)
from .ratelimit import allow

logger = logging.getLogger(__name__)

MODERATION_ACTIONS = (
    "approve",
    "reject",
    "archive",
    "restore",
    "answer",
    "unanswer",
    "pin",
    "unpin",
    "highlight",
    "unhighlight",
    "reply",
)
# The moderators' list of archived and rejected questions to restore from, newest first.
REMOVED_LIST_LENGTH = 200


class QAError(Exception):
    """A refusal the user should see; `code` is stable, `message` is translated."""

    def __init__(self, code, message):
        super().__init__(code)
        self.code = code
        self.message = message


def participant_session_key(room_id):
    """Where the room page stores, and the socket finds, who the visitor is in that room."""
    return f"qa.participant.{room_id}"


def _moderates_every_room(user):
    return user.is_superuser or user.has_perm("qa.moderate_any_room")


def can_moderate(user, room):
    """The one rule: staff who moderate every room, the room's moderators, and the
    organisers of the room's webinar."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if _moderates_every_room(user):
        return True
    return rooms_moderated_by(user).filter(pk=room.pk).exists()


def can_translate(user, room):
    """Who may attach translations: the room's moderators and its interpreters."""
    if can_moderate(user, room):
        return True
    return bool(user is not None and user.is_authenticated and user.is_active) and (
        room.interpreters.filter(pk=user.pk).exists()
    )


def rooms_moderated_by(user):
    """The rooms `user` may moderate, by the same rule as can_moderate."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Room.objects.none()
    if _moderates_every_room(user):
        return Room.objects.all()
    return Room.objects.filter(Q(moderators=user) | Q(webinar__organisers=user)).distinct()


def question_data(question):
    """The question object of the protocol; the original of an edited text is never in it."""
    return {
        "id": question.pk,
        "text": question.text,
        "language": question.language,
        "edited": question.edited,
        "answer": question.answer,
        "author": question.author_name,
        "organisation": "" if question.anonymous else question.author.organisation,
        "country": "" if question.anonymous else question.author.country.code,
        "status": question.status,
        "answered": question.answered,
        "pinned": question.pinned,
        "highlighted": question.highlighted,
        "votes": question.vote_count,
        "asked_at": question.created_at.isoformat(),
        "translations": question.translations or {},
        "reactions": question.reaction_counts or {},
    }


def submitted_payload(question):
    # Moderators must not be able to tell who asked an anonymous question.
    return {
        "question": question_data(question),
        "participant": None if question.anonymous else question.author_id,
    }


def room_data(room):
    return {
        "code": room.code,
        "title": room.display_title,
        "open": room.is_open,
        "moderated": room.moderated,
        "anonymous_allowed": room.allow_anonymous,
        "reactions": room.allowed_reactions,
        "opinions_moderated": room.opinions_moderated,
    }


def room_state(room, participant_id, is_moderator, is_translator=None):
    """The welcome snapshot for one caller and the seq it is at least as new as.

    No lock: the seq is read first and every event sets absolute values, so the
    events after it that a client applies on top of the snapshot leave it right.
    A reconnect storm therefore never blocks the room's writers.
    """
    room = Room.objects.get(pk=room.pk)
    seq = room.last_seq
    questions = Question.objects.filter(room=room).select_related("author")
    state = {
        "seq": seq,
        "room": room_data(room),
        "questions": [question_data(q) for q in questions.filter(status=Question.Status.PUBLISHED)],
        "mine": [],
        "own": [],
        "votes": [],
        "moderator": is_moderator,
        "me": participant_id,
        "reacted": [],
        "translator": is_moderator if is_translator is None else is_translator,
    }
    if participant_id is not None:
        own = list(questions.filter(author_id=participant_id))
        state["own"] = [q.pk for q in own]
        state["mine"] = [question_data(q) for q in own if q.status == Question.Status.PENDING]
        state["votes"] = list(
            Vote.objects.filter(participant_id=participant_id, question__room=room).values_list(
                "question_id", flat=True
            )
        )
        state["reacted"] = [
            list(pair)
            for pair in Reaction.objects.filter(
                participant_id=participant_id, question__room=room
            ).values_list("question_id", "kind")
        ]
    if is_moderator:
        state["pending"] = [
            question_data(q) for q in questions.filter(status=Question.Status.PENDING)
        ]
        removed = questions.filter(
            status__in=[Question.Status.ARCHIVED, Question.Status.REJECTED]
        ).order_by("-removed_at", "-pk")
        state["removed"] = [question_data(q) for q in removed[:REMOVED_LIST_LENGTH]]
    from .opinions import opinions_state
    from .polls import polls_state

    state.update(polls_state(room, participant_id, is_moderator))
    state.update(opinions_state(room, participant_id, is_moderator))
    return state


def events_after(room, after, participant_id, is_moderator):
    """Frames the caller may see with seq > after, in order, and the room's latest seq.

    Returns (None, latest) when `after` is outside what the log keeps (pruned,
    too far behind, or ahead of the room), so the caller gets a fresh welcome.
    """
    latest = Room.objects.values_list("last_seq", flat=True).get(pk=room.pk)
    if after > latest or latest - after > settings.QA_RESUME_WINDOW:
        return None, latest
    events = list(Event.objects.filter(room=room, seq__gt=after, seq__lte=latest).order_by("seq"))
    if after < latest and (not events or events[0].seq != after + 1):
        return None, latest  # pruned
    frames = [event.frame() for event in events if event.visible_to(participant_id, is_moderator)]
    return frames, latest


def events_between(room_id, after, upto):
    """Every event of a room with after < seq <= upto, for the hub to fill a gap."""
    return list(Event.objects.filter(room_id=room_id, seq__gt=after, seq__lte=upto).order_by("seq"))


def _locked_room(room_id):
    room = Room.objects.select_for_update().get(pk=room_id)
    return room


def _record(room, type_, payload, audience=Event.Audience.EVERYONE, participant=None):
    """Write the next numbered event of a locked room and ring the doorbell after commit."""
    room.last_seq += 1
    changes = {"last_seq": room.last_seq}
    if audience == Event.Audience.EVERYONE:
        payload = {"prev": room.last_public_seq, **payload}
        room.last_public_seq = changes["last_public_seq"] = room.last_seq
    # A plain UPDATE: the room row is locked, and save() would run page-reference signals.
    Room.objects.filter(pk=room.pk).update(**changes)
    event = Event.objects.create(
        room=room,
        seq=room.last_seq,
        type=type_,
        payload=payload,
        audience=audience,
        participant=participant,
    )
    frame_text = event.frame_text()
    transaction.on_commit(
        lambda: fanout.announce(room.pk, event.seq, frame_text, audience, event.participant_id),
        robust=True,
    )
    return event


def join_room(room, display_name="", organisation="", country="", user=None):
    """A new participant; `country` is an ISO 3166 alpha-2 code (the join form's choice)."""
    display_name = clean_text(display_name).strip()
    if not display_name and not room.allow_anonymous:
        raise QAError("name_required", _("This room asks participants for their name."))
    return Participant.objects.create(
        room=room,
        display_name=display_name[:80],
        organisation=clean_text(organisation).strip()[:120],
        country=country.strip().upper()[:2],
        user=user if user is not None and user.is_authenticated else None,
    )


def _require_participant(participant_id):
    if participant_id is None:
        raise QAError("join_required", _("Join the room first to take part."))


def _member(room, participant_id):
    """The participant, if they joined this very room; anyone else must join first."""
    participant = Participant.objects.filter(pk=participant_id, room=room).first()
    if participant is None:
        raise QAError("join_required", _("Join the room first to take part."))
    return participant


def _require_open(room):
    if not room.is_open:
        raise QAError("room_closed", _("This room is closed."))


def ask_question(room_id, participant_id, text, anonymous=False, language=""):
    _require_participant(participant_id)
    text = (text or "").strip()
    if not text:
        raise QAError("invalid_text", _("Type a question first."))
    if len(text) > QUESTION_MAX_LENGTH:
        raise QAError(
            "invalid_text", _("A question can be at most %d characters.") % QUESTION_MAX_LENGTH
        )
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_open(room)
        author = _member(room, participant_id)
        if author.is_anonymous and not room.allow_anonymous:
            raise QAError("name_required", _("This room asks participants for their name."))
        if anonymous and not room.allow_anonymous:
            raise QAError(
                "anonymous_not_allowed", _("This room does not allow anonymous questions.")
            )
        if not allow("ask", participant_id, settings.QA_QUESTIONS_PER_MINUTE):
            raise QAError("rate_limited", _("You are asking too quickly. Wait a minute."))
        question = Question.objects.create(
            room=room,
            author=author,
            text=text,
            anonymous=bool(anonymous) or author.is_anonymous,
            language=detect(text, fallback=language),
            status=Question.Status.PENDING if room.moderated else Question.Status.PUBLISHED,
            published_at=None if room.moderated else timezone.now(),
        )
        if question.status == Question.Status.PUBLISHED:
            _record(room, "question.published", {"question": question_data(question)})
        else:
            _record(
                room,
                "question.submitted",
                submitted_payload(question),
                audience=Event.Audience.MODERATORS,
                participant=author,
            )
    return question


def _change_vote(room_id, participant_id, question_id, add):
    _require_participant(participant_id)
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_open(room)
        _member(room, participant_id)
        question = Question.objects.filter(
            pk=question_id, room=room, status=Question.Status.PUBLISHED
        ).first()
        if question is None:
            raise QAError("unknown_question", _("That question is not in this room."))
        if not allow("vote", participant_id, settings.QA_VOTES_PER_MINUTE):
            raise QAError("rate_limited", _("You are voting too quickly. Wait a minute."))
        if add:
            try:
                with transaction.atomic():
                    Vote.objects.create(question=question, participant_id=participant_id)
            except IntegrityError:
                return question, False  # a second vote is ignored
            delta = 1
        else:
            deleted, _rows = Vote.objects.filter(
                question=question, participant_id=participant_id
            ).delete()
            if not deleted:
                return question, False
            delta = -1
        question.vote_count = question.vote_count + delta
        question.save(update_fields=["vote_count"])
        _record(room, "question.votes", {"question": question.pk, "votes": question.vote_count})
    return question, True


def vote(room_id, participant_id, question_id):
    return _change_vote(room_id, participant_id, question_id, add=True)


def unvote(room_id, participant_id, question_id):
    return _change_vote(room_id, participant_id, question_id, add=False)


def _edited_text(text, max_length, allow_empty, message):
    if not isinstance(text, str):
        raise QAError("invalid_text", message)
    text = clean_text(text, multiline=True).strip()
    if (not text and not allow_empty) or len(text) > max_length:
        raise QAError("invalid_text", message)
    return text


def _locked_question(room, question_id):
    question = (
        Question.objects.select_for_update()
        .select_related("author")
        .filter(pk=question_id, room=room)
        .first()
    )
    if question is None:
        raise QAError("unknown_question", _("That question is not in this room."))
    return question


def moderate(room_id, user, question_id, action, text=None):
    """One moderation action on one question; docs/qa-protocol.md lists what each one does."""
    if action not in MODERATION_ACTIONS:
        raise QAError("invalid_action", _("Unknown moderation action."))
    with transaction.atomic():
        room = _locked_room(room_id)
        if not can_moderate(user, room):
            raise QAError("forbidden", _("You cannot moderate this room."))
        question = _locked_question(room, question_id)
        Status = Question.Status
        allowed_from = {
            "approve": (Status.PENDING, Status.REJECTED),
            "reject": (Status.PENDING,),
            "restore": (Status.ARCHIVED, Status.REJECTED),
        }.get(action, (Status.PUBLISHED,))
        if question.status not in allowed_from:
            raise QAError("invalid_action", _refusal(action))
        was_public = question.status == Status.PUBLISHED
        announce = _apply_moderation(room, question, action, text)
        question.save()
        announce(question_data(question), was_public)
    return question


def _refusal(action):
    return {
        "approve": _("Only questions awaiting moderation or rejected ones can be approved."),
        "reject": _("Only questions awaiting moderation can be rejected."),
        "restore": _("Only archived or rejected questions can be restored."),
    }.get(action, _("Publish the question first."))


def _apply_moderation(room, question, action, text):
    """Change the question (unsaved) and return how to announce it once saved."""
    Status = Question.Status

    def published(data, was_public):
        _record(room, "question.published", {"question": data})

    def updated(data, was_public):
        _record(room, "question.updated", {"question": data})

    def removed(data, was_public):
        _record(
            room,
            "question.removed",
            {"question": question.pk, "status": question.status},
            audience=Event.Audience.EVERYONE if was_public else Event.Audience.MODERATORS,
            participant=question.author,
        )

    def submitted(data, was_public):
        _record(
            room,
            "question.submitted",
            submitted_payload(question),
            audience=Event.Audience.MODERATORS,
            participant=question.author,
        )

    if action == "approve":
        if text is not None:
            message = _("An edited question needs 1 to %d characters.") % QUESTION_MAX_LENGTH
            text = _edited_text(text, QUESTION_MAX_LENGTH, False, message)
            if text != question.text:
                question.original_text = question.original_text or question.text
                question.text = text
        question.status = Status.PUBLISHED
        question.published_at = question.published_at or timezone.now()
        question.removed_at = None
        return published
    if action in ("reject", "archive"):
        question.status = Status.REJECTED if action == "reject" else Status.ARCHIVED
        question.pinned = question.highlighted = False
        question.removed_at = timezone.now()
        return removed
    if action == "restore":
        question.removed_at = None
        if question.status == Status.ARCHIVED:
            question.status = Status.PUBLISHED
            return published
        question.status = Status.PENDING
        return submitted
    if action == "reply":
        message = _("A written answer can be at most %d characters.") % ANSWER_MAX_LENGTH
        question.answer = _edited_text(text, ANSWER_MAX_LENGTH, True, message)
    elif action in ("answer", "unanswer"):
        question.answered = action == "answer"
    elif action in ("pin", "unpin"):
        question.pinned = action == "pin"
    elif action == "highlight" and question.highlighted:
        question.highlighted = False  # highlighting the featured question again clears it
    elif action == "highlight":
        _clear_featured(room, exclude=question.pk)
        question.highlighted = True
    elif action == "unhighlight":
        question.highlighted = False
    return updated


def _clear_featured(room, exclude):
    """The room's featured question stops being featured, announced before the new one."""
    for previous in (
        Question.objects.select_for_update()
        .select_related("author")
        .filter(room=room, highlighted=True)
        .exclude(pk=exclude)
    ):
        previous.highlighted = False
        previous.save(update_fields=["highlighted"])
        _record(room, "question.updated", {"question": question_data(previous)})


def clean_translations(language, text, original_language, max_length, translations):
    """`translations` with `language` set to `text` (or removed when empty), checked."""
    if language not in language_codes():
        raise QAError("invalid_language", _("Choose one of the site's languages."))
    if language == original_language:
        raise QAError("invalid_language", _("The text is already in that language."))
    message = _("A translation can be at most %d characters.") % max_length
    text = _edited_text(text, max_length, True, message)
    translations = dict(translations or {})
    if text:
        translations[language] = text
    else:
        translations.pop(language, None)
    return translations


def translate_question(room_id, user, question_id, language, text):
    """Attach (or remove, with empty text) a question's translation into `language`."""
    with transaction.atomic():
        room = _locked_room(room_id)
        if not can_translate(user, room):
            raise QAError("forbidden", _("You cannot translate in this room."))
        question = _locked_question(room, question_id)
        translations = clean_translations(
            language, text, question.language, QUESTION_MAX_LENGTH, question.translations
        )
        if translations != question.translations:
            question.translations = translations
            question.save(update_fields=["translations"])
            public = question.status == Question.Status.PUBLISHED
            if public:
                _record(room, "question.updated", {"question": question_data(question)})
            elif question.status == Question.Status.PENDING:
                _record(
                    room,
                    "question.updated",
                    {"question": question_data(question)},
                    audience=Event.Audience.MODERATORS,
                    participant=question.author,
                )
    return question


def _change_reaction(room_id, participant_id, question_id, kind, add):
    _require_participant(participant_id)
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_open(room)
        _member(room, participant_id)
        if kind not in REACTIONS or kind not in room.allowed_reactions:
            raise QAError("reaction_not_allowed", _("This room does not allow that reaction."))
        question = Question.objects.filter(
            pk=question_id, room=room, status=Question.Status.PUBLISHED
        ).first()
        if question is None:
            raise QAError("unknown_question", _("That question is not in this room."))
        if not allow("vote", participant_id, settings.QA_VOTES_PER_MINUTE):
            raise QAError("rate_limited", _("You are voting too quickly. Wait a minute."))
        mine = Reaction.objects.filter(question=question, participant_id=participant_id, kind=kind)
        if add:
            try:
                with transaction.atomic():
                    Reaction.objects.create(
                        question=question, participant_id=participant_id, kind=kind
                    )
            except IntegrityError:
                return question, False
        elif not mine.delete()[0]:
            return question, False
        counts = dict(question.reaction_counts or {})
        counts[kind] = max(0, counts.get(kind, 0) + (1 if add else -1))
        if not counts[kind]:
            del counts[kind]
        question.reaction_counts = counts
        question.save(update_fields=["reaction_counts"])
        _record(room, "question.reactions", {"question": question.pk, "reactions": counts})
    return question, True


def react(room_id, participant_id, question_id, kind):
    return _change_reaction(room_id, participant_id, question_id, kind, add=True)


def unreact(room_id, participant_id, question_id, kind):
    return _change_reaction(room_id, participant_id, question_id, kind, add=False)


def can_change_room(user, room):
    """Who may open, close or reconfigure a room: its moderators and staff who edit rooms."""
    return can_moderate(user, room) or (
        user is not None and user.is_active and user.has_perm("qa.change_room")
    )


# A room's title in each language (empty: the webinar's title in that language).
ROOM_TITLES = tuple(f"title_{code}" for code, _name in settings.LANGUAGES)
ROOM_SETTINGS = (
    "title",
    *ROOM_TITLES,
    "is_open",
    "moderated",
    "allow_anonymous",
    "opinions_moderated",
    "reactions",
)


def update_room(room_id, user, **changes):
    """Change a room's public settings; connected clients get one `room.updated`."""
    unknown = set(changes) - set(ROOM_SETTINGS)
    if unknown:
        raise QAError("invalid_action", _("Unknown room setting."))
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()
        if not changes["title"] or len(changes["title"]) > ROOM_TITLE_MAX_LENGTH:
            raise QAError(
                "invalid_text",
                _("A room title needs 1 to %d characters.") % ROOM_TITLE_MAX_LENGTH,
            )
    for name in set(changes) & set(ROOM_TITLES):
        changes[name] = str(changes[name] or "").strip()
        if len(changes[name]) > ROOM_TITLE_MAX_LENGTH:
            raise QAError(
                "invalid_text",
                _("A room title needs 1 to %d characters.") % ROOM_TITLE_MAX_LENGTH,
            )
    if "reactions" in changes:
        chosen = changes["reactions"]
        if not isinstance(chosen, list | tuple) or set(chosen) - set(REACTIONS):
            raise QAError("invalid_action", _("Unknown room setting."))
        changes["reactions"] = [key for key in REACTIONS if key in set(chosen)]
    for flag in set(changes) - {"title", "reactions", *ROOM_TITLES}:
        if not isinstance(changes[flag], bool):
            raise QAError("invalid_action", _("Unknown room setting."))
    with transaction.atomic():
        room = _locked_room(room_id)
        if not can_change_room(user, room):
            raise QAError("forbidden", _("You cannot moderate this room."))
        changed = {name: value for name, value in changes.items() if getattr(room, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(room, name, value)
            room.closed_at = Room.closing_time(room.is_open, room.closed_at)
            Room.objects.filter(pk=room.pk).update(closed_at=room.closed_at, **changed)
            _record(room, "room.updated", {"room": room_data(room)})
            pagecache.invalidate()  # webinar pages show whether their room is open
    return room


def set_room_open(room_id, user, is_open):
    return update_room(room_id, user, is_open=is_open)


def prune_events(keep=None):
    """Delete events further behind their room's last seq than a client may resume from.

    Questions, votes and participants stay, so a closed room's exports and
    reports read as before; a client further behind gets a fresh welcome.
    """
    keep = settings.QA_RESUME_WINDOW if keep is None else keep
    deleted = 0
    for room_id, last_seq in Room.objects.values_list("pk", "last_seq"):
        count, _rows = Event.objects.filter(room_id=room_id, seq__lte=last_seq - keep).delete()
        deleted += count
    return deleted


def purge_personal_data(days=None, now=None):
    """Anonymise the participants of rooms closed more than `days` ago and drop their events.

    Questions and votes stay (the post-webinar report), shown as asked anonymously; the
    event log goes because its frames carry names. Running it again changes nothing.
    Returns (participants anonymised, events deleted).
    """
    days = settings.QA_PERSONAL_DATA_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    rooms = Room.objects.filter(is_open=False, closed_at__lte=cutoff)
    with transaction.atomic():
        identified = Participant.objects.filter(room__in=rooms).exclude(
            display_name="", organisation="", country="", user=None
        )
        anonymised = identified.update(display_name="", organisation="", country="", user=None)
        deleted, _rows = Event.objects.filter(room__in=rooms).delete()
    return anonymised, deleted
