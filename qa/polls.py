"""Polls in a live room: prepare, open, answer (once, changed while open), close.

The same rule as every change in a room: persist with a numbered event, announce after
commit. Answers are the exception in how often they are announced: each answer is saved at
once, but results go out as one `poll.results` event at most every QA_POLL_RESULTS_INTERVAL
seconds per poll (qa/coalesce.py asks for them), so a vote storm does not flood the room.
The counts in an event are read from the database under the room's lock, so the last one
always carries the final counts; closing a poll announces them to everyone as well.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import language_codes

from .models import (
    POLL_MAX_OPTIONS,
    POLL_OPTION_MAX_LENGTH,
    POLL_PROMPT_MAX_LENGTH,
    Event,
    Participant,
    Poll,
    PollAnswer,
    PollOption,
)
from .ratelimit import allow
from .services import (
    QAError,
    _edited_text,
    _locked_room,
    _record,
    _require_open,
    _require_participant,
    can_moderate,
)

POLL_MIN_OPTIONS = 2


def translated(instance, field):
    """{language: text} of a modeltranslation field, the languages it was written in."""
    values = {}
    for code in language_codes():
        value = getattr(instance, f"{field}_{code}", "") or ""
        if value:
            values[code] = value
    return values


def counts(poll):
    """{option id (str): answers choosing it} and the number of voters, from the database."""
    chosen = dict(
        PollAnswer.options.through.objects.filter(pollanswer__poll=poll)
        .values_list("polloption_id")
        .annotate(n=Count("pk"))
        .values_list("polloption_id", "n")
    )
    by_option = {str(option.pk): chosen.get(option.pk, 0) for option in poll.options.all()}
    return by_option, PollAnswer.objects.filter(poll=poll).count()


def results_hidden(poll):
    return poll.hide_results and poll.status != Poll.Status.CLOSED


def poll_data(poll, results=None):
    """The poll object of the protocol; `results` as (counts, voters) or None to leave out."""
    data = {
        "id": poll.pk,
        "prompt": translated(poll, "prompt"),
        "kind": poll.kind,
        "status": poll.status,
        "hide_results": poll.hide_results,
        "options": [
            {"id": option.pk, "text": translated(option, "text")} for option in poll.options.all()
        ],
        "results": None,
    }
    if results is not None:
        by_option, voters = results
        data["results"] = {"counts": by_option, "voters": voters}
    return data


def _public_data(poll):
    """What everyone may see of the poll now: results unless they are hidden until close."""
    return poll_data(poll, None if results_hidden(poll) else counts(poll))


def polls_state(room, participant_id, is_moderator):
    polls = Poll.objects.filter(room=room).prefetch_related("options")
    if not is_moderator:
        polls = polls.exclude(status=Poll.Status.DRAFT)
    data = []
    for poll in polls:
        shown = is_moderator or not results_hidden(poll)
        data.append(poll_data(poll, counts(poll) if shown else None))
    answers = {}
    if participant_id is not None:
        for answer in PollAnswer.objects.filter(
            participant_id=participant_id, poll__room=room
        ).prefetch_related("options"):
            answers[str(answer.poll_id)] = [option.pk for option in answer.options.all()]
    return {"polls": data, "answers": answers}


def _require_moderator(user, room):
    if not can_moderate(user, room):
        raise QAError("forbidden", _("You cannot moderate this room."))


def _texts(value, max_length, message):
    """{language: text} from a client or a form: English (the default) required."""
    if isinstance(value, str):
        value = {settings.LANGUAGE_CODE: value}
    if not isinstance(value, dict) or set(value) - set(language_codes()):
        raise QAError("invalid_text", message)
    texts = {code: _edited_text(text, max_length, True, message) for code, text in value.items()}
    texts = {code: text for code, text in texts.items() if text}
    if settings.LANGUAGE_CODE not in texts:
        raise QAError("invalid_text", message)
    return texts


def _set_translated(instance, field, texts):
    for code in language_codes():
        setattr(instance, f"{field}_{code}", texts.get(code, ""))
    setattr(instance, field, texts[settings.LANGUAGE_CODE])


def create_poll(room_id, user, prompt, options, kind=Poll.Kind.SINGLE, hide_results=False):
    """A prepared (draft) poll, announced to moderators; `prompt` and each option are
    {language: text} with English required (or plain English text)."""
    prompt_message = _("A poll needs a question in English of 1 to %d characters.") % (
        POLL_PROMPT_MAX_LENGTH
    )
    option_message = _("Each option needs English text of 1 to %d characters.") % (
        POLL_OPTION_MAX_LENGTH
    )
    prompt = _texts(prompt, POLL_PROMPT_MAX_LENGTH, prompt_message)
    if not isinstance(options, list | tuple) or not (
        POLL_MIN_OPTIONS <= len(options) <= POLL_MAX_OPTIONS
    ):
        raise QAError(
            "invalid_choice",
            _("A poll needs %(min)d to %(max)d options.")
            % {"min": POLL_MIN_OPTIONS, "max": POLL_MAX_OPTIONS},
        )
    options = [_texts(option, POLL_OPTION_MAX_LENGTH, option_message) for option in options]
    if kind not in Poll.Kind.values or not isinstance(hide_results, bool):
        raise QAError(
            "invalid_frame", _("Choose one or several choices, and whether to hide results.")
        )
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        poll = Poll(room=room, kind=kind, hide_results=hide_results)
        _set_translated(poll, "prompt", prompt)
        poll.save()
        for position, texts in enumerate(options):
            option = PollOption(poll=poll, position=position)
            _set_translated(option, "text", texts)
            option.save()
        _record(
            room,
            "poll.updated",
            {"poll": poll_data(poll, counts(poll))},
            audience=Event.Audience.MODERATORS,
        )
    return poll


def _locked_poll(room, poll_id):
    poll = (
        Poll.objects.select_for_update()
        .prefetch_related("options")
        .filter(pk=poll_id, room=room)
        .first()
        if isinstance(poll_id, int) and not isinstance(poll_id, bool)
        else None
    )
    if poll is None:
        raise QAError("unknown_poll", _("That poll is not in this room."))
    return poll


def _announce_status(room, poll):
    if poll.status == Poll.Status.DRAFT:
        _record(
            room,
            "poll.updated",
            {"poll": poll_data(poll, counts(poll))},
            audience=Event.Audience.MODERATORS,
        )
        return
    _record(room, "poll.updated", {"poll": _public_data(poll)})
    if results_hidden(poll):
        # Moderators keep seeing the results of a poll whose results are hidden.
        _announce_results(room, poll, force=True)


def set_poll_status(room_id, user, poll_id, status):
    """Open a prepared or closed poll, or close an open one; announced to everyone."""
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        poll = _locked_poll(room, poll_id)
        allowed = {
            Poll.Status.OPEN: (Poll.Status.DRAFT, Poll.Status.CLOSED),
            Poll.Status.CLOSED: (Poll.Status.OPEN,),
        }[status]
        if poll.status not in allowed:
            message = (
                _("Only a prepared or closed poll can be opened.")
                if status == Poll.Status.OPEN
                else _("Only an open poll can be closed.")
            )
            raise QAError("invalid_action", message)
        poll.status = status
        now = timezone.now()
        if status == Poll.Status.OPEN:
            poll.opened_at = poll.opened_at or now
            poll.closed_at = None
        else:
            poll.closed_at = now
        poll.save(update_fields=["status", "opened_at", "closed_at"])
        _announce_status(room, poll)
        if status == Poll.Status.CLOSED:
            poll.announced_counts = counts(poll)[0]
            poll.results_announced_at = now
            poll.save(update_fields=["announced_counts", "results_announced_at"])
    return poll


def open_poll(room_id, user, poll_id):
    return set_poll_status(room_id, user, poll_id, Poll.Status.OPEN)


def close_poll(room_id, user, poll_id):
    return set_poll_status(room_id, user, poll_id, Poll.Status.CLOSED)


def delete_poll(room_id, user, poll_id):
    """Delete a prepared poll no one has seen; opened polls stay for the report."""
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        poll = _locked_poll(room, poll_id)
        if poll.status != Poll.Status.DRAFT:
            raise QAError("invalid_action", _("Only a prepared poll can be deleted."))
        pk = poll.pk
        poll.delete()
        _record(room, "poll.removed", {"poll": pk}, audience=Event.Audience.MODERATORS)
    return pk


def answer_poll(room_id, participant_id, poll_id, option_ids):
    """Save a participant's answer (replacing their earlier one). Results are announced by
    announce_results, coalesced; returns (poll, chosen option ids, changed)."""
    _require_participant(participant_id)
    if (
        not isinstance(option_ids, list)
        or not option_ids
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in option_ids)
    ):
        raise QAError("invalid_choice", _("Choose an option first."))
    if not isinstance(poll_id, int) or isinstance(poll_id, bool):
        raise QAError("unknown_poll", _("That poll is not in this room."))
    chosen = sorted(set(option_ids))
    Through = PollAnswer.options.through
    with transaction.atomic():
        # The poll row, not the room, is locked: a vote storm on one poll leaves questions,
        # votes and other events of the room free to go on. One query each for the member
        # and its room, the poll, its options and the earlier answer.
        member = (
            Participant.objects.select_related("room")
            .filter(pk=participant_id, room_id=room_id)
            .first()
        )
        if member is None:
            raise QAError("join_required", _("Join the room first to take part."))
        _require_open(member.room)
        poll = Poll.objects.select_for_update().filter(pk=poll_id, room_id=room_id).first()
        if poll is None:
            raise QAError("unknown_poll", _("That poll is not in this room."))
        if poll.status != Poll.Status.OPEN:
            raise QAError("poll_closed", _("This poll is not open."))
        valid = set(PollOption.objects.filter(poll=poll).values_list("pk", flat=True))
        if set(chosen) - valid or (poll.kind == Poll.Kind.SINGLE and len(chosen) != 1):
            message = (
                _("Choose one option.")
                if poll.kind == Poll.Kind.SINGLE
                else _("Choose one or more of the poll's options.")
            )
            raise QAError("invalid_choice", message)
        if not allow("vote", participant_id, settings.QA_VOTES_PER_MINUTE):
            raise QAError("rate_limited", _("You are voting too quickly. Wait a minute."))
        before = sorted(
            Through.objects.filter(
                pollanswer__poll=poll, pollanswer__participant_id=participant_id
            ).values_list("polloption_id", flat=True)
        )
        if before == chosen:
            return poll, chosen, False
        answer, _created = PollAnswer.objects.get_or_create(poll=poll, participant=member)
        Through.objects.filter(pollanswer=answer).exclude(polloption_id__in=chosen).delete()
        Through.objects.bulk_create(
            [Through(pollanswer=answer, polloption_id=pk) for pk in chosen if pk not in before]
        )
    return poll, chosen, True


def results_interval():
    return timedelta(seconds=settings.QA_POLL_RESULTS_INTERVAL)


def _announce_results(room, poll, force=False):
    """Record a poll.results event if the counts changed since the last one (room locked)."""
    by_option, voters = counts(poll)
    if not force and by_option == (poll.announced_counts or {}):
        return False
    audience = Event.Audience.MODERATORS if results_hidden(poll) else Event.Audience.EVERYONE
    _record(
        room,
        "poll.results",
        {"poll": poll.pk, "counts": by_option, "voters": voters},
        audience=audience,
    )
    poll.announced_counts = by_option
    poll.results_announced_at = timezone.now()
    poll.save(update_fields=["announced_counts", "results_announced_at"])
    return True


def announce_results(poll_id):
    """Announce a poll's results now, unless they were announced less than an interval ago.

    Returns the seconds to wait before asking again (0.0 when done or nothing to do), so the
    coalescer can come back for the counts that arrived meanwhile.
    """
    with transaction.atomic():
        room_id = Poll.objects.filter(pk=poll_id).values_list("room_id", flat=True).first()
        if room_id is None:
            return 0.0
        room = _locked_room(room_id)
        poll = Poll.objects.select_for_update().prefetch_related("options").get(pk=poll_id)
        if poll.status == Poll.Status.DRAFT:
            return 0.0
        if poll.results_announced_at is not None:
            wait = (poll.results_announced_at + results_interval() - timezone.now()).total_seconds()
            if wait > 0:
                return wait
        _announce_results(room, poll)
    return 0.0
