"""The opinion board of a live room: a moderator's prompt, participants' short opinions,
pre-moderated or not as the room says, and a word cloud of the published ones.

Each opinion's language is detected and its word-cloud terms analysed once, when it is
posted (qa/language.py, qa/wordcloud.py); the cloud of a prompt is counted from those
stored terms whenever it changes and travels with the event that changed it.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .language import detect
from .models import OPINION_MAX_LENGTH, OPINION_PROMPT_MAX_LENGTH, Event, Opinion, OpinionPrompt
from .polls import _require_moderator, _set_translated, _texts, translated
from .ratelimit import allow
from .services import (
    QAError,
    _locked_room,
    _member,
    _record,
    _require_open,
    _require_participant,
    can_translate,
    clean_translations,
)
from .wordcloud import cloud, terms

CLOUD_WORDS = 40


def prompt_data(prompt):
    return {"id": prompt.pk, "text": translated(prompt, "text"), "open": prompt.is_open}


def opinion_data(opinion):
    author = opinion.author
    return {
        "id": opinion.pk,
        "prompt": opinion.prompt_id,
        "text": opinion.text,
        "language": opinion.language,
        "translations": opinion.translations or {},
        "status": opinion.status,
        "author": author.display_name,
        "country": author.country.code if author.display_name else "",
        "posted_at": opinion.created_at.isoformat(),
    }


def cloud_data(prompt_id):
    published = Opinion.objects.filter(
        prompt_id=prompt_id, status=Opinion.Status.PUBLISHED
    ).values_list("terms", flat=True)
    return {"prompt": prompt_id, "words": cloud(list(published), limit=CLOUD_WORDS)}


def opinions_state(room, participant_id, is_moderator):
    prompts = list(OpinionPrompt.objects.filter(room=room))
    opinions = Opinion.objects.filter(prompt__room=room).select_related("author")
    state = {
        "prompts": [prompt_data(prompt) for prompt in prompts],
        "opinions": [opinion_data(o) for o in opinions.filter(status=Opinion.Status.PUBLISHED)],
        "clouds": [cloud_data(prompt.pk) for prompt in prompts],
        "my_opinions": [],
    }
    if participant_id is not None:
        state["my_opinions"] = [
            opinion_data(o)
            for o in opinions.filter(author_id=participant_id, status=Opinion.Status.PENDING)
        ]
    if is_moderator:
        state["pending_opinions"] = [
            opinion_data(o) for o in opinions.filter(status=Opinion.Status.PENDING)
        ]
    return state


def open_prompt(room_id, user, text):
    """A new prompt, open at once; the room's previously open prompt closes."""
    message = _("A prompt needs English text of 1 to %d characters.") % OPINION_PROMPT_MAX_LENGTH
    texts = _texts(text, OPINION_PROMPT_MAX_LENGTH, message)
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        for previous in OpinionPrompt.objects.select_for_update().filter(room=room, is_open=True):
            _close(room, previous)
        prompt = OpinionPrompt(room=room)
        _set_translated(prompt, "text", texts)
        prompt.save()
        _record(room, "opinion.prompt", {"prompt": prompt_data(prompt)})
    return prompt


def _close(room, prompt):
    prompt.is_open = False
    prompt.closed_at = timezone.now()
    prompt.save(update_fields=["is_open", "closed_at"])
    _record(room, "opinion.prompt", {"prompt": prompt_data(prompt)})


def close_prompt(room_id, user, prompt_id):
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        prompt = _prompt(room, prompt_id, lock=True)
        if not prompt.is_open:
            raise QAError("invalid_action", _("This prompt is already closed."))
        _close(room, prompt)
    return prompt


def _prompt(room, prompt_id, lock=False):
    if not isinstance(prompt_id, int) or isinstance(prompt_id, bool):
        prompt = None
    else:
        prompts = OpinionPrompt.objects.select_for_update() if lock else OpinionPrompt.objects
        prompt = prompts.filter(pk=prompt_id, room=room).first()
    if prompt is None:
        raise QAError("unknown_prompt", _("That prompt is not in this room."))
    return prompt


