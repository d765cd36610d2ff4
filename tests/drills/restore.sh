#!/usr/bin/env bash
# Drill g — restoring from backup to a minute. Run by tests/drills/run.sh (make drills); alone:
#   bash tests/drills/restore.sh                       (DRILL_SKIP_BUILD=1 skips the Release build)
# A private cluster archiving WAL with pgBackRest exactly as `make up` does (db/backup.sh, the same
# archive_timeout unless DRILL_ARCHIVE_TIMEOUT is set), the Release app, and writes through HTTP at a
# steady rate (homework entries by a portal client, session records by the therapist):
#   writes → a full backup → more writes → T noted → more writes until T's WAL is archived →
#   writes until a second before the next forced WAL switch (the worst moment) → the cluster is destroyed
#   (postmaster SIGKILLed, its data directory deleted) → restore to T (db/backup.sh restore, as
#   `make restore AT=…`) → the app starts:
#     every write acknowledged before T is present, none acknowledged after T + 1 s is, sign-in works,
#     the audit trail up to T is unchanged and holds a line for every restored write;
#   then restore LATEST along the original timeline (as after a lost disk): no acknowledged write is
#   missing except the newest ones, and the lost window is measured.
# Prints RTO (destruction → the restored app answers /health/ready) and RPO (the lost window:
# destruction → the newest acknowledged write that survived) and fails above DRILL_MAX_RTO (300 s) or
# DRILL_MAX_RPO (60 s). Prints PASS/FAIL lines, then "N passed, N failed".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/drills"
# shellcheck source=../bench/common.sh
source "$ROOT/tests/bench/common.sh"
# shellcheck source=common.sh
source "$HERE/common.sh"

RATE=${DRILL_RESTORE_RATE:-4}                  # writes per second
PHASE=${DRILL_RESTORE_WRITE_SECONDS:-8}        # seconds of writes before the backup, before T, after T
MAX_RTO=${DRILL_MAX_RTO:-300}
MAX_RPO=${DRILL_MAX_RPO:-60}
[ -z "${DRILL_ARCHIVE_TIMEOUT:-}" ] || export CLINIC_ARCHIVE_TIMEOUT=$DRILL_ARCHIVE_TIMEOUT
drill_start restore

[ "${DRILL_SKIP_BUILD:-}" = 1 ] || build_release
"$ROOT/db/backup.sh" ensure-installed
for tool in jq curl python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done

echo "--- g) restoring from backup: point in time, then the latest archived WAL"
PG_PORT=$(free_port)
PGDIR="$WORK/pg"
CONF="$WORK/pgbackrest.conf"
export CLINIC_BACKUP_PATH="$WORK/backup"
"$ROOT/db/backup.sh" configure "$CONF" "$PGDIR" "$PG_PORT"
"$ROOT/db/cluster.sh" start "$PGDIR" "$PG_PORT" --archive "$CONF" >&2
STARTED_CLUSTERS+=("$PGDIR")
"$ROOT/db/backup.sh" stanza "$CONF"
CONN="$("$ROOT/db/cluster.sh" url "$PGDIR" "$PG_PORT" clinic);Application Name=clinic-restore-drill"
JWT_KEY=$(head -c 48 /dev/urandom | base64 -w0)
export CONN JWT_KEY
# One access token lasts the whole drill (the writer never refreshes).
export Clinic__Jwt__AccessTokenMinutes=60
app_verb migrate
seed_practice --synthetic --therapists 1 --couples-per-therapist 4 --sessions-per-couple 4 --seed 23
sql() { psql_db "$PG_PORT" "$1"; }
ARCHIVE_TIMEOUT=$(sql "SELECT setting FROM pg_settings WHERE name = 'archive_timeout'")
echo "    cluster :$PG_PORT archiving to $CLINIC_BACKUP_PATH, archive_timeout ${ARCHIVE_TIMEOUT}s"

