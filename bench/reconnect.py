"""Reconnect storm: every client of a room drops at once and comes back with `after=`.

    .venv/bin/python bench/reconnect.py --clients 1000
    .venv/bin/python bench/reconnect.py --clients 1000 --processes 2
    .venv/bin/python bench/reconnect.py --clients 1000 --processes 2 --storm-processes 1

Starts P Daphne processes (--processes, default 1; with P > 1 a private
redis-server on a free port) sharing one database (PostgreSQL when DATABASE_URL
says so, else a SQLite file), and a room with --clients joined participants
spread evenly over the first --storm-processes K processes (default all P;
bench/cluster.py). Besides them, --askers participants ask on the last process
and one watcher listens on process 0; these stay connected throughout. With
K < P the askers' process has no storm of its own: their acks then show whether
a reconnect holds a database lock that writers wait for, apart from the storm's
share of its own process. Steps:

1. calm: all clients connected, --events questions asked (one every --interval s);
2. drop: every client's TCP connection aborted at once (no close frame);
3. away: --missed questions asked while the clients are gone;
4. storm: all clients reconnect at once with `?after=<last seq each applied>`
   while the askers keep asking one question every --interval s; the server
   replays what each missed then sends `resumed`, or a `welcome` when `after` is
   too old. A client that sees a gap (`prev` above its seq) reconnects again.
   A failed attempt (Daphne rejects a handshake the app has not accepted within
   its --websocket_connect_timeout, 5 s) is retried with live.js's backoff: full
   jitter, doubling from 0.5 s up to 30 s. --daphne-arg passes options to Daphne.

Figures:
- back in sync: from the drop (and from the reconnect) until the last client
  got its `resumed`/`welcome` having applied the room's latest seq at that
  moment; p50/p99 per client, from its own reconnect to its `resumed`/`welcome`.
- resumed / welcome: how the storm's reconnects ended; failed attempts, by
  exception (InvalidStatus 500/403, InvalidMessage, TimeoutError, ...), and
  connections the server closed after opening them.
- lost: published questions (the database's list) missing from the screen of a
  client that applied the room's last seq, summed over clients; not back:
  clients that never got that far within --timeout s, and the questions they
  lack; duplicates: events that reached a client at or below the seq it had
  applied. All must be 0.
- gaps healed: reconnects a client made itself because a `prev` showed a gap.
- ask->ack and ask->seen (by the watcher), p50/p99/max, calm and during the
  storm: a reconnect that held a lock writers need would show here as a long ack.
- queries per reconnect: measured in this process, not through Daphne: the
  project's ASGI app under channels.testing.WebsocketCommunicator on the same
  database, an execute_wrapper counting every query of every thread's connection
  (installed through connection_created), over --samples resumes (after =
  latest - 10) and --samples fresh welcomes, divided by the count. Connection
  health checks (CONN_HEALTH_CHECKS) run outside execute() and are not counted.
  BENCH_DEBUG=1 also prints the SQL of one resume and one welcome.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cluster import (  # noqa: E402
    SERVER_ENV,
    Cluster,
    PrivateRedis,
    Questions,
    RoomClient,
    all_applied,
    failure_summary,
    losses,
    machine,
    open_clients,
    percentile,
    raise_open_file_limit,
)

ROOM = "STORM1"
ACK_BOUND_SECONDS = 5.0


async def storm(cluster, client_keys, asker_keys, args):
    urls = cluster.urls
    storm_urls = urls[: args.storm_processes or len(urls)]
    clients = [
        RoomClient([storm_urls[index % len(storm_urls)]], ROOM, key)
        for index, key in enumerate(client_keys)
    ]
    askers = [RoomClient([urls[-1]], ROOM, key) for key in asker_keys]
    watcher = RoomClient([urls[0]], ROOM, keep_times=True)
    for socket in (*clients, *askers, watcher):
        socket.auto_reconnect = True  # as the browser: a connection the server closes comes back
    await open_clients([*askers, watcher])
    opened = await open_clients(clients)
    questions = Questions(askers, watcher)

    calm = await questions.series("calm", args.events, args.interval)
    await questions.settled(calm, 60)
    in_step = await all_applied(clients, watcher.applied, 60)

    dropped_at = time.perf_counter()
    for client in clients:
        client.drop()
    missed = await questions.series("away", args.missed, 0)
    await questions.settled(missed, 60)
    away_seq = watcher.applied
    away_seconds = time.perf_counter() - dropped_at

    before = {id(c): (c.welcomes, c.resumes) for c in clients}
    stop = asyncio.Event()
    asking = asyncio.ensure_future(questions.until_stopped("storm", args.interval, stop))
    back_at = time.perf_counter()
    deadline = time.monotonic() + args.timeout
    rejoined = await asyncio.gather(*(c.rejoin(deadline) for c in clients))
    await asyncio.gather(*(c.until(lambda c: c.synced_at is not None, deadline) for c in clients))
    synced = [c for c in clients if c.synced_at is not None and (c.applied or 0) >= away_seq]
    stop.set()
    during = await asking
    await questions.settled(during, 60)
    final_seq = watcher.applied
    caught_up = await all_applied(clients, final_seq, 60)
    sockets = [*clients, *askers, watcher]
    await asyncio.gather(*(s.close() for s in sockets), return_exceptions=True)
    return {
        "clients": clients,
        "opened": opened,
        "in_step": in_step,
        "questions": questions,
        "calm": calm,
        "during": during,
        "rejoined": sum(rejoined),
        "synced": synced,
        "caught_up": caught_up,
        "away_seconds": away_seconds,
        "from_drop": max((c.synced_at for c in synced), default=float("nan")) - dropped_at,
        "from_back": max((c.synced_at for c in synced), default=float("nan")) - back_at,
        "per_client": [c.synced_at - c.connected_at for c in synced],
        "welcomes": sum(c.welcomes - before[id(c)][0] for c in clients),
        "resumes": sum(c.resumes - before[id(c)][1] for c in clients),
        "final_seq": final_seq,
        "sockets": sockets,
    }


def queries_per_reconnect(env, code, samples):
    """Resumes and welcomes through the ASGI app in this process, every query counted."""
    os.environ.update({**SERVER_ENV, "DATABASE_URL": env["DATABASE_URL"]})
    os.environ.pop("REDIS_URL", None)  # the in-memory layer: only the database is measured
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.backends.signals import connection_created

    from qa.models import Participant, Room
    from qa.services import participant_session_key

    counted = {"queries": 0}

    def count(execute, sql, params, many, context):
        counted["queries"] += 1
        if counted.get("show"):
            print(f"    {sql[:160]}")
        return execute(sql, params, many, context)

    def attach(sender, connection, **kwargs):
        connection.execute_wrappers.append(count)

    connection_created.connect(attach, weak=False)
    room = Room.objects.get(code=code)
    keys = []
    for number in range(samples * 2):
        participant = Participant.objects.create(room=room, display_name=f"Measured {number}")
        session = SessionStore()
        session[participant_session_key(room.pk)] = participant.pk
        session.save()
        keys.append(session.session_key)
    return asyncio.run(_count_reconnects(code, room.last_seq, keys, samples, counted))


async def _count_reconnects(code, latest, keys, samples, counted):
    import json

    from channels.testing import WebsocketCommunicator

    from portal.asgi import application

    async def once(key, after):
        query = f"?lang=en&after={after}" if after is not None else "?lang=en"
        communicator = WebsocketCommunicator(
            application,
            f"/ws/qa/{code}/{query}",
            headers=[(b"origin", b"http://127.0.0.1"), (b"cookie", f"sessionid={key}".encode())],
        )
        started = time.perf_counter()
        await communicator.connect(timeout=30)
        while True:
            frame = json.loads(await communicator.receive_from(timeout=30))
            if frame["type"] in ("resumed", "welcome"):
                break
        elapsed = time.perf_counter() - started
        await communicator.disconnect()
        return frame["type"], elapsed

    results = {}
    for label, after, batch in (
        ("resume", max(0, latest - 10), keys[:samples]),
        ("welcome", None, keys[samples:]),
    ):
        if os.environ.get("BENCH_DEBUG"):
            print(f"the queries of one {label}:")
            counted["show"] = True
            await once(batch[0], after)
            counted["show"] = False
        counted["queries"] = 0
        outcomes = [await once(key, after) for key in batch]
        results[label] = {
            "queries": counted["queries"] / len(batch),
            "outcomes": {kind: sum(1 for k, _ in outcomes if k == kind) for kind, _ in outcomes},
            "ms": statistics.median(e for _, e in outcomes) * 1000,
        }
    return results


def report(args, cluster, result, truth, queries):
    clients = result["clients"]
    questions = result["questions"]
    print(
        f"clients={args.clients} processes={args.processes} "
        f"storm-processes={args.storm_processes or args.processes} {cluster.layer} "
        f"{cluster.database} askers={args.askers} {machine()}"
    )
    print(
        f"connected: {result['opened']}/{len(clients)}; in step before the drop: "
        f"{result['in_step']}/{len(clients)}"
    )
    print(
        f"back in sync: {len(result['synced'])}/{len(clients)} clients, "
        f"{result['from_drop']:.2f} s after the drop ({result['away_seconds']:.2f} s away, "
        f"{args.missed} questions missed), {result['from_back']:.2f} s after the reconnect; "
        f"per client p50 {percentile(result['per_client'], 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(result['per_client'], 0.99) * 1000:.0f} ms"
    )
    print(
        f"storm reconnects: resumed {result['resumes']}, welcome {result['welcomes']}, "
        f"failed attempts {sum(c.failed_connects for c in clients)} "
        f"({failure_summary(clients)}), connections lost after opening "
        f"{sum(c.lost_connections for c in clients)}"
    )
    sockets = result["sockets"]
    lost, behind, missing = losses(clients, truth["published"], truth["last_seq"])
    print(
        f"lost: {lost}, not back: {behind} clients missing {missing} questions, "
        f"duplicates: {sum(c.duplicates for c in sockets)}, "
        f"out of order: {sum(c.order_errors for c in sockets)}, "
        f"gaps healed: {sum(c.gaps for c in sockets)}; caught up to seq {result['final_seq']} "
        f"(database {truth['last_seq']}): {result['caught_up']}/{len(clients)}"
    )
    for label, texts in (("calm", result["calm"]), ("storm", result["during"])):
        acked = sum(1 for t in texts if t in questions.acked)
        print(f"{label:>5} questions ({len(texts)}, {acked} acked): {questions.summary(texts)}")
    storm_ack, _seen = questions.latencies(result["during"])
    slowest = max(storm_ack, default=float("nan"))
    print(
        f"writers during the storm: slowest ack {slowest:.2f} s "
        f"(bound {ACK_BOUND_SECONDS:.0f} s: {'kept' if slowest <= ACK_BOUND_SECONDS else 'BROKEN'})"
        f", refused {len(questions.refused)}"
    )
    for label in ("resume", "welcome"):
        measured = queries[label]
        print(
            f"queries per {label}: {measured['queries']:.1f} "
            f"(in-process, {args.samples} reconnects, outcomes {measured['outcomes']}, "
            f"median {measured['ms']:.1f} ms)"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--storm-processes", type=int, help="processes the clients use")
    parser.add_argument("--askers", type=int, default=4)
    parser.add_argument("--events", type=int, default=20, help="questions before the drop")
    parser.add_argument("--missed", type=int, default=20, help="questions while away")
    # Below the room's fan-out capacity (bench/fanout.py), so acks measure the storm, not a queue.
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between questions")
    parser.add_argument("--samples", type=int, default=50, help="in-process reconnects counted")
    parser.add_argument("--timeout", type=float, default=120, help="bound on the storm, seconds")
    parser.add_argument(
        "--daphne-arg", action="append", default=[], help="passed to every Daphne (repeatable)"
    )
    args = parser.parse_args()
    raise_open_file_limit()

    workdir = Path(tempfile.mkdtemp(prefix="reconnect-"))
    redis = PrivateRedis(workdir / "redis").start() if args.processes > 1 else None
    cluster = Cluster(
        workdir, args.processes, redis_url=redis and redis.url, daphne_args=args.daphne_arg
    )
    print(
        f"starting the portal: {args.processes} Daphne process(es), {cluster.layer}, "
        f"{cluster.database}",
        flush=True,
    )
    try:
        cluster.start()
        cluster.create_room(ROOM, "Reconnect storm")
        client_keys = cluster.participant_sessions(ROOM, args.clients)
        asker_keys = cluster.participant_sessions(ROOM, args.askers, name="Asker")
        result = asyncio.run(storm(cluster, client_keys, asker_keys, args))
        truth = cluster.room_truth(ROOM)
        queries = queries_per_reconnect(cluster.env, ROOM, args.samples)
    finally:
        cluster.stop()
        if redis is not None:
            redis.stop()
    report(args, cluster, result, truth, queries)


if __name__ == "__main__":
    main()
