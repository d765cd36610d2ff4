#!/usr/bin/env bash
# Drill f — losing the primary. Run by tests/drills/run.sh (make drills); alone:
#   DRILL_SKIP_BUILD=1 bash tests/drills/failover.sh
# A primary and a streaming standby from the machine's PostgreSQL binaries (pg_basebackup, synchronous
# replication: a commit returns only once the standby has it); two app instances with multi-host
# connection strings (writes: Target Session Attributes=primary; dashboards and lists:
# ConnectionStrings__ClinicReadOnly, prefer-standby) behind the round-robin proxy; portal writes with
# Idempotency-Keys and therapist dashboards under load; the primary SIGKILLed, the standby promoted
# with pg_ctl promote after DRILL_DETECT_SECONDS (1: a failover manager's detection time adds to it).
# Prints PASS/FAIL lines, the seconds of unavailability, then "N passed, N failed".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/drills"
# shellcheck source=../bench/common.sh
source "$ROOT/tests/bench/common.sh"
# shellcheck source=common.sh
source "$HERE/common.sh"

BEFORE=${DRILL_FAILOVER_BEFORE:-8}      # seconds of load before the kill
AFTER=${DRILL_FAILOVER_AFTER:-12}       # seconds of load after it
DETECT=${DRILL_DETECT_SECONDS:-1}
MAX_OUTAGE=${DRILL_MAX_OUTAGE:-10}      # "at most a few seconds"
drill_start failover
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi; }
sql() { psql_db "$@"; } # PORT SQL, database clinic

[ "${DRILL_SKIP_BUILD:-}" = 1 ] || build_release

echo "--- f) losing the primary: synchronous standby promoted under load"
P1=$(free_port); P2=$(free_port)
drill_database "$WORK/pg1" "$P1" "" --therapists 1 --couples-per-therapist 8 --sessions-per-couple 6 --seed 11

