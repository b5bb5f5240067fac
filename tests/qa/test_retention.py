"""Participants' personal data is kept QA_PERSONAL_DATA_DAYS after their room closes."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from qa import services
from qa.models import Event, Participant, Question
from qa.services import room_state
from tests.qa.helpers import join, make_room

pytestmark = pytest.mark.django_db


def purge(*args):
    out = io.StringIO()
    call_command("purge_qa_personal_data", *args, stdout=out)
    return out.getvalue().strip()


def closed_days_ago(room, moderator, days):
    services.set_room_open(room.pk, moderator, False)
    room.refresh_from_db()
    room.__class__.objects.filter(pk=room.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def old_room(room, moderator, django_user_model):
    """A room closed 91 days ago: a named participant with an account, and an anonymous one."""
    account = django_user_model.objects.create_user("delegate", password="pw-2026")
    named = join(room, name="Ana Pérez", organisation="ONSC", country="UY")
    Participant.objects.filter(pk=named.pk).update(user=account)
    question = services.ask_question(room.pk, named.pk, "How long did it take?", False, "es")
    services.moderate(room.pk, moderator, question.pk, "approve")
    join(room, name="", organisation="", country="")
    closed_days_ago(room, moderator, 91)
    return room


def test_rooms_closed_longer_than_the_period_lose_names_not_questions(old_room, settings):
    settings.QA_PERSONAL_DATA_DAYS = 90
    assert purge() == "Anonymised 1 participant(s); deleted 3 event(s)."
    ana = Participant.objects.get(room=old_room, questions__isnull=False)
    assert (ana.display_name, ana.organisation, ana.country, ana.user) == ("", "", "", None)
    question = Question.objects.get(room=old_room)
    assert (question.text, question.status) == ("How long did it take?", "published")
    [shown] = room_state(old_room, None, False)["questions"]
    assert (shown["author"], shown["organisation"], shown["country"]) == ("", "", "")
    assert not Event.objects.filter(room=old_room).exists()
    # Running it again changes nothing.
    assert purge() == "Anonymised 0 participant(s); deleted 0 event(s)."


def test_rooms_within_the_period_and_open_rooms_are_kept(room, moderator, settings):
    settings.QA_PERSONAL_DATA_DAYS = 90
    recent = make_room(code="RECENT")
    recent.moderators.add(moderator)
    join(recent, name="Luis")
    closed_days_ago(recent, moderator, 89)
    join(room, name="Kim")  # the open room, however old
    assert purge() == "Anonymised 0 participant(s); deleted 0 event(s)."
    assert set(Participant.objects.values_list("display_name", flat=True)) == {"Luis", "Kim"}
    assert Event.objects.filter(room=recent).exists()
    # A shorter period, given on the command line, reaches the recent room.
    assert purge("--days", "30") == "Anonymised 1 participant(s); deleted 1 event(s)."


def test_reopening_a_room_stops_the_clock(old_room, moderator, settings):
    settings.QA_PERSONAL_DATA_DAYS = 90
    services.set_room_open(old_room.pk, moderator, True)
    assert purge().startswith("Anonymised 0 participant(s)")
    assert Participant.objects.filter(display_name="Ana Pérez").exists()


def test_a_client_behind_a_purged_log_gets_a_fresh_welcome(old_room, settings):
    settings.QA_PERSONAL_DATA_DAYS = 90
    purge()
    frames, latest = services.events_after(old_room, 1, None, False)
    assert frames is None and latest == old_room.last_seq


def test_a_negative_period_is_refused():
    with pytest.raises(CommandError, match="--days must be 0 or more"):
        purge("--days", "-1")
