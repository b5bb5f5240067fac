"""verify_action for the live Q&A: every audience, fed an action's events, sees a fresh welcome.

For every service action (asking, voting, each moderation action including
restoring, written answers and the room's one featured question, opening,
closing and reconfiguring the room), a welcome snapshot taken before it plus
the events the action wrote, reduced the way qa/static/qa/live.js reduces
them, must equal the welcome snapshot taken after it, for a bystander, the
acting or authoring participants and a moderator. Refused actions raise
QAError and write nothing.
"""

import itertools
import json
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Permission
from django.db.models import Count
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from qa import services
from qa.models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH, Event, Question, Room, Vote
from qa.services import MODERATION_ACTIONS, QAError
from tests.qa.helpers import join, make_room

ROOM_CODES = itertools.count(1)
TITLE_MAX_LENGTH = Room._meta.get_field("title").max_length

# The clients whose view of the room is checked after every action.
AUDIENCES = ("named", "anonymous", "bystander", "moderator")


def mostly(usual, unusual):
    """Usually `usual`, sometimes `unusual`: refusals must not crowd out what they guard."""
    usual, unusual = st.sampled_from(usual), st.sampled_from(unusual)
    return st.integers(0, 3).flatmap(lambda draw: unusual if draw == 3 else usual)


# Who acts: members of the room, or a visitor who never joined, a member of another room.
PARTICIPANTS = mostly(["named", "anonymous"], ["watcher", "stranger"])
# Who runs the room: its moderator, or staff who may edit rooms, or staff who may do neither.
MODERATORS = mostly(["moderator"], ["editor", "outsider"])
ROOM_EDITORS = mostly(["moderator", "editor"], ["outsider"])

QUESTION_TEXTS = mostly(
    [
        "How do you evaluate remote work?",
        "  Who trains the evaluators?  ",
        "¿Cómo se mide el desempeño? 성과는 어떻게 측정합니까?",
        "x" * QUESTION_MAX_LENGTH,
    ],
    ["", "   ", "x" * (QUESTION_MAX_LENGTH + 1)],
)
ASKED_ANONYMOUSLY = mostly([False], [True])
EDITED_TEXTS = mostly(
    [None, "How is remote work evaluated?"], [" ", "y" * (QUESTION_MAX_LENGTH + 1)]
)
# A written answer: empty removes it; a reply without text or too long is refused.
REPLY_TEXTS = mostly(
    ["Since 2019, in every ministry.", "", "  ", "a" * ANSWER_MAX_LENGTH],
    [None, "a" * (ANSWER_MAX_LENGTH + 1)],
)
OPENS = mostly([True], [False])
TITLES = mostly(["Digital HRM webinar", "인사 혁신 세미나"], ["", "t" * (TITLE_MAX_LENGTH + 1)])
# Opening and closing is set_room_open's rule; it runs through update_room too.
ROOM_CHANGES = st.integers(0, 7).flatmap(
    lambda draw: (
        st.just({"code": "HIJACK"})
        if draw == 7
        else st.fixed_dictionaries(
            {},
            optional={
                "title": TITLES,
                "moderated": st.booleans(),
                "allow_anonymous": st.booleans(),
            },
        )
    )
)
ROOM_SETTINGS = {"title", "is_open", "moderated", "allow_anonymous"}
# Rules for what awaits moderation, what is published and what was removed; each also tries
# the others' actions, which must be refused.
FOR_PENDING = ["approve", "reject"]
FOR_PUBLISHED = [
    "answer",
    "unanswer",
    "pin",
    "unpin",
    "highlight",
    "unhighlight",
    "reply",
    "archive",
]
FOR_REMOVED = ["restore", "approve"]


def wire(value):
    """What a browser holds after JSON.parse: a copy, with no object shared between clients."""
    return json.loads(json.dumps(value))


def by_id(questions):
    return {q["id"]: q for q in questions}


