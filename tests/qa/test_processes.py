"""Several Daphne processes sharing the database and a Redis, as production runs them.

Two processes (A and B) serve the same rooms from one database and one
private redis-server this module starts; plain WebSocket clients connect to
either. Each client keeps what a real client keeps (the last seq applied, the
last public seq for `prev`) and counts what a user would notice: questions
lost, questions shown twice, questions out of order. Runs on the embedded
default (a shared SQLite file) and on PostgreSQL.
"""

import asyncio
import contextlib
import itertools
import json
import random
import time

import pytest
import redis
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from tests.server import HttpSession, NginxProxy, PortalCluster

REQUEST_TIMEOUT = 10  # one ask or approval, acknowledged
SEEN_TIMEOUT = 45  # everyone has every question (a bound on waiting: a loaded CI machine is slow)
RECONNECT_TIMEOUT = 15
# Processes look for events the layer missed twice a second, so outages heal fast here.
PROCESS_ENV = {
    "QA_HUB_CHECK_SECONDS": "0.5",
    "QA_QUESTIONS_PER_MINUTE": "1000",
    # The publishing scripts ask faster than a person types (10 frames a second by default).
    "QA_FRAMES_PER_SECOND": "1000",
}
ROOMS = {  # code: moderated
    "REDIS": True,
    "KILL": False,
    "CHURN": False,
    "PROXY": False,
}
CREATE_ROOMS = f"""
import json
from qa.models import Room
ids = {{}}
for code, moderated in {ROOMS!r}.items():
    room, _ = Room.objects.get_or_create(
        code=code, defaults={{"title": "Processes " + code, "moderated": moderated}}
    )
    ids[code] = room.pk
ids["DEMO"] = Room.objects.get(code="DEMO").pk
print(json.dumps(ids))
"""
START_OVER = 4000  # the server's close code for "connect again without after"


