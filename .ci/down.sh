#!/usr/bin/env bash
# make down: stop the app started by make up (pid in .data/app.pid), then the private cluster.
# Data stays in .data/. With --app-only the cluster keeps running.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PID_FILE="$ROOT/.data/app.pid"

if [ -s "$PID_FILE" ]; then
  pid=$(cat "$PID_FILE")
  # Only a process that is our app: the pid may have been reused since.
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'Clinic.Api.dll'; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stopped the app (pid $pid)"
  fi
  rm -f "$PID_FILE"
fi

if [ "${1:-}" != --app-only ]; then
  db/cluster.sh stop "$ROOT/.data/pg"
fi