# The standby: a base backup streaming from the primary, named so the primary can wait for it.
mkdir -m 700 "$WORK/pg2"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK/pg2"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$WORK/pg2" -X stream -R -c fast >&2
echo "primary_conninfo = 'host=127.0.0.1 port=$P1 user=postgres application_name=standby1'" >>"$WORK/pg2/postgresql.auto.conf"
"$ROOT/db/cluster.sh" start "$WORK/pg2" "$P2" >&2
STARTED_CLUSTERS+=("$WORK/pg2")
sql "$P1" "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" >/dev/null
sql "$P1" "SELECT pg_reload_conf()" >/dev/null
state=""
for _ in $(seq 1 50); do
  state=$(sql "$P1" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
  [ "$state" = sync ] && break
  sleep 0.2
done
[ "$state" = sync ] || die "the standby did not become synchronous (state: ${state:-none})"
echo "    primary :$P1, synchronous standby :$P2 (in recovery: $(sql "$P2" "SELECT pg_is_in_recovery()"))"

# Both instances know both hosts; which one is the primary is found at connect time.
CONN="Host=127.0.0.1:$P1,127.0.0.1:$P2;Username=postgres;Database=clinic;Target Session Attributes=primary;Application Name=clinic-drill"
CONN_RO="Host=127.0.0.1:$P2,127.0.0.1:$P1;Username=postgres;Database=clinic;Target Session Attributes=prefer-standby;Application Name=clinic-drill-ro"
export CONN CONN_RO
PORT_A=$(free_port); PORT_B=$(free_port)
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"
start_app "$PORT_A" "$WORK/app-a.log"
start_app "$PORT_B" "$WORK/app-b.log"
PROXY_PORT=$(free_port); P="http://127.0.0.1:$PROXY_PORT"
python3 "$HERE/proxy.py" "$PROXY_PORT" "$PORT_A" "$PORT_B" & STARTED_PIDS+=("$!")
for _ in $(seq 1 50); do curl -s -o /dev/null --max-time 1 "$P/health/live" && break; sleep 0.1; done

T_EMAIL=therapist001.s11@synthetic.clinic.test
TOK=$(login "$A" "$T_EMAIL" "$SYN_PASSWORD")
COUPLES=($(api GET "$A" "/api/couples?pageSize=100&status=active" "$TOK" | jq -r '.items[].id'))
: >"$WORK/writes"; : >"$WORK/reads"
assignments=()
for c in "${COUPLES[@]}"; do
  [ ${#assignments[@]} -ge 3 ] && break
  # The couple list on the standby may lag the invitation by a moment; the API reads it back from the primary.
  line=$(portal_client "$A" "$TOK" "$c" 2>/dev/null) || continue
  email=${line%% *}; asg=${line#* }
  echo "$asg $(login "$A" "$email" "$CLIENT_PASSWORD")" >>"$WORK/writes"
  assignments+=("'$asg'")
done
[ ${#assignments[@]} -ge 3 ] || die "could not set up three portal clients"
echo "/api/dashboard/caseload $TOK" >>"$WORK/reads"
for c in "${COUPLES[@]:0:4}"; do echo "/api/couples/$c/dashboard $TOK" >>"$WORK/reads"; done
echo "/api/couples?pageSize=25 $TOK" >>"$WORK/reads"
in_list=$(IFS=,; echo "${assignments[*]}")
before=$(sql "$P1" "SELECT count(*) FROM homework_entries WHERE assignment_id IN ($in_list)")

python3 "$HERE/failover_load.py" "$P" "$WORK/writes" "$WORK/reads" $((BEFORE + AFTER)) 12 4 "$WORK" "$WORK/killed-at" \
  >"$WORK/load.out" & LOAD=$!
STARTED_PIDS+=("$LOAD")
sleep "$BEFORE"
ro_on_standby=$(sql "$P2" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'clinic-drill-ro'")
ro_on_primary=$(sql "$P1" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'clinic-drill-ro'")
rw_on_primary=$(sql "$P1" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'clinic-drill'")

# SIGKILL the primary's postmaster and every process it started, as when its host is lost. Stopped
# first, so it forks no backend between listing its children and killing them (an orphaned backend
# would go on serving its connection).
pm=$(head -n1 "$WORK/pg1/postmaster.pid")
kill -STOP "$pm"
kill -KILL $(pgrep -P "$pm") "$pm" 2>/dev/null || true
date +%s.%N >"$WORK/killed-at"
sleep "$DETECT"
as_pg "$PG_BIN/pg_ctl" promote -D "$WORK/pg2" -w -t 30 >/dev/null
promoted=$(awk -v k="$(cat "$WORK/killed-at")" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - k }')
echo "    primary killed; standby promoted ${promoted} s later (in recovery: $(sql "$P2" "SELECT pg_is_in_recovery()"))"

wait "$LOAD" || true
summary=$(cat "$WORK/load.out")
echo "    $summary"
js() { jq -r ".$1" "$WORK/summary.json"; }
acked=$(sort -u "$WORK/acked" | grep -c . || true)
after=$(sql "$P2" "SELECT count(*) FROM homework_entries WHERE assignment_id IN ($in_list)")
keys_file="$WORK/acked-keys.sql"
{ echo "CREATE TEMP TABLE acked (key text);"; echo "COPY acked FROM STDIN;"; sort -u "$WORK/acked"; echo '\.'
  echo "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.key = a.key AND k.status_code = 201);"
} >"$keys_file"
missing=$("$PG_BIN/psql" -X -q -A -t -h 127.0.0.1 -p "$P2" -U postgres -d clinic -v ON_ERROR_STOP=1 -f "$keys_file" | tail -n1)
outage=$(js unavailable_seconds)
echo "    unavailable for ${outage} s (kill → first acknowledged write begun after it); reads back after $(js reads_unavailable_seconds) s;" \
  "errors until $(js error_window_seconds) s; $(js answers_503) answers 503; stored $((after - before)) of $acked acknowledged, $missing keys missing"

check "f1 dashboards and lists are read from the standby, writes go to the primary (standby: $ro_on_standby read connections, primary: $ro_on_primary; primary: $rw_on_primary write connections)" \
  test "$ro_on_standby" -gt 0 -a "$ro_on_primary" = 0 -a "$rw_on_primary" -gt 0 -a "$(js reads_before_kill)" -gt 0
check "f2 while the primary is gone the app answers 503 problem+json, nothing else ($(js answers_other | tr -d '\n'))" \
  test "$(js answers_other)" = "{}" -a "$(js writes_unacknowledged)" = 0
check "f3 writes are back within ${MAX_OUTAGE} s of the kill (${outage} s)" \
  awk -v s="$outage" -v m="$MAX_OUTAGE" 'BEGIN { exit !(s != "null" && s <= m) }'
check "f4 every acknowledged write is on the promoted standby: $((after - before)) entries for $acked keys, $missing keys missing" \
  test "$((after - before))" = "$acked" -a "$missing" = 0 -a "$acked" -gt 0
b_ok=""
for base in "$A" "$B"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 6 -H "Authorization: Bearer $TOK" "$base/api/dashboard/caseload" || true)
  b_ok="$b_ok $code"
done
check "f5 both instances serve the dashboards from the new primary without a restart (${b_ok# })" test "$b_ok" = " 200 200"

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
