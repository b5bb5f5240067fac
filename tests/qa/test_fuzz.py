"""Arbitrary frames thrown at the consumer: every refusal is an error frame, nothing escapes."""

import json

import pytest
from asgiref.sync import async_to_sync
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.models import Question
from tests.qa.helpers import connected, join, make_room, session_for

pytestmark = pytest.mark.django_db(transaction=True)

KNOWN_TYPES = [
    "resume",
    "ping",
    "question.ask",
    "question.vote",
    "question.unvote",
    "question.moderate",
    "room.open",
    "room.close",
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
frames = st.one_of(
    st.text(min_size=1, max_size=200),
    json_values.map(json.dumps),
    st.fixed_dictionaries(
        {"type": st.sampled_from(KNOWN_TYPES)},
        optional={
            "text": json_values,
            "anonymous": json_values,
            "question": json_values,
            "action": json_values,
            "after": json_values,
            "ref": json_values,
        },
    ).map(json.dumps),
)


@pytest.fixture
def room_with_participant():
    room = make_room(code="FUZZ22", moderated=False)
    participant = join(room)
    Question.objects.create(room=room, author=participant, text="Seed", status="published")
    return room, session_for(room, participant)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(frames, min_size=1, max_size=5))
def test_arbitrary_frames_never_break_the_room(room_with_participant, batch, settings_override):
    room, session = room_with_participant

    async def scenario():
        async with connected(room.code, session) as client:
            for frame in batch:
                await client.communicator.send_to(text_data=frame)
                # Every frame gets an answer; a refusal is an error frame with a code.
                while True:
                    reply = await client.receive()
                    if reply["type"] in ("error", "ack", "pong", "resumed", "welcome"):
                        break
                if reply["type"] == "error":
                    assert reply["code"] and reply["code"] != "server_error", reply
            pong = await client.request(type="ping")
            assert pong["type"] == "pong"

    async_to_sync(scenario)()


@pytest.fixture
def settings_override(settings):
    settings.QA_QUESTIONS_PER_MINUTE = 10_000
    settings.QA_VOTES_PER_MINUTE = 10_000
