"""Shared by the bench scripts: N Daphne processes on one database, a private Redis, and a
Q&A client that applies frames the way qa/static/qa/live.js does.

Not a benchmark itself: bench/fanout.py, bench/reconnect.py and bench/faults.py use it.

- `Cluster`: N Daphne processes on loopback ports sharing one database (a SQLite
  file, or a fresh PostgreSQL database when DATABASE_URL is PostgreSQL), migrated
  once, without demo content; `kill(i)` sends SIGKILL to one of them.
  Each listens with an accept queue of LISTEN_BACKLOG instead of Twisted's 50, so
  a thousand simultaneous reconnects measure the portal, not dropped SYNs.
- `PrivateRedis`: tests.server.RedisServer, a redis-server of its own on a free port (never 6379),
  with stop() and start() again on the same port.
- `RoomClient`: one participant's socket. Keeps the highest seq applied and the
  published questions (by id, as live.js does); counts duplicates (an event at or
  below the seq applied: the protocol says never twice); on a public event whose
  `prev` is above the seq applied (a gap) it reconnects with `after=`, as the
  protocol asks.
"""

import asyncio
import json
import os
import random
import resource
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed, InvalidHandshake  # noqa: E402

from tests.server import PortalServer, free_port  # noqa: E402
from tests.server import RedisServer as PrivateRedis  # noqa: E402, F401 -- one helper for both

STARTUP_TIMEOUT = 60
LISTEN_BACKLOG = 4096
START_OVER = 4000  # close code: what the client missed is gone from the log, connect afresh

# The server processes of every bench: production-like settings, limits out of the way.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    "DEBUG": "false",
    "QA_QUESTIONS_PER_MINUTE": "1000000",
    "QA_VOTES_PER_MINUTE": "1000000",
    # Every simulated client comes from 127.0.0.1: per-address limits out of the way too.
    "QA_CLIENT_QUESTIONS_PER_MINUTE": "1000000",
    "QA_CLIENT_VOTES_PER_MINUTE": "1000000",
    "QA_STREAMS_PER_CLIENT": "1000000",
    "QA_FRAMES_PER_SECOND": "1000000",
    "QA_FRAMES_PER_MINUTE": "1000000",
}


def raise_open_file_limit():
    """Soft to hard; children (Daphne, redis-server) inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def open_file_limit(pid):
    """The soft 'Max open files' of a running process, read from /proc."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max open files"):
            return int(line.split()[3])
    return None


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def machine():
    """nproc, Python, and the load average: other work on the machine skews every figure."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"nproc={os.cpu_count()} python={sys.version.split()[0]} load={load}"


class Cluster:
    """N Daphne processes sharing one database; start(), urls, kill(i), stop()."""

    def __init__(self, workdir, processes=1, redis_url=None, daphne_args=()):
        self.workdir = Path(workdir)
        self.daphne_args = list(daphne_args)  # e.g. --websocket_connect_timeout=60
        env = dict(SERVER_ENV)
        if redis_url:
            env["REDIS_URL"] = redis_url
        # PortalServer owns the database (fresh PostgreSQL or a SQLite file) and the environment.
        self.portal = PortalServer(self.workdir, extra_env=env)
        self.env = self.portal.env
        self.ports = [free_port() for _ in range(processes)]
        self.processes = [None] * processes

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    @property
    def layer(self):
        return "Redis" if self.env.get("REDIS_URL") else "in-memory layer"

    @property
    def database(self):
        return "PostgreSQL" if self.env["DATABASE_URL"].startswith("postgres") else "SQLite"

    def manage(self, *args):
        return self.portal.manage(*args)

    def start(self):
        # No demo content: the live path needs only the schema, a room and its participants.
        self.manage("migrate", "--noinput")
        for index in range(len(self.ports)):
            self.start_process(index)
        return self

    def start_process(self, index):
        endpoint = f"tcp:port={self.ports[index]}:interface=127.0.0.1:backlog={LISTEN_BACKLOG}"
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "daphne"), "-v", "1", "-e", endpoint]
            + [*self.daphne_args, "portal.asgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        listening = threading.Event()
        log_path = self.workdir / f"daphne-{index}.log"
        threading.Thread(target=_copy_log, args=(process, log_path, listening), daemon=True).start()
        self.processes[index] = process
        if not listening.wait(STARTUP_TIMEOUT):
            self.stop()
            raise RuntimeError(f"Daphne {index} did not start: {log_path.read_text()}")

    def kill(self, index):
        """SIGKILL, as a crash would end it: no close frame to any socket."""
        process = self.processes[index]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        self.processes[index] = None

    def open_file_limits(self):
        return [open_file_limit(p.pid) for p in self.processes if p is not None]

    def stop(self):
        for process in self.processes:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.processes = [None] * len(self.ports)
        self.portal.stop()  # drops the PostgreSQL database; its own Daphne never started

    def create_room(self, code, title="Bench room"):
        self.manage(
            "shell",
            "-c",
            "from qa.models import Room; Room.objects.update_or_create("
            f"code={code!r}, defaults={{'title': {title!r}, 'moderated': False, "
            "'allow_anonymous': True, 'is_open': True})",
        )

    def participant_sessions(self, code, count, name="Guest"):
        """Session keys of `count` participants who joined the room, as the room page does it."""
        script = (
            "import json\n"
            "from django.contrib.sessions.backends.db import SessionStore\n"
            "from django.db import transaction\n"
            "from qa.models import Participant, Room\n"
            "from qa.services import participant_session_key\n"
            f"room = Room.objects.get(code={code!r})\n"
            "keys = []\n"
            "with transaction.atomic():\n"
            f"    for number in range({count}):\n"
            f"        p = Participant.objects.create(room=room, display_name=f'{name} {{number}}',"
            " organisation='Bench', country='Korea')\n"
            "        s = SessionStore()\n"
            "        s[participant_session_key(room.pk)] = p.pk\n"
            "        s.save()\n"
            "        keys.append(s.session_key)\n"
            "print(json.dumps(keys))\n"
        )
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])

    def room_truth(self, code):
        """What the database says: the room's last seq and its published question ids."""
        script = (
            "import json\n"
            "from qa.models import Question, Room\n"
            f"room = Room.objects.get(code={code!r})\n"
            "ids = list(Question.objects.filter(room=room, status='published')"
            ".values_list('id', flat=True))\n"
            "print(json.dumps({'last_seq': room.last_seq, 'published': ids}))\n"
        )
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])