def post_opinion(room_id, participant_id, prompt_id, text, language=""):
    _require_participant(participant_id)
    text = (text or "").strip() if isinstance(text, str) else ""
    if not text or len(text) > OPINION_MAX_LENGTH:
        raise QAError(
            "invalid_text", _("An opinion needs 1 to %d characters.") % OPINION_MAX_LENGTH
        )
    detected = detect(text, fallback=language)
    words = terms(text, detected)
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_open(room)
        author = _member(room, participant_id)
        prompt = _prompt(room, prompt_id)
        if not prompt.is_open:
            raise QAError("prompt_closed", _("This prompt is closed."))
        if not allow("opinion", participant_id, settings.QA_QUESTIONS_PER_MINUTE):
            raise QAError("rate_limited", _("You are posting too quickly. Wait a minute."))
        published = not room.opinions_moderated
        opinion = Opinion.objects.create(
            prompt=prompt,
            author=author,
            text=text,
            language=detected,
            terms=words,
            status=Opinion.Status.PUBLISHED if published else Opinion.Status.PENDING,
            published_at=timezone.now() if published else None,
        )
        if published:
            _announce_published(room, opinion)
        else:
            _record(
                room,
                "opinion.submitted",
                {"opinion": opinion_data(opinion), "participant": author.pk},
                audience=Event.Audience.MODERATORS,
                participant=author,
            )
    return opinion


def _announce_published(room, opinion):
    _record(
        room,
        "opinion.published",
        {"opinion": opinion_data(opinion), "cloud": cloud_data(opinion.prompt_id)},
    )


def _locked_opinion(room, opinion_id):
    opinion = None
    if isinstance(opinion_id, int) and not isinstance(opinion_id, bool):
        opinion = (
            Opinion.objects.select_for_update()
            .select_related("author")
            .filter(pk=opinion_id, prompt__room=room)
            .first()
        )
    if opinion is None:
        raise QAError("unknown_opinion", _("That opinion is not in this room."))
    return opinion


def moderate_opinion(room_id, user, opinion_id, action):
    """Approve (publish) or reject an opinion; a published one can be rejected later."""
    if action not in ("approve", "reject"):
        raise QAError("invalid_action", _("Unknown moderation action."))
    with transaction.atomic():
        room = _locked_room(room_id)
        _require_moderator(user, room)
        opinion = _locked_opinion(room, opinion_id)
        Status = Opinion.Status
        if action == "approve":
            if opinion.status == Status.PUBLISHED:
                raise QAError("invalid_action", _("This opinion is already published."))
            opinion.status = Status.PUBLISHED
            opinion.published_at = opinion.published_at or timezone.now()
            opinion.save(update_fields=["status", "published_at"])
            _announce_published(room, opinion)
        else:
            if opinion.status == Status.REJECTED:
                raise QAError("invalid_action", _("This opinion is already rejected."))
            was_public = opinion.status == Status.PUBLISHED
            opinion.status = Status.REJECTED
            opinion.save(update_fields=["status"])
            payload = {"opinion": opinion.pk, "status": opinion.status}
            if was_public:
                payload["cloud"] = cloud_data(opinion.prompt_id)
            _record(
                room,
                "opinion.removed",
                payload,
                audience=Event.Audience.EVERYONE if was_public else Event.Audience.MODERATORS,
                participant=opinion.author,
            )
    return opinion


def translate_opinion(room_id, user, opinion_id, language, text):
    with transaction.atomic():
        room = _locked_room(room_id)
        if not can_translate(user, room):
            raise QAError("forbidden", _("You cannot translate in this room."))
        opinion = _locked_opinion(room, opinion_id)
        translations = clean_translations(
            language, text, opinion.language, OPINION_MAX_LENGTH, opinion.translations
        )
        if translations != opinion.translations:
            opinion.translations = translations
            opinion.save(update_fields=["translations"])
            public = opinion.status == Opinion.Status.PUBLISHED
            _record(
                room,
                "opinion.updated",
                {"opinion": opinion_data(opinion)},
                audience=Event.Audience.EVERYONE if public else Event.Audience.MODERATORS,
                participant=None if public else opinion.author,
            )
    return opinion