class LiveClient:
    """One participant's (or moderator's) view of a room across reconnects."""

    def __init__(self, name, code, session):
        self.name = name
        self.code = code
        self.headers = session.websocket_headers()
        self.seq = None  # last seq applied; None until the first welcome
        self.public = 0  # last public seq applied: the `prev` the next public event must carry
        self.published = []  # question ids in the order they appeared
        self.duplicates = 0  # events at or below the applied seq, or a question shown again
        self.gaps = 0  # public events whose `prev` showed a missed event (then resumed)
        self.restarts = 0  # fresh welcomes instead of a replay
        self.resumes = 0
        self.connections = 0
        self.errors = []
        self.refs = itertools.count(1)
        self.pending = {}
        self.websocket = None
        self.reader = None
        self.base_url = None
        self.upstream = None  # the Daphne process nginx chose, from its X-Upstream header
        self.dropped = asyncio.Event()  # the server or the network closed the socket
        self.changed = asyncio.Condition()

    # Connection ---------------------------------------------------------------
    async def connect(self, base_url, after="applied"):
        after = self.seq if after == "applied" else after
        query = "lang=en" if after is None else f"lang=en&after={after}"
        url = base_url.replace("http://", "ws://") + f"/ws/qa/{self.code}/?{query}"
        # The page a browser shows is served by the portal it connects to: behind one proxy,
        # always the proxy's origin. Here each process is its own origin (port).
        headers = {**self.headers, "Origin": base_url}
        websocket = await connect(url, additional_headers=headers, open_timeout=10)
        self.connections += 1
        self.base_url = base_url
        self.upstream = websocket.response.headers.get("X-Upstream")
        self.websocket = websocket
        self.dropped.clear()
        self.reader = asyncio.ensure_future(self._read(websocket))
        return self

    async def disconnect(self):
        websocket, reader = self.websocket, self.reader
        self.websocket = self.reader = None
        if websocket is not None:
            await websocket.close()
        if reader is not None:
            await reader

    async def reconnect(self, base_urls):
        """After a drop: resume from the last seq applied on the first process that answers."""
        close_code = self.websocket.close_code if self.websocket is not None else None
        await self.disconnect()
        after = None if close_code == START_OVER else self.seq
        loop = asyncio.get_running_loop()
        deadline = loop.time() + RECONNECT_TIMEOUT
        for attempt in itertools.count():
            for base_url in base_urls:
                try:
                    return await self.connect(base_url, after)
                except (OSError, TimeoutError, ConnectionClosed):
                    pass
            if loop.time() > deadline:
                raise TimeoutError(f"{self.name} could not reconnect to {base_urls}")
            await asyncio.sleep(min(0.05 * 2**attempt, 1))  # backoff between attempts

    async def _read(self, websocket):
        try:
            async for text in websocket:
                if not await self._apply(json.loads(text)):
                    await websocket.close()  # a gap: resume from the last seq applied
                    break
        except ConnectionClosed:
            pass
        except Exception as error:
            self.errors.append(repr(error))
            raise
        if websocket is self.websocket:
            self.dropped.set()

    # Frames -------------------------------------------------------------------
    async def _apply(self, frame):
        """Apply one frame as a client must; False when a gap means resuming."""
        kind = frame.get("type")
        keep_going = True
        if frame.get("ref") in self.pending:
            self.pending.pop(frame["ref"]).set_result(frame)
        elif kind == "error":
            self.errors.append(frame)
        elif kind == "welcome":
            if self.seq is not None:
                self.restarts += 1
                self.published += [
                    q["id"] for q in frame["questions"] if q["id"] not in self.published
                ]
            self.seq = self.public = frame["seq"]
        elif kind == "resumed":
            self.resumes += 1
            self.seq = max(self.seq, frame["seq"])
        elif "seq" in frame:
            keep_going = self._apply_event(frame)
        async with self.changed:
            self.changed.notify_all()
        return keep_going

    def _apply_event(self, frame):
        seq = frame["seq"]
        if self.seq is None:
            self.errors.append({"before_welcome": frame})
            return True
        if seq <= self.seq:
            self.duplicates += 1
            return True
        if "prev" in frame:
            if frame["prev"] > self.public:
                self.gaps += 1
                return False
            self.public = seq
        self.seq = seq
        if frame["type"] == "question.published":
            question = frame["question"]["id"]
            if question in self.published:
                self.duplicates += 1
            else:
                self.published.append(question)
        return True

    async def request(self, **frame):
        ref = f"{self.name}-{next(self.refs)}"
        answer = asyncio.get_running_loop().create_future()
        self.pending[ref] = answer
        await self.websocket.send(json.dumps({"ref": ref, **frame}))
        return await asyncio.wait_for(answer, REQUEST_TIMEOUT)

    async def ask(self, text):
        ack = await self.request(type="question.ask", text=text, anonymous=False)
        assert ack["type"] == "ack", ack
        return ack["question"]

    async def approve(self, question):
        ack = await self.request(type="question.moderate", question=question, action="approve")
        assert ack["type"] == "ack", ack
        return ack

    async def until(self, predicate, timeout=SEEN_TIMEOUT):
        async def wait():
            async with self.changed:
                await self.changed.wait_for(predicate)

        await asyncio.wait_for(wait(), timeout)

    def has(self, questions):
        return set(questions) <= set(self.published)


async def stay_connected(client, base_urls):
    """What a browser does: after every drop, reconnect with `after` to a process that answers."""
    while True:
        await client.dropped.wait()
        await client.reconnect(base_urls)


async def everyone_sees(clients, questions, drivers=(), timeout=SEEN_TIMEOUT):
    """Wait until every client has every question; tally() reports whoever did not in time."""
    seen = asyncio.ensure_future(
        asyncio.gather(*(c.until(lambda c=c: c.has(questions)) for c in clients))
    )
    done, _pending = await asyncio.wait(
        [seen, *drivers], timeout=timeout, return_when=asyncio.FIRST_COMPLETED
    )
    seen.cancel()
    await asyncio.gather(seen, return_exceptions=True)
    for driver in done - {seen}:
        driver.result()  # a client that could not reconnect fails the test here


