"""Polls: prepared, opened, answered once (changed while open), results live or hidden,
closed with final counts; every step a numbered event that a resuming client replays."""

import asyncio

import pytest

from qa import coalesce, polls, services
from qa.models import Event, Poll, PollAnswer
from tests.qa.helpers import adb, connected, join, session_for

OPTIONS = [
    {"en": "Payroll", "ko": "급여", "es": "Nómina", "ru": "Зарплата"},
    {"en": "Training", "ko": "교육", "es": "Formación"},
    {"en": "Evaluation"},
]


def make_poll(room, moderator, **kwargs):
    prompt = {"en": "What would you adopt first?", "es": "¿Qué adoptaría primero?"}
    return polls.create_poll(room.pk, moderator, prompt, OPTIONS, **kwargs)


def option_ids(poll):
    return list(poll.options.values_list("pk", flat=True))


@pytest.mark.django_db
class TestServices:
    def test_a_prepared_poll_is_seen_by_moderators_only(self, room, moderator):
        poll = make_poll(room, moderator)
        assert poll.status == "draft"
        event = Event.objects.get(room=room, type="poll.updated")
        assert event.audience == "moderators"
        data = event.payload["poll"]
        assert data["prompt"] == {
            "en": "What would you adopt first?",
            "es": "¿Qué adoptaría primero?",
        }
        assert [o["text"] for o in data["options"]] == OPTIONS
        participant_view = services.room_state(room, None, False)
        assert participant_view["polls"] == []
        assert [p["id"] for p in services.room_state(room, None, True)["polls"]] == [poll.pk]

    def test_only_moderators_prepare_polls(self, room, django_user_model):
        someone = django_user_model.objects.create_user("someone", password="x-2026-pw")
        with pytest.raises(services.QAError) as refused:
            make_poll(room, someone)
        assert refused.value.code == "forbidden"
        assert not Poll.objects.exists()

    @pytest.mark.parametrize(
        "prompt, options, code",
        [
            ({"ko": "영어 없이"}, OPTIONS, "invalid_text"),
            ({"en": ""}, OPTIONS, "invalid_text"),
            ({"en": "x" * 301}, OPTIONS, "invalid_text"),
            ({"en": "Fine", "xx": "?"}, OPTIONS, "invalid_text"),
            ({"en": "Fine"}, [{"en": "Only one"}], "invalid_choice"),
            ({"en": "Fine"}, [{"en": str(n)} for n in range(11)], "invalid_choice"),
            ({"en": "Fine"}, [{"en": "A"}, {"ko": "영어 없음"}], "invalid_text"),
            ({"en": "Fine"}, "not a list", "invalid_choice"),
        ],
    )
    def test_bad_polls_are_refused_with_a_reason(self, room, moderator, prompt, options, code):
        with pytest.raises(services.QAError) as refused:
            polls.create_poll(room.pk, moderator, prompt, options)
        assert refused.value.code == code
        assert str(refused.value.message)
        assert not Poll.objects.exists()

    def test_one_answer_per_participant_changed_while_open(self, room, moderator):
        poll = make_poll(room, moderator)
        polls.open_poll(room.pk, moderator, poll.pk)
        ana = join(room)
        payroll, training, _evaluation = option_ids(poll)
        polls.answer_poll(room.pk, ana.pk, poll.pk, [payroll])
        _, chosen, changed = polls.answer_poll(room.pk, ana.pk, poll.pk, [training])
        assert (chosen, changed) == ([training], True)
        assert PollAnswer.objects.filter(poll=poll).count() == 1
        assert polls.counts(poll) == ({str(payroll): 0, str(training): 1, str(_evaluation): 0}, 1)
        polls.close_poll(room.pk, moderator, poll.pk)
        with pytest.raises(services.QAError) as refused:
            polls.answer_poll(room.pk, ana.pk, poll.pk, [payroll])
        assert refused.value.code == "poll_closed"
        assert polls.counts(poll)[0][str(training)] == 1

    @pytest.mark.parametrize("choice", ["two", "none", "foreign", "strings"])
    def test_a_single_choice_poll_takes_exactly_one_of_its_options(self, room, moderator, choice):
        poll = make_poll(room, moderator)
        other = make_poll(room, moderator)
        polls.open_poll(room.pk, moderator, poll.pk)
        ana = join(room)
        ids = option_ids(poll)
        options = {
            "two": ids[:2],
            "none": [],
            "foreign": option_ids(other)[:1],
            "strings": [str(ids[0])],
        }[choice]
        with pytest.raises(services.QAError) as refused:
            polls.answer_poll(room.pk, ana.pk, poll.pk, options)
        assert refused.value.code == "invalid_choice"
        assert not PollAnswer.objects.exists()

    def test_a_multiple_choice_poll_takes_several(self, room, moderator):
        poll = make_poll(room, moderator, kind="multiple")
        polls.open_poll(room.pk, moderator, poll.pk)
        ids = option_ids(poll)
        for name in ("Ana", "Bolat"):
            polls.answer_poll(room.pk, join(room, name=name).pk, poll.pk, ids[:2])
        by_option, voters = polls.counts(poll)
        assert voters == 2
        assert [by_option[str(i)] for i in ids] == [2, 2, 0]

    def test_hidden_results_reach_moderators_until_the_poll_closes(self, room, moderator):
        poll = make_poll(room, moderator, hide_results=True)
        polls.open_poll(room.pk, moderator, poll.pk)
        polls.answer_poll(room.pk, join(room).pk, poll.pk, option_ids(poll)[:1])
        polls.announce_results(poll.pk)
        results = Event.objects.filter(room=room, type="poll.results").last()
        assert results.audience == "moderators"
        assert services.room_state(room, None, False)["polls"][0]["results"] is None
        assert services.room_state(room, None, True)["polls"][0]["results"]["voters"] == 1
        polls.close_poll(room.pk, moderator, poll.pk)
        closed = Event.objects.filter(room=room, type="poll.updated").last()
        assert closed.audience == "everyone"
        assert closed.payload["poll"]["status"] == "closed"
        assert closed.payload["poll"]["results"]["voters"] == 1

    def test_results_are_announced_at_most_once_per_interval(self, room, moderator, settings):
        settings.QA_POLL_RESULTS_INTERVAL = 60
        poll = make_poll(room, moderator)
        polls.open_poll(room.pk, moderator, poll.pk)
        first, *_ = option_ids(poll)
        polls.answer_poll(room.pk, join(room).pk, poll.pk, [first])
        assert polls.announce_results(poll.pk) == 0.0
        polls.answer_poll(room.pk, join(room, name="B").pk, poll.pk, [first])
        wait = polls.announce_results(poll.pk)
        assert 0 < wait <= 60
        assert Event.objects.filter(type="poll.results").count() == 1
        # Closing always tells everyone the final counts.
        polls.close_poll(room.pk, moderator, poll.pk)
        final = Event.objects.filter(type="poll.updated").last().payload["poll"]["results"]
        assert final["counts"][str(first)] == 2

    def test_only_prepared_polls_can_be_deleted(self, room, moderator):
        poll = make_poll(room, moderator)
        polls.open_poll(room.pk, moderator, poll.pk)
        with pytest.raises(services.QAError):
            polls.delete_poll(room.pk, moderator, poll.pk)
        draft = make_poll(room, moderator)
        polls.delete_poll(room.pk, moderator, draft.pk)
        assert list(Poll.objects.values_list("pk", flat=True)) == [poll.pk]
        assert Event.objects.filter(type="poll.removed", payload__poll=draft.pk).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_participants_answer_and_everyone_sees_the_counts(room, moderator):
    ana, bolat = await adb(join)(room), await adb(join)(room, name="Bolat")
    poll = await adb(make_poll)(room, moderator)
    first, second, _third = await adb(option_ids)(poll)
    async with (
        connected(room.code, await adb(session_for)(user=moderator)) as moderating,
        connected(room.code, await adb(session_for)(room, ana), lang="es") as voting,
        connected(room.code, await adb(session_for)(room, bolat)) as watching,
    ):
        assert [p["status"] for p in moderating.welcome["polls"]] == ["draft"]
        assert watching.welcome["polls"] == []
        opened = await moderating.request(type="poll.open", poll=poll.pk)
        assert opened["status"] == "open"
        shown = await watching.receive_until(lambda f: f["type"] == "poll.updated")
        assert shown["poll"]["status"] == "open"
        assert shown["poll"]["options"][0]["text"]["es"] == "Nómina"
        ack = await voting.request(type="poll.answer", poll=poll.pk, options=[first])
        assert ack["options"] == [first]
        results = await watching.receive_until(lambda f: f["type"] == "poll.results")
        assert results["counts"][str(first)] == 1
        assert results["voters"] == 1
        await voting.request(type="poll.answer", poll=poll.pk, options=[second])
        results = await watching.receive_until(
            lambda f: f["type"] == "poll.results" and f["counts"][str(second)] == 1
        )
        assert results["counts"][str(first)] == 0
        refused = await watching.request(type="poll.answer", poll=poll.pk, options=[first, second])
        assert refused["type"] == "error"
        assert refused["code"] == "invalid_choice"
        bad = await voting.request(type="poll.answer", poll="1", options=[first])
        assert bad["code"] == "invalid_frame"
        forbidden = await voting.request(type="poll.close", poll=poll.pk)
        assert forbidden["code"] == "forbidden"
    # A participant who reconnects later finds their answer and the counts in the welcome.
    async with connected(room.code, await adb(session_for)(room, ana)) as again:
        assert again.welcome["answers"] == {str(poll.pk): [second]}
        assert again.welcome["polls"][0]["results"]["counts"][str(second)] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_vote_storm_is_coalesced_and_the_final_counts_arrive(room, moderator, settings):
    settings.QA_VOTES_PER_MINUTE = 1000
    settings.QA_CLIENT_VOTES_PER_MINUTE = 1000
    settings.QA_POLL_RESULTS_INTERVAL = 0.2
    voters = [await adb(join)(room, name=f"Voter {n}") for n in range(20)]
    poll = await adb(make_poll)(room, moderator)
    first, second, _third = await adb(option_ids)(poll)
    await adb(polls.open_poll)(room.pk, moderator, poll.pk)
    sessions = [await adb(session_for)(room, voter) for voter in voters]
    async with connected(room.code, await adb(session_for)(user=moderator)) as watching:
        sockets = [connected(room.code, key) for key in sessions]
        clients = [await socket.__aenter__() for socket in sockets]
        try:
            acks = await asyncio.gather(
                *(
                    client.request(
                        type="poll.answer", poll=poll.pk, options=[first if n % 4 else second]
                    )
                    for n, client in enumerate(clients)
                )
            )
            assert all(ack["type"] == "ack" for ack in acks)
            expected = {str(first): 15, str(second): 5, str(_third): 0}
            frames = []
            while not frames or frames[-1]["counts"] != expected:
                frames.append(await watching.receive_until(lambda f: f["type"] == "poll.results"))
        finally:
            for socket in sockets:
                await socket.__aexit__(None, None, None)
            await coalesce.settled()
    # Twenty answers, far fewer result frames; the last one is what the database holds.
    assert len(frames) < len(voters)
    assert frames[-1]["voters"] == 20
    assert await adb(polls.counts)(poll) == (expected, 20)
