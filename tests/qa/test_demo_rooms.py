"""The demo's live rooms, as `make demo` loads them: a newcomer finds the DEMO room alive, and
the past IDB webinar's room closed, with its report below the webinar."""

import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page

from portal.models import language_codes
from qa.demo import load_demo_room
from qa.models import (
    Event,
    Opinion,
    OpinionPrompt,
    Participant,
    Poll,
    PollAnswer,
    Question,
    Room,
)
from qa.services import QAError, ask_question, room_state
from tests.conftest import clear_test_cache

pytestmark = pytest.mark.django_db

NOTHING_NEW = "qa rooms: 0, qa questions: 0, qa polls: 0, qa opinions: 0"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once for the module exactly as `make demo` loads it (it takes
    minutes), and rolled back afterwards so the next module starts from an empty database.
    Returns what the command printed."""
    from django.core.cache import cache

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        clear_test_cache(cache)  # rate-limit counts a previous module left for the same ids
        with transaction.atomic():
            out = io.StringIO()
            call_command("load_demo_content", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


def created(output):
    """{name: count} of the command's "Demo content ready (created …)" line."""
    line = re.search(r"created (.*)\)\.", output).group(1)
    return {name: int(count) for name, count in (part.split(": ") for part in line.split(", "))}


def welcome(code, moderator=False):
    room = Room.objects.get(code=code)
    return room, room_state(room, None, moderator)


def test_the_demo_room_is_a_living_room(demo):
    made = created(demo)
    assert made["qa rooms"] == 2 and made["qa polls"] == 2
    room, state = welcome("DEMO")
    assert state["room"]["open"] and state["room"]["reactions"] == ["thanks", "plus_one"]
    # The room belongs to the demo's live webinar and takes its title in each language.
    assert room.webinar.slug_en == "civil-service-reforms-open-qa"
    with translation.override("ko"):
        assert room.display_title == room.webinar.title_ko

    questions = state["questions"]
    assert 4 <= len(questions) <= 6
    assert {q["language"] for q in questions} == {"es", "ru", "en", "ko"}
    answered = [q for q in questions if q["answered"]]
    assert len(answered) == 1 and answered[0]["answer"]
    assert [q["pinned"] for q in questions].count(True) == 1
    featured = [q for q in questions if q["highlighted"]]
    assert len(featured) == 1 and featured[0]["edited"]  # the moderator tidied its text
    assert any(q["translations"] for q in questions)
    assert any(q["reactions"] for q in questions) and any(q["votes"] for q in questions)

    (poll,) = state["polls"]
    assert poll["status"] == "open" and poll["kind"] == "multiple"
    assert set(poll["prompt"]) == set(language_codes())
    assert all(set(option["text"]) == set(language_codes()) for option in poll["options"])
    assert poll["results"]["voters"] > 10
    assert all(count > 0 for count in poll["results"]["counts"].values())

    (prompt,) = state["prompts"]
    assert prompt["open"] and set(prompt["text"]) == set(language_codes())
    published = [o for o in state["opinions"] if o["prompt"] == prompt["id"]]
    assert 2 <= len(published) <= 3
    assert len({o["language"] for o in published}) >= 2
    (cloud,) = state["clouds"]
    assert cloud["prompt"] == prompt["id"] and cloud["words"]

    # What a moderator finds waiting: a question and an opinion.
    _room, moderated = welcome("DEMO", moderator=True)
    assert len(moderated["pending"]) == 1 and len(moderated["pending_opinions"]) == 1
    assert [q["status"] for q in moderated["removed"]] == ["archived"]


