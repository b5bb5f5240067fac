"""The per-client stream: backlog, order and duplicates, without a server around it."""

import pytest

from qa.protocol import Caller
from qa.stream import LiveStream

pytestmark = pytest.mark.asyncio


class RecordingStream(LiveStream):
    """Records what it transmits; an event may arrive while another is being sent."""

    def __init__(self, arriving_during=None):
        self.caller = Caller(None, None, participant_id=7, is_moderator=False, language="en")
        self.ready, self.backlog, self.seq = False, [], 0
        self.sent = []
        self.arriving_during = arriving_during or {}

    async def transmit(self, seq, frame_text, shared=False):
        self.sent.append(seq)
        if seq in self.arriving_during:
            await self.deliver(*self.arriving_during.pop(seq))


async def test_events_arriving_while_the_backlog_is_sent_are_sent_too():
    stream = RecordingStream(arriving_during={5: (6, "six", "everyone", None)})
    await stream.deliver(5, "five", "everyone", None)  # waits: the welcome is being read
    await stream._flush(4)
    assert stream.sent == [5, 6]
    assert stream.ready and not stream.backlog


async def test_a_stream_sends_each_event_once_in_order_and_only_what_its_caller_may_see():
    stream = RecordingStream()
    await stream.deliver(3, "three", "everyone", None)
    await stream.deliver(4, "pending of someone else", "moderators", 99)
    await stream.deliver(5, "my pending question", "moderators", 7)
    await stream._flush(3)  # the snapshot already covers 3
    await stream.deliver(5, "five again", "everyone", None)
    await stream.deliver(6, "six", "everyone", None)
    assert stream.sent == [5, 6]
