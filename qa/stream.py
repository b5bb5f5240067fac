"""One client's stream of room events, whatever carries it (WebSocket or Server-Sent Events).

Connecting is resuming: a client that already saw events up to seq N says so
when it connects (`after=N`) and gets exactly the events after N it may see,
then `resumed`; a new client, or one further behind than the log keeps, gets
a `welcome` snapshot. Live events that arrive meanwhile wait in a backlog and
follow in order, so nothing is missed, doubled or overtaken.
"""

from django.conf import settings

from portal.db import on_read_threads

from . import rights, services
from .fanout import EVERYONE, get_hub
from .models import encode_frame
from .ratelimit import stream_slots


class LiveStream:
    """Mixed into a consumer that sets `self.caller` and implements `transmit()`."""

    caller = None
    joined = False
    slot = None  # the client address whose stream allowance this stream holds

    async def __call__(self, scope, receive, send):
        # However the consumer ends (a failure included), it leaves the hub and frees its slot.
        try:
            return await super().__call__(scope, receive, send)
        finally:
            await self.stop_stream()

    def claim_slot(self, address):
        """Count this stream against its client address; False when that client has too many."""
        if not stream_slots.claim(address, settings.QA_STREAMS_PER_CLIENT):
            return False
        self.slot = address
        return True

    async def start_stream(self, after):
        self.ready = False
        self.backlog = []
        self.seq = 0
        await get_hub().join(self.caller.room.pk, self)
        self.joined = True
        try:
            if after is None or not await self._replay(after):
                await self._welcome()
        except BaseException:
            # A stream that never started must not stay in the hub, deaf, collecting a backlog.
            await self.stop_stream()
            raise

    async def stop_stream(self):
        if self.slot is not None:
            stream_slots.release(self.slot)
            self.slot = None
        if self.joined:
            self.joined = False
            await get_hub().leave(self.caller.room.pk, self)

    async def _replay(self, after):
        caller = self.caller
        frames, latest = await on_read_threads(services.events_after)(
            caller.room, after, caller.participant_id, caller.is_moderator
        )
        if frames is None:
            return False
        for frame in frames:
            await self.transmit(frame["seq"], encode_frame(frame))
        await self.transmit(latest, encode_frame({"type": "resumed", "seq": latest}))
        await self._flush(latest)
        return True

    async def _welcome(self):
        caller = self.caller
        state = await on_read_threads(services.room_state)(
            caller.room, caller.participant_id, caller.is_moderator, caller.is_translator
        )
        await self.transmit(state["seq"], encode_frame({"type": "welcome", **state}))
        await self._flush(state["seq"])

    async def _flush(self, seq):
        self.seq = seq
        # Events may arrive while the backlog is being sent: go on until none is left.
        while self.backlog:
            backlog, self.backlog = self.backlog, []
            for event_seq, frame_text in backlog:
                if event_seq > self.seq:
                    self.seq = event_seq
                    await self.transmit(event_seq, frame_text, shared=True)
        self.ready = True

    def may_see(self, audience, participant_id):
        caller = self.caller
        return (
            audience == EVERYONE
            or caller.is_moderator
            or (participant_id is not None and participant_id == caller.participant_id)
        )

    async def deliver(self, seq, frame_text, audience, participant_id):
        """Called by the hub, in seq order, for every event of the room; runs once per stream."""
        if not self.may_see(audience, participant_id):
            return
        if not self.ready:
            self.backlog.append((seq, frame_text))
        elif seq > self.seq:
            self.seq = seq
            await self.transmit(seq, frame_text, shared=True)

    async def recheck_rights(self):
        """A moderator's stream whose account or session lost the room's rights starts over.

        refresh_rights updates the caller at once, so no moderator event reaches it meanwhile;
        the client then reconnects and gets the welcome of whoever it is now.
        """
        caller = self.caller
        if caller is None or not caller.is_moderator:
            return
        if not await on_read_threads(rights.refresh_rights)(caller):
            await self.restart()

    async def restart(self):
        """The events this stream needs are gone from the log: make the client start over."""
        raise NotImplementedError

    async def transmit(self, seq, frame_text, shared=False):
        """Send one frame; `seq` is where it brings the client, `shared` marks the hub's text,
        the same for every stream of the room."""
        raise NotImplementedError
