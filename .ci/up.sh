#!/usr/bin/env bash
# make up: private PostgreSQL in .data/pg (port 55432) archiving its WAL with pgBackRest to
# .data/backup (README "Backups"), web build, API build, migrate, demo seed, a first full backup, a local
# mail catcher (smtp4dev: SMTP 127.0.0.1:2525, web http://127.0.0.1:8025), then the app in the
# background on http://localhost:8080. Running it again restarts the app and the mail catcher.
# CLINIC_SKIP_WEB=1 skips the web build (API work while web/ is mid-change); CLINIC_SKIP_BUILD=1 skips
# the .NET build when it exists; CLINIC_SKIP_SEED=1 loads no demo data (make restore uses all three).
# Where and on which ports: .ci/settings.sh (CLINIC_DATA_DIR, CLINIC_PG_PORT, CLINIC_APP_PORT, …).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=settings.sh
source "$ROOT/.ci/settings.sh"
DLL="$ROOT/api/bin/Release/net10.0/Clinic.Api.dll"
SEED_DLL="$ROOT/tools/Clinic.Seed/bin/Release/net10.0/Clinic.Seed.dll"
ADMIN_EMAIL=admin@clinic.test
MAIL_SMTP_PORT=${CLINIC_MAIL_SMTP_PORT:-2525}
MAIL_WEB_URL=http://127.0.0.1:${CLINIC_MAIL_WEB_PORT:-8025}
MAIL_PID_FILE="$DATA/smtp4dev.pid"
MAIL_LOG_FILE="$DATA/smtp4dev.log"

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'make up: %s\n' "$*" >&2; exit 1; }

mkdir -p "$DATA"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "PostgreSQL"
db/cluster.sh ensure-installed
if [ "$BACKUP" = off ]; then
  warn "CLINIC_BACKUP=off: no WAL archiving, no backups"
  db/cluster.sh start "$PGDATA_DIR" "$PG_PORT"
else
  # Every WAL segment to the pgBackRest repository, one at least every archive_timeout (50 s).
  db/backup.sh configure "$BACKUP_CONF" "$PGDATA_DIR" "$PG_PORT"
  db/cluster.sh start "$PGDATA_DIR" "$PG_PORT" --archive "$BACKUP_CONF"
  db/backup.sh stanza "$BACKUP_CONF" \
    || die "the backup repository belongs to another cluster (was .data/pg made anew?): move the repository aside and run make up again"
  db/backup.sh check "$BACKUP_CONF"
