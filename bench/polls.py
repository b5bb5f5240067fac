"""Poll bench: a thousand voters answer one live poll at once; do the counts add up?

Starts the portal (Daphne, bench/cluster.py's settings: per-client limits raised through the
environment), creates a room with an open single-choice poll through the services, joins N
participants (default 1,000, each its own session, as the room page does it) and opens a real
WebSocket for each, plus W watcher sockets that only listen. Every voter sends `poll.answer`
at once; then a share of them (default 20%) change their answer, at once again. A moderator
socket closes the poll at the end. Never part of the pass/fail suite.

    .venv/bin/python bench/polls.py --voters 1000 --watchers 5 --changers 0.2

DATABASE_URL (PostgreSQL) and REDIS_URL are honoured when set; the default is a SQLite file
and the in-memory channel layer.

Figures:
- votes accepted / refused: acks and errors to the voters' `poll.answer` requests (refusals by
  error code), first answers and changes apart, with the time from the first send until the
  last reply.
- result frames: the `poll.results` frames each watcher received (they are coalesced: at most
  one per QA_POLL_RESULTS_INTERVAL), and the most a watcher received in one second (peak).
- final counts: what the last `poll.results` frame a watcher received says, what the
  database says, and their difference per option (must be 0), then the same for the final
  results in the `poll.updated` frame that closing the poll sends to everyone.
"""

import argparse
import asyncio
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from bench.cluster import (  # noqa: E402
    Cluster,
    machine,
    raise_open_file_limit,
    session_headers,
    websocket_url,
)

BENCH_ROOM = "POLLS1"
BATCH = 100
OPTIONS = ["Performance pay", "Open competition", "Job rotation", "Online training"]
SETTLE_TIMEOUT = 60


def shell(cluster, script):
    """Run `script` in the portal's `manage.py shell`; its last line of output, as JSON."""
    return json.loads(cluster.manage("shell", "-c", script).strip().splitlines()[-1])


def create_poll(cluster):
    """An open single-choice poll in the bench room, and a moderator's session, through the
    services (before any socket is open, so nothing needs announcing)."""
    script = (
        "import json\n"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from qa import polls\n"
        "from qa.models import Room\n"
        f"room = Room.objects.get(code={BENCH_ROOM!r})\n"
        "user = get_user_model().objects.create_user('bench-moderator', password='bench-pw-2026')\n"
        "room.moderators.add(user)\n"
        "poll = polls.create_poll(room.pk, user, {'en': 'Which reform first?', "
        "'ko': '어떤 개혁을 먼저 해야 할까요?'}, "
        f"[{{'en': text}} for text in {OPTIONS!r}], kind='single')\n"
        "polls.open_poll(room.pk, user, poll.pk)\n"
        "session = SessionStore()\n"
        "session[SESSION_KEY] = str(user.pk)\n"
        "session[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
        "session[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "session.save()\n"
        "print(json.dumps({'poll': poll.pk, 'options': "
        "list(poll.options.order_by('position').values_list('pk', flat=True)), "
        "'moderator': session.session_key}))\n"
    )
    return shell(cluster, script)


def database_counts(cluster, poll_id):
    script = (
        "import json\n"
        "from qa import polls\n"
        "from qa.models import Poll\n"
        f"poll = Poll.objects.get(pk={poll_id})\n"
        "by_option, voters = polls.counts(poll)\n"
        "print(json.dumps({'counts': by_option, 'voters': voters}))\n"
    )
    return shell(cluster, script)


