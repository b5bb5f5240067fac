"""Moderation through qa.services: every action, its transitions, its refusals and its events.

What a moderator does must reach each audience as the protocol says
(docs/qa-protocol.md, "Moderation actions"); test_verify_action checks that
the events rebuild every client's view, these tests pin the rules one by one.
"""

import pytest
from django.db import IntegrityError, transaction

from qa import services
from qa.models import ANSWER_MAX_LENGTH, Event, Question
from qa.services import QAError, moderate, room_state
from tests.qa.helpers import join

pytestmark = pytest.mark.django_db

PENDING, PUBLISHED, REJECTED, ARCHIVED = "pending", "published", "rejected", "archived"


def ask(room, author, text="How long did the move to the cloud take?", anonymous=False):
    return services.ask_question(room.pk, author.pk, text, anonymous, "es")


def in_state(room, moderator, status, author=None, text="What does e-Saram cost to run?"):
    """A question of the room brought to `status` through the services."""
    question = ask(room, author or join(room), text)
    if status != PENDING:
        moderate(room.pk, moderator, question.pk, "reject" if status == REJECTED else "approve")
    if status == ARCHIVED:
        moderate(room.pk, moderator, question.pk, "archive")
    question.refresh_from_db()
    assert question.status == status
    return question


def events_since(room, seq):
    return list(Event.objects.filter(room=room, seq__gt=seq).order_by("seq"))


def last_seq(room):
    room.refresh_from_db()
    return room.last_seq


def test_approving_an_edited_question_keeps_the_original_for_the_export_only(room, moderator):
    author = join(room)
    question = ask(room, author, "how much cost esaram??")
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "approve", "  How much did e-Saram cost?  ")
    question.refresh_from_db()
    assert (question.status, question.text) == (PUBLISHED, "How much did e-Saram cost?")
    assert question.original_text == "how much cost esaram??"
    [event] = events_since(room, before)
    assert (event.type, event.audience) == ("question.published", "everyone")
    sent = event.frame()["question"]
    assert sent["edited"] is True
    assert sent["text"] == "How much did e-Saram cost?"
    assert sent["language"] == "es"
    # The original is the moderators' and the export's, never anyone's screen.
    assert "how much cost esaram" not in event.frame_text()
    for viewer in (author.pk, None):
        welcome = room_state(room, viewer, viewer is None)
        assert "how much cost esaram" not in str(welcome)


def test_approving_without_a_change_is_not_an_edit(room, moderator):
    question = ask(room, join(room), "Who trains the evaluators?")
    moderate(room.pk, moderator, question.pk, "approve", "Who trains the evaluators? ")
    question.refresh_from_db()
    assert question.edited is False and question.original_text == ""


def test_a_rejected_question_can_be_approved_after_all(room, moderator):
    question = in_state(room, moderator, REJECTED)
    assert question.removed_at is not None
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "approve")
    [event] = events_since(room, before)
    assert (event.type, event.audience) == ("question.published", "everyone")
    question.refresh_from_db()
    assert question.status == PUBLISHED and question.published_at is not None
    assert question.removed_at is None


def test_rejecting_tells_only_moderators_and_the_author(room, moderator):
    author = join(room)
    question = ask(room, author)
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "reject")
    [event] = events_since(room, before)
    assert (event.type, event.audience, event.participant_id) == (
        "question.removed",
        "moderators",
        author.pk,
    )
    assert event.payload == {"question": question.pk, "status": REJECTED}


def test_archiving_takes_the_question_off_the_pinned_and_featured_places(room, moderator):
    question = in_state(room, moderator, PUBLISHED)
    moderate(room.pk, moderator, question.pk, "pin")
    moderate(room.pk, moderator, question.pk, "highlight")
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "archive")
    [event] = events_since(room, before)
    assert (event.type, event.audience) == ("question.removed", "everyone")
    question.refresh_from_db()
    assert (question.status, question.pinned, question.highlighted) == (ARCHIVED, False, False)


def test_restoring_an_archived_question_publishes_it_again_to_everyone(room, moderator):
    question = in_state(room, moderator, ARCHIVED)
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "restore")
    [event] = events_since(room, before)
    assert (event.type, event.audience) == ("question.published", "everyone")
    assert event.frame()["question"]["status"] == PUBLISHED
    assert question.pk in {q["id"] for q in room_state(room, None, False)["questions"]}


@pytest.mark.parametrize("anonymous", [False, True])
def test_restoring_a_rejected_question_puts_it_back_in_the_queue(room, moderator, anonymous):
    author = join(room)
    question = ask(room, author, anonymous=anonymous)
    moderate(room.pk, moderator, question.pk, "reject")
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "restore")
    [event] = events_since(room, before)
    assert (event.type, event.audience, event.participant_id) == (
        "question.submitted",
        "moderators",
        author.pk,
    )
    assert event.frame()["participant"] == (None if anonymous else author.pk)
    assert [q["id"] for q in room_state(room, author.pk, False)["mine"]] == [question.pk]
    assert [q["id"] for q in room_state(room, None, True)["pending"]] == [question.pk]


