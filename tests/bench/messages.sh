#!/usr/bin/env bash
# make bench (messaging part, issue 31): live delivery fanned out. Two Release instances on one private PostgreSQL;
# BENCH_STREAMS (500) message streams held open, half on each instance, all the therapist's (so every message goes to
# every stream); BENCH_MESSAGE_RATE (20) messages a second posted through instance A for BENCH_MESSAGE_SECONDS (30).
# Reports p50/p95/max delivery latency (POST sent → the id seen on a stream, on either instance) and each instance's
# peak RSS. Target: p95 < 1 s. The client (tests/drills/message_fanout.py, one Python process) shares the 2 cores and
# reads every event, so its own lag is in the figure. Writes tests/bench/results/messages-latest.md. Loopback only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=common.sh
source "$ROOT/tests/bench/common.sh"

STREAMS=${BENCH_STREAMS:-500}
RATE=${BENCH_MESSAGE_RATE:-20}
SECONDS_RUN=${BENCH_MESSAGE_SECONDS:-30}
OUT=${BENCH_MESSAGES_OUT:-$ROOT/tests/bench/results/messages-latest.md}
TARGET_MS=1000
WORK=$(mktemp -d /tmp/clinic-messages-bench.XXXXXX)
chmod 755 "$WORK"
finish() { local rc=$?; cleanup_all; rm -rf "$WORK"; exit "$rc"; }
trap finish EXIT
trap 'exit 130' INT TERM

[ "${BENCH_SKIP_BUILD:-}" = 1 ] || build_release
PG_PORT=$(free_port)
start_pg "$WORK/pg" "$PG_PORT" --fast
CONN="$PG_URL;Application Name=clinic-messages-bench"
JWT_KEY=$(head -c 48 /dev/urandom | base64 -w0)
export CONN JWT_KEY
app_verb migrate
seed_practice --synthetic --therapists 1 --couples-per-therapist 2 --sessions-per-couple 1 --seed 7

# 20 a second is far above one person's limit (30 a minute): the bench measures delivery, not the limit.
export Clinic__Messaging__PerMinute=1000000
PORT_A=$(free_port); PORT_B=$(free_port)
start_app "$PORT_A" "$WORK/app-a.log"; PID_A=$APP_PID
start_app "$PORT_B" "$WORK/app-b.log"; PID_B=$APP_PID
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"
TOKEN=$(login "$A" therapist001.s7@synthetic.clinic.test "$SYN_PASSWORD")
couple=$(api GET "$A" "/api/couples?pageSize=1&status=active" "$TOKEN" | jq -r '.items[0].id')
thread=$(api GET "$A" "/api/couples/$couple/threads" "$TOKEN" | jq -r '.items[] | select(.kind == "joint") | .id')

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
messages=$((RATE * SECONDS_RUN))
say "$STREAMS streams over two instances, $messages messages at $RATE/s (load average $load_before)"
ulimit -n 4096 2>/dev/null || true
result=$(python3 "$ROOT/tests/drills/message_fanout.py" --post-base "$A" --stream-base "$A" --stream-base "$B" --token "$TOKEN" \
  --thread "$thread" --streams "$STREAMS" --messages "$messages" --rate "$RATE" --settle 5 --open-timeout 120)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$result" >&2
rss() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo "?"; }
rss_a=$(rss "$PID_A"); rss_b=$(rss "$PID_B")
f() { jq -r ".$1 // \"–\"" <<<"$result"; }
verdict=$(awk -v p="$(f p95_ms)" -v d="$(f delivered)" -v e="$(f expected)" -v t="$TARGET_MS" -v r="$(f ready)" -v s="$STREAMS" \
  'BEGIN { exit !(p != "–" && p + 0 < t && d == e && e > 0 && r == s) }' && echo met || echo MISSED)

mkdir -p "$(dirname "$OUT")"
{
  echo "# Messages: live delivery fanned out to $STREAMS streams on two instances"
  echo
  echo "$(date -u '+%F %H:%M') UTC on $(nproc) cores; two Release instances on one PostgreSQL (LISTEN/NOTIFY), $RATE messages/s for ${SECONDS_RUN} s posted through one."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (other work on the machine counts against the figure)."
  echo
  echo "| streams ready | opens refused 503 (retried) | messages posted | deliveries seen / expected | p50 | p95 | max | peak RSS A / B | target p95 < 1 s |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| $(f ready) of $STREAMS | $(f refused_503) | $(f posted) of $messages | $(f delivered) / $(f expected) | $(f p50_ms) ms | $(f p95_ms) ms | $(f max_ms) ms | $rss_a / $rss_b MB | $verdict |"
  errors=$(jq -r '.errors | join("; ")' <<<"$result")
  [ -z "$errors" ] || { echo; echo "Errors (first 10): $errors"; }
} >"$OUT"
cat "$OUT"
[ "$verdict" = met ] || exit 3
