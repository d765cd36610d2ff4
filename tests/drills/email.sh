#!/usr/bin/env bash
# The email drill (part of `make drills`, not of `make test`: the outage alone is 30 s).
# Two Release instances share one PostgreSQL and one SMTP server (tests/drills/smtp_sink.py, which
# counts deliveries by Message-ID). The SMTP server is unreachable for 30 s while messages fall due;
# then it comes back and one instance is killed with SIGKILL in the middle of delivering. Every due
# message must arrive, once per Message-ID, each Message-ID an outbox id; nothing may be lost.
#   g1 nothing is lost or spent during the outage: every message still pending, no attempt counted
#   g2 every due message arrives: the distinct Message-IDs at the server are exactly the outbox ids
#   g3 each message arrived as one message: a re-delivery (same Message-ID) only for a send the kill
#      interrupted between the server's "250" and the commit — at most one per sender worker killed
#   g4 both instances sent (the work was shared) and the survivor finished after the kill
# Prints "N passed, N failed"; exit status 1 when a check fails. Loopback only; stops everything on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/tests/drills"
# shellcheck source=../bench/common.sh
source "$ROOT/tests/bench/common.sh"
# shellcheck source=common.sh
source "$HERE/common.sh"

OUTAGE_SECONDS=${DRILL_SMTP_OUTAGE_SECONDS:-30}
COUPLES=${DRILL_EMAIL_COUPLES:-200}   # two reminders per couple, plus the invitations below
WORKERS=2
drill_start email-drill

[ "${DRILL_SKIP_BUILD:-}" = 1 ] || build_release

PG_PORT=$(free_port)
drill_database "$WORK/pg" "$PG_PORT" clinic-email-drill --therapists 4 --couples-per-therapist $(((COUPLES + 3) / 4)) --sessions-per-couple 1 --seed 11

SMTP_PORT=$(free_port)
: >"$WORK/received"
python3 "$HERE/smtp_sink.py" "$SMTP_PORT" "$WORK/received" & SINK=$!
STARTED_PIDS+=("$SINK")
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.1; done

export CLINIC_EMAIL_SENDER=true CLINIC_SMTP_PORT=$SMTP_PORT Clinic__Email__Workers=$WORKERS
PORT_A=$(free_port); PORT_B=$(free_port)
start_app "$PORT_A" "$WORK/app-a.log"; PID_A=$APP_PID
start_app "$PORT_B" "$WORK/app-b.log"; PID_B=$APP_PID
A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"

echo "--- g) SMTP unreachable for ${OUTAGE_SECONDS}s while messages fall due; one instance SIGKILLed mid-delivery"
kill -USR1 "$SINK"   # the SMTP server goes away: connections are refused from now on
sleep 0.5

# Messages falling due: appointment reminders for booked appointments (composed when due), written
# straight into the outbox as the app writes them, and invitations sent through both instances' API.
psql_db "$PG_PORT" "
  WITH c AS (SELECT id, therapist_id, row_number() OVER (ORDER BY id) AS n FROM couples ORDER BY id LIMIT $COUPLES),
  a AS (
    INSERT INTO appointments (id, couple_id, therapist_id, starts_at, time_zone, duration_minutes, attendees, format, video_link,
                              status, note_to_clients, sequence, created_at, created_by, changed_at, changed_by, overlap_confirmed)
    SELECT gen_random_uuid(), id, therapist_id, now() + interval '3 hours' + n * interval '1 minute', 'UTC', 50, 'both', 'in_person',
           NULL, 'booked', '', 0, now(), therapist_id, now(), therapist_id, true FROM c
    RETURNING id, couple_id)
  INSERT INTO outbox_messages (id, kind, recipient, user_id, partner_id, about_id, status, due_at, next_attempt_at, attempts, created_at)
  SELECT gen_random_uuid(), 'appointment_reminder', p.email, p.user_id, p.id, a.id, 'pending', now(), now(), 0, now()
  FROM a JOIN partners p ON p.couple_id = a.couple_id" >/dev/null
