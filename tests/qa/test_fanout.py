"""One layer message per event whatever the number of sockets, on the in-memory layer and on
Redis; and a Redis blip delays an announcement by a hub check, never loses it."""

import pytest
from channels.layers import get_channel_layer
from django.test import Client

from qa.fanout import group_name
from tests.qa.helpers import adb, connected, join, make_room, session_for
from tests.server import RedisServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def private_redis(tmp_path):
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()


def use_redis(settings, server):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [server.url], "prefix": "portal-test"},
        }
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "portal-test",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


class MemoryCount:
    """Counts the in-memory layer's sends (it has no server to ask)."""

    def __init__(self):
        self.layer = get_channel_layer()
        self.sent = 0
        original = self.layer.send

        async def counting_send(channel, message):
            self.sent += 1
            await original(channel, message)

        self.layer.send = counting_send

    def __call__(self):
        return self.sent


@pytest.mark.parametrize("layer", ["memory", "redis"])
async def test_one_layer_message_per_event_whatever_the_number_of_sockets(
    settings, tmp_path, layer
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    server = None
    if layer == "redis":
        server = RedisServer(tmp_path / "redis").start()
        use_redis(settings, server)
        count = server.publishes
    else:
        count = MemoryCount()
    try:
        room = await adb(make_room)(code="FANOUT", moderated=False)
        asker = await adb(join)(room)
        async with connected(room.code, await adb(session_for)(room, asker)) as asking:
            watchers = [connected(room.code) for _ in range(5)]
            clients = [await watcher.__aenter__() for watcher in watchers]
            if layer == "memory":
                # The process's hub is the room group's only member, not each socket.
                assert len(get_channel_layer().groups[group_name(room.pk)]) == 1
            before = await adb(count)()
            await asking.request(type="question.ask", text="To all six", anonymous=False)
            for client in [asking, *clients]:
                frame = await client.receive_until(lambda f: f["type"] == "question.published")
                assert frame["question"]["text"] == "To all six"
            assert await adb(count)() - before == 1
            for watcher in watchers:
                await watcher.__aexit__(None, None, None)
    finally:
        if server is not None:
            server.stop()


async def test_an_event_committed_during_a_redis_blip_reaches_connected_sockets(
    settings, private_redis
):
    use_redis(settings, private_redis)
    settings.QA_HUB_CHECK_SECONDS = 0.2
    room = await adb(make_room)(code="BLIP22", moderated=False)
    asker = await adb(join)(room)
    async with (
        connected(room.code, await adb(session_for)(room, asker)) as asking,
        connected(room.code) as watching,
    ):
        private_redis.stop()
        ack = await asking.request(type="question.ask", text="During the blip", anonymous=False)
        assert ack["type"] == "ack"  # committed: rate limits count in the process meanwhile
        # Pages answer while Redis is down, uncached.
        assert (await adb(Client().get)("/admin/login/")).status_code == 200
        private_redis.start()
        # The doorbell rang into nothing; the hub's check finds the event in the database.
        for client in (asking, watching):
            seen = await client.receive_until(lambda f: f["type"] == "question.published")
            assert seen["question"]["id"] == ack["question"]
        after = await asking.request(type="question.ask", text="After the blip", anonymous=False)
        seen = await watching.receive_until(lambda f: f["type"] == "question.published")
        assert seen["question"]["id"] == after["question"]
    assert (await adb(Client().get)("/admin/login/")).status_code == 200
