"""The demo's live rooms, one data file each in qa/demo/rooms/, built through the services.

A file holds everything a room shows: its settings, participants, questions and what the
moderator did with each, polls and their answers, opinion prompts and opinions. Every change
goes through qa.services, qa.polls and qa.opinions, so it is a numbered event as in a real
webinar. Loading again adds nothing: questions, polls and prompts are found again by their
text (a poll's answers and a prompt's opinions come only with a new poll or prompt), and a
room that ends closed takes nothing new, as a real one would.
"""

from collections import Counter
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from . import opinions, polls, services
from .models import Opinion, OpinionPrompt, Participant, Poll, Question, Room

DEMO_CODE = "DEMO"
ROOMS = Path(__file__).resolve().parent / "demo" / "rooms"

# Moderation steps a demo question may take before its translations, votes and reactions
# (the data key, then the service's action); archiving comes last, once it has had them.
STEPS = (
    ("approve", "approve"),
    ("reply", "reply"),
    ("answered", "answer"),
    ("pinned", "pin"),
    ("featured", "highlight"),
)


def _moderator():
    """The account that moderates the demo: the demo admin, or any superuser."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _participant(room, fields):
    participant = Participant.objects.filter(room=room, display_name=fields["display_name"]).first()
    return participant or services.join_room(room, **fields)


def _ask(room, people, spec, moderator):
    author = people[spec["author"]]
    typed = Q(text=spec["text"]) | Q(original_text=spec["text"])
    if Question.objects.filter(typed, room=room, author=author).exists():
        return False
    question = services.ask_question(
        room.pk, author.pk, spec["text"], False, spec.get("language", "")
    )
    if moderator is None:
        return True  # no one to moderate yet: the question waits, as in a real room
    texts = {"approve": spec.get("edit"), "reply": spec.get("reply")}
    for key, action in STEPS:
        if spec.get(key):
            services.moderate(room.pk, moderator, question.pk, action, texts.get(key))
    for language, text in spec.get("translations", {}).items():
        services.translate_question(room.pk, moderator, question.pk, language, text)
    for key in spec.get("votes", []):
        services.vote(room.pk, people[key].pk, question.pk)
    for kind, keys in spec.get("reactions", {}).items():
        for key in keys:
            services.react(room.pk, people[key].pk, question.pk, kind)
    if spec.get("archive"):
        services.moderate(room.pk, moderator, question.pk, "archive")
    return True


def _english(texts):
    return texts[settings.LANGUAGE_CODE] if isinstance(texts, dict) else texts


def _poll(room, people, spec, moderator, voter_countries):
    """Create, open, answer and leave the poll in its status; False if it exists."""
    prompt = _english(spec["prompt"])
    if Poll.objects.filter(room=room, **{f"prompt_{settings.LANGUAGE_CODE}": prompt}).exists():
        return False
    poll = polls.create_poll(
        room.pk,
        moderator,
        spec["prompt"],
        spec["options"],
        spec.get("kind", Poll.Kind.SINGLE),
        spec.get("hide_results", False),
    )
    status = spec.get("status", Poll.Status.OPEN)
    if status == Poll.Status.DRAFT:
        return True
    polls.open_poll(room.pk, moderator, poll.pk)
    options = list(poll.options.values_list("pk", flat=True))  # in their order, 1 = first
    choices = [(people[key], numbers) for key, numbers in spec.get("answers", {}).items()]
    # Voters who did not give their names, each choosing the option they are counted for.
    generated = 0
    for number, count in enumerate(spec.get("more_voters", []), start=1):
        for _n in range(count):
            country = voter_countries[generated % len(voter_countries)] if voter_countries else ""
            choices.append((services.join_room(room, country=country), [number]))
            generated += 1
    for participant, numbers in choices:
        polls.answer_poll(room.pk, participant.pk, poll.pk, [options[n - 1] for n in numbers])
    # Results are announced as the coalescer would, once every answer is in.
    polls.announce_results(poll.pk)
    if status == Poll.Status.CLOSED:
        polls.close_poll(room.pk, moderator, poll.pk)
    return True


def _prompt(room, people, spec, moderator):
    """Open the prompt, post and moderate its opinions; the number posted (0 if it exists)."""
    text = _english(spec["text"])
    if OpinionPrompt.objects.filter(room=room, **{f"text_{settings.LANGUAGE_CODE}": text}).exists():
        return 0
    prompt = opinions.open_prompt(room.pk, moderator, spec["text"])
    posted = 0
    for item in spec.get("opinions", []):
        author = people[item["author"]]
        opinion = opinions.post_opinion(
            room.pk, author.pk, prompt.pk, item["text"], item.get("language", "")
        )
        posted += 1
        if item.get("approve") and opinion.status == Opinion.Status.PENDING:
            opinions.moderate_opinion(room.pk, moderator, opinion.pk, "approve")
        elif item.get("reject"):
            opinions.moderate_opinion(room.pk, moderator, opinion.pk, "reject")
        for language, translation in item.get("translations", {}).items():
            opinions.translate_opinion(room.pk, moderator, opinion.pk, language, translation)
    if spec.get("status") == "closed":
        opinions.close_prompt(room.pk, moderator, prompt.pk)
    return posted


def _webinar(path):
    """The demo webinar page the room belongs to, by its English slug path (webinars/…)."""
    if not path:
        return None
    from webinars.models import WebinarPage

    slug = path.rstrip("/").rsplit("/", 1)[-1]
    webinar = WebinarPage.objects.filter(slug_en=slug).first()
    if webinar is None:
        raise ValueError(f"qa demo: no webinar page at {path!r}")
    return webinar


def _load_room(data, moderator):
    spec = dict(data["room"])
    closes = spec.pop("closed", False)
    created = Counter()
    if closes and moderator is None:
        # Only a moderator can close it, and a closed room takes nothing new: it waits for the
        # demo admin, so that it is loaded whole.
        return created
    webinar = _webinar(spec.pop("webinar", None))
    code = spec.pop("code")
    if closes:
        spec["is_open"] = True  # open while the webinar happens, closed at the end
    room, new = Room.objects.get_or_create(code=code, defaults={**spec, "webinar": webinar})
    created["qa rooms"] = int(new)
    if not room.is_open:
        return created
    people = {key: _participant(room, fields) for key, fields in data["participants"].items()}
    for question in data.get("questions", []):
        created["qa questions"] += _ask(room, people, question, moderator)
    if moderator is None:  # polls and prompts are a moderator's to make
        return created
    countries = data.get("voter_countries", [])
    for poll in data.get("polls", []):
        created["qa polls"] += _poll(room, people, poll, moderator, countries)
    for prompt in data.get("prompts", []):
        created["qa opinions"] += _prompt(room, people, prompt, moderator)
    if closes:
        services.set_room_open(room.pk, moderator, False)
    return created


def room_files():
    return sorted(ROOMS.glob("*.yaml"))


@transaction.atomic
def load_demo_room(path=None):
    """Load one room's file, or every file in qa/demo/rooms/; counts of what was new."""
    created = Counter({"qa rooms": 0, "qa questions": 0, "qa polls": 0, "qa opinions": 0})
    moderator = _moderator()
    for room_file in [Path(path)] if path else room_files():
        with open(room_file, encoding="utf-8") as handle:
            created.update(_load_room(yaml.safe_load(handle), moderator))
    return dict(created)
