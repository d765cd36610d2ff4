#!/usr/bin/env bash
# make down: stop the app and the mail catcher started by make up (pids in .data/app.pid and
# .data/smtp4dev.pid), then the private cluster. Data stays in .data/. With --app-only the cluster keeps running.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=settings.sh
source "$ROOT/.ci/settings.sh"

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

MAIL_PID_FILE="$DATA/smtp4dev.pid"
if [ -s "$MAIL_PID_FILE" ]; then
  pid=$(cat "$MAIL_PID_FILE")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'smtp4dev'; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stopped the mail catcher (pid $pid)"
  fi
  rm -f "$MAIL_PID_FILE"
fi

if [ "${1:-}" != --app-only ]; then
  db/cluster.sh stop "$PGDATA_DIR"
fi