def _copy_log(process, log_path, listening):
    with process.stdout, open(log_path, "a") as log:
        for line in process.stdout:
            log.write(line)
            log.flush()
            if "Listening on TCP address" in line:
                listening.set()


def backoff(attempt):
    """Seconds before reconnect attempt `attempt`, as live.js's scheduleReconnect() waits."""
    ceiling = min(30.0, 0.5 * 2**attempt)
    return ceiling / 2 + random.random() * ceiling / 2


def failure_summary(clients):
    """'ExceptionName status: count, ...' over the clients' failed connection attempts."""
    total = Counter()
    for client in clients:
        total.update(client.failures)
    return ", ".join(f"{reason}: {count}" for reason, count in total.most_common()) or "none"


def websocket_url(http_url, code, lang="en"):
    return http_url.replace("http://", "ws://") + f"/ws/qa/{code}/?lang={lang}"


def session_headers(http_url, session_key):
    headers = {"Origin": http_url}
    if session_key:
        headers["Cookie"] = f"sessionid={session_key}"
    return headers


class RoomClient:
    """One participant's socket, applying frames as live.js does (see the module docstring)."""

    def __init__(self, http_urls, code, session_key=None, keep_times=False):
        self.http_urls = list(http_urls)  # the first is home; the rest are where to go next
        self.url_index = 0
        self.code = code
        self.session_key = session_key
        self.applied = None  # None until a welcome: then connections resume after it
        self.questions = {}
        self.duplicates = 0
        self.gaps = 0
        self.order_errors = 0
        self.welcomes = 0
        self.resumes = 0
        self.connects = 0
        self.failed_connects = 0
        self.failures = Counter()  # why connection attempts failed
        self.lost_connections = 0  # closed by the server or the network, not by us
        self.refs = 0
        self.pending = {}
        self.websocket = None
        self.connected_at = None
        self.synced_at = None
        self.seen_at = {} if keep_times else None
        self.auto_reconnect = False  # on a lost connection: back off, try the next process
        self.healing = None
        self.changed = asyncio.Event()

    @property
    def http_url(self):
        return self.http_urls[self.url_index]

    async def connect(self, timeout=120):
        """Open a socket; with a seq applied, resume after it. Returns once the socket is open."""
        url = websocket_url(self.http_url, self.code)
        if self.applied is not None:
            url += f"&after={self.applied}"
        self.synced_at = None
        self.connected_at = time.perf_counter()
        websocket = await connect(
            url,
            additional_headers=session_headers(self.http_url, self.session_key),
            max_queue=None,
            open_timeout=timeout,
            ping_interval=None,  # a busy bench loop must not close sockets over a late pong
        )
        self.connects += 1
        self.websocket = websocket
        asyncio.ensure_future(self._read(websocket))
        return websocket

    async def rejoin(self, deadline, wait_first=False):
        """Reconnect with live.js's backoff (full jitter, doubling from 0.5 s up to 30 s),
        moving to the next process after a failed attempt."""
        attempt = 0
        if wait_first:
            await asyncio.sleep(backoff(attempt))
            attempt += 1
        while time.monotonic() < deadline:
            try:
                await self.connect(timeout=max(1.0, deadline - time.monotonic()))
                return True
            except (OSError, InvalidHandshake, TimeoutError, ConnectionClosed) as failure:
                self.failed_connects += 1
                status = getattr(getattr(failure, "response", None), "status_code", "")
                self.failures[f"{type(failure).__name__} {status}".strip()] += 1
                self.url_index = (self.url_index + 1) % len(self.http_urls)
                await asyncio.sleep(min(backoff(attempt), max(0, deadline - time.monotonic())))
                attempt += 1
        return False

    def drop(self):
        """Close abruptly, as a network that goes away: no close frame, no goodbye."""
        websocket, self.websocket = self.websocket, None
        if websocket is not None:
            websocket.transport.abort()

    async def close(self):
        websocket, self.websocket = self.websocket, None
        if websocket is not None:
            await websocket.close()

    async def _read(self, websocket):
        try:
            async for text in websocket:
                if websocket is not self.websocket:
                    return  # superseded: a gap or a drop replaced this socket
                self._apply(json.loads(text))
        except ConnectionClosed:
            pass
        if websocket is self.websocket:
            self.websocket = None
            self.lost_connections += 1
            if websocket.close_code == START_OVER:
                self.applied = None  # what we missed is gone from the log
            for future in self.pending.values():
                if not future.done():
                    future.set_result({"type": "error", "code": "disconnected"})
            self.pending.clear()
            if self.auto_reconnect:
                self.healing = asyncio.ensure_future(
                    self.rejoin(time.monotonic() + 120, wait_first=True)
                )
        self.changed.set()

    def _heal(self):
        """A gap: resume from the last event applied instead of guessing."""
        self.gaps += 1
        self.drop()
        self.healing = asyncio.ensure_future(self.rejoin(time.monotonic() + 120))

    def _apply(self, frame):
        kind = frame.get("type")
        now = time.perf_counter()
        if kind == "welcome":
            self.welcomes += 1
            self.questions = {q["id"]: q for q in frame["questions"]}
            self.applied = frame["seq"]
            self.synced_at = now
        elif kind == "resumed":
            self.resumes += 1
            if self.applied is not None and frame["seq"] < self.applied:
                self.order_errors += 1  # a live event came before the end of the replay
            self.applied = max(self.applied or 0, frame["seq"])
            self.synced_at = now
        elif kind in ("ack", "error", "pong"):
            future = self.pending.pop(frame.get("ref"), None)
            if future is not None and not future.done():
                future.set_result(frame)
        elif isinstance(frame.get("seq"), int):
            seq = frame["seq"]
            if self.applied is None:
                self.order_errors += 1  # an event before the welcome
                return
            if seq <= self.applied:
                self.duplicates += 1
                return
            prev = frame.get("prev")
            if isinstance(prev, int) and prev > self.applied:
                self._heal()
                return
            self.applied = seq
            self._apply_event(kind, frame, now)
        self.changed.set()

    def _apply_event(self, kind, frame, now):
        if kind == "question.published":
            # Keyed by id: a snapshot that already held it just gets the newer copy.
            question = frame["question"]
            self.questions[question["id"]] = question
            if self.seen_at is not None:
                self.seen_at.setdefault(question["text"], now)
        elif kind == "question.updated" and frame["question"]["id"] in self.questions:
            self.questions[frame["question"]["id"]] = frame["question"]
        elif kind == "question.votes" and frame["question"] in self.questions:
            self.questions[frame["question"]]["votes"] = frame["votes"]
        elif kind == "question.removed":
            self.questions.pop(frame["question"], None)

    async def request(self, **frame):
        """Send a request; returns a future of its ack or error (or a 'disconnected' error)."""
        self.refs += 1
        ref = f"r{self.refs}"
        future = asyncio.get_running_loop().create_future()
        if self.websocket is None:
            future.set_result({"type": "error", "code": "disconnected"})
            return future
        self.pending[ref] = future
        await self.websocket.send(json.dumps({**frame, "ref": ref}))
        return future

    async def until(self, predicate, deadline):
        """Wait until predicate(self) holds or the deadline (time.monotonic()) passes."""
        while not predicate(self):
            self.changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                return predicate(self)
        return True


