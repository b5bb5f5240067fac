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
