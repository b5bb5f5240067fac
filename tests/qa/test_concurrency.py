"""Votes stay exact when many people vote at the same moment (run on PostgreSQL in CI)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from qa import services
from qa.models import Question, Vote
from tests.qa.helpers import join, make_room

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_votes_are_counted_exactly(settings):
    settings.QA_VOTES_PER_MINUTE = 1000
    room = make_room(code="VOTES2", moderated=False)
    author = join(room)
    question = Question.objects.create(room=room, author=author, text="Q", status="published")
    voters = [join(room, name=f"Voter {n}") for n in range(16)]

    def vote_twice(participant):
        try:
            # Each voter clicks twice at once; the second click must not count.
            services.vote(room.pk, participant.pk, question.pk)
            services.vote(room.pk, participant.pk, question.pk)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(vote_twice, voters + voters))

    question.refresh_from_db()
    assert Vote.objects.filter(question=question).count() == 16
    assert question.vote_count == 16
    seqs = list(room.events.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
