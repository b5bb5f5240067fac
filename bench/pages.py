"""Anonymous page views against one Daphne: throughput, latency, and what the process holds.

    .venv/bin/python bench/pages.py --requests 4000
    .venv/bin/python bench/pages.py --requests 4000 --env SERVER_GC_TUNING=1
    DATABASE_URL=postgres://root@127.0.0.1:5432/portal .venv/bin/python bench/pages.py

Starts one Daphne on the development settings with DEBUG off (as `make run`
serves) and the demo content, on a database of its own (PostgreSQL when
DATABASE_URL says so, else a SQLite file). --concurrency threads then GET the
--paths in turn until --requests requests have been answered. At each quarter
it prints, for the server process: open file descriptors, of which database
files (SQLite) or connections PostgreSQL holds for its database, and RSS.
At the end: requests/s, p50/p95/max latency, and the answers by status.

A process whose descriptors and RSS keep climbing with the request count leaks;
a level line is the goal.
"""

import argparse
import contextlib
import os
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from tests.server import PortalServer  # noqa: E402

PATHS = ["/en/", "/ko/", "/en/about-the-ministry/", "/es/", "/en/news/", "/ru/"]
SERVER_ENV = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "false"}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def process_state(pid, database_url):
    fds = list(Path(f"/proc/{pid}/fd").iterdir())
    rss_kb = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    if database_url.startswith("postgres"):
        parts = urlsplit(database_url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
            held = db.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                [parts.path.lstrip("/")],
            ).fetchone()[0]
        held_label = "PostgreSQL connections"
    else:
        held = 0
        for fd in fds:
            with contextlib.suppress(OSError):  # closed while we looked
                held += ".sqlite3" in os.readlink(fd)
        held_label = "SQLite file descriptors"
    return {"fds": len(fds), held_label: held, "RSS MB": round(rss_kb / 1024)}


def get(url):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 -- our http URL
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = type(error).__name__
    return status, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--paths", nargs="+", default=PATHS)
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server")
    args = parser.parse_args()
    extra = dict(SERVER_ENV, **dict(item.split("=", 1) for item in args.env))

    workdir = tempfile.mkdtemp(prefix="bench-pages-")
    server = PortalServer(workdir, extra_env=extra).start()
    pid = server.daphne.process.pid
    database_url = server.env["DATABASE_URL"]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"bench/pages.py: nproc={os.cpu_count()} python={sys.version.split()[0]} load={load}; "
        f"{'PostgreSQL' if database_url.startswith('postgres') else 'SQLite'}; "
        f"{args.requests} GETs of {len(args.paths)} pages, {args.concurrency} at a time; "
        f"server env {' '.join(args.env) or '(defaults)'}"
    )
    try:
        print(f"{0:>6} requests: {process_state(pid, database_url)}")
        statuses, latencies, lock = Counter(), [], threading.Lock()
        quarters = {args.requests * q // 4 for q in (1, 2, 3, 4)}
        done = [0]

        def one(index):
            status, seconds = get(server.url + args.paths[index % len(args.paths)])
            with lock:
                statuses[status] += 1
                latencies.append(seconds)
                done[0] += 1
                if done[0] in quarters:
                    print(f"{done[0]:>6} requests: {process_state(pid, database_url)}", flush=True)

        started = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(one, range(args.requests)))
        elapsed = time.perf_counter() - started
        print(
            f"{args.requests / elapsed:.0f} requests/s; latency p50 "
            f"{percentile(latencies, 0.5) * 1000:.0f} ms, p95 "
            f"{percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
            f"answers {dict(statuses)}"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