def tally(label, clients, questions):
    """Print and return what users would notice: lost, doubled, misordered questions, errors."""
    lost = sum(len(set(questions) - set(c.published)) for c in clients)
    duplicates = sum(c.duplicates for c in clients)
    misordered = sum(1 for c in clients if [q for q in c.published if q in questions] != questions)
    errors = [e for c in clients for e in c.errors]
    print(
        f"{label}: {len(clients)} clients, {len(questions)} questions: lost={lost} "
        f"duplicates={duplicates} misordered_clients={misordered} "
        f"gaps={sum(c.gaps for c in clients)} resumes={sum(c.resumes for c in clients)} "
        f"fresh_welcomes={sum(c.restarts for c in clients)} errors={errors}"
    )
    return lost, duplicates, misordered, len(errors)


async def close_all(clients, drivers=()):
    for driver in drivers:
        driver.cancel()
    await asyncio.gather(*drivers, return_exceptions=True)
    await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


def participant(base_url, code, name):
    session = HttpSession(base_url)
    session.join_room(code, display_name=name, organisation="Civil Service Hub", country="KR")
    return session


def onlooker(base_url):
    """A visitor who opened the room without joining: watches, cannot ask or vote."""
    return HttpSession(base_url)


def moderator(base_url):
    session = HttpSession(base_url)
    session.log_in("admin", "portal-demo-2026")
    return session


def layer_subscribers(redis_server, room_id):
    """How many processes' hubs are subscribed to a room's group on the layer."""
    with redis_server.client() as client:
        channels = client.pubsub_channels(f"*__group__qa.room.{room_id}")
        return sum(count for _name, count in client.pubsub_numsub(*channels)) if channels else 0


def _wait_for_subscribers(redis_server, room_id, expected, timeout):
    """Watch Redis's command stream (MONITOR) and count again after each command it runs."""
    watcher = redis.Redis.from_url(redis_server.url, socket_timeout=timeout)
    deadline = time.monotonic() + timeout
    with watcher.monitor() as commands:
        # Counting after MONITOR started: a SUBSCRIBE from now on wakes the loop below.
        while (count := layer_subscribers(redis_server, room_id)) != expected:
            if time.monotonic() > deadline:
                break
            try:
                commands.next_command()
            except redis.TimeoutError:
                break
    watcher.close()
    return count


async def hubs_subscribed(redis_server, room_id, expected, timeout=10):
    """Wait until `expected` hubs listen to the room on the layer; return how many do."""
    return await asyncio.to_thread(_wait_for_subscribers, redis_server, room_id, expected, timeout)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Processes A and B on one database and one private Redis, for the whole module."""
    cluster = PortalCluster(tmp_path_factory.mktemp("cluster"), processes=2, extra_env=PROCESS_ENV)
    cluster.start()
    try:
        cluster.room_ids = json.loads(cluster.manage("shell", "-c", CREATE_ROOMS).splitlines()[-1])
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def processes(cluster):
    """The module's cluster, made whole again after a test that killed a process or Redis."""
    try:
        yield cluster
    finally:
        if cluster.redis.process is None:
            cluster.redis.start()
        for node in cluster.nodes:
            if not node.running:
                node.start()


def test_watchers_on_both_processes_see_each_event_once_and_in_order(processes):
    a, b = processes.nodes
    asker = participant(a.url, "DEMO", "Nurlan")
    watchers = [
        participant(a.url, "DEMO", "Watcher on A"),
        onlooker(a.url),
        participant(b.url, "DEMO", "Watcher on B"),
        onlooker(b.url),
    ]

    async def scenario():
        asking = await LiveClient("asker", "DEMO", asker).connect(a.url)
        moderating = await LiveClient("moderator", "DEMO", moderator(b.url)).connect(b.url)
        watching = [
            await LiveClient(f"watcher{i}", "DEMO", session).connect(node.url)
            for i, (session, node) in enumerate(zip(watchers, [a, a, b, b], strict=True))
        ]
        clients = [asking, moderating, *watching]
        drivers = [asyncio.ensure_future(stay_connected(c, [c.base_url])) for c in clients]
        try:
            await asyncio.gather(*(c.until(lambda c=c: c.seq is not None) for c in clients))
            first_seq = moderating.seq
            publishes_before = processes.redis.publishes()
            questions = []
            for number in range(5):
                question = await asking.ask(f"How did agency {number} roll out e-Saram?")
                await moderating.approve(question)
                questions.append(question)
            await everyone_sees(clients, questions, drivers)
            events = moderating.seq - first_seq
            publishes = processes.redis.publishes() - publishes_before
            hubs = layer_subscribers(processes.redis, processes.room_ids["DEMO"])
            print(f"events={events} PUBLISH calls={publishes} hubs subscribed to the room={hubs}")
            assert tally("two processes", clients, questions) == (0, 0, 0, 0)
            assert [c.gaps for c in clients] == [0] * len(clients)
            # Asked and approved: two events each, and each crossed Redis exactly once.
            assert events == 2 * len(questions)
            assert publishes == events
            # Six sockets, two processes: one subscription per process, not per socket.
            assert hubs == 2
        finally:
            await close_all(clients, drivers)

    asyncio.run(scenario())


