# Two commands set up a fresh machine: `make run` serves the demo portal, `make test` tests it.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Tests run in parallel on this many workers (pytest-xdist), handed out in collection order:
# pytest-django puts transactional tests (which empty the database) after the others, and each
# worker keeps that order. TEST_WORKERS=0 runs them all in this process.
TEST_WORKERS ?= 2
# `make cluster`: N Daphne processes on 127.0.0.1:BASE_PORT and up, behind nginx on HOST:PORT.
N ?= 2
BASE_PORT ?= 8001

# Which lock `make install` installs: the development one (tests, linters) unless told otherwise;
# a production host runs `make install LOCK=requirements.lock`.
LOCK ?= requirements-dev.lock
# uv compiles the locks; it lives in a throwaway venv of its own, never in the project's.
UV_VENV ?= /tmp/mpm-portal-uv

.PHONY: install run serve migrate demo messages fonts test lint format lock check-locks browser proxy cluster clean

# Exactly the pinned, hash-checked packages, then the project itself without resolving anything.
$(VENV)/.installed: pyproject.toml requirements.lock requirements-dev.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes --requirement $(LOCK)
	$(VENV)/bin/pip install --quiet --no-deps --editable .
	touch $@

install: $(VENV)/.installed messages fonts

# The demo PDFs embed Korean glyphs from Debian's Noto CJK fonts.
fonts:
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk)

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore '.venv/*' --verbosity 0

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

# Without Django's debug pages unless asked: `DEBUG=1 make run`.
run: demo
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) portal.asgi:application

# Production shape: several processes share PostgreSQL (DATABASE_URL, else db.sqlite3) and
# Redis (REDIS_URL, required) behind nginx from docs/deploy/nginx.conf. Ctrl-C stops it.
cluster: install proxy
	@test -n "$(REDIS_URL)" || { echo "make cluster needs REDIS_URL (processes share rooms through Redis), e.g. REDIS_URL=redis://127.0.0.1:6379/0 make cluster" >&2; exit 2; }
	N=$(N) BASE_PORT=$(BASE_PORT) HOST=$(HOST) PORT=$(PORT) VENV=$(VENV) docs/deploy/run-cluster.sh

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# nginx for `make cluster` and the multi-process tests; its own service must not hold port 80.
proxy:
	@test -x /usr/sbin/nginx || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
		&& { systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true; }; }

test: install browser proxy
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# Rewrite both locks from pyproject.toml, keeping every pin already there unless pyproject.toml
# rules it out (`rm requirements*.lock` first to take the newest of everything).
lock:
	test -x $(UV_VENV)/bin/uv || { python3 -m venv $(UV_VENV) && $(UV_VENV)/bin/pip install --quiet uv; }
	$(UV_VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python python3 \
		--custom-compile-command "make lock" --output-file requirements.lock
	$(UV_VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python python3 \
		--extra dev --constraint requirements.lock \
		--custom-compile-command "make lock" --output-file requirements-dev.lock

# The locks agree with pyproject.toml and with each other, and the venv holds a consistent set.
check-locks: install
	$(PY) .ci/check_locks.py
	$(VENV)/bin/pip check

clean:
	rm -rf $(VENV) staticfiles db.sqlite3*
