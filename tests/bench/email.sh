#!/usr/bin/env bash
# make bench (email part): how long 1,000 due reminders take to reach a local SMTP server.
# One Release instance (2 sender workers, its defaults) on a private PostgreSQL; 500 booked joint
# appointments with a reminder each for both partners (1,000 rows, composed when due, as the app
# writes them) all fall due at T0; the SMTP server (tests/drills/smtp_sink.py) records each arrival.
# Reports seconds from T0 to the last arrival and messages per second. Target: under 60 s on 2 cores.
# Writes tests/bench/results/email-latest.md. Loopback only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=common.sh
source "$ROOT/tests/bench/common.sh"

REMINDERS=${BENCH_REMINDERS:-1000}
TARGET_SECONDS=60
WORK=$(mktemp -d /tmp/clinic-email-bench.XXXXXX)
chmod 755 "$WORK"
finish() { local rc=$?; cleanup_all; rm -rf "$WORK"; exit "$rc"; }
trap finish EXIT
trap 'exit 130' INT TERM

[ "${BENCH_SKIP_BUILD:-}" = 1 ] || build_release
PG_PORT=$(free_port)
start_pg "$WORK/pg" "$PG_PORT" --fast
CONN="$PG_URL;Application Name=clinic-email-bench"
JWT_KEY=$(head -c 48 /dev/urandom | base64 -w0)
export CONN JWT_KEY
app_verb migrate
couples=$(((REMINDERS + 1) / 2))
seed_practice --synthetic --therapists 5 --couples-per-therapist $(((couples + 4) / 5)) --sessions-per-couple 1 --seed 5

SMTP_PORT=$(free_port)
: >"$WORK/received"
python3 "$ROOT/tests/drills/smtp_sink.py" "$SMTP_PORT" "$WORK/received" & STARTED_PIDS+=("$!")
export CLINIC_EMAIL_SENDER=true CLINIC_SMTP_PORT=$SMTP_PORT
unset Clinic__Email__Workers
start_app "$(free_port)" "$WORK/app.log"
rss_pid=$APP_PID

# The machine is shared: the load average before and after goes in the results with the figure.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "$REMINDERS reminders falling due in 3 s (load average $load_before)"
t0=$(psql_db "$PG_PORT" "
  WITH due AS (SELECT date_trunc('second', now()) + interval '3 seconds' AS at),
  c AS (SELECT id, therapist_id, row_number() OVER (ORDER BY id) AS n FROM couples ORDER BY id LIMIT $couples),
  a AS (
    INSERT INTO appointments (id, couple_id, therapist_id, starts_at, time_zone, duration_minutes, attendees, format, video_link,
                              status, note_to_clients, sequence, created_at, created_by, changed_at, changed_by, overlap_confirmed)
    SELECT gen_random_uuid(), id, therapist_id, now() + interval '1 day' + n * interval '1 minute', 'UTC', 50, 'both', 'in_person',
           NULL, 'booked', '', 0, now(), therapist_id, now(), therapist_id, true FROM c
    RETURNING id, couple_id),
  r AS (
    INSERT INTO outbox_messages (id, kind, recipient, user_id, partner_id, about_id, status, due_at, next_attempt_at, attempts, created_at)
    SELECT gen_random_uuid(), 'appointment_reminder', p.email, p.user_id, p.id, a.id, 'pending', due.at, due.at, 0, now()
    FROM a JOIN partners p ON p.couple_id = a.couple_id CROSS JOIN due
    LIMIT $REMINDERS
    RETURNING 1)
  SELECT extract(epoch FROM (SELECT at FROM due)) FROM (SELECT count(*) FROM r) x")

deadline=$((SECONDS + 300))
while [ "$(grep -c . "$WORK/received" || true)" -lt "$REMINDERS" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
received=$(grep -c . "$WORK/received" || true)
distinct=$(awk '{print $2}' "$WORK/received" | sort -u | grep -c . || true)
last=$(awk '{print $1}' "$WORK/received" | sort -g | tail -n1)
first=$(awk '{print $1}' "$WORK/received" | sort -g | head -n1)
elapsed=$(awk -v a="$last" -v b="$t0" 'BEGIN { print a - b }')
rate=$(awk -v n="$received" -v a="$last" -v b="$first" 'BEGIN { print (a > b) ? n / (a - b) : n }')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$rss_pid/status" 2>/dev/null || echo "?")
verdict=$([ "$received" -ge "$REMINDERS" ] && awk -v e="$elapsed" -v t="$TARGET_SECONDS" 'BEGIN { exit !(e < t) }' && echo met || echo MISSED)

mkdir -p "$ROOT/tests/bench/results"
{
  echo "# Email: $REMINDERS due reminders to a local SMTP server"
  echo
  echo "$(date -u '+%F %H:%M') UTC on $(nproc) cores; one Release instance, 2 sender workers; reminders composed when due (appointment read, preferences, MIME, SMTP)."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (other work on the machine counts against the figure)."
  echo
  echo "| reminders | received | distinct Message-IDs | T0 → last arrival | sustained rate | app peak RSS | target < ${TARGET_SECONDS} s |"
  echo "|---|---|---|---|---|---|---|"
  printf '| %d | %d | %d | %.1f s | %.0f msg/s | %s MB | %s |\n' "$REMINDERS" "$received" "$distinct" "$elapsed" "$rate" "$rss" "$verdict"
} >"$ROOT/tests/bench/results/email-latest.md"
cat "$ROOT/tests/bench/results/email-latest.md"
[ "$verdict" = met ]
