#!/usr/bin/env bash
# make drills: operational drills against the Release app, each printing PASS/FAIL.
#   a) two instances on one database behind a round-robin proxy: sign-in/refresh across them,
#      one row for one Idempotency-Key sent to both, a stale write across instances is 409
#   b) PostgreSQL restarted mid-load: fast 503 problem+json, /health/ready 503 then 200, no
#      request past 5 s, earlier writes kept
#   c) SIGTERM during requests: in-flight requests finish, exit code 0
#   d) a connection cut during a homework post: the retry with the same key stores one entry
#   e) portal write load: DRILL_CLIENTS (200) simulated clients for DRILL_LOAD_SECONDS (60) with
#      retries through a proxy that cuts 3 % of portal connections; stored = acknowledged keys
#   f) losing the primary (failover.sh): a synchronous standby promoted under load, dashboards read
#      from it before; 503 problem details for a second or two, no acknowledged write lost.
#      DRILL_FAILOVER=0 leaves it out (make test does: it adds about 1.5 min).
#   g) restoring from backup (restore.sh): writes, a pgBackRest backup, more writes, the cluster
#      destroyed, restored to a time T and then to the latest archived WAL; prints RTO and RPO and fails
#      above 5 min or 60 s. DRILL_RESTORE=0 leaves it out; make test runs it with a 5 s archive_timeout
#      (DRILL_ARCHIVE_TIMEOUT) and 3 s write phases (about 1.5 min instead of about 4).
# Everything runs on 127.0.0.1 and is stopped on exit. Exit status 1 when a drill fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/drills"
# shellcheck source=../bench/common.sh
source "$ROOT/tests/bench/common.sh"
# shellcheck source=common.sh
source "$HERE/common.sh"

LOAD_SECONDS=${DRILL_LOAD_SECONDS:-60}
LOAD_CLIENTS=${DRILL_CLIENTS:-200}
drill_start drills

# Tracks spawned helper processes so cleanup_all stops them too.
spawn() { "$@" & STARTED_PIDS+=("$!"); LAST_PID=$!; }

[ "${DRILL_SKIP_BUILD:-}" = 1 ] || build_release

PG_PORT=$(free_port)
PGDIR="$WORK/pg"
drill_database "$PGDIR" "$PG_PORT" clinic-drills --therapists 2 --couples-per-therapist 12 --sessions-per-couple 10 --seed 7

PORT_A=$(free_port); PORT_B=$(free_port)
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"
start_app "$PORT_A" "$WORK/app-a.log"; PID_A=$APP_PID
start_app "$PORT_B" "$WORK/app-b.log"; PID_B=$APP_PID
PROXY_PORT=$(free_port); P="http://127.0.0.1:$PROXY_PORT"
spawn python3 "$HERE/proxy.py" "$PROXY_PORT" "$PORT_A" "$PORT_B"
for _ in $(seq 1 50); do curl -s -o /dev/null --max-time 1 "$P/health/live" && break; sleep 0.1; done

