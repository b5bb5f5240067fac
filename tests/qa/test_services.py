import importlib
import io

import pytest
from django.core.management import call_command

from qa.models import Event, Question, Room
from qa.services import ask_question, events_after, room_state
from tests.qa.helpers import join

pytestmark = pytest.mark.django_db


def test_pruning_keeps_the_resume_window_and_the_questions(room):
    room.moderated = False
    room.save()
    asker = join(room)
    for n in range(5):
        ask_question(room.pk, asker.pk, f"Question {n}")
    out = io.StringIO()
    call_command("prune_qa_events", "--keep", "2", stdout=out)
    assert "Deleted 3 event(s)." in out.getvalue()
    assert list(Event.objects.filter(room=room).values_list("seq", flat=True)) == [4, 5]
    assert Question.objects.filter(room=room).count() == 5
    assert events_after(room, 3, asker.pk, False)[0] is not None
    assert events_after(room, 2, asker.pk, False)[0] is None  # a fresh welcome instead


def test_the_demo_room_shows_every_state_and_loads_once(demo_site):
    from django.utils import translation

    from qa.demo import load_demo_room

    assert load_demo_room() == {"qa rooms": 1, "qa questions": 5}
    room = Room.objects.get(code="DEMO")
    # The room belongs to the demo's live webinar and takes its title in each language.
    assert room.webinar.slug_en == "civil-service-reforms-open-qa"
    with translation.override("ko"):
        assert room.display_title == room.webinar.title_ko
    assert set(room.participants.values_list("country", flat=True)) == {"UY", "KZ", "MN", "DO"}
    questions = {q.text[:20]: q for q in Question.objects.filter(room=room)}
    edited = [q for q in questions.values() if q.edited]
    assert len(edited) == 1 and edited[0].original_text.startswith("как обучали")
    assert [q.highlighted for q in questions.values()].count(True) == 1
    assert edited[0].highlighted
    assert sum(bool(q.answer) for q in questions.values()) == 1
    statuses = sorted(q.status for q in questions.values())
    assert statuses == ["archived", "pending", "published", "published", "published"]
    # Through the services: the welcome a participant gets shows what the data says.
    welcome = room_state(room, None, False)
    assert {q["language"] for q in welcome["questions"]} == {"es", "ru", "en"}
    before = (Question.objects.count(), Event.objects.count(), room.participants.count())
    assert load_demo_room() == {"qa rooms": 0, "qa questions": 0}
    assert (Question.objects.count(), Event.objects.count(), room.participants.count()) == before


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Uruguay", "UY"),
        (" kazakhstan ", "KZ"),
        ("uy", "UY"),
        ("대한민국", "KR"),
        ("Corea del Sur", "KR"),
        ("Монголия", "MN"),
        ("Atlantis", ""),
        ("", ""),
    ],
)
def test_free_text_countries_become_codes_where_they_name_one(typed, code):
    migration = importlib.import_module(
        "qa.migrations.0004_country_codes_closing_times_one_featured"
    )
    assert migration.country_code(typed) == code