async def open_clients(clients, batch=100, resume=True):
    """Connect clients in batches (a thousand handshakes at once only measures the accept queue)
    and wait until each has its welcome or its resumed."""
    deadline = time.monotonic() + 120
    for start in range(0, len(clients), batch):
        group = clients[start : start + batch]
        await asyncio.gather(*(c.rejoin(deadline) for c in group))
    synced = await asyncio.gather(
        *(c.until(lambda c: c.synced_at is not None, deadline) for c in clients)
    )
    return sum(synced)


async def all_applied(clients, seq, timeout):
    """Wait until every client applied seq; returns how many did in time."""
    deadline = time.monotonic() + timeout
    reached = await asyncio.gather(
        *(c.until(lambda c: (c.applied or 0) >= seq, deadline) for c in clients)
    )
    return sum(reached)


def losses(clients, published, last_seq):
    """(lost, behind, missing): published questions absent from the screen of a client that
    applied last_seq, summed over clients; clients that never got that far (still
    reconnecting); and the questions those lack between them."""
    expected = set(published)
    lost = behind = missing = 0
    for client in clients:
        absent = len(expected - set(client.questions))
        if (client.applied or 0) >= last_seq:
            lost += absent
        else:
            behind += 1
            missing += absent
    return lost, behind, missing