T_EMAIL=therapist001.s7@synthetic.clinic.test
TOK=$(login "$A" "$T_EMAIL" "$SYN_PASSWORD")
COUPLES=$(api GET "$A" "/api/couples?pageSize=100&status=active" "$TOK" | jq -r '.items[].id')
CLIENT_LINES=()
for c in $COUPLES; do
  [ ${#CLIENT_LINES[@]} -ge 6 ] && break
  if line=$(portal_client "$A" "$TOK" "$c" 2>/dev/null); then CLIENT_LINES+=("$line|$c"); fi
done
[ ${#CLIENT_LINES[@]} -ge 6 ] || die "could not set up six portal clients"
client_email() { local l=${CLIENT_LINES[$1]}; echo "${l%% *}"; }
client_assignment() { local l=${CLIENT_LINES[$1]%%|*}; echo "${l#* }"; }
client_couple() { echo "${CLIENT_LINES[$1]##*|}"; }
entries_of() { psql_db "$PG_PORT" "SELECT count(*) FROM homework_entries WHERE assignment_id = '$1'"; }
# post_entry BASE TOKEN ASSIGNMENT KEY [EXTRA_CURL_ARGS…] — prints the status code (000 when cut).
post_entry() {
  local base=$1 token=$2 assignment=$3 key=$4; shift 4
  curl -s -o /dev/null -w '%{http_code}' --max-time 6 "$@" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: $key" -d "$(reach_out_body)" \
    "$base/api/portal/homework/$assignment/entries" || true
}

echo "--- a) two instances behind a round-robin proxy"
login_body=$(jq -nc --arg e "$T_EMAIL" --arg p "$SYN_PASSWORD" '{email:$e,password:$p}')
cookie=$(curl -s -D - -o /dev/null --max-time 20 -H 'Content-Type: application/json' -d "$login_body" "$A/api/auth/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: clinic_refresh=\([^;]*\).*/\1/p' | tr -d '\r')
refreshed=$(curl -s --max-time 20 -X POST -H "Cookie: clinic_refresh=$cookie" "$B/api/auth/refresh" | jq -r '.accessToken // empty')
check "a1 signed in on A, refreshed on B, the new token works on A" \
  test -n "$refreshed" -a "$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 -H "Authorization: Bearer ${refreshed:-x}" "$A/api/me")" = 200

ctok=$(login "$P" "$(client_email 0)" "$CLIENT_PASSWORD")
asg=$(client_assignment 0)
before=$(entries_of "$asg")
key="drill-a-$RANDOM-$RANDOM"
post_entry "$A" "$ctok" "$asg" "$key" >"$WORK/a-first" & w1=$!
post_entry "$B" "$ctok" "$asg" "$key" >"$WORK/a-second" & w2=$!
wait "$w1" "$w2" 2>/dev/null || true
third=$(post_entry "$P" "$ctok" "$asg" "$key")
after=$(entries_of "$asg")
echo "    same key on A, B and via the proxy: $(cat "$WORK/a-first") $(cat "$WORK/a-second") $third; entries +$((after - before))"
check "a2 one Idempotency-Key sent to both instances stores exactly one entry" test $((after - before)) = 1 -a "$third" = 201

couple=$(client_couple 1)
version=$(api GET "$A" "/api/couples/$couple" "$TOK" | jq -r .version)
patch() { curl -s -o /dev/null -w '%{http_code}' --max-time 6 -X PATCH -H "Authorization: Bearer $TOK" \
  -H 'Content-Type: application/json' -d "{\"version\":$2,\"goals\":\"$3\"}" "$1/api/couples/$couple"; }
first=$(patch "$B" "$version" "Goals written on B")
stale=$(patch "$A" "$version" "Goals written on A from a stale read")
check "a3 stale write across instances is 409 (B: $first, A: $stale)" test "$first" = 200 -a "$stale" = 409

echo "--- d) a connection cut during a homework post"
ctok=$(login "$A" "$(client_email 2)" "$CLIENT_PASSWORD")
asg=$(client_assignment 2)
ok=1
for i in 1 2 3 4 5; do
  before=$(entries_of "$asg")
  key="drill-d-$i-$RANDOM$RANDOM"
  cut=$(post_entry "$P" "$ctok" "$asg" "$key" -H 'X-Drill-Drop: 1')
  retry=$(post_entry "$P" "$ctok" "$asg" "$key")
  [ "$retry" = 409 ] && { sleep 0.5; retry=$(post_entry "$P" "$ctok" "$asg" "$key"); }
  after=$(entries_of "$asg")
  echo "    attempt $i: cut → $cut, retry → $retry, entries +$((after - before))"
  [ "$cut" = 000 ] && [ "$retry" = 201 ] && [ $((after - before)) = 1 ] || ok=0
done
check "d1 five cut posts, each retried with its key: one entry each" test "$ok" = 1

echo "--- b) PostgreSQL restarted mid-load"
ctok=$(login "$A" "$(client_email 3)" "$CLIENT_PASSWORD")
asg=$(client_assignment 3)
code=$(post_entry "$A" "$ctok" "$asg" "drill-b-before-$RANDOM$RANDOM")
kept_before=$(entries_of "$asg")
: >"$WORK/b-requests"
load_loop() { # bounded: at most 400 requests or 40 s
  local end=$((SECONDS + 40)) n=0
  while [ $n -lt 400 ] && [ $SECONDS -lt $end ] && [ ! -f "$WORK/b-stop" ]; do
    curl -s -o "$WORK/b-body-$1" -w '%{http_code} %{time_total} %{content_type}\n' --max-time 6 \
      -H "Authorization: Bearer $TOK" "$A/api/couples?pageSize=5" >>"$WORK/b-requests" || echo "000 6 none" >>"$WORK/b-requests"
    n=$((n + 1)); sleep 0.05
  done
}
spawn load_loop 1; L1=$LAST_PID
spawn load_loop 2; L2=$LAST_PID
sleep 1
"$ROOT/db/cluster.sh" stop "$PGDIR" >/dev/null 2>&1
sleep 2
down_ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 "$A/health/ready" || true)
down_body=$(curl -s -D "$WORK/b-headers" --max-time 6 -H "Authorization: Bearer $TOK" "$A/api/couples?pageSize=5" || true)
down_type=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$WORK/b-headers" | tr -d '\r')
"$ROOT/db/cluster.sh" start "$PGDIR" "$PG_PORT" >/dev/null 2>&1
recovered=""
for i in $(seq 1 30); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 "$A/health/ready" || true)" = 200 ] && { recovered="${i}"; break; }
  sleep 0.5
done
sleep 1; touch "$WORK/b-stop"; wait "$L1" "$L2" 2>/dev/null || true
statuses=$(cut -d' ' -f1 "$WORK/b-requests" | sort | uniq -c | tr '\n' ' ')
slowest=$(cut -d' ' -f2 "$WORK/b-requests" | sort -g | tail -n1)
bad=$(awk '$1 != 200 && $1 != 503' "$WORK/b-requests" | wc -l)
problem503=$(awk '$1 == 503 && $3 !~ /problem\+json/' "$WORK/b-requests" | wc -l)
echo "    load during the restart: $statuses; slowest ${slowest}s; while down: ready=$down_ready, api content-type=$down_type"
check "b1 requests while the database is down answer 503 problem+json, nothing else fails" \
  test "$bad" = 0 -a "$problem503" = 0 -a "$(jq -r .status <<<"$down_body" 2>/dev/null)" = 503 -a "${down_type%%;*}" = application/problem+json
check "b2 /health/ready is 503 while down and 200 again after the restart" test "$down_ready" = 503 -a -n "$recovered"
check "b3 no request took 5 s or more (slowest ${slowest}s)" awk -v s="$slowest" 'BEGIN { exit !(s < 5) }'
check "b4 the entry written before the restart is still there" test "$code" = 201 -a "$(entries_of "$asg")" = "$kept_before"
# B sat idle through the restart, so its pooled connections are dead: at most one request may
# meet one (503, and the pool is cleared); the next is served.
b_codes=""
for _ in 1 2 3; do
  c=$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 -H "Authorization: Bearer $TOK" "$B/api/couples?pageSize=5" || true)
  b_codes="$b_codes $c"; [ "$c" = 200 ] && break
done
check "b5 the idle instance B serves again after the restart, at most one 503 first (B:$b_codes)" \
  test "$c" = 200 -a "$(wc -w <<<"$b_codes")" -le 2

echo "--- e) portal write load: $LOAD_CLIENTS clients for ${LOAD_SECONDS}s with retries, 3 % of connections cut"
LPORT=$(free_port); LP="http://127.0.0.1:$LPORT"
spawn python3 "$HERE/proxy.py" "$LPORT" "$PORT_A" "$PORT_B" --drop-rate 0.03
for _ in $(seq 1 50); do curl -s -o /dev/null --max-time 1 "$LP/health/live" && break; sleep 0.1; done
: >"$WORK/load-targets"
asgs=()
for i in 4 5; do
  echo "$(client_assignment $i) $(login "$A" "$(client_email $i)" "$CLIENT_PASSWORD")" >>"$WORK/load-targets"
  asgs+=("'$(client_assignment $i)'")
done
before=$(psql_db "$PG_PORT" "SELECT count(*) FROM homework_entries WHERE assignment_id IN ($(IFS=,; echo "${asgs[*]}"))")
summary=$(timeout $((LOAD_SECONDS + 150)) python3 "$HERE/portal_load.py" "$LP" "$WORK/load-targets" "$LOAD_SECONDS" "$LOAD_CLIENTS" "$WORK/acked")
after=$(psql_db "$PG_PORT" "SELECT count(*) FROM homework_entries WHERE assignment_id IN ($(IFS=,; echo "${asgs[*]}"))")
acked=$(sort -u "$WORK/acked" | grep -c . || true)
echo "    $summary; stored $((after - before))"
check "e1 stored entries ($((after - before))) equal distinct acknowledged keys ($acked)" test $((after - before)) = "$acked" -a "$acked" -gt 0

echo "--- c) SIGTERM during requests"
# 30 keep-alive connections the app has accepted, a caseload request on each, SIGTERM 0.2 s later.
inflight=$(python3 "$HERE/inflight.py" "$PORT_B" "$TOK" /api/dashboard/caseload 30 "$PID_B")
[[ "$inflight" == *" failed=0 "* ]] && all_ok=1 || all_ok=0
exit_code=""
for _ in $(seq 1 250); do
  if ! kill -0 "$PID_B" 2>/dev/null; then wait "$PID_B" 2>/dev/null && exit_code=0 || exit_code=$?; break; fi
  sleep 0.1
done
echo "    $inflight; exit code ${exit_code:-still running after 25 s}"
check "c1 all 30 requests in flight at SIGTERM are answered 200" test "$all_ok" = 1
check "c2 the process exits 0 after SIGTERM" test "$exit_code" = 0

if [ "${DRILL_FAILOVER:-1}" = 1 ]; then
  # Its own clusters and instances; the counts join this script's.
  cleanup_all; STARTED_PIDS=(); STARTED_CLUSTERS=()
  DRILL_SKIP_BUILD=1 bash "$HERE/failover.sh" | tee "$WORK/failover.out" || true
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/failover.out" | tail -n1)
  if [ -n "$last" ]; then
    read -r fp _ ff _ <<<"$last"; PASSED=$((PASSED + fp)); FAILED=$((FAILED + ff))
  else
    fail "f) the failover drill did not finish"
  fi
fi

if [ "${DRILL_RESTORE:-1}" = 1 ]; then
  cleanup_all; STARTED_PIDS=(); STARTED_CLUSTERS=()
  DRILL_SKIP_BUILD=1 bash "$HERE/restore.sh" | tee "$WORK/restore.out" || true
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$WORK/restore.out" | tail -n1)
  if [ -n "$last" ]; then
    read -r rp _ rf _ <<<"$last"; PASSED=$((PASSED + rp)); FAILED=$((FAILED + rf))
  else
    fail "g) the restore drill did not finish"
  fi
fi

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
