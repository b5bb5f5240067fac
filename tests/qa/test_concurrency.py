"""Votes stay exact when many people vote at the same moment.

The threads start together on a barrier. Meaningful on PostgreSQL (CI's second pass): there
the transactions truly overlap and the room's row lock must order them; SQLite serialises
writers on its file lock, so there it only shows the code path is right.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from qa import services
from qa.models import Question, Vote
from tests.qa.helpers import join, make_room

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 16


def test_concurrent_votes_are_counted_exactly(settings):
    settings.QA_VOTES_PER_MINUTE = 1000
    room = make_room(code="VOTES2", moderated=False)
    author = join(room)
    question = Question.objects.create(room=room, author=author, text="Q", status="published")
    voters = [join(room, name=f"Voter {n}") for n in range(VOTERS)]
    start = threading.Barrier(VOTERS)

    def vote_twice(participant):
        try:
            start.wait(timeout=30)  # every thread is ready: the votes really race
            # Each voter clicks twice at once; the second click must not count.
            services.vote(room.pk, participant.pk, question.pk)
            services.vote(room.pk, participant.pk, question.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=VOTERS) as pool:
        list(pool.map(vote_twice, voters))

    question.refresh_from_db()
    assert Vote.objects.filter(question=question).count() == VOTERS
    assert question.vote_count == VOTERS
    seqs = list(room.events.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    # What every screen shows, event after event: the count goes up by one each time.
    tallies = room.events.filter(type="question.votes").order_by("seq")
    assert [event.payload["votes"] for event in tallies] == list(range(1, VOTERS + 1))


def test_concurrent_poll_answers_are_one_per_person_and_counted_exactly(settings):
    from qa import polls
    from qa.models import Poll, PollAnswer

    settings.QA_VOTES_PER_MINUTE = 1000
    room = make_room(code="POLLS2", moderated=False)
    poll = Poll.objects.create(room=room, prompt="Which first?", status=Poll.Status.OPEN)
    first = poll.options.create(text="Payroll", position=0)
    second = poll.options.create(text="Training", position=1)
    voters = [join(room, name=f"Voter {n}") for n in range(VOTERS)]
    start = threading.Barrier(VOTERS)

    def answer_twice(participant):
        try:
            start.wait(timeout=30)
            # Two tabs answer at the same moment; the second answer replaces the first.
            polls.answer_poll(room.pk, participant.pk, poll.pk, [first.pk])
            polls.answer_poll(room.pk, participant.pk, poll.pk, [second.pk])
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=VOTERS) as pool:
        list(pool.map(answer_twice, voters))

    assert PollAnswer.objects.filter(poll=poll).count() == VOTERS
    assert polls.counts(poll) == ({str(first.pk): 0, str(second.pk): VOTERS}, VOTERS)
    assert polls.announce_results(poll.pk) == 0.0
    announced = room.events.get(type="poll.results")
    assert announced.payload["counts"] == {str(first.pk): 0, str(second.pk): VOTERS}


def test_the_database_refuses_a_second_answer_row(settings):
    from django.db import IntegrityError

    from qa.models import Poll, PollAnswer

    room = make_room(code="POLLS3")
    poll = Poll.objects.create(room=room, prompt="Which first?", status=Poll.Status.OPEN)
    voter = join(room)
    PollAnswer.objects.create(poll=poll, participant=voter)
    with pytest.raises(IntegrityError):
        PollAnswer.objects.create(poll=poll, participant=voter)