class Socket:
    """One client's socket: requests with refs answered by ack/error, and what it received."""

    def __init__(self, http_url, session_key, poll_id):
        self.http_url = http_url
        self.session_key = session_key
        self.poll_id = poll_id
        self.websocket = None
        self.refs = 0
        self.pending = {}
        self.result_frames = 0
        self.frames_per_second = Counter()  # whole seconds since the bench's start -> frames
        self.last_results = None
        self.final = None  # the results of the poll.updated that closed the poll
        self.changed = asyncio.Event()

    async def open(self):
        self.websocket = await connect(
            websocket_url(self.http_url, BENCH_ROOM),
            additional_headers=session_headers(self.http_url, self.session_key),
            max_queue=None,
            open_timeout=120,
            ping_interval=None,  # a busy bench loop must not close sockets over a late pong
        )
        welcome = json.loads(await self.websocket.recv())
        if welcome.get("type") != "welcome":
            raise RuntimeError(f"expected a welcome, got {welcome}")
        asyncio.ensure_future(self.read())

    async def read(self):
        try:
            async for text in self.websocket:
                self.apply(json.loads(text))
        except websockets.ConnectionClosed:
            pass
        for future in self.pending.values():
            if not future.done():
                future.set_result({"type": "error", "code": "disconnected"})

    def apply(self, frame):
        kind = frame.get("type")
        if kind in ("ack", "error"):
            future = self.pending.pop(frame.get("ref"), None)
            if future is not None and not future.done():
                future.set_result(frame)
        elif kind == "poll.results" and frame.get("poll") == self.poll_id:
            self.result_frames += 1
            self.frames_per_second[int(time.perf_counter() - STARTED)] += 1
            self.last_results = {"counts": frame["counts"], "voters": frame["voters"]}
        elif (
            kind == "poll.updated"
            and frame["poll"]["id"] == self.poll_id
            and frame["poll"]["status"] == "closed"
        ):
            self.final = frame["poll"]["results"]
        self.changed.set()

    async def request(self, **frame):
        self.refs += 1
        ref = f"r{self.refs}"
        future = asyncio.get_running_loop().create_future()
        self.pending[ref] = future
        await self.websocket.send(json.dumps({**frame, "ref": ref}))
        return await future

    async def until(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while not predicate():
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                return predicate()
        return True

    async def close(self):
        if self.websocket is not None:
            await self.websocket.close()


STARTED = time.perf_counter()


async def open_all(sockets):
    """In batches: a thousand handshakes at once only measures the accept queue."""
    for start in range(0, len(sockets), BATCH):
        await asyncio.gather(*(s.open() for s in sockets[start : start + BATCH]))


async def vote_round(voters, choices, poll_id):
    """Every voter sends its answer at once; (acks, refusal codes, seconds until the last reply)."""
    started = time.perf_counter()
    replies = await asyncio.gather(
        *(
            voter.request(type="poll.answer", poll=poll_id, options=[choices[voter]])
            for voter in voters
        )
    )
    seconds = time.perf_counter() - started
    accepted = [
        voter for voter, reply in zip(voters, replies, strict=True) if reply["type"] == "ack"
    ]
    refused = Counter(reply.get("code") for reply in replies if reply["type"] != "ack")
    return accepted, refused, seconds


def difference(seen, truth):
    """{option: seen - truth} and voters' difference; all zeros when they agree."""
    seen = seen or {"counts": {}, "voters": 0}
    keys = sorted(set(seen["counts"]) | set(truth["counts"]), key=int)
    by_option = {key: seen["counts"].get(key, 0) - truth["counts"].get(key, 0) for key in keys}
    return by_option, seen["voters"] - truth["voters"]


def describe(results, options):
    if results is None:
        return "none received"
    counts = ", ".join(
        f"{name}={results['counts'].get(str(pk), 0)}"
        for pk, name in zip(options, OPTIONS, strict=True)
    )
    return f"{counts}; voters={results['voters']}"


async def run(cluster, args, poll):
    poll_id, options = poll["poll"], poll["options"]
    url = cluster.urls[0]
    keys = cluster.participant_sessions(BENCH_ROOM, args.voters, name="Voter")
    voters = [Socket(url, key, poll_id) for key in keys]
    watchers = [Socket(url, None, poll_id) for _ in range(args.watchers)]
    moderator = Socket(url, poll["moderator"], poll_id)
    opening = time.perf_counter()
    await open_all([moderator, *watchers, *voters])
    open_seconds = time.perf_counter() - opening

    rng = random.Random(12)
    choices = {voter: rng.choice(options) for voter in voters}
    first_accepted, first_refused, first_seconds = await vote_round(voters, choices, poll_id)
    first_choice_of = dict(choices)
    changers = rng.sample(voters, int(len(voters) * args.changers))
    for voter in changers:
        choices[voter] = rng.choice([option for option in options if option != choices[voter]])
    change_accepted, change_refused, change_seconds = await vote_round(changers, choices, poll_id)

    # What the acks say the counts must be; the watchers' last frame should get there.
    final_choice = {}
    for voter in first_accepted:
        final_choice[voter] = first_choice_of[voter]
    for voter in change_accepted:
        final_choice[voter] = choices[voter]
    tally = Counter(final_choice.values())
    expected = {
        "counts": {str(pk): tally.get(pk, 0) for pk in options},
        "voters": len(final_choice),
    }
    settled = await asyncio.gather(
        *(w.until(lambda w=w: w.last_results == expected, SETTLE_TIMEOUT) for w in watchers)
    )
    truth_open = database_counts(cluster, poll_id)

    close = await moderator.request(type="poll.close", poll=poll_id)
    closed = await asyncio.gather(
        *(w.until(lambda w=w: w.final is not None, SETTLE_TIMEOUT) for w in [*watchers, *voters])
    )
    truth_closed = database_counts(cluster, poll_id)
    await asyncio.gather(*(s.close() for s in [moderator, *watchers, *voters]))
    return {
        "open_seconds": open_seconds,
        "first": (len(first_accepted), first_refused, first_seconds),
        "change": (len(change_accepted), change_refused, change_seconds),
        "changers": len(changers),
        "expected": expected,
        "settled": sum(settled),
        "truth_open": truth_open,
        "truth_closed": truth_closed,
        "close": close,
        "closed_seen": sum(closed),
        "voters": voters,
        "watchers": watchers,
        "options": options,
    }


def report(args, cluster, result):
    options = result["options"]
    watchers = result["watchers"]
    watcher = watchers[0]
    first_ok, first_refused, first_s = result["first"]
    change_ok, change_refused, change_s = result["change"]
    refused = first_refused + change_refused
    print(
        f"voters={args.voters} watchers={args.watchers} changers={result['changers']} "
        f"{cluster.layer}, {cluster.database}, websockets={websockets.__version__} {machine()}"
    )
    print(f"open-file limit: bench {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}")
    print(f"sockets opened in {result['open_seconds']:.1f} s")
    print(
        f"votes accepted: {first_ok + change_ok} ({first_ok} first answers in {first_s:.2f} s, "
        f"{change_ok} changes in {change_s:.2f} s)"
    )
    print(
        f"votes refused: {sum(refused.values())}"
        + (
            f" ({', '.join(f'{code}: {n}' for code, n in refused.most_common())})"
            if refused
            else ""
        )
    )
    frames = [w.result_frames for w in watchers]
    peaks = [max(w.frames_per_second.values(), default=0) for w in watchers]
    print(
        f"result frames per watcher: {min(frames)}..{max(frames)} "
        f"(peak {max(peaks)} in one second; voters' sockets got "
        f"{sum(v.result_frames for v in result['voters'])} in all)"
    )
    print(f"watchers that saw the final counts live: {result['settled']}/{len(watchers)}")
    truth = result["truth_open"]
    print(f"final counts, watcher's last poll.results: {describe(watcher.last_results, options)}")
    print(f"final counts, database:                    {describe(truth, options)}")
    by_option, voters = difference(watcher.last_results, truth)
    print(f"difference (must be 0): {by_option} voters {voters}")
    worst = max(
        (
            sum(abs(n) for n in difference(w.last_results, truth)[0].values())
            + abs(difference(w.last_results, truth)[1])
            for w in watchers
        ),
        default=0,
    )
    print(f"largest difference over all watchers: {worst}")
    print(
        f"poll.close: {result['close']['type']}; sockets that saw the closed poll's results: "
        f"{result['closed_seen']}/{len(watchers) + len(result['voters'])}"
    )
    closed = result["truth_closed"]
    print(f"closed poll, poll.updated results: {describe(watcher.final, options)}")
    by_option, voters = difference(watcher.final, closed)
    print(f"closed poll, difference from the database (must be 0): {by_option} voters {voters}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--watchers", type=int, default=5)
    parser.add_argument(
        "--changers", type=float, default=0.2, help="share of voters who change their answer"
    )
    args = parser.parse_args()
    raise_open_file_limit()
    workdir = Path(tempfile.mkdtemp(prefix="polls-"))
    cluster = Cluster(workdir, 1)
    print(f"starting the portal: 1 Daphne process, {cluster.layer}, {cluster.database}", flush=True)
    try:
        cluster.start()
        cluster.create_room(BENCH_ROOM, "Poll bench")
        poll = create_poll(cluster)
        result = asyncio.run(run(cluster, args, poll))
    finally:
        cluster.stop()
    report(args, cluster, result)


if __name__ == "__main__":
    main()