def test_the_idb_room_is_closed_with_questions_a_poll_and_opinions(demo):
    room, state = welcome("IDB2020")
    assert room.webinar.slug_en == "korea-digital-hrm-idb-2020"
    assert not state["room"]["open"] and room.closed_at is not None

    questions = state["questions"]
    assert {q["language"] for q in questions} == {"es", "en", "ko"}
    # Two translated, each into the other languages of the webinar (Korean, Spanish, English).
    translated = {q["language"]: set(q["translations"]) for q in questions if q["translations"]}
    assert translated == {"es": {"en", "ko"}, "ko": {"en", "es"}}
    assert sum(q["answered"] for q in questions) >= 3

    (poll,) = state["polls"]
    assert poll["status"] == "closed"
    counts = poll["results"]["counts"]
    assert sum(counts.values()) == poll["results"]["voters"] > 20  # one choice each

    (prompt,) = state["prompts"]
    assert not prompt["open"]
    assert 4 <= len(state["opinions"]) <= 6
    assert {o["language"] for o in state["opinions"]} >= {"es", "en", "ko", "ru"}
    assert all(o["status"] == "published" for o in state["opinions"])
    assert state["clouds"][0]["words"][0]["weight"] > state["clouds"][0]["words"][-1]["weight"]

    # Closed: a participant can no longer ask.
    someone = Participant.objects.filter(room=room).exclude(display_name="").first()
    with pytest.raises(QAError) as refused:
        ask_question(room.pk, someone.pk, "¿Habrá otro seminario?")
    assert refused.value.code == "room_closed"


def test_every_change_in_the_demo_rooms_was_a_numbered_event(demo):
    for room in Room.objects.filter(code__in=["DEMO", "IDB2020"]):
        seqs = list(Event.objects.filter(room=room).order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, room.last_seq + 1))
        types = Counter(Event.objects.filter(room=room).values_list("type", flat=True))
        for kind in (
            "question.published",
            "question.updated",
            "question.votes",
            "question.reactions",
            "poll.updated",
            "poll.results",
            "opinion.prompt",
            "opinion.published",
        ):
            assert types[kind], (room.code, kind)
    assert Event.objects.filter(room__code="IDB2020", type="room.updated").count() == 1


def test_the_idb_report_is_live_under_the_webinar_in_every_language(client, demo):
    from webinars.models import WebinarPage, WebinarReportPage

    webinar = WebinarPage.objects.get(slug_en="korea-digital-hrm-idb-2020")
    report = webinar.report()
    assert isinstance(report, WebinarReportPage) and report.live
    poll = Poll.objects.get(room__code="IDB2020")
    spanish = Question.objects.get(room__code="IDB2020", language="es", translations__has_key="ko")
    for code in language_codes():
        with translation.override(code):
            url = report.get_url()
            intro, prompt = report.intro, poll.prompt
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert escape(intro) in html and escape(prompt) in html, code
    # The Korean reader finds the Spanish question in Korean.
    with translation.override("ko"):
        html = client.get(report.get_url()).content.decode()
    assert escape(spanish.translations["ko"]) in html


def test_loading_the_demo_again_adds_nothing(demo):
    models = (Room, Participant, Question, Poll, PollAnswer, OpinionPrompt, Opinion, Event, Page)
    before = [model.objects.count() for model in models]
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert NOTHING_NEW in out.getvalue()
    assert [model.objects.count() for model in models] == before


def test_without_a_moderator_the_rooms_wait_for_one(demo):
    """Before the demo admin exists, the DEMO room's questions wait for moderation and the
    rooms a moderator must build (polls, prompts, closing) are left for the next load."""
    Room.objects.filter(code__in=["DEMO", "IDB2020"]).delete()
    get_user_model().objects.filter(is_superuser=True).update(is_active=False)
    first = load_demo_room()
    assert first == {"qa rooms": 1, "qa questions": 6, "qa polls": 0, "qa opinions": 0}
    room = Room.objects.get(code="DEMO")
    assert set(room.questions.values_list("status", flat=True)) == {"pending"}
    assert not Room.objects.filter(code="IDB2020").exists()

    get_user_model().objects.filter(is_superuser=True).update(is_active=True)
    second = load_demo_room()
    assert second["qa rooms"] == 1 and second["qa questions"] == 7  # the IDB room's
    assert second["qa polls"] == 2 and second["qa opinions"] == 10
    assert room.questions.count() == 6  # asked once only
    assert not Room.objects.get(code="IDB2020").is_open
    assert load_demo_room() == {"qa rooms": 0, "qa questions": 0, "qa polls": 0, "qa opinions": 0}
