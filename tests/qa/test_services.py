import importlib
import io

import pytest
from django.core.management import call_command

from qa.models import Event, Question
from qa.services import ask_question, events_after
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
