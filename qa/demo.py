"""The demo room, read from qa/demo/room.yaml and built through the services. Idempotent."""

from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from . import services
from .models import Participant, Question, Room

DEMO_CODE = "DEMO"
DEMO_DATA = Path(__file__).resolve().parent / "demo" / "room.yaml"

# Moderation steps a demo question may take, in the order they are applied.
STEPS = ("approve", "reply", "answered", "featured", "archive")


def _moderator():
    """The account that moderates the demo: the demo admin, or any superuser."""
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _participant(room, fields):
    participant = Participant.objects.filter(room=room, display_name=fields["display_name"]).first()
    return participant or services.join_room(room, **fields)


def _ask(room, author, spec, moderator):
    typed = Q(text=spec["text"]) | Q(original_text=spec["text"])
    if not room.is_open or Question.objects.filter(typed, room=room, author=author).exists():
        return False
    question = services.ask_question(room.pk, author.pk, spec["text"], False, spec["language"])
    if moderator is None:
        return True  # no one to moderate yet: the question waits, as in a real room
    actions = {
        "approve": lambda: ("approve", spec.get("edit")),
        "reply": lambda: ("reply", spec["reply"]),
        "answered": lambda: ("answer", None),
        "featured": lambda: ("highlight", None),
        "archive": lambda: ("archive", None),
    }
    for step in STEPS:
        if spec.get(step):
            action, text = actions[step]()
            services.moderate(room.pk, moderator, question.pk, action, text)
    return True


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


@transaction.atomic
def load_demo_room(path=DEMO_DATA):
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    spec = dict(data["room"])
    webinar = _webinar(spec.pop("webinar", None))
    room, created = Room.objects.get_or_create(
        code=spec["code"],
        defaults={**{k: v for k, v in spec.items() if k != "code"}, "webinar": webinar},
    )
    people = data["participants"]
    participants = {key: _participant(room, fields) for key, fields in people.items()}
    moderator = _moderator()
    asked = sum(
        _ask(room, participants[question["author"]], question, moderator)
        for question in data["questions"]
    )
    return {"qa rooms": int(created), "qa questions": asked}
