"""Fault scenarios at full size: questions keep flowing while connections, Redis or a
Daphne process fail, and every client must end with every question exactly once.

    .venv/bin/python bench/faults.py --clients 1000
    .venv/bin/python bench/faults.py --clients 1000 --scenario kill

Each scenario gets a fresh cluster (bench/cluster.py): --processes Daphne
processes (default 2) sharing one database (PostgreSQL when DATABASE_URL says
so, else a SQLite file) and a private redis-server on a free port; a room with
--clients joined participants spread evenly over the processes; --askers
participants asking on process 0, one question every --interval s, and one
watcher on process 0. Every client reconnects as the browser does: with
`?after=<last seq applied>`, with backoff and jitter, to the next process when
its own refuses, and again on a gap (`prev` above its seq).

- churn (a): every client, for --duration s, stays connected --stay (2-8) s
  after its resumed/welcome, drops its TCP connection (no close frame), stays
  away --away (0-1) s and reconnects with `after=`. Shorter stays push more
  reconnects than two processes resume within Daphne's 5 s handshake timeout
  (bench/reconnect.py shows that limit).
- redis (b): after --before s the private Redis stops (SIGTERM), stays down
  --outage s and starts again on the same port; questions keep coming all along.
- kill (c): after --before s process 1 gets SIGKILL; its clients reconnect to
  process 0 with `after=`.

Every scenario then stops asking, waits until every client applied the room's
last seq (the database's) and prints:
- "questions lost: X, duplicates: Y": X = published questions (the database's
  list) missing from the screen of a client that applied the room's last seq,
  summed over clients; Y = events that reached a client at or below the seq it
  had applied. Both must be 0.
- caught up: clients that applied the database's last seq within --timeout s;
  "NOT BACK": those that did not (still failing to reconnect), and the questions
  missing from their screens.
- reconnects, resumed/welcome, connections lost (closed by the server or the
  network), reconnect attempts refused, gaps healed by a reconnect.
- ask->ack and ask->seen (by the watcher) p50/p99/max, per phase, and questions
  refused (an error instead of an ack) or never answered.
- redis: how long after the restart the watcher saw a question through Redis
  again. kill: from the SIGKILL until the last of its clients resumed.
Each scenario is bounded: --duration (churn) or --before + --outage + --after
seconds of questions, then at most --timeout s to settle. --daphne-arg passes an
option to every Daphne, e.g. --daphne-arg=--websocket_connect_timeout=60.
"""

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cluster import (  # noqa: E402
    Cluster,
    PrivateRedis,
    Questions,
    RoomClient,
    failure_summary,
    losses,
    machine,
    open_clients,
    percentile,
    raise_open_file_limit,
)

ROOM = "FAULT1"


