"""Fan-out of room events: one channel-layer message per room per server process.

Each event is encoded once by the service that recorded it. The layer carries
it to one hub per process (the hub's channel is the only member a process adds
to a room's group), and the hub hands the same text to every local socket of
that room. A room of thousands costs one layer message per process, not one
per socket.
"""

import asyncio
import logging
import weakref

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

EVERYONE = "everyone"


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


class RoomHub:
    """This process's subscriber: one layer channel, added to each room with local sockets."""

    def __init__(self):
        self.layer = get_channel_layer()
        self.rooms = {}
        self.channel = None
        self.listener = None
        self.lock = asyncio.Lock()

    async def join(self, room_id, socket):
        async with self.lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel("qa.hub.")
                self.listener = asyncio.ensure_future(self._listen())
            sockets = self.rooms.setdefault(room_id, set())
            if not sockets:
                await self.layer.group_add(group_name(room_id), self.channel)
            sockets.add(socket)

    async def leave(self, room_id, socket):
        async with self.lock:
            sockets = self.rooms.get(room_id)
            if not sockets:
                return
            sockets.discard(socket)
            if not sockets:
                del self.rooms[room_id]
                await self.layer.group_discard(group_name(room_id), self.channel)

    async def _listen(self):
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Q&A hub could not read from the channel layer")
                await asyncio.sleep(1)
                continue
            if message.get("type") == "room.event":
                await self.dispatch(message)

    async def dispatch(self, message):
        for socket in list(self.rooms.get(message["room"], ())):
            try:
                await socket.deliver(
                    message["seq"], message["frame"], message["audience"], message["participant"]
                )
            except Exception:
                logger.exception("Q&A hub could not deliver to a socket")


_hubs = weakref.WeakKeyDictionary()


def get_hub():
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub()
    return hub
