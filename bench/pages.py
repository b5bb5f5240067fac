"""Anonymous page views on one Daphne, cached and uncached, against a bare ASGI app (issue 13).

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --seconds 10 --concurrency 20 --no-gzip
    .venv/bin/python bench/pages.py --paths /en/ /en/news/ --env SERVER_GC_TUNING=1
    .venv/bin/python bench/pages.py --baseline-checkout ../portal-before-cache
    DATABASE_URL=postgres://root@127.0.0.1:5432/portal REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/pages.py

Serves, one after the other on the same machine in the same run:
- hello: bench/hello.py, with the Daphne binary and flags tests/server.py uses;
- cached: the portal (tests.server.PortalServer: demo content, a database of its own,
  PostgreSQL when DATABASE_URL says so) on the development settings with DEBUG off, as
  `make run` serves, PAGE_CACHE_SECONDS left at its default;
- uncached: the same with PAGE_CACHE_SECONDS=0;
- baseline (with --baseline-checkout DIR): the English home, uncached, served from another
  checkout (say a `git worktree` of the commit before the page cache), for "today" measured
  in the same run. DIR/tests/server.py must offer PortalServer(workdir, extra_env=...).
REDIS_URL, when set, reaches every portal server (production shape); the header says which.

Pages: the English home, a press release, the case library, a case study (their URLs read
from the demo data files) and the Korean home; --paths replaces them (first = "home").

For each (server, page): --warmup GETs on one connection (so the cache is primed), then
--concurrency keep-alive HTTP/1.1 connections GET the page back to back for --seconds.
The client is asyncio on raw sockets, so it costs a fraction of what the server does; its
CPU share is printed beside the server's. `Accept-Encoding: gzip` is sent as browsers do.

Prints a Markdown table (target, path, req/s, p50 and p95 latency, ratio to hello, share
of X-Cache: HIT answers, answers by status), a second one with what the server process
held at the start and end of each timed phase (open fds, database handles, RSS: a level
line is the goal, a climbing one leaks) and the CPU both sides used, then the targets:

    cached/hello min ratio >= 0.5
    uncached home req/s >= 58 (2x the 29 req/s, p50 330 ms, of the home before issue 13)

Never part of the test suite. Exits 1 only when a sanity check fails: an answer other
than 200, or X-Cache: HIT from the server whose page cache is off.
"""

import argparse
import asyncio
import contextlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import yaml  # noqa: E402

import tests.server as portal_servers  # noqa: E402

SERVER_ENV = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "false"}
UNCACHED_ENV = {"PAGE_CACHE_SECONDS": "0"}
HELLO_APPLICATION = "bench.hello:application"
TODAY_HOME_REQUESTS_PER_SECOND = 29  # issue 13: English home, 10 readers, one Daphne, 2 cores
CACHED_TO_HELLO_TARGET = 0.5
REQUEST_TIMEOUT = 60
HEADER_LIMIT = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def demo_page_url(page_file):
    """The English URL of a demo page file: its parent's slug path, then its own slug."""
    data = yaml.safe_load(page_file.read_text())
    slug = data["slug"]["en"] if isinstance(data["slug"], dict) else data["slug"]
    parts = [*(data.get("parent") or "").split("/"), slug]
    return "/en/" + "".join(f"{part}/" for part in parts if part)


def first_demo_page(folder, page_type):
    for page_file in sorted((ROOT / folder).glob("*.yaml")):
        if yaml.safe_load(page_file.read_text())["type"] == page_type:
            return demo_page_url(page_file)
    raise LookupError(f"no {page_type} in {folder}")


def demo_paths():
    return [
        "/en/",
        first_demo_page("portal/news/demo/pages", "news.NewsPage"),
        first_demo_page("cases/demo/pages", "cases.CaseIndexPage"),
        first_demo_page("cases/demo/pages", "cases.CaseStudyPage"),
        "/ko/",
    ]