@dataclass
class LiveClient:
    """The state qa/static/qa/live.js keeps for one socket: welcome(), handle()/apply(), acks."""

    seq: int
    me: int | None
    moderator: bool
    room: dict
    questions: dict
    mine: dict
    own: set
    pending: dict
    removed: dict
    votes: set
    problems: list = field(default_factory=list)

    @classmethod
    def welcome(cls, frame):
        frame = wire(frame)
        return cls(
            seq=frame["seq"],
            me=frame["me"],
            moderator=frame["moderator"],
            room=frame["room"],
            questions=by_id(frame["questions"]),
            mine=by_id(frame["mine"]),
            own=set(frame["own"]),
            pending=by_id(frame.get("pending") or []),
            removed=by_id(frame.get("removed") or []),
            votes=set(frame["votes"]),
        )

    def handle(self, frame):
        frame = wire(frame)
        if frame["seq"] <= self.seq:
            self.problems.append(("seen already, so skipped", frame))
            return
        # live.js resyncs on a gap; here every event the audience may see was handed over.
        gap = frame["seq"] != self.seq + 1 if self.moderator else frame.get("prev", 0) > self.seq
        if gap:
            self.problems.append(("gap: the client would resync", frame))
        self.seq = frame["seq"]
        self.apply(frame)

    def apply(self, frame):
        q = frame.get("question")
        kind = frame["type"]
        if kind == "question.submitted":
            # Only moderators hear of others' pending questions; an anonymous one names nobody.
            own = q["id"] in self.own or (
                frame["participant"] is not None and frame["participant"] == self.me
            )
            if own or not self.moderator:
                self.mine[q["id"]] = q
                self.own.add(q["id"])
            if self.moderator:
                self.pending[q["id"]] = q
                self.removed.pop(q["id"], None)
        elif kind == "question.published":
            self.mine.pop(q["id"], None)
            self.pending.pop(q["id"], None)
            self.removed.pop(q["id"], None)
            self.questions[q["id"]] = q
        elif kind == "question.updated":
            self.questions[q["id"]] = q
        elif kind == "question.votes":
            if q in self.questions:
                self.questions[q]["votes"] = frame["votes"]
        elif kind == "question.removed":
            known = self.questions.get(q) or self.pending.get(q)
            if self.moderator and known is not None:
                # Removing a question also takes it off the pinned and featured places.
                status = {"status": frame["status"], "pinned": False, "highlighted": False}
                self.removed[q] = {**known, **status}
            self.questions.pop(q, None)
            self.mine.pop(q, None)
            self.pending.pop(q, None)
        elif kind == "room.updated":
            self.room = frame["room"]
        else:
            self.problems.append(("event type the client does not know", frame))

    def settle(self, ack):
        # An ask's ack names the new question: the page remembers it as the caller's own.
        if "status" in ack:
            self.own.add(ack["question"])
        # live.js: a vote or unvote ack sets the caller's own button, changed or not.
        if "voted" in ack:
            if ack["voted"]:
                self.votes.add(ack["question"])
            else:
                self.votes.discard(ack["question"])

    def differences(self, fresh):
        """What this client shows that a fresh welcome would not, as readable lines."""
        fresh = wire(fresh)
        found = list(self.problems)
        expected = {
            "room": fresh["room"],
            "questions": by_id(fresh["questions"]),
            "mine": by_id(fresh["mine"]),
            "own": set(fresh["own"]),
            "pending": by_id(fresh.get("pending") or []),
            "removed": by_id(fresh.get("removed") or []),
            "votes": set(fresh["votes"]),
            "me": fresh["me"],
            "moderator": fresh["moderator"],
        }
        for name, want in expected.items():
            have = getattr(self, name)
            if have != want:
                found.append((name, {"reduced": have, "fresh": want}))
        seq_ok = self.seq == fresh["seq"] if self.moderator else self.seq <= fresh["seq"]
        if not seq_ok:
            found.append(("seq", {"reduced": self.seq, "fresh": fresh["seq"]}))
        return found


