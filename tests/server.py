"""A real portal served by Daphne in a child process, for browser and WebSocket tests.

The server gets a database of its own (a SQLite file, or a fresh PostgreSQL
database when DATABASE_URL points at PostgreSQL), migrated and filled with the
demo content exactly as `make run` does it.
"""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 60


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_postgres_database(url, name):
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _drop_postgres_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class PortalServer:
    """Start with `start()`, read `url`, run management commands with `manage()`."""

    def __init__(self, workdir, extra_env=None):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        database_url = os.environ.get("DATABASE_URL", "")
        self.postgres = database_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            database_url = _fresh_postgres_database(database_url, f"portal_e2e_{os.getpid()}")
        else:
            database_url = f"sqlite:///{self.workdir / 'portal.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def start(self):
        self.manage("migrate", "--noinput")
        self.manage("load_demo_content")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "daphne"),
                "-v",
                "1",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "portal.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        listening = threading.Event()
        threading.Thread(target=self._copy_log, args=(listening,), daemon=True).start()
        if not listening.wait(STARTUP_TIMEOUT):
            self.stop()
            raise RuntimeError(f"Daphne did not start: {self.log_text()}")
        return self

    def _copy_log(self, listening):
        with open(self.workdir / "daphne.log", "w") as log:
            for line in self.process.stdout:
                log.write(line)
                log.flush()
                if "Listening on TCP address" in line:
                    listening.set()

    def log_text(self):
        path = self.workdir / "daphne.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()
        if self.postgres:
            _drop_postgres_database(self.env["DATABASE_URL"])


class HttpSession:
    """A cookie-keeping HTTP client, as a script outside the browser would use the portal."""

    def __init__(self, base_url):
        import http.cookiejar
        import urllib.request

        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=10) as response:
            return response.status, response.read().decode()

    def post_form(self, path, fields):
        import re
        import urllib.parse
        import urllib.request

        _status, html = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(
            self.base_url + path, data=body, headers={"Referer": self.base_url + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.geturl()

    def join_room(self, code, **fields):
        return self.post_form(f"/en/live/{code}/", fields or {"anonymous": "on"})

    def log_in(self, username, password):
        return self.post_form("/admin/login/", {"username": username, "password": password})

    def websocket_headers(self):
        return {"Cookie": f"sessionid={self.cookie('sessionid')}", "Origin": self.base_url}
