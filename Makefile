# Two commands set up a fresh machine: `make run` serves the demo portal, `make test` tests it.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# `make cluster`: N Daphne processes on 127.0.0.1:BASE_PORT and up, behind nginx on HOST:PORT.
N ?= 2
BASE_PORT ?= 8001

.PHONY: install run serve migrate demo messages fonts test lint browser proxy cluster clean

$(VENV)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --requirement requirements.lock
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
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3*