@pytest.mark.parametrize("anonymous", [False, True])
def test_an_anonymous_question_does_not_name_its_author_to_moderators(room, moderator, anonymous):
    author = join(room, name="Aigerim Sadykova", organisation="ACSH", country="KZ")
    before = last_seq(room)
    question = ask(room, author, "Is the training platform open to other countries?", anonymous)
    [event] = events_since(room, before)
    frame = event.frame()
    assert frame["type"] == "question.submitted"
    assert frame["participant"] == (None if anonymous else author.pk)
    shown = frame["question"]
    if anonymous:
        assert (shown["author"], shown["organisation"], shown["country"]) == ("", "", "")
        assert "Aigerim" not in event.frame_text() and "ACSH" not in event.frame_text()
    else:
        assert (shown["author"], shown["organisation"], shown["country"]) == (
            "Aigerim Sadykova",
            "ACSH",
            "KZ",
        )
    # Still, the author's own page knows the question is theirs.
    assert room_state(room, author.pk, False)["own"] == [question.pk]


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("answer", "answered", True),
        ("pin", "pinned", True),
        ("highlight", "highlighted", True),
    ],
)
def test_flags_on_published_questions_can_be_undone(room, moderator, action, field, value):
    question = in_state(room, moderator, PUBLISHED)
    undo = {"answer": "unanswer", "pin": "unpin", "highlight": "unhighlight"}[action]
    for step, expected in ((action, value), (undo, not value)):
        before = last_seq(room)
        moderate(room.pk, moderator, question.pk, step)
        [event] = events_since(room, before)
        assert (event.type, event.audience) == ("question.updated", "everyone")
        assert event.frame()["question"][field] is expected
        question.refresh_from_db()
        assert getattr(question, field) is expected


def test_one_featured_question_per_room_the_old_one_cleared_first(room, moderator):
    first = in_state(room, moderator, PUBLISHED, text="First question")
    second = in_state(room, moderator, PUBLISHED, text="Second question")
    moderate(room.pk, moderator, first.pk, "highlight")
    before = last_seq(room)
    moderate(room.pk, moderator, second.pk, "highlight")
    frames = [event.frame() for event in events_since(room, before)]
    assert [(f["type"], f["question"]["id"], f["question"]["highlighted"]) for f in frames] == [
        ("question.updated", first.pk, False),
        ("question.updated", second.pk, True),
    ]
    featured = Question.objects.filter(room=room, highlighted=True)
    assert list(featured.values_list("pk", flat=True)) == [second.pk]
    # Highlighting the featured question again clears it (the old toggle).
    moderate(room.pk, moderator, second.pk, "highlight")
    assert not featured.exists()


def test_the_database_refuses_a_second_featured_question(room, moderator):
    first = in_state(room, moderator, PUBLISHED, text="First question")
    second = in_state(room, moderator, PUBLISHED, text="Second question")
    Question.objects.filter(pk=first.pk).update(highlighted=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=second.pk).update(highlighted=True)


def test_a_written_answer_is_shown_to_everyone_and_can_be_removed(room, moderator):
    question = in_state(room, moderator, PUBLISHED)
    before = last_seq(room)
    moderate(room.pk, moderator, question.pk, "reply", "  About two years, 2011 to 2012.\n ")
    [event] = events_since(room, before)
    assert (event.type, event.audience) == ("question.updated", "everyone")
    assert event.frame()["question"]["answer"] == "About two years, 2011 to 2012."
    welcome = room_state(room, None, False)
    assert welcome["questions"][0]["answer"] == "About two years, 2011 to 2012."
    moderate(room.pk, moderator, question.pk, "reply", "   ")
    question.refresh_from_db()
    assert question.answer == ""
    moderate(room.pk, moderator, question.pk, "reply", "a" * ANSWER_MAX_LENGTH)
    question.refresh_from_db()
    assert len(question.answer) == ANSWER_MAX_LENGTH


@pytest.mark.parametrize("text", [None, "a" * (ANSWER_MAX_LENGTH + 1)])
def test_a_written_answer_that_does_not_fit_is_refused(room, moderator, text):
    question = in_state(room, moderator, PUBLISHED)
    before = last_seq(room)
    with pytest.raises(QAError) as refusal:
        moderate(room.pk, moderator, question.pk, "reply", text)
    assert refusal.value.code == "invalid_text"
    assert events_since(room, before) == []


