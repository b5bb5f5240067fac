#!/usr/bin/env bash
# The production shape on one machine: N Daphne processes sharing one database
# and one Redis, behind nginx (docs/deploy/nginx.conf). `make cluster` runs it.
#
#   REDIS_URL=redis://127.0.0.1:6379/0 [DATABASE_URL=postgres://...] docs/deploy/run-cluster.sh
#
# N (2) processes listen on 127.0.0.1:BASE_PORT (8001) and up; nginx serves HOST:PORT
# (127.0.0.1:8000). Logs, pid and nginx's temp files go to CLUSTER_DIR (a new
# directory under /tmp). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-2}
BASE_PORT=${BASE_PORT:-8001}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
VENV=${VENV:-.venv}
STARTUP_SECONDS=60

if [ -z "${REDIS_URL:-}" ]; then
    echo "cluster: REDIS_URL is empty. Processes share rooms, cache and rate limits only" \
        "through Redis; run e.g. REDIS_URL=redis://127.0.0.1:6379/0 make cluster" >&2
    exit 2
fi
if ! command -v nginx >/dev/null; then
    echo "cluster: nginx is not installed; run 'make proxy' first" >&2
    exit 2
fi

CLUSTER_DIR=${CLUSTER_DIR:-$(mktemp -d /tmp/portal-cluster.XXXXXX)}
mkdir -p "$CLUSTER_DIR"
chmod 755 "$CLUSTER_DIR"  # nginx's workers (not root) write their temp files here

"$VENV/bin/python" manage.py migrate --noinput
"$VENV/bin/python" manage.py load_demo_content

pids=()
stop_all() {
    trap - EXIT INT TERM
    kill "${pids[@]}" 2>/dev/null || true
    wait || true
}
trap stop_all EXIT INT TERM

upstreams=""
for ((i = 0; i < N; i++)); do
    port=$((BASE_PORT + i))
    log="$CLUSTER_DIR/daphne-$port.log"
    # No --proxy-headers (it would believe any client's X-Forwarded-For): the portal reads
    # the header from TRUSTED_PROXIES only, here nginx on loopback. Messages up to 4 MiB reach
    # the portal, which answers those over QA_MAX_FRAME_BYTES with `too_large`.
    TRUSTED_PROXIES=${TRUSTED_PROXIES:-127.0.0.1} "$VENV/bin/daphne" \
        --websocket-max-message-size 4194304 --websocket-max-frame-size 4194304 \
        -b 127.0.0.1 -p "$port" portal.asgi:application \
        >"$log" 2>&1 &
    pids+=($!)
    upstreams+="${upstreams:+\\n        }server 127.0.0.1:$port;"
done

# Ready when each process says so in its log, not after a guessed delay.
for ((i = 0; i < N; i++)); do
    log="$CLUSTER_DIR/daphne-$((BASE_PORT + i)).log"
    for ((tries = 0; tries < STARTUP_SECONDS * 5; tries++)); do
        grep -q "Listening on TCP address" "$log" && break
        kill -0 "${pids[$i]}" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.2
    done
    grep -q "Listening on TCP address" "$log" || { echo "Daphne did not start: $log" >&2; exit 1; }
done

sed -e "s|@LISTEN@|$HOST:$PORT|" \
    -e "s|@UPSTREAM_SERVERS@|$upstreams|" \
    -e "s|@RUNTIME_DIR@|$CLUSTER_DIR|g" \
    docs/deploy/nginx.conf >"$CLUSTER_DIR/nginx.conf"
nginx_args=(-p "$CLUSTER_DIR" -e "$CLUSTER_DIR/error.log" -c "$CLUSTER_DIR/nginx.conf")
nginx "${nginx_args[@]}" -t -q
nginx "${nginx_args[@]}" -g "daemon off;" &
pids+=($!)

echo "Portal on http://$HOST:$PORT/ through nginx to $N Daphne processes" \
    "(127.0.0.1:$BASE_PORT-$((BASE_PORT + N - 1))); logs in $CLUSTER_DIR. Ctrl-C stops."
wait -n "${pids[@]}"
echo "cluster: a process exited; stopping the others (logs in $CLUSTER_DIR)" >&2
exit 1
