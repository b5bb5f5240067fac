"""Where an uncached page's time goes: render URLs in-process, count queries and cache calls,
profile with cProfile, and print the top costs.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python manage.py migrate --noinput
    DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python manage.py load_demo_content
    DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python bench/profile_pages.py --repeat 50
    DATABASE_URL=sqlite:////tmp/x.sqlite3 .venv/bin/python bench/profile_pages.py --profile /en/

Runs on the development settings with DEBUG off (as `make run` serves) and the page cache off
(PAGE_CACHE_SECONDS=0), against whatever database DATABASE_URL names; it writes there only what
a first view would (image renditions).
Each GET goes through Django's whole middleware stack (the test client, anonymous, no cookies)
in a context of its own, as Daphne runs each request: a cache backend (a Redis connection with
REDIS_URL set) is made per request, and the database connection is closed afterwards
(CONN_MAX_AGE=0) unless --keep-connection.

Per URL it prints: status, ms per render (median and fastest of --repeat renders after one
warm-up), the median CPU time of this process per render (steadier than wall time on a busy
machine), database queries and cache calls per render. --queries lists each query of one
render, with repeats counted (N+1s show up as a count > 1) and where each came from;
--profile adds Python function calls per render (a figure a busy machine does not blur) and
prints the functions with the most cumulative and own time over all renders.
"""

import argparse
import contextvars
import cProfile
import io
import logging
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.core.cache.backends.base import BaseCache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

DEFAULT_LANGUAGES = ("en", "ko")
CACHE_METHODS = ("get", "get_many", "set", "set_many", "add", "delete", "incr", "has_key", "touch")
_NUMBERS = re.compile(r"\b\d+\b")
_SELECTED_COLUMNS = re.compile(r"^(SELECT (?:DISTINCT )?).*? FROM ")


def caller():
    """Where a query or cache call came from: the innermost project function and template line."""
    frame = sys._getframe(2)
    code_at = template_at = None
    while frame is not None and not (code_at and template_at):
        filename = frame.f_code.co_filename
        ours = filename.startswith(str(ROOT)) and "/.venv/" not in filename
        if code_at is None and ours and not filename.startswith(str(ROOT / "bench")):
            code_at = f"{Path(filename).relative_to(ROOT)}:{frame.f_lineno} {frame.f_code.co_name}"
        node = frame.f_locals.get("self") if frame.f_code.co_name == "render_annotated" else None
        if template_at is None and node is not None and getattr(node, "token", None):
            template_at = f"{node.origin.template_name}:{node.token.lineno}"
        frame = frame.f_back
    return " / ".join(where for where in (template_at, code_at) if where) or "?"


class Tally:
    """Queries and cache calls of the renders running while it is `active`."""

    def __init__(self, where=False):
        self.active = False
        self.where = caller if where else lambda: ""  # walking the stack costs time
        self.queries = []
        self.cache_calls = Counter()
        self.cache_callers = Counter()

    def query(self, execute, sql, params, many, context):
        if self.active:
            self.queries.append((sql, self.where()))
        return execute(sql, params, many, context)

    def reset(self):
        self.queries, self.cache_calls, self.cache_callers = [], Counter(), Counter()


def count_cache_calls(tally):
    """Wrap the default cache backend's class so every call is counted, whichever instance."""
    backend = type(caches["default"])
    for name in CACHE_METHODS:
        original = getattr(backend, name, None) or getattr(BaseCache, name)

        def counted(self, *args, _name=name, _original=original, **kwargs):
            if tally.active:
                tally.cache_calls[_name] += 1
                tally.cache_callers[f"{_name} {args[0] if args else ''} from {tally.where()}"] += 1
            return _original(self, *args, **kwargs)

        setattr(backend, name, counted)


def default_urls(languages):
    """One page of each type the issue names, in each language (slugs are translated)."""
    from django.utils import translation

    from cases.models import CaseIndexPage, CaseStudyPage
    from portal.models import HomePage, StandardPage
    from portal.news.models import NewsIndexPage, NewsPage

    models = (HomePage, StandardPage, NewsPage, NewsIndexPage, CaseIndexPage, CaseStudyPage)
    pages = [model.objects.live().order_by("path").first() for model in models]
    urls = []
    for code in languages:
        with translation.override(code):
            urls += [page.get_url() for page in pages if page is not None]
    return urls