class Scenario:
    """A fresh cluster, a full room, questions flowing; subclasses break something."""

    name = ""

    def __init__(self, args):
        self.args = args
        self.processes = max(args.processes, 2) if self.name == "kill" else args.processes
        self.workdir = Path(tempfile.mkdtemp(prefix=f"faults-{self.name}-"))
        self.redis = PrivateRedis(self.workdir / "redis")
        self.cluster = Cluster(
            self.workdir, self.processes, redis_url=self.redis.url, daphne_args=args.daphne_arg
        )
        self.lines = []

    def run(self):
        self.redis.start()
        try:
            self.cluster.start()
            self.cluster.create_room(ROOM, f"Faults: {self.name}")
            client_keys = self.cluster.participant_sessions(ROOM, self.args.clients)
            asker_keys = self.cluster.participant_sessions(ROOM, self.args.askers, name="Asker")
            asyncio.run(self._run(client_keys, asker_keys))
        finally:
            self.cluster.stop()
            self.redis.stop()
        return self.lines

    async def _run(self, client_keys, asker_keys):
        urls = self.cluster.urls
        self.clients = []
        for index, key in enumerate(client_keys):
            home = index % len(urls)
            client = RoomClient(urls[home:] + urls[:home], ROOM, key)
            client.auto_reconnect = True
            self.clients.append(client)
        self.askers = [RoomClient(urls, ROOM, key) for key in asker_keys]
        self.watcher = RoomClient(urls, ROOM, keep_times=True)
        for socket in (*self.askers, self.watcher):
            socket.auto_reconnect = True
        await open_clients([*self.askers, self.watcher])
        opened = await open_clients(self.clients)
        self.questions = Questions(self.askers, self.watcher)
        self.phases = {}
        self.started = time.perf_counter()
        before = {id(c): (c.connects, c.welcomes, c.resumes) for c in self.clients}

        await self.body()

        everyone = [*self.clients, *self.askers, self.watcher]
        asked = [t for texts in self.phases.values() for t in texts]
        await self.questions.settled(asked, self.args.timeout)
        truth = self.cluster.room_truth(ROOM)
        deadline = time.monotonic() + self.args.timeout
        caught_up = await asyncio.gather(
            *(c.until(lambda c: (c.applied or 0) >= truth["last_seq"], deadline) for c in everyone)
        )
        refused = {text for text, _code in self.questions.refused}
        unanswered = [t for t in asked if t not in self.questions.acked and t not in refused]
        lost, behind, missing = losses(everyone, truth["published"], truth["last_seq"])
        self.say(f"questions lost: {lost}, duplicates: {sum(c.duplicates for c in everyone)}")
        if behind:
            self.say(
                f"NOT BACK within {self.args.timeout:.0f} s: {behind} sockets, "
                f"{missing} questions missing from their screens"
            )
        self.say(
            f"clients {len(self.clients)} (connected at start {opened}), caught up to seq "
            f"{truth['last_seq']}: {sum(caught_up)}/{len(everyone)} sockets; "
            f"questions asked {len(asked)}, published {len(truth['published'])}, "
            f"refused {len(self.questions.refused)}, never answered {len(unanswered)}"
        )
        self.say(
            f"reconnects {sum(c.connects - before[id(c)][0] for c in self.clients)} "
            f"(resumed {sum(c.resumes - before[id(c)][2] for c in self.clients)}, "
            f"welcome {sum(c.welcomes - before[id(c)][1] for c in self.clients)}), "
            f"connections lost {sum(c.lost_connections for c in everyone)}, "
            f"failed attempts {sum(c.failed_connects for c in everyone)} "
            f"({failure_summary(everyone)}), "
            f"gaps healed {sum(c.gaps for c in everyone)}, "
            f"out of order {sum(c.order_errors for c in everyone)}"
        )
        for phase, texts in self.phases.items():
            self.say(f"{phase} ({len(texts)} questions): {self.questions.summary(texts)}")
        refusals = sorted({code for _text, code in self.questions.refused})
        if refusals:
            self.say(f"refusal codes: {refusals}")
        await asyncio.gather(*(c.close() for c in everyone), return_exceptions=True)

    async def ask_for(self, phase, seconds):
        """Ask one question every --interval s for `seconds`, as phase `phase`."""
        stop = asyncio.Event()
        asking = asyncio.ensure_future(
            self.questions.until_stopped(phase, self.args.interval, stop)
        )
        try:
            await asyncio.wait_for(asyncio.shield(asking), seconds)
        except TimeoutError:
            stop.set()
        self.phases[phase] = await asking
        return self.phases[phase]

    def say(self, line):
        self.lines.append(line)

    async def body(self):
        raise NotImplementedError


class Churn(Scenario):
    """(a) Every client drops and comes back with after=, again and again."""

    name = "churn"

    async def body(self):
        until = time.monotonic() + self.args.duration
        churning = asyncio.gather(*(self._churn(c, until) for c in self.clients))
        await self.ask_for("during churn", self.args.duration)
        await churning
        times = [t for c in self.clients for t in c.resume_times]
        self.say(
            f"reconnect to resumed/welcome during churn: p50 {percentile(times, 0.5) * 1000:.0f} "
            f"ms, p99 {percentile(times, 0.99) * 1000:.0f} ms, max "
            f"{max(times, default=0) * 1000:.0f} ms over {len(times)} reconnects"
        )

    async def _churn(self, client, until):
        client.resume_times = []
        while time.monotonic() < until:
            await asyncio.sleep(random.uniform(*self.args.stay))  # the client's stay, not a wait
            client.drop()
            await asyncio.sleep(random.uniform(*self.args.away))
            await client.rejoin(until + 60)
            synced = await client.until(
                lambda c: c.websocket is not None and c.synced_at is not None, until + 60
            )
            if synced:
                client.resume_times.append(client.synced_at - client.connected_at)