class RoomUnderTest(RuleBasedStateMachine):
    """One fresh room per example; every rule goes through qa.services and is verified."""

    def __init__(self, cast):
        super().__init__()
        self.users = cast["users"]
        self.stranger_id = cast["stranger"]
        self.foreign_question_id = cast["foreign_question"]
        self.question_ids = []

    # Setup -----------------------------------------------------------------
    @initialize(
        moderated=st.booleans(),
        anonymous_allowed=st.booleans(),
        asked=st.lists(
            st.tuples(st.sampled_from(["named", "anonymous"]), st.booleans()), max_size=3
        ),
    )
    def open_room(self, moderated, anonymous_allowed, asked):
        self.room = make_room(
            code=f"VA{next(ROOM_CODES):06d}", moderated=moderated, allow_anonymous=anonymous_allowed
        )
        self.room.moderators.add(self.users["moderator"])
        named = join(self.room, "Ana Pérez", "ONSC", "UY")
        anonymous = join(self.room, "", "", "")
        bystander = join(self.room, "Kim Min-jun", "MPM", "KR")
        # (participant id, moderator?) as the consumer identifies each audience.
        self.audiences = {
            "named": (named.pk, False),
            "anonymous": (anonymous.pk, False),
            "bystander": (bystander.pk, False),
            "moderator": (None, True),
        }
        self.participant_ids = {
            "named": named.pk,
            "anonymous": anonymous.pk,
            "watcher": None,
            "stranger": self.stranger_id,
        }
        # Questions already asked (and some approved) when the clients connect.
        for number, (author, approved) in enumerate(asked, start=1):
            if not anonymous_allowed:
                author = "named"  # a nameless participant may not ask in such a room
            question = services.ask_question(
                self.room.pk, self.participant_ids[author], f"Asked before {number}", False, "en"
            )
            if moderated and approved:
                services.moderate(self.room.pk, self.users["moderator"], question.pk, "approve")
            self.question_ids.append(question.pk)
        # Welcomes as of now; each action's fresh snapshots become the next one's "before".
        self.snapshots = {name: self.snapshot(name) for name in AUDIENCES}
        # Clients connected since the room opened and never reconnected.
        self.clients = {name: LiveClient.welcome(self.snapshots[name]) for name in AUDIENCES}

    def snapshot(self, audience):
        participant_id, is_moderator = self.audiences[audience]
        return services.room_state(self.room, participant_id, is_moderator)

    def fresh_room(self):
        return Room.objects.get(pk=self.room.pk)

    def status_of(self, question_id):
        return (
            Question.objects.filter(pk=question_id, room=self.room)
            .values_list("status", flat=True)
            .first()
        )

    def question_choices(self):
        """Mostly a question of this room in any state; sometimes one from another room."""
        foreign = st.just(self.foreign_question_id)
        if not self.question_ids:
            return foreign
        return mostly(self.question_ids, [self.foreign_question_id])

    # The verification --------------------------------------------------------
    def perform(self, actor, action, refusal_expected, ack_of=None):
        """Run one action; check every audience's reduced state against a fresh snapshot.

        refusal_expected: True, False, or None where either outcome is acceptable.
        """
        before = self.snapshots
        seq_before = self.fresh_room().last_seq
        assert seq_before == before["moderator"]["seq"], "something wrote between two actions"
        try:
            result = action()
        except QAError as refusal:
            refused, result = True, refusal
        else:
            refused = False
        events = list(Event.objects.filter(room=self.room, seq__gt=seq_before).order_by("seq"))
        if refusal_expected is not None:
            assert refused == refusal_expected, (
                f"expected {'a refusal' if refusal_expected else 'success'}, got {result!r}"
            )
        if refused:
            assert events == [], f"refused ({result.code}) but wrote {events}"
        ack = ack_of(result) if ack_of is not None and not refused else None
        problems = {}
        self.snapshots = {name: self.snapshot(name) for name in AUDIENCES}
        for name in AUDIENCES:
            participant_id, is_moderator = self.audiences[name]
            frames = [e.frame() for e in events if e.visible_to(participant_id, is_moderator)]
            fresh = self.snapshots[name]
            self.check_privacy(name, frames, before[name], fresh)
            for label, client in (
                ("welcomed before the action", LiveClient.welcome(before[name])),
                ("connected since the room opened", self.clients[name]),
            ):
                for frame in frames:
                    client.handle(frame)
                if ack is not None and name == actor:
                    client.settle(ack)
                found = client.differences(fresh)
                if found:
                    problems[f"{name} ({label})"] = {"frames": frames, "differences": found}
        assert not problems, f"after {result!r}: {json.dumps(problems, default=str, indent=1)}"
        return result, events

    def check_privacy(self, audience, frames, before, fresh):
        """A participant only hears about published questions and its own."""
        participant_id, is_moderator = self.audiences[audience]
        if is_moderator:
            return
        known = set(
            Question.objects.filter(room=self.room, author_id=participant_id).values_list(
                "pk", flat=True
            )
        )
        for state in (before, fresh):
            known |= {q["id"] for q in state["questions"] + state["mine"]}
        for frame in frames:
            question = frame.get("question")
            question_id = question["id"] if isinstance(question, dict) else question
            assert question_id is None or question_id in known, (
                f"{audience} (participant {participant_id}) was sent {frame}"
            )

    # Participant actions -------------------------------------------------------
    @rule(actor=PARTICIPANTS, text=QUESTION_TEXTS, anonymous=ASKED_ANONYMOUSLY)
    def ask(self, actor, text, anonymous):
        room = self.fresh_room()
        refused = (
            actor in ("watcher", "stranger")
            or not text.strip()
            or len(text.strip()) > QUESTION_MAX_LENGTH
            or not room.is_open
            or (anonymous and not room.allow_anonymous)
            or (actor == "anonymous" and not room.allow_anonymous)
        )
        question, events = self.perform(
            actor,
            lambda: services.ask_question(
                self.room.pk, self.participant_ids[actor], text, anonymous, "en"
            ),
            refused,
            # The consumer's ack for question.ask.
            ack_of=lambda asked: {"type": "ack", "question": asked.pk, "status": asked.status},
        )
        if not refused:
            expected = "question.submitted" if room.moderated else "question.published"
            assert [e.type for e in events] == [expected]
            self.question_ids.append(question.pk)

    @rule(actor=PARTICIPANTS, add=st.booleans(), data=st.data())
    def vote_or_unvote(self, actor, add, data):
        question_id = data.draw(self.question_choices(), label="question")
        participant_id = self.participant_ids[actor]
        room = self.fresh_room()
        refused = (
            actor in ("watcher", "stranger")
            or not room.is_open
            or self.status_of(question_id) != Question.Status.PUBLISHED
        )
        had_voted = Vote.objects.filter(
            question_id=question_id, participant_id=participant_id
        ).exists()
        change = services.vote if add else services.unvote
        result, events = self.perform(
            actor,
            lambda: change(self.room.pk, participant_id, question_id),
            refused,
            # The consumer's ack for question.vote / question.unvote.
            ack_of=lambda outcome: {
                "type": "ack",
                "question": outcome[0].pk,
                "voted": add,
                "changed": outcome[1],
                "votes": outcome[0].vote_count,
            },
        )
        if not refused:
            question, changed = result
            assert changed == (had_voted != add)
            assert [e.type for e in events] == (["question.votes"] if changed else [])
            assert question.vote_count == Question.objects.get(pk=question_id).vote_count

    # Moderation -----------------------------------------------------------------
    @rule(
        user=MODERATORS,
        action=mostly(FOR_PENDING, ["archive", "restore", "delete"]),
        text=EDITED_TEXTS,
        data=st.data(),
    )
    def moderate_what_awaits(self, user, action, text, data):
        self.moderate(user, action, text, data.draw(self.question_choices(), label="question"))

    @rule(
        user=MODERATORS,
        action=mostly(FOR_PUBLISHED, [*FOR_PENDING, "restore"]),
        text=REPLY_TEXTS,
        data=st.data(),
    )
    def moderate_what_is_published(self, user, action, text, data):
        self.moderate(user, action, text, data.draw(self.question_choices(), label="question"))

    @rule(
        user=MODERATORS,
        action=mostly(FOR_REMOVED, ["reject", "archive", "answer", "highlight"]),
        text=EDITED_TEXTS,
        data=st.data(),
    )
    def moderate_what_was_removed(self, user, action, text, data):
        self.moderate(user, action, text, data.draw(self.question_choices(), label="question"))

    # Featuring and restoring need questions in one state; drawn from any, they would be rare.
    def ids_in(self, *statuses):
        return list(
            Question.objects.filter(room=self.room, status__in=statuses).values_list(
                "pk", flat=True
            )
        )

    @precondition(lambda self: self.ids_in(Question.Status.PUBLISHED))
    @rule(action=mostly(["highlight"], ["unhighlight"]), data=st.data())
    def feature_a_published_question(self, action, data):
        published = st.sampled_from(self.ids_in(Question.Status.PUBLISHED))
        self.moderate("moderator", action, None, data.draw(published, label="question"))

    @precondition(lambda self: self.ids_in(Question.Status.ARCHIVED, Question.Status.REJECTED))
    @rule(data=st.data())
    def restore_a_removed_question(self, data):
        removed = st.sampled_from(self.ids_in(Question.Status.ARCHIVED, Question.Status.REJECTED))
        self.moderate("moderator", "restore", None, data.draw(removed, label="question"))

    def moderate(self, user, action, text, question_id):
        before = Question.objects.filter(pk=question_id, room=self.room).first()
        status = before.status if before is not None else None
        featured_elsewhere = (
            Question.objects.filter(room=self.room, highlighted=True)
            .exclude(pk=question_id)
            .exists()
        )
        refused = self.moderation_refused(user, action, text, status)
        question, events = self.perform(
            user,
            lambda: services.moderate(self.room.pk, self.users[user], question_id, action, text),
            refused,
        )
        if isinstance(question, QAError):
            return
        if action == "approve" or (action == "restore" and status == Question.Status.ARCHIVED):
            expected = ["question.published"]
        elif action == "restore":
            expected = ["question.submitted"]
        elif action in ("reject", "archive"):
            expected = ["question.removed"]
        elif action == "highlight" and not before.highlighted and featured_elsewhere:
            expected = ["question.updated", "question.updated"]  # the old one cleared first
        else:
            expected = ["question.updated"]
        assert [e.type for e in events] == expected
        if action == "approve" and text is not None:
            assert question.text == text.strip()
            changed = text.strip() != before.text
            assert question.edited == (changed or before.edited)
            assert question.original_text == (
                before.original_text or before.text if changed else before.original_text
            )
        if action == "reply":
            assert question.answer == text.strip()
        if action == "highlight":
            assert question.highlighted == (not before.highlighted)

    @staticmethod
    def moderation_refused(user, action, text, status):
        if user != "moderator" or action not in MODERATION_ACTIONS or status is None:
            return True
        Status = Question.Status
        if action == "approve":
            edited_ok = text is None or 0 < len(text.strip()) <= QUESTION_MAX_LENGTH
            return status not in (Status.PENDING, Status.REJECTED) or not edited_ok
        if action == "reject":
            return status != Status.PENDING
        if action == "restore":
            return status not in (Status.ARCHIVED, Status.REJECTED)
        if action == "reply":
            fits = text is not None and len(text.strip()) <= ANSWER_MAX_LENGTH
            return status != Status.PUBLISHED or not fits
        return status != Status.PUBLISHED  # answered, pinned, featured, archived: published only

    # The room -----------------------------------------------------------------
    @rule(user=ROOM_EDITORS, is_open=OPENS)
    def open_or_close(self, user, is_open):
        was_open = self.fresh_room().is_open
        refused = user == "outsider"
        room, events = self.perform(
            user, lambda: services.set_room_open(self.room.pk, self.users[user], is_open), refused
        )
        if not refused:
            assert room.is_open == is_open
            assert [e.type for e in events] == (["room.updated"] if was_open != is_open else [])

    @rule(user=ROOM_EDITORS, changes=ROOM_CHANGES)
    def update_room(self, user, changes):
        before = self.fresh_room()
        title = changes.get("title", before.title)
        refused = (
            user == "outsider"
            or not set(changes) <= ROOM_SETTINGS
            or not title.strip()
            or len(title) > TITLE_MAX_LENGTH
        )
        _room, events = self.perform(
            user, lambda: services.update_room(self.room.pk, self.users[user], **changes), refused
        )
        if not refused:
            changed = any(getattr(before, name) != value for name, value in changes.items())
            assert [e.type for e in events] == (["room.updated"] if changed else [])

    # Invariants of the log ---------------------------------------------------
    @invariant()
    def events_are_numbered_one_to_last_seq(self):
        room = self.fresh_room()
        events = list(
            Event.objects.filter(room=room)
            .order_by("seq")
            .values_list("seq", "audience", "payload")
        )
        assert [seq for seq, _audience, _payload in events] == list(range(1, room.last_seq + 1))
        # Each public event names the public event before it, so participants can see a gap.
        previous_public = 0
        for seq, audience, payload in events:
            if audience == Event.Audience.EVERYONE:
                assert payload.get("prev") == previous_public, (seq, payload)
                previous_public = seq

    @invariant()
    def at_most_one_published_question_is_featured(self):
        featured = list(
            Question.objects.filter(room=self.room, highlighted=True).values_list(
                "status", flat=True
            )
        )
        assert featured in ([], [Question.Status.PUBLISHED]), featured

    @invariant()
    def vote_counts_match_votes(self):
        counted = Question.objects.filter(room=self.room).annotate(cast=Count("votes"))
        for question in counted:
            assert question.vote_count == question.cast, question.pk