fi
# Two roles, as in production: migrations run as the schema's owner, the app as a login that can
# only read and write rows (db/roles.sql; an older .data/ database is handed to the owner).
mapfile -t CONNS < <(db/cluster.sh roles "$PG_PORT" clinic)
[ ${#CONNS[@]} -eq 2 ] || die "could not set up the database roles"
OWNER_CONN=${CONNS[0]}
APP_CONN=${CONNS[1]}

say "web app"
if [ "${CLINIC_SKIP_WEB:-}" = 1 ]; then
  warn "CLINIC_SKIP_WEB=1: not building the web app (serving whatever api/wwwroot holds)"
elif [ -f web/package.json ]; then
  stamp=web/node_modules/.clinic-lock.sha256
  lock=web/package-lock.json; [ -f "$lock" ] || lock=web/package.json
  want=$(sha256sum "$lock" | cut -d' ' -f1)
  if [ ! -d web/node_modules ] || { [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] \
       && { [ ! -f web/node_modules/.package-lock.json ] || [ "$lock" -nt web/node_modules/.package-lock.json ]; }; }; then
    say "installing web dependencies"
    if [ -f web/package-lock.json ]; then
      (cd web && npm ci --no-audit --no-fund </dev/null) || {
        warn "npm ci failed; falling back to npm install --no-save (lock file left as it is)"
        (cd web && npm install --no-save --no-audit --no-fund </dev/null); }
    else (cd web && npm install --no-audit --no-fund </dev/null); fi
  fi
  echo "$want" >"$stamp"
  (cd web && npm run build </dev/null)
else
  warn "web/package.json does not exist yet; serving the API without the web app"
fi

say "API and demo loader (Release build)"
if [ "${CLINIC_SKIP_BUILD:-}" = 1 ] && [ -f "$DLL" ] && [ -f "$SEED_DLL" ]; then
  warn "CLINIC_SKIP_BUILD=1: using the existing Release build"
else
  # tools/Clinic.Seed references the API, so this builds both.
  dotnet build tools/Clinic.Seed/Clinic.Seed.csproj -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null
fi

# The app's settings: a signing key and an admin password, each made once here and kept. Both are
# random: outside Development the app refuses a published key or the published demo admin password.
[ -s "$DATA/jwt.key" ] || { (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$DATA/jwt.key"); }
if [ ! -s "$DATA/admin.password" ] || [ "$(cat "$DATA/admin.password")" = 'Admin-demo-2026!' ]; then
  [ -s "$DATA/admin.password" ] && warn "replacing the published demo admin password in .data/admin.password" \
    "(an admin created with it earlier keeps it until changed on the Account page)"
  (umask 077; printf 'Admin-%s' "$(head -c 12 /dev/urandom | base64 -w0 | tr '+/' 'xy')" >"$DATA/admin.password")
fi
export ASPNETCORE_URLS=$APP_URL
export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Clinic=$APP_CONN
export ConnectionStrings__ClinicOwner=$OWNER_CONN
export Clinic__Jwt__SigningKey; Clinic__Jwt__SigningKey=$(cat "$DATA/jwt.key")
export Clinic__BootstrapAdmin__Email=$ADMIN_EMAIL
export Clinic__BootstrapAdmin__Password; Clinic__BootstrapAdmin__Password=$(cat "$DATA/admin.password")

# Email goes to the local mail catcher; links in it open this app.
export Clinic__Smtp__Host=127.0.0.1
export Clinic__Smtp__Port=$MAIL_SMTP_PORT
export Clinic__Smtp__From="no-reply@demo.clinic.test"
export Clinic__Smtp__UseTls=false
export Clinic__PublicUrl=$APP_URL
export Clinic__Practice__Name="${CLINIC_PRACTICE_NAME:-Harbour Couples Therapy (demo)}"
# The admin's backup status page reads what db/backup.sh writes after every backup and restore.
if [ "$BACKUP" != off ]; then export Clinic__Backup__InfoFile=$BACKUP_INFO; fi

say "stopping a running app and mail catcher, if any"
bash .ci/down.sh --app-only

# smtp4dev is a .NET tool pinned in .config/dotnet-tools.json: every message the demo sends is in
# its web page. Loopback only, no IMAP/POP3; its messages are kept in .data/smtp4dev.
say "mail catcher (smtp4dev)"
dotnet tool restore >/dev/null </dev/null || die "dotnet tool restore (smtp4dev) failed"
mkdir -p "$DATA/smtp4dev"
{ echo; echo "=== make up $(date -Is) ==="; } >>"$MAIL_LOG_FILE"
setsid dotnet tool run smtp4dev -- --urls="$MAIL_WEB_URL" --smtpport="$MAIL_SMTP_PORT" --bindaddress=127.0.0.1 \
  --allowremoteconnections- --imapport= --pop3port= --baseappdatapath="$DATA/smtp4dev" --nousersettings \
  >>"$MAIL_LOG_FILE" 2>&1 </dev/null &
echo $! >"$MAIL_PID_FILE"
mail_ready=0
for _ in $(seq 1 120); do
  kill -0 "$(cat "$MAIL_PID_FILE")" 2>/dev/null || break
  if curl -sf -o /dev/null --max-time 2 "$MAIL_WEB_URL/api/messages" \
     && (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_SMTP_PORT") 2>/dev/null; then mail_ready=1; break; fi
  sleep 0.5
done
if [ "$mail_ready" != 1 ]; then
  tail -n 20 "$MAIL_LOG_FILE" >&2
  warn "smtp4dev did not start; the app still runs and its outbox keeps every email until a mail server is reachable"
fi

# The content root (appsettings.json, wwwroot/) is api/.
say "migrations and demo seed"
(cd api && dotnet "$DLL" migrate </dev/null) || die "migrate failed"
if [ "${CLINIC_SKIP_SEED:-}" = 1 ]; then
  warn "CLINIC_SKIP_SEED=1: the demo practice is not loaded"
else
  dotnet "$SEED_DLL" </dev/null || die "loading the demo practice (tools/Clinic.Seed) failed"
fi
if [ "$BACKUP" != off ] && ! db/backup.sh has-backup "$BACKUP_CONF"; then
  # Archived WAL is only of use on top of a base backup: take the first one now.
  say "first full backup"
  db/backup.sh backup "$BACKUP_CONF" full
fi

say "starting the app"
if (exec 3<>"/dev/tcp/127.0.0.1/$APP_PORT") 2>/dev/null; then
  die "something else already listens on port $APP_PORT"
fi
{ echo; echo "=== make up $(date -Is) ==="; } >>"$LOG_FILE"
# Own session: it outlives this script and never holds the terminal or the caller's pipes.
(cd api && exec setsid dotnet "$DLL" >>"$LOG_FILE" 2>&1 </dev/null) &
echo $! >"$PID_FILE"
pid=$(cat "$PID_FILE")

ready=0
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$APP_URL/health/ready" || true)
  if [ "$code" = 200 ]; then ready=1; break; fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  echo "----- $LOG_FILE (last 40 lines) -----" >&2
  tail -n 40 "$LOG_FILE" >&2
  bash .ci/down.sh --app-only >/dev/null 2>&1 || true
  die "the app did not become ready on $APP_URL/health/ready within 60 s"
fi

echo
echo "Clinic is up: $APP_URL   (log: $LOG_FILE, stop: make down)"
[ "$BACKUP" = off ] || echo "Backups: WAL archived continuously to the pgBackRest repository; make backup, make backups, make restore AT=… (README \"Backups\")"
echo "Mail catcher: $MAIL_WEB_URL   (every email the demo sends: invitations, bookings, reminders, password resets)"
echo
[ -f seeds/demo/README-signins.txt ] && { cat seeds/demo/README-signins.txt; echo; }
echo "Administrator: $ADMIN_EMAIL / $(cat "$DATA/admin.password")   (.data/admin.password)"
echo "  Admins set up two-step verification at their first sign-in (an authenticator app on a phone)."
