"""The demo content, loaded once per test process and copied into each test that asks for it.

`load_demo_content()` takes 15 to 20 seconds; copying its rows and media files takes a fraction
of one. The first test to ask loads the demo as `make run` does, inside its own transaction, and
keeps a snapshot: every table's rows (SQLite: an image of the database, uncommitted pages
included; PostgreSQL: COPY), the sequences, and the media folder. A later test whose database
starts in the same state (the same number of rows in every table) gets the snapshot's rows in
its own transaction instead of a load. A database in any other state (a fixture wrote rows
first, a transactional test emptied it) gets a real load, which becomes the next snapshot.
"""

import atexit
import contextlib
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

# The demo's live webinar starts 20 minutes before the load and lasts four hours: a snapshot
# older than this would show it over.
MAX_AGE_SECONDS = 3600
# Written by `migrate` alone, the same in every test database.
UNTOUCHED_TABLES = {"django_migrations"}

_snapshots = {}


def load_demo_site():
    """Fill this test's database and MEDIA_ROOT with the demo content."""
    from portal.demo import load_demo_content

    store = SqliteSnapshot if connection.vendor == "sqlite" else PostgresSnapshot
    before = row_counts(store.table_names())
    snapshot = _snapshots.get(connection.vendor)
    if snapshot is not None and snapshot.fits(before):
        snapshot.restore()
        return
    load_demo_content()
    _snapshots[connection.vendor] = store.take(before)


def row_counts(tables):
    """{table: rows}, in one query."""
    if not tables:
        return {}
    quote = connection.ops.quote_name
    # Table names come from the database's own catalogue.
    counts = ", ".join(f"(SELECT count(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _media_copy():
    """The media files the load wrote, kept for the life of the test process."""
    directory = tempfile.mkdtemp(prefix="portal-demo-media-")
    atexit.register(shutil.rmtree, directory, True)
    if Path(settings.MEDIA_ROOT).is_dir():
        shutil.copytree(settings.MEDIA_ROOT, directory, dirs_exist_ok=True)
    return directory


class Snapshot:
    def __init__(self, before, media):
        self.before = before
        self.media = media
        self.taken_at = time.monotonic()

    def fits(self, before):
        fresh = time.monotonic() - self.taken_at < MAX_AGE_SECONDS
        return fresh and before == self.before

    def restore(self):
        with transaction.atomic():
            self.restore_rows()
        shutil.copytree(self.media, settings.MEDIA_ROOT, dirs_exist_ok=True)


class SqliteSnapshot(Snapshot):
    """Rows read from an image of the test database taken right after the load."""

    def __init__(self, before, media, tables, sequences):
        super().__init__(before, media)
        self.tables = tables  # [(name, virtual, columns, rows)]
        self.sequences = sequences

    @staticmethod
    def table_names():
        with connection.cursor() as cursor:
            return [name for name, _virtual in _sqlite_tables(cursor)]

    @classmethod
    def take(cls, before):
        connection.ensure_connection()
        # An image holds this connection's uncommitted pages: the load has not committed.
        image = sqlite3.connect(":memory:")
        with contextlib.closing(image):
            pages = bytearray(connection.connection.serialize())
            # The test database is in WAL mode, which a copy in memory cannot open: header bytes
            # 18-19 say "rollback journal" instead.
            pages[18:20] = b"\x01\x01"
            image.deserialize(bytes(pages))
            cursor = image.cursor()
            tables = []
            for name, virtual in _sqlite_tables(cursor):
                # FTS tables keep their rowid outside their columns.
                selected = "rowid, *" if virtual else "*"
                cursor.execute(f'SELECT {selected} FROM "{name}"')  # noqa: S608
                columns = [column[0] for column in cursor.description]
                tables.append((name, virtual, columns, cursor.fetchall()))
            sequences = cursor.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
        return cls(before, _media_copy(), tables, sequences)

    def restore_rows(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for name, _virtual, _columns, _rows in self.tables:
                cursor.execute(f"DELETE FROM {quote(name)}")  # noqa: S608
            # Virtual tables last: triggers on the search index fill the FTS table already.
            ordered = sorted(self.tables, key=lambda table: table[1])
            for name, virtual, columns, rows in ordered:
                if virtual:
                    cursor.execute(f"DELETE FROM {quote(name)}")  # noqa: S608
                if rows:
                    names = ", ".join(c if c == "rowid" else quote(c) for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    insert = f"INSERT INTO {quote(name)} ({names}) VALUES ({marks})"  # noqa: S608
                    cursor.executemany(insert, rows)
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.executemany(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", self.sequences
            )


def _sqlite_tables(cursor):
    """(name, virtual) of the tables holding data; an FTS table's shadow tables are left out,
    as writing through the virtual table rewrites them."""
    cursor.execute(
        "SELECT name, type FROM pragma_table_list"
        " WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite!_%'"
        " ESCAPE '!' ORDER BY name"
    )
    return [
        (name, kind == "virtual")
        for name, kind in cursor.fetchall()
        if name not in UNTOUCHED_TABLES
    ]


class PostgresSnapshot(Snapshot):
    """Rows copied out with COPY inside the loading test's transaction, and the sequences."""

    def __init__(self, before, media, tables, sequences):
        super().__init__(before, media)
        self.tables = tables  # {name: COPY binary data}
        self.sequences = sequences

    @staticmethod
    def table_names():
        with connection.cursor() as cursor:
            names = connection.introspection.table_names(cursor)
        return sorted(name for name in names if name not in UNTOUCHED_TABLES)

    @classmethod
    def take(cls, before):
        quote = connection.ops.quote_name
        tables = {}
        with connection.cursor() as cursor:
            for name in before:
                with cursor.copy(f"COPY {quote(name)} TO STDOUT (FORMAT BINARY)") as copy:
                    tables[name] = b"".join(copy)
            # A sequence never used has no last value: its next one is its first.
            cursor.execute(
                "SELECT format('%I.%I', schemaname, sequencename),"
                " coalesce(last_value, start_value), last_value IS NOT NULL"
                " FROM pg_sequences WHERE schemaname = current_schema()"
            )
            sequences = cursor.fetchall()
        return cls(before, _media_copy(), tables, sequences)

    def restore_rows(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            # Django's foreign keys are checked at commit, when every table is whole again.
            for name in self.tables:
                cursor.execute(f"DELETE FROM {quote(name)}")  # noqa: S608
            for name, data in self.tables.items():
                with cursor.copy(f"COPY {quote(name)} FROM STDIN (FORMAT BINARY)") as copy:
                    copy.write(data)
            cursor.executemany("SELECT setval(%s, %s, %s)", self.sequences)