TOK_A=$(login "$A" therapist001.s11@synthetic.clinic.test "$SYN_PASSWORD")
TOK_B=$(login "$B" therapist002.s11@synthetic.clinic.test "$SYN_PASSWORD")
invited=0
for pair in "$A $TOK_A" "$B $TOK_B"; do
  set -- $pair
  for couple in $(api GET "$1" "/api/couples?pageSize=10&status=active" "$2" | jq -r '.items[].id'); do
    partner=$(api GET "$1" "/api/couples/$couple" "$2" | jq -r '.partners[] | select(.portalStatus != "active") | .id' | head -n1)
    [ -n "$partner" ] || continue
    api POST "$1" "/api/couples/$couple/partners/$partner/invitation" "$2" '{}' >/dev/null && invited=$((invited + 1))
  done
done
due=$(psql_db "$PG_PORT" "SELECT count(*) FROM outbox_messages WHERE status = 'pending' AND due_at <= now()")
echo "    $due messages due ($invited invitations), SMTP server unreachable"

sleep "$OUTAGE_SECONDS"
during=$(grep -c . "$WORK/received" || true)
spent=$(psql_db "$PG_PORT" "SELECT count(*) FROM outbox_messages WHERE status <> 'pending' OR attempts > 0")
refused=$(grep -c "SMTP server unavailable" "$WORK/app-a.log" "$WORK/app-b.log" | awk -F: '{s += $2} END {print s + 0}')
echo "    after ${OUTAGE_SECONDS}s: $during received, $spent rows sent/failed/retried, $refused 'unavailable' waits logged"
check "g1 during the outage nothing is lost or spent (all $due still pending, 0 attempts, 0 received)" \
  test "$during" = 0 -a "$spent" = 0 -a "$due" -gt 0

kill -USR2 "$SINK"   # back
t0=$(date +%s.%N)
# Kill A with SIGKILL once delivery is well under way (a tenth of the messages in).
killed_at=""
for _ in $(seq 1 600); do
  n=$(grep -c . "$WORK/received" || true)
  if [ "$n" -ge $((due / 10)) ]; then kill -KILL "$PID_A"; killed_at=$n; break; fi
  sleep 0.05
done
echo "    SIGKILLed instance A after ${killed_at:-?} deliveries"
for _ in $(seq 1 1200); do
  left=$(psql_db "$PG_PORT" "SELECT count(*) FROM outbox_messages WHERE status = 'pending' AND due_at <= now()")
  [ "$left" = 0 ] && break
  sleep 0.1
done
sleep 1
t1=$(date +%s.%N)

psql_db "$PG_PORT" "SELECT id FROM outbox_messages WHERE due_at <= now() ORDER BY id" | sort >"$WORK/expected"
awk '{print $2}' "$WORK/received" | sed 's/@.*//' | sort >"$WORK/received-ids"
sort -u "$WORK/received-ids" >"$WORK/distinct"
total=$(grep -c . "$WORK/received-ids" || true)
distinct=$(grep -c . "$WORK/distinct" || true)
missing=$(comm -23 "$WORK/expected" "$WORK/distinct" | grep -c . || true)
unknown=$(comm -13 "$WORK/expected" "$WORK/distinct" | grep -c . || true)
sent=$(psql_db "$PG_PORT" "SELECT count(*) FROM outbox_messages WHERE status = 'sent'")
redelivered=$((total - distinct))
echo "    $(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')s after the server came back: $total deliveries, $distinct distinct Message-IDs" \
     "of $due due; missing $missing, unknown $unknown, rows sent $sent, re-delivered under the same Message-ID $redelivered"
check "g2 every due message arrived: the distinct Message-IDs are exactly the $due outbox ids, all marked sent" \
  test "$missing" = 0 -a "$unknown" = 0 -a "$distinct" = "$due" -a "$sent" = "$due"
check "g3 one message per Message-ID; re-deliveries ($redelivered) only of sends cut by the kill (at most $WORKERS)" \
  test "$redelivered" -le "$WORKERS"
b_sent=$(grep -c "" "$WORK/received" || true)
check "g4 the surviving instance finished the work after the kill (${killed_at:-?} before, $((b_sent - ${killed_at:-0})) after)" \
  test -n "$killed_at" -a "$b_sent" -gt "${killed_at:-0}"
kill -0 "$PID_B" 2>/dev/null || fail "instance B is still running"

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
