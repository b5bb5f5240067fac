"""Settings modules, each imported in a fresh interpreter with exactly the environment given."""

import json
import subprocess
import sys

import pytest

from tests.server import ROOT

BASE_ENV = {"PATH": "/usr/bin:/bin"}
PRODUCTION = {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
SECRETS = {
    "SECRET_KEY": "k" * 20 + "production-like-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "portal.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "WAGTAILADMIN_BASE_URL": "https://portal.example.org",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_settings(env, *names, code=""):
    """The named settings as the module computes them (JSON), or the failed process."""
    script = (
        "import json, django\nfrom django.conf import settings\n"
        f"{code}\n"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode:
        return result
    return json.loads(result.stdout)


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, **SECRETS})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_settings_refuse_to_start_without_each_required_variable(missing):
    env = {**PRODUCTION, **{k: v for k, v in SECRETS.items() if k != missing}}
    result = read_settings(env, "DEBUG")
    assert not isinstance(result, dict), f"started without {missing}"
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set {missing} in the environment" in result.stderr


def test_production_does_not_fall_back_to_sqlite_or_the_demo_password():
    values = read_settings({**PRODUCTION, **SECRETS}, "DATABASES", "DEMO_ADMIN_PASSWORD")
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["DEMO_ADMIN_PASSWORD"] == ""


def test_the_development_server_hides_debug_pages_unless_asked():
    dev = {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    assert read_settings(dev, "DEBUG") == {"DEBUG": False}
    assert read_settings({**dev, "DEBUG": "1"}, "DEBUG") == {"DEBUG": True}


def test_postgresql_connections_come_from_a_bounded_pool_without_persistence():
    env = {**PRODUCTION, **SECRETS, "DB_POOL_MAX_SIZE": "7"}
    database = read_settings(env, "DATABASES")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert database["OPTIONS"]["pool"]["max_size"] == 7


def test_sqlite_connections_are_not_kept_either():
    dev = {**BASE_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    database = read_settings(dev, "DATABASES")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert "pool" not in database["OPTIONS"]


def test_tests_use_their_own_redis_database_and_key_prefix():
    env = {
        **BASE_ENV,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "REDIS_URL": "redis://127.0.0.1:6399/0",
    }
    cache = read_settings(env, "CACHES")["CACHES"]["default"]
    assert cache["LOCATION"] == "redis://127.0.0.1:6399/9"
    assert cache["KEY_PREFIX"] == "portal-test"


GC_STATE = (
    "import gc, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings.dev')\n"
    "import portal.asgi\n"
    "print(gc.get_freeze_count(), gc.get_threshold()[0])"
)


@pytest.mark.parametrize(
    ("tuning", "frozen"), [(None, False), ("0", False), ("1", True)], ids=["unset", "off", "on"]
)
def test_the_collector_is_tuned_only_when_the_server_is_told_to(tuning, frozen):
    env = {**BASE_ENV, **({"SERVER_GC_TUNING": tuning} if tuning else {})}
    result = subprocess.run(
        [sys.executable, "-c", GC_STATE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    freeze_count, threshold = map(int, result.stdout.split())
    assert (freeze_count > 0) is frozen
    assert (threshold == 50_000) is frozen
