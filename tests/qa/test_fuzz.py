"""Arbitrary frames and strings thrown at every door of a live room: each request gets exactly
one reply (paired by `ref`), a refusal is an error frame with a code, never server_error, the
socket stays open, and a bystander still sees the room go on afterwards."""

import json

import pytest
from asgiref.sync import async_to_sync
from django.middleware.csrf import get_token
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.models import Question
from tests.qa.helpers import connected, join, make_room, session_for
from tests.qa.test_sse import Poster, streaming

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
# Strings a client can put in JSON: lone surrogates, NUL, controls, bidi, very long.
wild_strings = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.sampled_from(
        [
            "\ud800",
            "a\udfffb",
            "\x00",
            "x\x00y",
            "\x07\x1b[31m",
            "\u202eevil\u202c",
            "\u2066\u2069",
            "\r\n\t",
            "\ufeff",
            "",
            " ",
        ]
    ),
    st.integers(min_value=1, max_value=5).map(lambda n: "長" * (n * 20_000)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | wild_strings,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(wild_strings, children, max_size=4)
    ),
    max_leaves=10,
)
FIELDS = ("text", "anonymous", "question", "action", "after", "ref")
frames = st.one_of(
    st.text(min_size=1, max_size=200),
    json_values.map(json.dumps),
    st.fixed_dictionaries(
        {"type": st.sampled_from(KNOWN_TYPES) | wild_strings},
        optional=dict.fromkeys(FIELDS, json_values),
    ).map(json.dumps),
)
REPLIES = ("error", "ack", "pong")


@pytest.fixture
def fuzz_room(settings, django_user_model):
    settings.QA_QUESTIONS_PER_MINUTE = 10_000
    settings.QA_VOTES_PER_MINUTE = 10_000
    settings.QA_CLIENT_QUESTIONS_PER_MINUTE = 10_000
    settings.QA_CLIENT_VOTES_PER_MINUTE = 10_000
    settings.QA_FRAMES_PER_SECOND = 10_000
    settings.QA_FRAMES_PER_MINUTE = 10_000
    room = make_room(code="FUZZ22", moderated=False)
    participant = join(room)
    Question.objects.create(room=room, author=participant, text="Seed", status="published")
    user = django_user_model.objects.create_user("fuzz-mod", password="pw-fuzz-2026")
    room.moderators.add(user)
    return {
        "room": room,
        "user": user,
        "participant": session_for(room, participant),
        "moderator": session_for(user=user),
        "bystander": session_for(room, join(room, name="Bystander")),
    }


def expected_ref(frame_text):
    """The ref the reply must carry: the frame's own when the server could read it back."""
    try:
        frame = json.loads(frame_text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(frame, dict):
        return None
    ref = frame.get("ref")
    if isinstance(ref, str) and len(ref) <= 64:
        try:
            ref.encode("utf-8")
        except UnicodeEncodeError:
            return None
        return ref if "\x00" not in ref else None
    if isinstance(ref, int) and not isinstance(ref, bool):
        return ref
    return None


async def one_reply_each(client, batch):
    """Send each frame then a ping as a fence: exactly one reply comes before the fence's."""
    for number, frame in enumerate(batch):
        await client.communicator.send_to(text_data=frame)
        fence = f"fence-{number}"
        await client.send(type="ping", ref=fence)
        replies = []
        while True:
            reply = await client.receive()
            if reply.get("ref") == fence and reply["type"] == "pong":
                break
            if reply["type"] in REPLIES:
                replies.append(reply)
        assert len(replies) == 1, (frame[:200], replies)
        reply = replies[0]
        if reply["type"] == "error":
            assert reply["code"] and reply["code"] != "server_error", reply
            assert reply["message"]
        # Paired by ref: a frame too large to read carries none back.
        if reply.get("code") != "too_large":
            assert reply.get("ref") == expected_ref(frame), (frame[:200], reply)


@pytest.mark.parametrize("role", ["participant", "moderator"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(frames, min_size=1, max_size=5))
def test_arbitrary_frames_never_break_the_room(fuzz_room, role, batch):
    room = fuzz_room["room"]

    async def scenario():
        async with (
            connected(room.code, fuzz_room["bystander"]) as bystander,
            connected(room.code, fuzz_room[role]) as client,
        ):
            await one_reply_each(client, batch)
            # The room goes on: whatever the fuzz did (closed the room too), a question asked
            # now reaches the bystander, and the fuzzed socket still answers.
            async with connected(room.code, fuzz_room["moderator"]) as moderating:
                await moderating.request(type="room.open")
            ack = await bystander.request(type="question.ask", text="Still live?", anonymous=False)
            assert ack["type"] == "ack", ack
            seen = await bystander.receive_until(
                lambda f: (
                    f["type"] == "question.published" and f["question"]["id"] == ack["question"]
                )
            )
            assert seen["question"]["text"] == "Still live?"
            assert (await client.request(type="ping"))["type"] == "pong"

    async_to_sync(scenario)()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.fixed_dictionaries(
        {"type": st.sampled_from(KNOWN_TYPES) | wild_strings},
        optional=dict.fromkeys(FIELDS, json_values),
    ),
    lang=wild_strings,
    after=wild_strings,
    last_event_id=st.binary(max_size=40),
)
def test_arbitrary_strings_at_the_http_doors_get_no_5xx(
    fuzz_room, fields, lang, after, last_event_id
):
    room = fuzz_room["room"]

    async def scenario():
        poster = Poster(room.code, fuzz_room["participant"])
        # The token and cookie pair the room page hands out.
        page_request = RequestFactory().get(f"/en/live/{room.code}/")
        poster.token = get_token(page_request)
        poster.client.cookies["csrftoken"] = page_request.META["CSRF_COOKIE"]
        response = await poster.post(json.dumps(fields))
        assert response.status_code < 500, response.content
        assert response.json()["type"] in REPLIES
        query = f"lang={lang}&after={after}".encode("utf-8", "surrogatepass")
        # The query string arrives as bytes; anything a client sends must not break the door.
        async with streaming(
            room.code,
            fuzz_room["participant"],
            headers=[(b"last-event-id", last_event_id)],
            raw_query=query,
        ) as stream:
            assert stream.status == 200
            _id, first = await stream.frame()
            assert first["type"] in ("welcome", "resumed") or "seq" in first

    async_to_sync(scenario)()