@pytest.mark.django_db
def test_every_action_reaches_every_audience_as_a_fresh_welcome_would(settings, django_user_model):
    # Rate limits have their own tests. Each example's participants are new, so no earlier
    # window counts; the shared cache is not flushed, as other test runs may be using it.
    settings.QA_QUESTIONS_PER_MINUTE = 100_000
    settings.QA_VOTES_PER_MINUTE = 100_000
    editor = django_user_model.objects.create_user("room-editor", password="pw-ed", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="qa", codename="change_room")
    )
    users = {
        "moderator": django_user_model.objects.create_user(
            "room-moderator", password="pw-mod", is_staff=True
        ),
        "editor": django_user_model.objects.get(pk=editor.pk),  # reload: permissions are cached
        "outsider": django_user_model.objects.create_user(
            "outsider", password="pw-out", is_staff=True
        ),
    }
    elsewhere = make_room(code="VAELSEWHERE", moderated=False)
    stranger = join(elsewhere, "Someone Else")
    foreign = Question.objects.create(
        room=elsewhere, author=stranger, text="Asked in another room", status="published"
    )
    # A new moderation action needs a rule here before this test can vouch for it.
    assert set(MODERATION_ACTIONS) == {*FOR_PENDING, *FOR_PUBLISHED, *FOR_REMOVED}
    cast = {"users": users, "stranger": stranger.pk, "foreign_question": foreign.pk}
    run_state_machine_as_test(
        lambda: RoomUnderTest(cast),
        settings=hypothesis_settings(
            max_examples=40,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            # Shrinking a database-backed machine outlasts pytest's timeout; 15 steps read fine.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        ),
    )
