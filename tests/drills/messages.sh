#!/usr/bin/env bash
# The live-delivery drill (issue 31; part of `make drills`, not of `make test`): two Release instances on one
# PostgreSQL. The therapist holds a message stream on instance B (and one on A); messages are posted through
# instance A, one every half second. LISTEN/NOTIFY must carry each to the stream on the other instance.
#   m1 both streams opened and said `ready` (an open stream holds no admission permit: the posts are not queued)
#   m2 every message posted through A reached the stream held on B, each within 1 s
#   m3 no stream event carried a message's text (ids only) and nothing failed
# Prints "N passed, N failed"; exit status 1 when a check fails. Loopback only; stops everything on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/drills"
# shellcheck source=../bench/common.sh
source "$ROOT/tests/bench/common.sh"
# shellcheck source=common.sh
source "$HERE/common.sh"

MESSAGES=${DRILL_MESSAGES:-10}
drill_start messages-drill

[ "${DRILL_SKIP_BUILD:-}" = 1 ] || build_release

PG_PORT=$(free_port)
drill_database "$WORK/pg" "$PG_PORT" clinic-messages-drill --therapists 1 --couples-per-therapist 2 --sessions-per-couple 1 --seed 13

PORT_A=$(free_port); PORT_B=$(free_port)
start_app "$PORT_A" "$WORK/app-a.log"
start_app "$PORT_B" "$WORK/app-b.log"
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"

TOKEN=$(login "$A" therapist001.s13@synthetic.clinic.test "$SYN_PASSWORD")
couple=$(api GET "$A" "/api/couples?pageSize=1&status=active" "$TOKEN" | jq -r '.items[0].id')
thread=$(api GET "$A" "/api/couples/$couple/threads" "$TOKEN" | jq -r '.items[] | select(.kind == "joint") | .id')

echo "--- m) $MESSAGES messages posted through A, streams held on B and on A"
result=$(python3 "$HERE/message_fanout.py" --post-base "$A" --stream-base "$B" --stream-base "$A" --token "$TOKEN" \
  --thread "$thread" --streams 2 --messages "$MESSAGES" --rate 2 --settle 2)
echo "    $result"
field() { jq -r ".$1 // \"none\"" <<<"$result"; }
check "m1 both streams (one per instance) opened and said ready" test "$(field ready)" = 2
# With one stream per instance: the slowest delivery of all is the bound for the one on B.
check "m2 all $MESSAGES messages reached the stream on the other instance within 1 s ($(field delivered) of $(field expected) deliveries, p95 $(field p95_ms) ms, max $(field max_ms) ms)" \
  awk -v d="$(field delivered)" -v e="$(field expected)" -v m="$(field max_ms)" -v n="$MESSAGES" \
  'BEGIN { exit !(e == 2 * n && d == e && m != "none" && m + 0 < 1000) }'
check "m3 no event carried text, no error ($(jq -c .errors <<<"$result"))" test "$(jq '.errors | length' <<<"$result")" = 0

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