class RedisRestart(Scenario):
    """(b) The private Redis stops mid-event and starts again on the same port."""

    name = "redis"

    async def body(self):
        await self.ask_for("before the outage", self.args.before)
        self.redis.stop()
        stopped = time.perf_counter()
        outage = await self.ask_for("Redis down", self.args.outage)
        await asyncio.to_thread(self.redis.start)
        restarted = time.perf_counter()
        after = await self.ask_for("after the restart", self.args.after)
        self.say(
            f"Redis down {restarted - stopped:.1f} s; questions asked meanwhile acked "
            f"{sum(1 for t in outage if t in self.questions.acked)}/{len(outage)}"
        )
        # Seen within a second of asking: the layer carries it again, not the hub's check.
        prompt = [
            t
            for t in after
            if t in self.watcher.seen_at and self.watcher.seen_at[t] - self.questions.sent[t] < 1.0
        ]
        if prompt:
            first = min(self.questions.sent[t] for t in prompt)
            self.say(f"first question seen within 1 s of asking: {first - restarted:.1f} s after")
        else:
            self.say("no question was delivered within 1 s after the restart")


class Kill(Scenario):
    """(c) One of two Daphne processes gets SIGKILL; its clients move to the other."""

    name = "kill"

    async def body(self):
        await self.ask_for("before the kill", self.args.before)
        victims = [c for c in self.clients if c.http_url == self.cluster.urls[1]]
        killed = time.perf_counter()
        await asyncio.to_thread(self.cluster.kill, 1)
        await self.ask_for("after the kill", self.args.after)
        deadline = time.monotonic() + self.args.timeout
        await asyncio.gather(
            *(
                c.until(
                    lambda c: (
                        c.websocket is not None
                        and c.synced_at is not None
                        and c.connected_at > killed
                    ),
                    deadline,
                )
                for c in victims
            )
        )
        moved = [c for c in victims if c.synced_at is not None and c.connected_at > killed]
        last = max((c.synced_at for c in moved), default=float("nan"))
        self.say(
            f"killed process 1 with {len(victims)} clients; {len(moved)} resumed on process 0, "
            f"the last {last - killed:.1f} s after the SIGKILL"
        )


SCENARIOS = {"churn": Churn, "redis": RedisRestart, "kill": Kill}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--askers", type=int, default=4)
    # Below the room's fan-out capacity (bench/fanout.py), so acks measure the fault, not a queue.
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between questions")
    parser.add_argument("--duration", type=float, default=30, help="churn: seconds")
    parser.add_argument(
        "--stay", type=float, nargs=2, default=(2.0, 8.0), help="churn: seconds connected"
    )
    parser.add_argument(
        "--away", type=float, nargs=2, default=(0.0, 1.0), help="churn: seconds away"
    )
    parser.add_argument("--before", type=float, default=4, help="seconds before the fault")
    parser.add_argument("--outage", type=float, default=5, help="redis: seconds down")
    parser.add_argument("--after", type=float, default=6, help="seconds after the fault")
    parser.add_argument("--timeout", type=float, default=90, help="bound on settling, seconds")
    parser.add_argument(
        "--daphne-arg", action="append", default=[], help="passed to every Daphne (repeatable)"
    )
    args = parser.parse_args()
    raise_open_file_limit()
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    for name in names:
        scenario = SCENARIOS[name](args)
        print(
            f"== {name}: clients={args.clients} processes={scenario.processes} "
            f"Redis {scenario.cluster.database} askers={args.askers} {machine()}",
            flush=True,
        )
        started = time.perf_counter()
        for line in scenario.run():
            print(line, flush=True)
        print(f"({time.perf_counter() - started:.0f} s including start-up)", flush=True)


if __name__ == "__main__":
    main()
