"""Fan-out of room events: one channel-layer message per room per server process.

Each event is encoded once by the service that recorded it. The layer carries
it to one hub per process (the hub's channel is the only member a process adds
to a room's group), and the hub hands the same text to every local stream of
that room. A room of thousands costs one layer message per process, not one
per socket.

The layer is only a doorbell; the database is the truth. Per room the hub
knows the last seq it handed out, so it delivers in seq order: an event that
overtakes another (two processes publishing) makes the hub read the missing
ones from the database first, and a duplicate is dropped. Every
QA_HUB_CHECK_SECONDS it compares its rooms with the database: events that stayed
undelivered for a whole interval (Redis down, a silent subscription) are read
from the database and handed out, and the hub subscribes afresh.
"""

import asyncio
import logging
import weakref

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from portal.db import on_read_threads

logger = logging.getLogger(__name__)

EVERYONE = "everyone"
LAYER_TIMEOUT = 5  # seconds a layer call may take before the hub treats the layer as down
# Every hub listens here for changes of moderator rights (qa.rights announces them).
RIGHTS_GROUP = "qa.rights"
RIGHTS_MESSAGE = "rights.changed"


def group_name(room_id):
    return f"qa.room.{room_id}"


def announce(room_id, seq, frame_text, audience, participant_id):
    """Ring the doorbell for a committed event; the event row is already the truth."""
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(
        group_name(room_id),
        {
            "type": "room.event",
            "room": room_id,
            "seq": seq,
            "frame": frame_text,
            "audience": audience,
            "participant": participant_id,
        },
    )


def _last_seqs(room_ids):
    from .models import Room

    return dict(Room.objects.filter(pk__in=room_ids).values_list("pk", "last_seq"))


def _missing_events(room_id, after, upto):
    from .services import events_between

    return [
        (event.seq, event.frame_text(), event.audience, event.participant_id)
        for event in events_between(room_id, after, upto)
    ]