@dataclass
class ProcessState:
    fds: int
    database_handles: int | None  # SQLite file descriptors or PostgreSQL connections
    rss_mb: int
    cpu_seconds: float


def process_state(pid, database_url):
    fds = list(Path(f"/proc/{pid}/fd").iterdir())
    rss_kb = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    # Fields 14 and 15 of /proc/<pid>/stat (user, system ticks), counted after the command name.
    ticks = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu_seconds = (int(ticks[11]) + int(ticks[12])) / CLOCK_TICKS
    held = None
    if database_url and database_url.startswith("postgres"):
        parts = urlsplit(database_url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
            held = db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                [parts.path.lstrip("/")],
            ).fetchone()[0]
    elif database_url:
        held = 0
        for fd in fds:
            with contextlib.suppress(OSError):  # closed while we looked
                held += ".sqlite3" in os.readlink(fd)
    return ProcessState(len(fds), held, round(rss_kb / 1024), cpu_seconds)


@dataclass
class Phase:
    target: str
    path: str
    statuses: Counter = field(default_factory=Counter)
    x_cache: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)
    elapsed: float = 0.0
    client_cpu_seconds: float = 0.0
    start: ProcessState | None = None
    end: ProcessState | None = None

    @property
    def answered(self):
        return len(self.latencies)

    @property
    def requests_per_second(self):
        return self.answered / self.elapsed if self.elapsed else 0.0

    def latency_ms(self, fraction):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000

    @property
    def hit_share(self):
        return self.x_cache["HIT"] / self.answered if self.answered else 0.0

    @property
    def failures(self):
        return {status: count for status, count in self.statuses.items() if status != 200}