APP_PORT=$(free_port); A="http://127.0.0.1:$APP_PORT"
start_app "$APP_PORT" "$WORK/app-1.log"; APP=$APP_PID
T_EMAIL=therapist001.s23@synthetic.clinic.test
TOK=$(login "$A" "$T_EMAIL" "$SYN_PASSWORD")
COUPLE=$(api GET "$A" "/api/couples?pageSize=100&status=active" "$TOK" | jq -r '.items[0].id')
line=$(portal_client "$A" "$TOK" "$COUPLE") || die "could not set up a portal client"
C_EMAIL=${line%% *}; ASSIGNMENT=${line#* }
CTOK=$(login "$A" "$C_EMAIL" "$CLIENT_PASSWORD")

ACKS="$WORK/acks"; STOP="$WORK/stop-writes"; : >"$ACKS"
python3 "$HERE/restore_load.py" "$A" "$TOK" "$COUPLE" "$CTOK" "$ASSIGNMENT" "$RATE" "$ACKS" "$STOP" &
WRITER=$!; STARTED_PIDS+=("$WRITER")
now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
sleep "$PHASE"
backup_line=$("$ROOT/db/backup.sh" backup "$CONF" full)
echo "    $backup_line"
sleep "$PHASE"
T=$(now)
T_SQL=$(date -u -d "@$T" '+%F %T.%6N+00')
echo "    T = $T_SQL ($(wc -l <"$ACKS") writes acknowledged so far)"
sleep "$PHASE"

# T (and a second after it) must be in the archive: wait for the first segment archived after T + 1 s.
archived() { sql "SELECT coalesce(extract(epoch FROM last_archived_time), 0) || ' ' || coalesce(last_archived_wal, '') FROM pg_stat_archiver"; }
S=0; S_WAL=""
for _ in $(seq 1 $(( (2 * ARCHIVE_TIMEOUT + 20) * 4 ))); do
  read -r S S_WAL <<<"$(archived)"
  awk -v s="$S" -v t="$T" 'BEGIN { exit !(s >= t + 1.5) }' && break
  sleep 0.25
done
awk -v s="$S" -v t="$T" 'BEGIN { exit !(s >= t + 1.5) }' \
  || die "no WAL segment was archived within $((2 * ARCHIVE_TIMEOUT + 20)) s after T: archive_timeout is not working"
# W: when that segment was switched out — its file's last write, the switch record (pg_wal keeps it until a checkpoint recycles it).
W=$(sql "SELECT extract(epoch FROM modification) FROM pg_ls_waldir() WHERE name = '$S_WAL'")
[ -n "$W" ] || W=$S
LATENCY=$(sub "$S" "$W")
echo "    WAL up to $(sub "$S" "$T") s after T archived (segment $S_WAL, stored $LATENCY s after its switch)"
# The audit trail up to a second before T, as it stands: it must come back unchanged.
AUDIT_CUT=$(date -u -d "@$(awk -v t="$T" 'BEGIN { printf "%.6f", t - 1 }')" '+%F %T.%6N+00')
audit_digest() { sql "SELECT count(*) || ' ' || md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) FROM audit_events a WHERE occurred_at < '$AUDIT_CUT'"; }
AUDIT_BEFORE=$(audit_digest)

# The worst moment to lose the disk: a second before the next forced switch (archive_timeout after W).
wake=$(awk -v w="$W" -v t="$ARCHIVE_TIMEOUT" 'BEGIN { printf "%.3f", w + t - 1 }')
wait_s=$(awk -v w="$wake" -v n="$(now)" 'BEGIN { d = w - n; printf "%.3f", (d > 0 ? d : 0) }')
echo "    writing on for ${wait_s}s, then the disk is lost"
sleep "$wait_s"
PM=$(head -n1 "$PGDIR/postmaster.pid")
CHILDREN=$(ps -o pid= --ppid "$PM" | tr -d ' ' || true)
kill -KILL "$PM" $CHILDREN 2>/dev/null || true
rm -rf "$PGDIR"
DESTROYED=$(now)
touch "$STOP"; wait "$WRITER" 2>/dev/null || true
stop_pid "$APP"
TOTAL=$(wc -l <"$ACKS")
echo "    cluster destroyed at $(date -u -d "@$DESTROYED" '+%T.%2N') after $TOTAL acknowledged writes"

# restore_and_start TARGET [TIMELINE] — as make restore: db/backup.sh restore, then the app on a new
# port (RESTORED_PORT, RESTORED_APP), then the replaced directory removed.
restore_and_start() {
  local out aside
  out=$("$ROOT/db/backup.sh" restore "$CONF" "$PGDIR" "$PG_PORT" "$1" ${2:-}) || die "db/backup.sh restore $1 failed"
  aside=$(sed -n 's/^ASIDE=//p' <<<"$out")
  RESTORED_PORT=$(free_port)
  start_app "$RESTORED_PORT" "$WORK/app-$RESTORED_PORT.log"
  RESTORED_APP=$APP_PID
  "$ROOT/db/backup.sh" restore-finish "$aside"
}
# A freshly started app on a busy machine may take its first sign-in past curl's limit: try three times.
signin() { local t; for _ in 1 2; do t=$(login "$@" 2>/dev/null) && { echo "$t"; return 0; }; sleep 2; done; login "$@"; }
present_ids() { # FILE of acknowledgements — the acknowledged ids the restored database holds, one a line
  local entries sessions
  entries=$(awk '$3 == "entry" { printf "%s'\''%s'\''", sep, $4; sep = "," }' "$1")
  sessions=$(awk '$3 == "session" { printf "%s'\''%s'\''", sep, $4; sep = "," }' "$1")
  sql "SELECT id FROM homework_entries WHERE id IN (${entries:-NULL}) UNION ALL SELECT id FROM sessions WHERE id IN (${sessions:-NULL})"
}

START=$(now)
restore_and_start "$T_SQL"; B="http://127.0.0.1:$RESTORED_PORT"
READY=$(now)
RTO=$(sub "$READY" "$DESTROYED")
present_ids "$ACKS" | sort >"$WORK/present-t"
awk -v t="$T" '$2 < t { print $4 }' "$ACKS" | sort >"$WORK/before-t"
awk -v t="$T" '$2 > t + 1 && $1 > t { print $4 }' "$ACKS" | sort >"$WORK/after-t"
straddling=$(awk -v t="$T" '$2 > t + 1 && $1 <= t' "$ACKS" | wc -l)
[ "$straddling" = 0 ] && straddling="" || straddling=" ($straddling sent before T and acknowledged after T + 1 s: not judged)"
missing=$(comm -23 "$WORK/before-t" "$WORK/present-t" | wc -l)
extra=$(comm -12 "$WORK/after-t" "$WORK/present-t" | wc -l)
echo "    restored to T: $(wc -l <"$WORK/before-t") writes acknowledged before T, $missing missing;" \
  "$(wc -l <"$WORK/after-t") acknowledged after T + 1 s, $extra present$straddling"
check "g1 every write acknowledged before T is restored" test "$missing" = 0 -a -s "$WORK/before-t"
check "g2 no write acknowledged after T + 1 s is restored" test "$extra" = 0 -a -s "$WORK/after-t"
t2=$(signin "$B" "$T_EMAIL" "$SYN_PASSWORD"); c2=$(signin "$B" "$C_EMAIL" "$CLIENT_PASSWORD")
check "g3 the therapist and the client sign in to the restored app" \
  test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $t2" "$B/api/me")" = 200 \
  -a "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $c2" "$B/api/portal/me")" = 200
AUDIT_AFTER=$(audit_digest)
ids=$(awk '{ printf "%s'\''%s'\''", sep, $1; sep = "," }' "$WORK/present-t")
audited=$(sql "SELECT count(DISTINCT resource_id) FROM audit_events WHERE action IN ('homework.entry.create', 'session.create') AND resource_id IN (${ids:-NULL})")
trigger=$(sql "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_events_no_update' AND tgenabled <> 'D'")
echo "    audit trail before T - 1 s: $AUDIT_BEFORE before, $AUDIT_AFTER after; $audited of $(wc -l <"$WORK/present-t") restored writes audited"
check "g4 the audit trail up to T is intact (same rows, a line for each restored write, still append-only)" \
  test "$AUDIT_BEFORE" = "$AUDIT_AFTER" -a "$audited" = "$(wc -l <"$WORK/present-t")" -a "$trigger" = 1
echo "    RTO $RTO s (destruction → the app restored to T answers /health/ready; restore and start $(sub "$READY" "$START") s)"
check "g5 RTO ${RTO}s is within ${MAX_RTO}s" awk -v r="$RTO" -v m="$MAX_RTO" 'BEGIN { exit !(r <= m) }'

# A lost disk: everything the archive holds of the original timeline.
stop_pid "$RESTORED_APP"
restore_and_start LATEST 1; L="http://127.0.0.1:$RESTORED_PORT"
present_ids "$ACKS" | sort >"$WORK/present-latest"
newest=$(awk 'NR == FNR { keep[$1] = 1; next } ($4 in keep) && $2 > max { max = $2 } END { printf "%.6f", max }' "$WORK/present-latest" "$ACKS")
holes=$(awk -v n="$newest" 'NR == FNR { keep[$1] = 1; next } $2 <= n && !($4 in keep)' "$WORK/present-latest" "$ACKS" | wc -l)
lost=$(( TOTAL - $(wc -l <"$WORK/present-latest") ))
RPO=$(sub "$DESTROYED" "$newest")
echo "    restored LATEST: $(wc -l <"$WORK/present-latest") of $TOTAL acknowledged writes, the newest $lost lost, $holes missing before them"
check "g6 after a lost disk every acknowledged write up to the newest archived one is there, and more than up to T" \
  test "$holes" = 0 && awk -v n="$newest" -v t="$T" 'BEGIN { exit !(n > t + 1) }'
t3=$(signin "$L" "$T_EMAIL" "$SYN_PASSWORD")
check "g7 sign-in works after restoring LATEST" \
  test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $t3" "$L/api/me")" = 200
WORST=$(awk -v t="$ARCHIVE_TIMEOUT" -v l="$LATENCY" 'BEGIN { printf "%.1f", t + 1 + l }')
echo "    RPO $RPO s (writes of the last $RPO s before the disk was lost are gone; lost a second before the next forced switch;" \
  "worst case on this machine: archive_timeout ${ARCHIVE_TIMEOUT} s + 1 s switch + $LATENCY s archiving = $WORST s)"
check "g8 RPO ${RPO}s is within ${MAX_RPO}s" awk -v r="$RPO" -v m="$MAX_RPO" 'BEGIN { exit !(r <= m) }'
echo "RESULT restore drill: RTO ${RTO}s, RPO ${RPO}s (worst case ${WORST}s)"

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