@pytest.mark.parametrize("text", ["", "   ", "q" * 501])
def test_an_edited_text_that_does_not_fit_is_refused(room, moderator, text):
    question = ask(room, join(room))
    with pytest.raises(QAError) as refusal:
        moderate(room.pk, moderator, question.pk, "approve", text)
    assert refusal.value.code == "invalid_text"
    question.refresh_from_db()
    assert question.status == PENDING


# Every action, with the states it does not apply to.
REFUSED = [
    ("approve", [PUBLISHED, ARCHIVED]),
    ("reject", [PUBLISHED, REJECTED, ARCHIVED]),
    ("archive", [PENDING, REJECTED, ARCHIVED]),
    ("restore", [PENDING, PUBLISHED]),
    ("answer", [PENDING, REJECTED, ARCHIVED]),
    ("unanswer", [PENDING, REJECTED, ARCHIVED]),
    ("pin", [PENDING, REJECTED, ARCHIVED]),
    ("unpin", [PENDING, REJECTED, ARCHIVED]),
    ("highlight", [PENDING, REJECTED, ARCHIVED]),
    ("unhighlight", [PENDING, REJECTED, ARCHIVED]),
    ("reply", [PENDING, REJECTED, ARCHIVED]),
]


@pytest.mark.parametrize(
    ("action", "status"), [(action, status) for action, states in REFUSED for status in states]
)
def test_an_action_that_does_not_fit_the_state_is_refused(room, moderator, action, status):
    question = in_state(room, moderator, status)
    before = last_seq(room)
    with pytest.raises(QAError) as refusal:
        moderate(room.pk, moderator, question.pk, action, "Some text")
    assert refusal.value.code == "invalid_action"
    assert str(refusal.value.message)
    assert events_since(room, before) == []
    question.refresh_from_db()
    assert question.status == status


def test_unknown_actions_and_strangers_are_refused(room, moderator, django_user_model):
    question = in_state(room, moderator, PUBLISHED)
    with pytest.raises(QAError) as refusal:
        moderate(room.pk, moderator, question.pk, "delete")
    assert refusal.value.code == "invalid_action"
    outsider = django_user_model.objects.create_user("outsider", password="pw", is_staff=True)
    with pytest.raises(QAError) as refusal:
        moderate(room.pk, outsider, question.pk, "archive")
    assert refusal.value.code == "forbidden"


def test_welcome_lists_the_callers_own_questions_in_every_state(room, moderator):
    author, other = join(room), join(room, name="Luis")
    mine = {
        status: in_state(room, moderator, status, author=author, text=f"Mine, {status}")
        for status in (PENDING, PUBLISHED, REJECTED, ARCHIVED)
    }
    in_state(room, moderator, PUBLISHED, author=other, text="Someone else's")
    welcome = room_state(room, author.pk, False)
    assert sorted(welcome["own"]) == sorted(q.pk for q in mine.values())
    assert [q["id"] for q in welcome["mine"]] == [mine[PENDING].pk]
    assert "removed" not in welcome and "pending" not in welcome
    assert room_state(room, None, False)["own"] == []


def test_moderators_get_the_removed_questions_newest_first(room, moderator, monkeypatch):
    asked = [in_state(room, moderator, PUBLISHED, text=f"Question {n}") for n in range(4)]
    for question in (asked[2], asked[0], asked[3]):
        moderate(room.pk, moderator, question.pk, "archive")
    rejected = in_state(room, moderator, REJECTED, text="Off topic")
    welcome = room_state(room, None, True)
    assert [q["id"] for q in welcome["removed"]] == [
        rejected.pk,
        asked[3].pk,
        asked[0].pk,
        asked[2].pk,
    ]
    assert [q["status"] for q in welcome["removed"]] == [REJECTED, ARCHIVED, ARCHIVED, ARCHIVED]
    monkeypatch.setattr(services, "REMOVED_LIST_LENGTH", 2)
    assert [q["id"] for q in room_state(room, None, True)["removed"]] == [rejected.pk, asked[3].pk]


def test_the_question_object_carries_language_country_and_answer(room, moderator):
    author = join(room, name="Kim Min-jun", organisation="MPM", country="KR")
    question = services.ask_question(room.pk, author.pk, "전자인사 도입 비용은?", False, "ko")
    moderate(room.pk, moderator, question.pk, "approve")
    [shown] = room_state(room, None, False)["questions"]
    assert {k: shown[k] for k in ("text", "language", "edited", "answer", "country")} == {
        "text": "전자인사 도입 비용은?",
        "language": "ko",
        "edited": False,
        "answer": "",
        "country": "KR",
    }
    assert "original_text" not in shown


def test_closing_a_room_records_when_and_reopening_clears_it(room, moderator):
    assert room.closed_at is None
    services.set_room_open(room.pk, moderator, False)
    room.refresh_from_db()
    assert room.closed_at is not None
    services.set_room_open(room.pk, moderator, True)
    room.refresh_from_db()
    assert room.closed_at is None