def request_bytes(host, path, gzip):
    lines = [
        f"GET {quote(path, safe='/?=&%')} HTTP/1.1",
        f"Host: {host}",
        "User-Agent: bench/pages.py",
        "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Language: en-US,en;q=0.9",
    ]
    if gzip:
        lines.append("Accept-Encoding: gzip")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def read_response(reader):
    """One HTTP/1.1 answer: (status, lower-cased headers, whether the connection stays open)."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower().endswith("chunked"):
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)  # the chunk and its CRLF
        while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
            pass
    else:  # no length given: the body runs to the end of the connection
        await reader.read()
        keep_alive = False
    return status, headers, keep_alive


async def exchange(address, request, phase, deadline, count=None):
    """GET on one keep-alive connection until the deadline (or `count` answers), into `phase`."""
    connection = None
    done = 0
    while time.perf_counter() < deadline and (count is None or done < count):
        done += 1
        started = time.perf_counter()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                if connection is None:
                    connection = await asyncio.open_connection(*address, limit=HEADER_LIMIT)
                reader, writer = connection
                writer.write(request)
                status, headers, keep_alive = await read_response(reader)
        except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as error:
            phase.statuses[type(error).__name__] += 1
            keep_alive = False
        else:
            phase.latencies.append(time.perf_counter() - started)
            phase.statuses[status] += 1
            phase.x_cache[headers.get("x-cache", "none").upper()] += 1
        if not keep_alive and connection is not None:
            connection[1].close()
            connection = None
    if connection is not None:
        connection[1].close()


async def load(address, request, phase, concurrency, seconds):
    deadline = time.perf_counter() + seconds
    started, cpu_started = time.perf_counter(), time.process_time()
    await asyncio.gather(*(exchange(address, request, phase, deadline) for _ in range(concurrency)))
    phase.elapsed = time.perf_counter() - started
    phase.client_cpu_seconds = time.process_time() - cpu_started


def measure(target, url, pid, database_url, path, args):
    """Warm `path` up on one connection, then time it under load; the warm-up is not counted."""
    parts = urlsplit(url)
    address = (parts.hostname, parts.port)
    request = request_bytes(parts.netloc, path, not args.no_gzip)
    warm_up = Phase(target, path)
    asyncio.run(exchange(address, request, warm_up, float("inf"), count=args.warmup))
    phase = Phase(target, path)
    phase.start = process_state(pid, database_url)
    asyncio.run(load(address, request, phase, args.concurrency, args.seconds))
    phase.end = process_state(pid, database_url)
    if warm_up.failures:
        print(f"  warm-up of {target} {path} answered {dict(warm_up.statuses)}", flush=True)
    print(
        f"  {target} {path}: {phase.requests_per_second:,.0f} req/s, "
        f"p50 {phase.latency_ms(0.5):,.1f} ms",
        flush=True,
    )
    return phase


def serve_hello(workdir, args):
    workdir.mkdir(parents=True)
    server = portal_servers.DaphneProcess(
        {**os.environ, "PYTHONUNBUFFERED": "1"},
        workdir / "daphne.log",
        application=HELLO_APPLICATION,
    ).start()
    try:
        return [measure("hello", server.url, server.process.pid, None, "/", args)]
    finally:
        server.stop()


def serve_portal(server_module, target, workdir, extra_env, paths, args):
    workdir.mkdir(parents=True)
    server = server_module.PortalServer(workdir, extra_env=extra_env).start()
    try:
        pid, database_url = server.daphne.process.pid, server.env["DATABASE_URL"]
        return [measure(target, server.url, pid, database_url, path, args) for path in paths]
    finally:
        server.stop()


def baseline_server_module(checkout):
    """The other checkout's tests/server.py, under a name of its own: its ROOT is that checkout,
    so its Daphne and manage.py run that checkout's code."""
    spec = importlib.util.spec_from_file_location(
        "baseline_tests_server", Path(checkout).resolve() / "tests" / "server.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe_checkout(checkout):
    described = subprocess.run(
        ["git", "-C", str(checkout), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip()[:60] if described.returncode == 0 else "not a git checkout"


def describe_redis():
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        return "locmem cache, in-memory channel layer (REDIS_URL unset)"
    parts = urlsplit(redis_url)  # host and port only: the URL may carry a password
    return f"Redis at {parts.hostname}:{parts.port or 6379} (REDIS_URL set)"


def table(rows, header):
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def answers(phase):
    return ", ".join(f"{status}: {count:,}" for status, count in sorted(phase.statuses.items()))


def report(phases, args):
    hello = phases[0].requests_per_second
    print()
    print(
        table(
            [
                [
                    phase.target,
                    f"`{phase.path}`",
                    f"{phase.requests_per_second:,.0f}",
                    f"{phase.latency_ms(0.5):,.1f}",
                    f"{phase.latency_ms(0.95):,.1f}",
                    f"{phase.requests_per_second / hello:.2f}" if hello else "-",
                    "-" if phase.target == "hello" else f"{phase.hit_share:.0%}",
                    answers(phase),
                ]
                for phase in phases
            ],
            ["target", "path", "req/s", "p50 ms", "p95 ms", "× hello", "X-Cache HIT", "answers"],
        )
    )
    print()

    def span(start, end):
        return "-" if start is None else f"{start:,} → {end:,}"

    print(
        table(
            [
                [
                    phase.target,
                    f"`{phase.path}`",
                    span(phase.start.fds, phase.end.fds),
                    span(phase.start.database_handles, phase.end.database_handles),
                    span(phase.start.rss_mb, phase.end.rss_mb),
                    f"{(phase.end.cpu_seconds - phase.start.cpu_seconds) / phase.elapsed:.0%}",
                    f"{phase.client_cpu_seconds / phase.elapsed:.0%}",
                ]
                for phase in phases
            ],
            ["target", "path", "fds", "DB handles", "RSS MB", "server CPU", "client CPU"],
        )
    )
    print()

    cached = [phase for phase in phases if phase.target == "cached"]
    uncached = [phase for phase in phases if phase.target == "uncached"]
    home = args.paths[0]
    if cached and hello:
        slowest = min(cached, key=lambda phase: phase.requests_per_second)
        print(
            f"cached/hello min ratio = {slowest.requests_per_second / hello:.2f} "
            f"(target >= {CACHED_TO_HELLO_TARGET}), at {slowest.path}"
        )
    uncached_home = next((phase for phase in uncached if phase.path == home), None)
    if uncached_home:
        print(
            f"uncached home req/s = {uncached_home.requests_per_second:,.0f} "
            f"(target >= {2 * TODAY_HOME_REQUESTS_PER_SECOND}, "
            f"i.e. 2x today's {TODAY_HOME_REQUESTS_PER_SECOND}), at {home}"
        )
    baseline = next((phase for phase in phases if phase.target == "baseline"), None)
    if baseline and uncached_home and baseline.requests_per_second:
        gain = uncached_home.requests_per_second / baseline.requests_per_second
        print(
            f"baseline home req/s = {baseline.requests_per_second:,.0f} in this run: "
            f"uncached/baseline = {gain:.2f} (target >= 2)"
        )

    sane = True
    never_hit = [phase.path for phase in cached if not phase.x_cache["HIT"]]
    if never_hit:
        print(f"note: no X-Cache: HIT from the cached server on {', '.join(never_hit)}")
    hit_uncached = [phase.path for phase in uncached if phase.x_cache["HIT"]]
    if hit_uncached:
        sane = False
        print(f"FAILED: X-Cache: HIT with PAGE_CACHE_SECONDS=0 on {', '.join(hit_uncached)}")
    for phase in phases:
        if phase.failures:
            sane = False
            print(f"FAILED: {phase.target} {phase.path} answered {phase.failures}")
    return sane


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="timed phase per page")
    parser.add_argument("--concurrency", type=int, default=10, help="keep-alive connections")
    parser.add_argument("--warmup", type=int, default=5, help="GETs per page before timing")
    parser.add_argument("--paths", nargs="+", help="pages to GET (default: from the demo data)")
    parser.add_argument("--no-gzip", action="store_true", help="no Accept-Encoding: gzip")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the portal")
    parser.add_argument("--baseline-checkout", type=Path, help="serve 'today' from this checkout")
    args = parser.parse_args()
    args.paths = args.paths or demo_paths()
    extra = dict(SERVER_ENV, **dict(item.split("=", 1) for item in args.env))
    # The cached run is the default setting, whatever this shell exports.
    os.environ.pop("PAGE_CACHE_SECONDS", None)

    database = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"bench/pages.py: nproc={os.cpu_count()} python={sys.version.split()[0]} "
        f"load={load_average}; {database}; {describe_redis()}; "
        f"{args.concurrency} keep-alive connections, {args.seconds:g} s per page after "
        f"{args.warmup} warm-up GETs; Accept-Encoding: {'identity' if args.no_gzip else 'gzip'}; "
        f"portal env {' '.join(args.env) or '(defaults)'}"
        + (
            f"; baseline {args.baseline_checkout} ({describe_checkout(args.baseline_checkout)})"
            if args.baseline_checkout
            else ""
        ),
        flush=True,
    )

    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    phases = serve_hello(workdir / "hello", args)
    phases += serve_portal(portal_servers, "cached", workdir / "cached", extra, args.paths, args)
    phases += serve_portal(
        portal_servers,
        "uncached",
        workdir / "uncached",
        {**extra, **UNCACHED_ENV},
        args.paths,
        args,
    )
    if args.baseline_checkout:
        # Last, after ours are gone: its tests/server.py names its databases as ours does.
        phases += serve_portal(
            baseline_server_module(args.baseline_checkout),
            "baseline",
            workdir / "baseline",
            {**extra, **UNCACHED_ENV},
            args.paths[:1],
            args,
        )
    sane = report(phases, args)
    print(f"server logs: {workdir}/*/daphne.log")
    sys.exit(0 if sane else 1)


if __name__ == "__main__":
    main()