def test_questions_asked_while_redis_restarts_reach_everyone_once(processes):
    a, b = processes.nodes
    asker = participant(a.url, "REDIS", "Aigerim")
    nodes = [a, a, b, b]
    watchers = [onlooker(node.url) for node in nodes]

    async def scenario():
        asking = await LiveClient("asker", "REDIS", asker).connect(a.url)
        moderating = await LiveClient("moderator", "REDIS", moderator(b.url)).connect(b.url)
        watching = [
            await LiveClient(f"watcher{i}", "REDIS", session).connect(node.url)
            for i, (session, node) in enumerate(zip(watchers, nodes, strict=True))
        ]
        clients = [asking, moderating, *watching]
        drivers = [asyncio.ensure_future(stay_connected(c, [c.base_url])) for c in clients]
        questions = []

        async def ask_and_approve(phase, count):
            for number in range(count):
                question = await asking.ask(f"{phase}: question {number} on civil service reform")
                await moderating.approve(question)
                questions.append(question)

        try:
            await ask_and_approve("Redis up", 2)
            await everyone_sees(clients, questions, drivers)
            processes.redis.stop()
            await ask_and_approve("Redis down", 3)
            # The hubs find these in the database while Redis is still down.
            await everyone_sees(clients, questions, drivers)
            seen_while_down = tally("Redis down", clients, questions)
            processes.redis.start()
            # At once, whether or not the hubs have subscribed again yet.
            await ask_and_approve("Redis back", 3)
            await everyone_sees(clients, questions, drivers)
            room_id = processes.room_ids["REDIS"]
            hubs = await hubs_subscribed(processes.redis, room_id, expected=2)
            publishes_before = processes.redis.publishes()
            await ask_and_approve("Layer back", 2)
            await everyone_sees(clients, questions, drivers)
            publishes = processes.redis.publishes() - publishes_before
            print(f"hubs subscribed again: {hubs}; PUBLISH calls for 4 events after: {publishes}")
            assert seen_while_down == (0, 0, 0, 0)
            assert tally("Redis restarted", clients, questions) == (0, 0, 0, 0)
            # The doorbell works again: both processes listen, each event is published once.
            assert (hubs, publishes) == (2, 4)
        finally:
            await close_all(clients, drivers)

    asyncio.run(scenario())


def test_clients_of_a_killed_process_resume_on_the_other(processes):
    a, b = processes.nodes
    nodes = [a, a, a, b, b]
    sessions = [onlooker(node.url) for node in nodes]
    publisher_session = participant(b.url, "KILL", "Publisher")

    async def scenario():
        publisher = await LiveClient("publisher", "KILL", publisher_session).connect(b.url)
        watching = [
            await LiveClient(f"watcher{i}", "KILL", session).connect(node.url)
            for i, (session, node) in enumerate(zip(sessions, nodes, strict=True))
        ]
        clients = [publisher, *watching]
        # A browser retries where it was, then elsewhere: A first, B once A refuses.
        drivers = [asyncio.ensure_future(stay_connected(c, [a.url, b.url])) for c in clients]
        questions = []
        try:
            for number in range(3):
                questions.append(await publisher.ask(f"Before the crash: question {number}"))
            await everyone_sees(clients, questions, drivers)
            processes.kill(0)
            for number in range(3):
                questions.append(await publisher.ask(f"After the crash: question {number}"))
            await everyone_sees(clients, questions, drivers)
            assert tally("process killed", clients, questions) == (0, 0, 0, 0)
            # Those on A carried on from B, resuming rather than starting over.
            assert [(c.base_url, c.resumes, c.restarts) for c in watching[:3]] == [
                (b.url, 1, 0)
            ] * 3
        finally:
            await close_all(clients, drivers)

    asyncio.run(scenario())


