import pytest
from channels.layers import get_channel_layer

from qa.fanout import group_name
from tests.qa.helpers import adb, connected, join, make_room, session_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_one_layer_message_per_event_whatever_the_number_of_sockets(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    room = await adb(make_room)(code="FANOUT", moderated=False)
    asker = await adb(join)(room)
    layer = get_channel_layer()
    sent = []
    original_send = layer.send

    async def counting_send(channel, message):
        sent.append(channel)
        await original_send(channel, message)

    layer.send = counting_send
    try:
        async with connected(room.code, await adb(session_for)(room, asker)) as asking:
            watchers = [connected(room.code) for _ in range(5)]
            clients = [await watcher.__aenter__() for watcher in watchers]
            members = layer.groups[group_name(room.pk)]
            assert len(members) == 1  # the process's hub, not each socket
            await asking.request(type="question.ask", text="To all six", anonymous=False)
            for client in [asking, *clients]:
                frame = await client.receive_until(lambda f: f["type"] == "question.published")
                assert frame["question"]["text"] == "To all six"
            assert len(sent) == 1
            for watcher in watchers:
                await watcher.__aexit__(None, None, None)
        assert group_name(room.pk) not in layer.groups or not layer.groups[group_name(room.pk)]
    finally:
        layer.send = original_send
