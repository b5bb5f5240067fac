"""A real portal served by Daphne in child processes, for browser and WebSocket tests.

`PortalServer` is one Daphne with a database of its own (a SQLite file, or a
fresh PostgreSQL database when DATABASE_URL points at PostgreSQL), migrated and
filled with the demo content as `make run` does it. Migrations and the demo load
run once per test process; each server's database and media start as a copy of
that one.

`PortalCluster` is the production shape: several Daphne processes sharing one
database and one Redis (a private `RedisServer` the cluster starts itself), and
optionally `NginxProxy` in front of them, rendered from docs/deploy/nginx.conf.
"""

import atexit
import contextlib
import itertools
import os
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 60
NGINX_TEMPLATE = ROOT / "docs" / "deploy" / "nginx.conf"
_database_numbers = itertools.count(1)


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


def _is_postgres(url):
    return url.startswith(("postgres://", "postgresql://"))


def _database_for(workdir, name):
    """Where a server's database goes: PostgreSQL when DATABASE_URL says so, else a SQLite file."""
    database_url = os.environ.get("DATABASE_URL", "")
    if _is_postgres(database_url):
        return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
    return f"sqlite:///{Path(workdir) / 'portal.sqlite3'}"


_template = {}


def _demo_template():
    """Migrate and load the demo once per test process; every server starts as a copy of it."""
    if "url" not in _template:
        directory = tempfile.mkdtemp(prefix="portal-template-")
        atexit.register(shutil.rmtree, directory, True)
        url = _database_for(directory, f"portal_template_{os.getpid()}")
        if _is_postgres(url):
            _fresh_postgres_database(url, url.rsplit("/", 1)[1])
            atexit.register(_drop_postgres_database, url)
        env = _portal_env(directory, url, None)
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo_content")
        _template.update(url=url, media=env["MEDIA_ROOT"])
    return _template


def _create_demo_database(url, media_root):
    """A fresh copy of the demo template at `url`, with its media files (seconds, where
    migrating and loading the demo take half a minute)."""
    template = _demo_template()
    shutil.copytree(template["media"], media_root, dirs_exist_ok=True)
    if _is_postgres(url):
        parts = urlsplit(url)
        name, template_name = parts.path.lstrip("/"), urlsplit(template["url"]).path.lstrip("/")
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
        return
    source_path = template["url"].removeprefix("sqlite:///")
    target_path = url.removeprefix("sqlite:///")
    with (
        contextlib.closing(sqlite3.connect(source_path)) as source,
        contextlib.closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


# Every test client connects from 127.0.0.1, so one address stands for many people here: the
# per-address question and vote allowances would be shared by unrelated tests.
SHARED_ADDRESS_ENV = {
    "QA_CLIENT_QUESTIONS_PER_MINUTE": "100000",
    "QA_CLIENT_VOTES_PER_MINUTE": "100000",
}
# Daphne closes a socket whose message is over this (1 MiB by default) before the portal
# sees it; above QA_MAX_FRAME_BYTES the portal answers `too_large` itself (docs/deploy).
WEBSOCKET_MAX_MESSAGE_BYTES = 4 * 1024 * 1024


def _portal_env(workdir, database_url, extra_env):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "PYTHONUNBUFFERED": "1",
        **SHARED_ADDRESS_ENV,
        **(extra_env or {}),
    }