def test_reconnecting_at_random_loses_and_doubles_nothing(processes):
    a, b = processes.nodes
    urls = [a.url, b.url]
    rng = random.Random(2026)  # fixed: a failure replays the same choices
    sessions = [onlooker(rng.choice(urls)) for _ in range(40)]
    publisher_session = participant(a.url, "CHURN", "Publisher")
    old_client_session = onlooker(b.url)

    async def scenario():
        publisher = await LiveClient("publisher", "CHURN", publisher_session).connect(a.url)
        clients = [
            await LiveClient(f"churner{i}", "CHURN", session).connect(rng.choice(urls))
            for i, session in enumerate(sessions)
        ]
        await asyncio.gather(*(c.until(lambda c=c: c.seq is not None) for c in clients))
        reconnected = asyncio.Condition()

        def reconnections():
            return sum(c.connections - 1 for c in clients)

        async def churn(client, publishing):
            while not publishing.done():
                # Stay connected a random while, or until the server drops the socket.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(client.dropped.wait(), rng.uniform(0.05, 0.5))
                await client.reconnect([rng.choice(urls)])
                async with reconnected:
                    reconnected.notify_all()
            await stay_connected(client, urls)

        async def publish(questions):
            for number in range(15):
                # Questions and reconnections interleave, however fast either one goes.
                async with reconnected:
                    await reconnected.wait_for(lambda n=number: reconnections() >= 5 * n)
                questions.append(await publisher.ask(f"Question {number} while sockets churn"))

        questions = []
        publishing = asyncio.ensure_future(publish(questions))
        drivers = [asyncio.ensure_future(churn(c, publishing)) for c in clients]
        try:
            await asyncio.wait_for(asyncio.shield(publishing), 60)
            await everyone_sees([publisher, *clients], questions, drivers)
            print(f"reconnections with after=: {reconnections()}")
            assert tally("reconnect loop", [publisher, *clients], questions) == (0, 0, 0, 0)
            # Every reconnection was a replay: none fell back to a fresh welcome.
            assert [c.restarts for c in clients] == [0] * len(clients)
        finally:
            await close_all([publisher, *clients], [publishing, *drivers])

        # The retired sequence, welcome then a resume frame, let live events overtake the replay.
        old = await LiveClient("old", "CHURN", old_client_session).connect(b.url)
        try:
            await old.until(lambda: old.seq is not None)
            refusal = await old.request(type="resume", after=old.seq - 3)
            assert (refusal["type"], refusal["code"]) == ("error", "resume_on_connect")
        finally:
            await old.disconnect()

    asyncio.run(scenario())


def test_behind_nginx_sockets_on_different_processes_share_a_room(processes):
    a, b = processes.nodes
    proxy = NginxProxy([a.port, b.port]).start()
    try:
        watcher_session = onlooker(proxy.url)
        asker_session = participant(proxy.url, "PROXY", "Asker")

        async def scenario():
            watching = await LiveClient("watcher", "PROXY", watcher_session).connect(proxy.url)
            asking = await LiveClient("asker", "PROXY", asker_session).connect(proxy.url)
            # Round robin: the next handshake goes to the other process.
            for _attempt in range(3):
                if asking.upstream != watching.upstream:
                    break
                await asking.disconnect()
                await asking.connect(proxy.url)
            clients = [watching, asking]
            try:
                print(f"watcher on {watching.upstream}, asker on {asking.upstream}")
                assert {watching.upstream, asking.upstream} == {
                    f"127.0.0.1:{a.port}",
                    f"127.0.0.1:{b.port}",
                }
                questions = [
                    await asking.ask(f"Through the proxy: question {number}") for number in range(3)
                ]
                await everyone_sees(clients, questions)
                assert tally("behind nginx", clients, questions) == (0, 0, 0, 0)
            finally:
                await close_all(clients)

        asyncio.run(scenario())
    finally:
        print(proxy.error_log())
        proxy.stop()
