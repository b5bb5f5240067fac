"""Fan-out benchmark: a portal room against a bare `websockets.broadcast` relay.

Opens N WebSocket clients (default 1,000) to a Q&A room of a portal served by
Daphne, and the same N clients to a bare relay on this machine. A publisher
sends M events one at a time, each timed from send until every client has it
(p50/p99 time-until-all-received), then M events in a burst, timed until all
N*M deliveries arrived (deliveries per second). Prints both for both, and
their ratios. Never part of the pass/fail suite.

    .venv/bin/python bench/fanout.py --clients 1000 --events 40
    .venv/bin/python bench/fanout.py --processes 2 --clients 5000 --events 40

--processes P runs P Daphne processes sharing one database (bench/cluster.py);
with P > 1 they share a private redis-server the bench starts on a free port,
the clients are spread evenly over the processes (client i on process i mod P),
and the publisher asks through process 0, so every event crosses Redis. With
P = 1 the portal uses REDIS_URL when set, else the in-memory layer; DATABASE_URL
(PostgreSQL) is honoured either way. The relay is one process in every run.

Figures:
- deliveries/s: N*M divided by the time from the first burst send until the
  last of the N*M frames arrived.
- p50/p99: over the M one-at-a-time events, the time from the publisher's send
  until the last of the N clients received that event.
- ratio lines: portal/relay for both; targets: one process >= 0.5x the relay's
  deliveries/s with p99 <= 2x the relay's; two processes >= 1x its deliveries/s.
- clients opened in: connecting all N clients, BATCH at a time (and, for the
  portal, each reading its welcome).
- open-file limits: the bench's own and each Daphne's (from /proc), since every
  socket is a file on both sides.
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

from bench.cluster import (  # noqa: E402
    Cluster,
    PrivateRedis,
    machine,
    raise_open_file_limit,
    session_headers,
)

BENCH_ROOM = "BENCH2"
BATCH = 100


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

    async def open(self, urls, headers, welcome):
        """Client i goes to urls[i % len(urls)]: the processes get equal shares."""

        async def one(index):
            url = urls[index % len(urls)]
            websocket = await connect(
                url,
                additional_headers=headers(url),
                max_queue=None,
                open_timeout=60,
                ping_interval=None,  # a busy bench loop must not close sockets over a late pong
            )
            if welcome:
                await websocket.recv()  # the room's welcome: start timing once all have it
            self.sockets.append(websocket)
            asyncio.ensure_future(self.read(websocket))

        # Open in batches: a thousand handshakes at once only measures the accept queue.
        for start in range(0, self.count, BATCH):
            await asyncio.gather(*(one(i) for i in range(start, min(start + BATCH, self.count))))

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


async def measure(name, urls, headers, publish, clients, events, welcome):
    """Latency: events one at a time. Throughput: a burst of events, until all are delivered."""
    watchers = Watchers(clients)
    opening = time.perf_counter()
    await watchers.open(urls, headers, welcome)
    open_seconds = time.perf_counter() - opening
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
        "open_seconds": open_seconds,
        "deliveries_per_second": clients * events / burst_seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


async def bench_portal(cluster, clients, events):
    (publisher,) = cluster.participant_sessions(BENCH_ROOM, 1, name="Publisher")
    urls = [url.replace("http://", "ws://") + f"/ws/qa/{BENCH_ROOM}/" for url in cluster.urls]
    socket = await connect(
        urls[0],
        additional_headers=session_headers(cluster.urls[0], publisher),
        ping_interval=None,
    )
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
            "portal",
            urls,
            lambda url: {"Origin": url.replace("ws://", "http://").split("/ws/")[0]},
            publish,
            clients,
            events,
            welcome=True,
        )
    finally:
        await socket.close()


async def bench_relay(port, clients, events):
    url = f"ws://127.0.0.1:{port}/"
    publisher = await connect(url, ping_interval=None)
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
        return await measure(
            "relay", [url], lambda _url: {}, publish, clients, events, welcome=False
        )
    finally:
        await publisher.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--relay", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_open_file_limit()
    if args.relay:
        asyncio.run(run_relay(args.relay))
        return

    from tests.server import free_port

    workdir = Path(tempfile.mkdtemp(prefix="fanout-"))
    redis = PrivateRedis(workdir / "redis").start() if args.processes > 1 else None
    cluster = Cluster(workdir, args.processes, redis_url=redis and redis.url)
    print(
        f"starting the portal: {args.processes} Daphne process(es), {cluster.layer}, "
        f"{cluster.database}",
        flush=True,
    )
    relay = None
    try:
        cluster.start()
        cluster.create_room(BENCH_ROOM, "Fan-out bench")
        daphne_limits = cluster.open_file_limits()
        relay_port = free_port()
        relay = subprocess.Popen(
            [sys.executable, __file__, "--relay", str(relay_port)],
            stdout=subprocess.PIPE,
            text=True,
        )
        relay.stdout.readline()
        portal = asyncio.run(bench_portal(cluster, args.clients, args.events))
        bare = asyncio.run(bench_relay(relay_port, args.clients, args.events))
    finally:
        if relay is not None:
            relay.terminate()
            relay.wait()
        cluster.stop()
        if redis is not None:
            redis.stop()
    print(
        f"clients={args.clients} events={args.events} processes={args.processes} "
        f"websockets={websockets.__version__} {machine()}"
    )
    print(
        f"open-file limit: bench {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}, "
        f"Daphne {daphne_limits}"
    )
    for name, result in (("portal", portal), ("bare relay", bare)):
        print(
            f"{name:>10}: {result['deliveries_per_second']:>10,.0f} deliveries/s   "
            f"p50 {result['p50_ms']:7.1f} ms   p99 {result['p99_ms']:7.1f} ms   "
            f"(clients opened in {result['open_seconds']:.1f} s)"
        )
    throughput_target = 0.5 if args.processes == 1 else 1.0
    print(
        f"     ratio: deliveries/s portal/relay = "
        f"{portal['deliveries_per_second'] / bare['deliveries_per_second']:.2f} "
        f"(target >= {throughput_target}), "
        f"p99 portal/relay = {portal['p99_ms'] / bare['p99_ms']:.2f} (target <= 2.0)"
    )


if __name__ == "__main__":
    main()