def _manage(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def _start_logged(command, env, log_path, ready_line, cwd=ROOT):
    """Start a child logging to log_path; return it and whether it printed ready_line in time."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    settled, ready = threading.Event(), []

    def copy_log():
        # This thread alone reads and closes the pipe, so nobody closes it under a read.
        with process.stdout, open(log_path, "a") as log:
            for line in process.stdout:
                log.write(line)
                log.flush()
                if not ready and ready_line in line:
                    ready.append(line)
                    settled.set()
        settled.set()  # the child exited before it was ready: stop waiting

    process.log_copier = threading.Thread(target=copy_log, daemon=True)
    process.log_copier.start()
    settled.wait(STARTUP_TIMEOUT)
    return process, bool(ready)


def _end(process, timeout=10):
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    process.log_copier.join(timeout)


class DaphneProcess:
    """One Daphne serving portal.asgi (or `application`) on a loopback port; kill() and start()
    again at will."""

    def __init__(self, env, log_path, port=None, application="portal.asgi:application"):
        self.env = env
        self.application = application  # bench/pages.py serves its bare "hello" app the same way
        self.log_path = Path(log_path)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        command = [
            str(Path(sys.executable).parent / "daphne"),
            "-v",
            "1",
            # No --proxy-headers: it believes anyone's X-Forwarded-For. The portal reads the
            # header itself, from TRUSTED_PROXIES only (portal.clients).
            "--websocket-max-message-size",
            str(WEBSOCKET_MAX_MESSAGE_BYTES),
            "--websocket-max-frame-size",
            str(WEBSOCKET_MAX_MESSAGE_BYTES),
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            self.application,
        ]
        self.process, ready = _start_logged(
            command, self.env, self.log_path, "Listening on TCP address"
        )
        if not ready:
            self.stop()
            raise RuntimeError(f"Daphne did not start on {self.port}: {self.log_text()}")
        return self

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would end it: no goodbye to any socket."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process.log_copier.join(10)
        self.process = None

    def log_text(self):
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self):
        _end(self.process)
        self.process = None


class PortalServer:
    """Start with `start()`, read `url`, run management commands with `manage()`."""

    def __init__(self, workdir, extra_env=None):
        self.workdir = Path(workdir)
        # One database per server: a second server in this process must never drop the first's.
        database_url = _database_for(
            self.workdir, f"portal_e2e_{os.getpid()}_{next(_database_numbers)}"
        )
        self.postgres = _is_postgres(database_url)
        if self.postgres:  # exists from here on, for callers that migrate it themselves
            _fresh_postgres_database(database_url, urlsplit(database_url).path.lstrip("/"))
        self.env = _portal_env(self.workdir, database_url, extra_env)
        self.daphne = DaphneProcess(self.env, self.workdir / "daphne.log")
        self.port = self.daphne.port
        self.url = self.daphne.url

    @property
    def process(self):
        return self.daphne.process

    def manage(self, *args, stdin=None):
        return _manage(self.env, *args, stdin=stdin)

    def start(self):
        try:
            _create_demo_database(self.env["DATABASE_URL"], self.env["MEDIA_ROOT"])
            self.daphne.start()
        except BaseException:
            self.stop()
            raise
        return self

    def log_text(self):
        return self.daphne.log_text()

    def stop(self):
        self.daphne.stop()
        if self.postgres:
            _drop_postgres_database(self.env["DATABASE_URL"])


class RedisServer:
    """A private redis-server on a free port: no persistence, stop() and start() on the same port.

    Its counters restart with it: `publishes()` counts PUBLISH calls since the last start().
    """

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.workdir),
        ]
        log_path = self.workdir / "redis.log"
        self.process, ready = _start_logged(command, {}, log_path, "Ready to accept connections")
        if not ready or self.ping() is not True:
            log = log_path.read_text()
            self.stop()
            raise RuntimeError(f"redis-server did not start on {self.port}: {log}")
        return self

    def client(self):
        return redis.Redis.from_url(self.url, socket_timeout=5, decode_responses=True)

    def ping(self):
        with self.client() as client:
            return client.ping()

    def commandstats(self):
        """INFO commandstats: {"publish": {"calls": 3, ...}, ...}."""
        with self.client() as client:
            stats = client.info("commandstats")
        return {name.removeprefix("cmdstat_"): values for name, values in stats.items()}

    def publishes(self):
        return self.commandstats().get("publish", {}).get("calls", 0)

    def stop(self):
        _end(self.process)
        self.process = None


class PortalCluster:
    """N Daphne processes on loopback ports sharing one database and one private Redis.

    The database is created and filled with the demo content once; every
    process gets REDIS_URL of the private Redis, so cache, rate limits and the
    channel layer are shared as in production.
    """

    def __init__(self, workdir, processes=2, extra_env=None):
        self.workdir = Path(workdir)
        self.redis = RedisServer(self.workdir / "redis")
        name = f"portal_cluster_{os.getpid()}_{next(_database_numbers)}"
        database_url = _database_for(self.workdir, name)
        self.postgres = _is_postgres(database_url)
        # nginx (NginxProxy) runs on loopback in front of the processes: its X-Forwarded-For
        # is believed, as TRUSTED_PROXIES says for the proxy in production.
        self.env = _portal_env(
            self.workdir,
            database_url,
            {"REDIS_URL": self.redis.url, "TRUSTED_PROXIES": "127.0.0.1", **(extra_env or {})},
        )
        self.nodes = [
            DaphneProcess(self.env, self.workdir / f"daphne-{index}.log")
            for index in range(processes)
        ]

    def manage(self, *args, stdin=None):
        return _manage(self.env, *args, stdin=stdin)

    def start(self):
        try:
            self.redis.start()
            _create_demo_database(self.env["DATABASE_URL"], self.env["MEDIA_ROOT"])
            # In parallel: each process spends seconds importing Django and Wagtail.
            with ThreadPoolExecutor(len(self.nodes)) as pool:
                list(pool.map(DaphneProcess.start, self.nodes))
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self, index):
        self.nodes[index].kill()

    def restart(self, index):
        self.nodes[index].start()

    def logs(self):
        return "\n".join(
            f"--- process {index} (port {node.port})\n{node.log_text()}"
            for index, node in enumerate(self.nodes)
        )

    def stop(self):
        for node in self.nodes:
            node.stop()
        self.redis.stop()
        if self.postgres:
            _drop_postgres_database(self.env["DATABASE_URL"])
            self.postgres = False


def render_nginx_conf(template_text, listen, upstream_ports, runtime_dir):
    """Fill docs/deploy/nginx.conf's @PLACEHOLDERS@ (docs/deploy/run-cluster.sh does the same)."""
    servers = "\n        ".join(f"server 127.0.0.1:{port};" for port in upstream_ports)
    return (
        template_text.replace("@LISTEN@", listen)
        .replace("@UPSTREAM_SERVERS@", servers)
        .replace("@RUNTIME_DIR@", str(runtime_dir))
    )


class NginxProxy:
    """nginx from docs/deploy/nginx.conf in front of some Daphne ports, all files in a temp dir.

    The directory is world-traversable so nginx's workers (nobody/www-data when
    the tests run as root) can use their temp paths.
    """

    def __init__(self, upstream_ports):
        self.upstream_ports = list(upstream_ports)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
        self.runtime_dir.chmod(0o755)
        self.conf = self.runtime_dir / "nginx.conf"
        self.pid = None

    def start(self):
        self.conf.write_text(
            render_nginx_conf(
                NGINX_TEMPLATE.read_text(),
                f"127.0.0.1:{self.port}",
                self.upstream_ports,
                self.runtime_dir,
            )
        )
        error_log = self.runtime_dir / "error.log"
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        base = [nginx, "-p", str(self.runtime_dir), "-e", str(error_log), "-c", str(self.conf)]
        check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
        if check.returncode != 0:
            self.stop()
            raise RuntimeError(f"nginx refused the rendered nginx.conf:\n{check.stderr}")
        # Daemonised, nginx's starter exits once the master holds the listening socket:
        # its exit is the "ready" event.
        started = subprocess.run(base, capture_output=True, text=True, timeout=STARTUP_TIMEOUT)
        if started.returncode != 0:
            log = error_log.read_text() if error_log.exists() else started.stderr
            self.stop()
            raise RuntimeError(f"nginx did not start on {self.port}:\n{log}")
        self.pid = int((self.runtime_dir / "nginx.pid").read_text())
        return self

    def error_log(self):
        path = self.runtime_dir / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        if self.pid is not None:
            # Fast shutdown (TERM): a graceful one would wait for open sockets (1 h timeout).
            with contextlib.suppress(ProcessLookupError):
                exited = os.pidfd_open(self.pid)
                os.kill(self.pid, signal.SIGTERM)
                # The pidfd becomes readable when the master has exited.
                if not select.select([exited], [], [], 10)[0]:
                    os.kill(self.pid, signal.SIGKILL)
                os.close(exited)
            self.pid = None
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


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
        headers = {"Origin": self.base_url}
        if self.cookie("sessionid") is not None:  # a visitor who never joined only watches
            headers["Cookie"] = f"sessionid={self.cookie('sessionid')}"
        return headers
