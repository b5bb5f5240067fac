import subprocess
import sys

from tests.server import ROOT

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "PATH": "/usr/bin:/bin",
}
SECRETS = {
    "SECRET_KEY": "k" * 20 + "production-like-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "portal.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
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


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, **SECRETS})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secrets():
    for missing in ["SECRET_KEY", "ALLOWED_HOSTS"]:
        env = {**PRODUCTION, **{k: v for k, v in SECRETS.items() if k != missing}}
        result = manage("check", env=env)
        assert result.returncode != 0
        assert f"Set {missing}" in result.stderr