def render(client, url, keep_connection):
    """One GET in a fresh context (a cache backend of its own, as under Daphne)."""
    response = contextvars.Context().run(client.get, url, HTTP_HOST="localhost")
    if not keep_connection:
        connection.close()
    return response


def measure(client, url, repeat, tally, keep_connection, profiler=None):
    render(client, url, keep_connection)  # warm-up: templates compiled, modules imported
    timings, cpu = [], []
    tally.reset()
    for _ in range(repeat):
        tally.active = True
        if profiler:
            profiler.enable()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = render(client, url, keep_connection)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if profiler:
            profiler.disable()
        tally.active = False
    return response, timings, cpu


def print_queries(queries, repeat):
    """One render's queries, the column list left out, repeats counted."""
    shapes = Counter(
        (_SELECTED_COLUMNS.sub(r"\1… FROM ", _NUMBERS.sub("N", sql), count=1), where)
        for sql, where in queries[: len(queries) // repeat]
    )
    for (sql, where), count in shapes.most_common():
        print(f"    {count:>3} x {sql[:160]}\n          at {where}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", help="paths to GET (default: one page of each type)")
    parser.add_argument("--repeat", type=int, default=20, help="renders per URL after warm-up")
    parser.add_argument("--queries", action="store_true", help="list one render's queries")
    parser.add_argument("--profile", action="store_true", help="cProfile every render")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    parser.add_argument(
        "--callers",
        action="append",
        default=[],
        help="with --profile: who calls functions matching this (e.g. gettext)",
    )
    parser.add_argument(
        "--keep-connection",
        action="store_true",
        help="keep the database connection between requests (as CONN_MAX_AGE > 0 would)",
    )
    args = parser.parse_args()

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s are reported by status
    args.urls = args.urls or default_urls(DEFAULT_LANGUAGES)
    tally = Tally(where=args.queries)
    count_cache_calls(tally)
    connection.execute_wrappers.append(tally.query)
    client = Client()
    profiles = []
    database = connection.settings_dict["ENGINE"].rsplit(".", 1)[-1]
    cache_backend = type(caches["default"]).__name__
    print(
        f"bench/profile_pages.py: {database}, {cache_backend}, {args.repeat} renders per URL, "
        f"connection {'kept' if args.keep_connection else 'closed per request'}"
    )
    calls_column = f" {'calls':>7}" if args.profile else ""
    print(
        f"{'ms median':>9} {'ms min':>7} {'cpu ms':>7}{calls_column} {'queries':>7} {'cache':>5}"
        "  status url"
    )
    total = total_cpu = total_calls = 0.0
    for url in args.urls:
        profiler = cProfile.Profile() if args.profile else None
        response, timings, cpu = measure(
            client, url, args.repeat, tally, args.keep_connection, profiler
        )
        if profiler:
            profiles.append(pstats.Stats(profiler))
            # Python function calls per render: unlike time, the same on a busy machine.
            calls_column = f" {profiles[-1].total_calls / args.repeat:>7.0f}"
            total_calls += profiles[-1].total_calls / args.repeat
        queries = len(tally.queries) / args.repeat
        cache_calls = sum(tally.cache_calls.values()) / args.repeat
        median, cpu_median = statistics.median(timings), statistics.median(cpu)
        total, total_cpu = total + median, total_cpu + cpu_median
        print(
            f"{median:>9.1f} {min(timings):>7.1f} {cpu_median:>7.1f}{calls_column} {queries:>7.1f} "
            f"{cache_calls:>5.1f}  {response.status_code} {url}"
        )
        if args.queries:
            for call, n in tally.cache_callers.most_common():
                print(f"    {n // args.repeat:>3} x cache {call}")
            print_queries(tally.queries, args.repeat)
    calls_total = f", {total_calls:.0f} calls" if profiles else ""
    print(f"{total:>9.1f} ms, {total_cpu:.1f} cpu ms{calls_total}: sums of the medians")
    if profiles:
        merged = profiles[0]
        for stats in profiles[1:]:
            merged.add(stats)
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            merged.stream = out
            merged.strip_dirs().sort_stats(order).print_stats(args.top)
            print(f"\n--- top {args.top} by {order} ---")
            print(out.getvalue().split("\n", 4)[-1].rstrip())
        for pattern in args.callers:
            out = merged.stream = io.StringIO()
            merged.sort_stats("cumulative").print_callers(pattern)
            print(f"\n--- callers of {pattern} ---")
            print(out.getvalue().split("\n", 4)[-1].rstrip())


if __name__ == "__main__":
    main()