class RoomHub:
    """This process's subscriber: one layer channel, added to each room with local streams."""

    def __init__(self):
        self.layer = get_channel_layer()
        self.rooms = {}  # room id -> local streams
        self.delivered = {}  # room id -> last seq handed to the streams
        self.seen_at_check = {}  # room id -> the room's last seq at the previous check
        self.subscribed = set()
        self.channel = None
        self.listener = None
        self.watcher = None
        # One lock for membership and delivery: each room's events go out whole and in order.
        self.lock = asyncio.Lock()

    # Membership ---------------------------------------------------------------
    async def join(self, room_id, stream):
        async with self.lock:
            sockets = self.rooms.setdefault(room_id, set())
            if not sockets:
                await self._subscribe(room_id)
                # Read after subscribing: anything newer arrives through the layer or the check.
                seqs = await on_read_threads(_last_seqs)([room_id])
                self.delivered[room_id] = seqs.get(room_id, 0)
                self.seen_at_check.pop(room_id, None)
            sockets.add(stream)
            self._start_tasks()

    async def leave(self, room_id, stream):
        async with self.lock:
            sockets = self.rooms.get(room_id)
            if not sockets:
                return
            sockets.discard(stream)
            if sockets:
                return
            del self.rooms[room_id]
            self.delivered.pop(room_id, None)
            self.seen_at_check.pop(room_id, None)
            if room_id in self.subscribed:
                self.subscribed.discard(room_id)
                try:
                    await asyncio.wait_for(
                        self.layer.group_discard(group_name(room_id), self.channel), LAYER_TIMEOUT
                    )
                except Exception:
                    logger.warning("Q&A hub could not leave room %s on the layer", room_id)
            if not self.rooms and self.watcher is not None:
                self.watcher.cancel()
                self.watcher = None

    async def _subscribe(self, room_id):
        """Add this hub to a room's group; on failure the check retries, the database covers."""
        try:
            if self.channel is None:
                channel = await asyncio.wait_for(self.layer.new_channel("qa.hub."), LAYER_TIMEOUT)
                await asyncio.wait_for(self.layer.group_add(RIGHTS_GROUP, channel), LAYER_TIMEOUT)
                self.channel = channel
            await asyncio.wait_for(
                self.layer.group_add(group_name(room_id), self.channel), LAYER_TIMEOUT
            )
        except Exception:
            logger.warning("Q&A hub could not subscribe to room %s; will retry", room_id)
            return
        self.subscribed.add(room_id)

    async def _resubscribe(self):
        """Start over on the layer: a fresh connection, channel and group memberships."""
        logger.warning("Q&A hub subscribing afresh to %d room(s)", len(self.rooms))
        if self.listener is not None:
            self.listener.cancel()
            self.listener = None
        try:
            # Drops this process's layer connections, so publishing reconnects too.
            await asyncio.wait_for(self.layer.flush(), LAYER_TIMEOUT)
        except Exception:
            logger.warning("Q&A hub could not reset the channel layer")
        self.channel = None
        self.subscribed.clear()
        for room_id in list(self.rooms):
            await self._subscribe(room_id)
        self._start_tasks()

    def _start_tasks(self):
        if self.listener is None and self.channel is not None:
            self.listener = asyncio.ensure_future(self._listen(self.channel))
        if self.watcher is None and self.rooms:
            self.watcher = asyncio.ensure_future(self._watch())

    # Delivery -----------------------------------------------------------------
    async def _listen(self, channel):
        while True:
            try:
                message = await self.layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Q&A hub could not read from the channel layer")
                await asyncio.sleep(1)
                continue
            if message.get("type") == "room.event":
                await self.dispatch(message)
            elif message.get("type") == RIGHTS_MESSAGE:
                # Reads the database: off the listener, so room events keep flowing meanwhile.
                asyncio.ensure_future(self.recheck_rights(message["user"], message["room"]))

    async def dispatch(self, message):
        room_id, seq = message["room"], message["seq"]
        async with self.lock:
            last = self.delivered.get(room_id)
            if last is None or seq <= last:
                return  # not ours any more, or delivered already (from the database)
            if seq > last + 1:
                await self._catch_up(room_id, seq - 1)
            await self._hand_out(
                room_id, seq, message["frame"], message["audience"], message["participant"]
            )

    async def _catch_up(self, room_id, upto):
        last = self.delivered[room_id]
        missing = await on_read_threads(_missing_events)(room_id, last, upto)
        if not missing or missing[0][0] != last + 1:
            # The log no longer holds them: every stream starts over from a fresh snapshot.
            for stream in list(self.rooms.get(room_id, ())):
                await stream.restart()
            self.delivered[room_id] = upto
            return
        for seq, frame_text, audience, participant_id in missing:
            await self._hand_out(room_id, seq, frame_text, audience, participant_id)

    async def _hand_out(self, room_id, seq, frame_text, audience, participant_id):
        self.delivered[room_id] = seq
        for stream in list(self.rooms.get(room_id, ())):
            try:
                await stream.deliver(seq, frame_text, audience, participant_id)
            except Exception:
                logger.exception("Q&A hub could not deliver to a stream; dropping it")
                self.rooms[room_id].discard(stream)

    # Checking -----------------------------------------------------------------
    async def _watch(self):
        while True:
            await asyncio.sleep(settings.QA_HUB_CHECK_SECONDS)
            try:
                await self.check()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Q&A hub check failed")

    async def recheck_rights(self, user_id=None, room_id=None):
        """Have the moderator streams concerned (all, by default) check their rights again."""
        streams = [
            stream
            for room, members in list(self.rooms.items())
            if room_id is None or room == room_id
            for stream in list(members)
            if stream.caller is not None
            and stream.caller.is_moderator
            and (user_id is None or getattr(stream.caller.user, "pk", None) == user_id)
        ]
        for stream in streams:
            try:
                await stream.recheck_rights()
            except Exception:
                logger.exception("Q&A hub could not check a moderator's rights")

    async def check(self):
        """Deliver from the database what the layer left undelivered for a whole interval,
        and check moderator streams' rights in case their announcement was lost."""
        room_ids = list(self.rooms)
        if not room_ids:
            return
        await self.recheck_rights()
        latest = await on_read_threads(_last_seqs)(room_ids)
        async with self.lock:
            silent = False
            for room_id, seq in latest.items():
                if room_id not in self.rooms:
                    continue
                before = self.seen_at_check.get(room_id)
                self.seen_at_check[room_id] = seq
                if before is not None and self.delivered[room_id] < before:
                    silent = True
                    await self._catch_up(room_id, seq)
            if silent or self.subscribed != set(self.rooms):
                await self._resubscribe()


_hubs = weakref.WeakKeyDictionary()


def get_hub():
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub()
    return hub