class Questions:
    """Asks questions round-robin over the askers, timing ack and the watcher's sight of each."""

    def __init__(self, askers, watcher):
        self.askers = askers
        self.watcher = watcher
        for asker in askers:
            asker.changed = watcher.changed  # one event: an ack or a sighting wakes settled()
        self.sent = {}
        self.acked = {}
        self.refused = []
        self.count = 0

    async def ask(self, label):
        self.count += 1
        text = f"{label}-{self.count}: how did the ministry roll out e-Saram?"
        asker = self.askers[self.count % len(self.askers)]
        self.sent[text] = time.perf_counter()
        future = await asker.request(type="question.ask", text=text, anonymous=False)
        future.add_done_callback(lambda f, text=text: self._answered(text, f.result()))
        return text

    def _answered(self, text, frame):
        if frame["type"] == "ack":
            self.acked[text] = time.perf_counter()
        else:
            self.refused.append((text, frame.get("code")))

    async def series(self, label, count, interval):
        texts = [await self._paced(label, interval) for _ in range(count)]
        return texts

    async def _paced(self, label, interval):
        text = await self.ask(label)
        if interval:
            await asyncio.sleep(interval)  # pacing an open-loop load, not waiting on an event
        return text

    async def until_stopped(self, label, interval, stop):
        texts = []
        while not stop.is_set():
            texts.append(await self._paced(label, interval))
        return texts

    async def settled(self, texts, timeout):
        """Wait until every text is acked (or refused) and seen by the watcher."""
        deadline = time.monotonic() + timeout
        return await self.watcher.until(
            lambda w: (
                all(t in w.seen_at or t in dict(self.refused) for t in texts)
                and all(t in self.acked or t in dict(self.refused) for t in texts)
            ),
            deadline,
        )

    def latencies(self, texts):
        ack = [self.acked[t] - self.sent[t] for t in texts if t in self.acked]
        seen = [self.watcher.seen_at[t] - self.sent[t] for t in texts if t in self.watcher.seen_at]
        return ack, seen

    def summary(self, texts):
        """'ask->ack p50/p99/max; ask->seen p50/p99/max' of these questions, in ms."""
        ack, seen = self.latencies(texts)
        return (
            f"ask->ack p50 {percentile(ack, 0.5) * 1000:.0f} ms "
            f"p99 {percentile(ack, 0.99) * 1000:.0f} ms max {max(ack, default=0) * 1000:.0f} ms; "
            f"ask->seen p50 {percentile(seen, 0.5) * 1000:.0f} ms "
            f"p99 {percentile(seen, 0.99) * 1000:.0f} ms max {max(seen, default=0) * 1000:.0f} ms"
        )
