"""Fan-out benchmark: a portal room against a bare `websockets.broadcast` relay.

Opens N WebSocket clients (default 1,000) to a Q&A room of a portal served by
Daphne, and the same N clients to a bare relay on this machine. A publisher
sends M events one at a time, each timed from send until every client has it
(p50/p99 time-until-all-received), then M events in a burst, timed until all
N*M deliveries arrived (deliveries per second). Prints both for both, and
their ratios. Never part of the pass/fail suite.

    .venv/bin/python bench/fanout.py --clients 1000 --events 40

With REDIS_URL (and DATABASE_URL) set, the portal runs on Redis (and PostgreSQL).
BENCH_DEBUG=1 also prints every event's time-until-all-received.
"""

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.asyncio.server import broadcast, serve  # noqa: E402

BENCH_ROOM = "BENCH2"


def raise_open_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def run_relay(port):
    """The bare relay: whatever the publisher sends goes to every other client."""
    clients = set()

    async def handler(websocket):
        clients.add(websocket)
        try:
            async for message in websocket:
                broadcast(clients - {websocket}, message)
        finally:
            clients.discard(websocket)

    async with serve(handler, "127.0.0.1", port, max_queue=None):
        print("relay listening", flush=True)
        await asyncio.Future()


class Watchers:
    """N clients that count the frames carrying the marker the publisher is sending."""

    def __init__(self, count):
        self.count = count
        self.sockets = []
        self.marker = None
        self.expected = 0
        self.received = 0
        self.done = None

    async def open(self, url, headers, welcome):
        async def one():
            websocket = await connect(
                url, additional_headers=headers, max_queue=None, open_timeout=60
            )
            if welcome:
                await websocket.recv()  # the room's welcome: start timing once all have it
            self.sockets.append(websocket)
            asyncio.ensure_future(self.read(websocket))

        # Open in batches: a thousand handshakes at once only measures the accept queue.
        for start in range(0, self.count, 100):
            await asyncio.gather(*(one() for _ in range(min(100, self.count - start))))

    async def read(self, websocket):
        async for message in websocket:
            if self.marker is not None and self.marker in message:
                self.received += 1
                if self.received == self.expected:
                    self.done.set_result(time.perf_counter())

    def expect(self, marker, frames_per_client):
        self.marker = marker
        self.received = 0
        self.expected = self.count * frames_per_client
        self.done = asyncio.get_running_loop().create_future()
        return self.done

    async def close(self):
        await asyncio.gather(*(s.close() for s in self.sockets), return_exceptions=True)


async def measure(name, url, headers, publish, clients, events, welcome):
    """Latency: events one at a time. Throughput: a burst of events, until all are delivered."""
    watchers = Watchers(clients)
    await watchers.open(url, headers, welcome)
    latencies = []
    for number in range(events):
        done = watchers.expect(f"bench-{name}-{number}-", 1)
        sent = time.perf_counter()
        await publish(f"bench-{name}-{number}-")
        latencies.append(await asyncio.wait_for(done, 60) - sent)
    done = watchers.expect(f"burst-{name}-", events)
    started = time.perf_counter()
    for number in range(events):
        await publish(f"burst-{name}-{number}")
    burst_seconds = await asyncio.wait_for(done, 300) - started
    await watchers.close()
    if os.environ.get("BENCH_DEBUG"):
        print(name, [round(x * 1000) for x in latencies])
    latencies.sort()
    return {
        "deliveries_per_second": clients * events / burst_seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def bench_portal(server, clients, events):
    from tests.server import HttpSession

    publisher = HttpSession(server.url)
    publisher.join_room(BENCH_ROOM, display_name="Publisher")
    url = server.url.replace("http://", "ws://") + f"/ws/qa/{BENCH_ROOM}/"
    socket = await connect(url, additional_headers=publisher.websocket_headers())
    await socket.recv()  # welcome

    async def publish(marker):
        await socket.send(
            json.dumps(
                {
                    "type": "question.ask",
                    "anonymous": False,
                    "text": marker + "How was e-Saram financed?",
                }
            )
        )

    try:
        return await measure(
            "portal", url, {"Origin": server.url}, publish, clients, events, welcome=True
        )
    finally:
        await socket.close()


async def bench_relay(port, clients, events):
    url = f"ws://127.0.0.1:{port}/"
    publisher = await connect(url)
    sample = json.dumps(
        {
            "type": "question.published",
            "seq": 1,
            "question": {
                "id": 1,
                "text": "",
                "author": "Publisher",
                "organisation": "",
                "country": "",
                "status": "published",
                "answered": False,
                "pinned": False,
                "highlighted": False,
                "votes": 0,
                "asked_at": "2026-11-23T07:00:00+00:00",
            },
        }
    )

    async def publish(marker):
        await publisher.send(sample.replace('"text": ""', f'"text": "{marker}How?"'))

    try:
        return await measure("relay", url, {}, publish, clients, events, welcome=False)
    finally:
        await publisher.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--relay", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_open_file_limit()
    if args.relay:
        asyncio.run(run_relay(args.relay))
        return

    from tests.server import PortalServer, free_port

    workdir = Path(tempfile.mkdtemp(prefix="fanout-"))
    server = PortalServer(
        workdir,
        extra_env={
            "QA_QUESTIONS_PER_MINUTE": "1000000",
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "false",
        },
    )
    print(
        f"starting the portal ({'Redis' if os.environ.get('REDIS_URL') else 'in-memory layer'})",
        flush=True,
    )
    server.start()
    create_room = (
        "from qa.models import Room; Room.objects.update_or_create("
        f"code={BENCH_ROOM!r}, defaults={{'title': 'Fan-out bench', 'moderated': False, "
        "'allow_anonymous': True, 'is_open': True})"
    )
    server.manage("shell", "-c", create_room)
    relay_port = free_port()
    relay = subprocess.Popen(
        [sys.executable, __file__, "--relay", str(relay_port)], stdout=subprocess.PIPE, text=True
    )
    relay.stdout.readline()
    try:
        portal = asyncio.run(bench_portal(server, args.clients, args.events))
        bare = asyncio.run(bench_relay(relay_port, args.clients, args.events))
    finally:
        relay.terminate()
        server.stop()
    print(f"clients={args.clients} events={args.events} websockets={websockets.__version__}")
    for name, result in (("portal", portal), ("bare relay", bare)):
        print(
            f"{name:>10}: {result['deliveries_per_second']:>10,.0f} deliveries/s   "
            f"p50 {result['p50_ms']:7.1f} ms   p99 {result['p99_ms']:7.1f} ms"
        )
    print(
        f"     ratio: deliveries/s portal/relay = "
        f"{portal['deliveries_per_second'] / bare['deliveries_per_second']:.2f} (target >= 0.5), "
        f"p99 portal/relay = {portal['p99_ms'] / bare['p99_ms']:.2f} (target <= 2.0)"
    )


if __name__ == "__main__":
    main()
