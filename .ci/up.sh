#!/usr/bin/env bash
# make up: private PostgreSQL in .data/pg (port 55432), web build, API build, migrate, demo seed,
# then the app in the background on http://localhost:8080. Running it again restarts the app.
# CLINIC_SKIP_WEB=1 skips the web build (API work while web/ is mid-change).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DATA="$ROOT/.data"
PGDATA_DIR="$DATA/pg"
PG_PORT=${CLINIC_PG_PORT:-55432}
APP_URL=http://localhost:8080
PID_FILE="$DATA/app.pid"
LOG_FILE="$DATA/app.log"
DLL="$ROOT/api/bin/Release/net10.0/Clinic.Api.dll"
SEED_DLL="$ROOT/tools/Clinic.Seed/bin/Release/net10.0/Clinic.Seed.dll"
ADMIN_EMAIL=admin@clinic.test

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'make up: %s\n' "$*" >&2; exit 1; }

mkdir -p "$DATA"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "PostgreSQL"
db/cluster.sh ensure-installed
db/cluster.sh start "$PGDATA_DIR" "$PG_PORT"
CONN=$(db/cluster.sh url "$PGDATA_DIR" "$PG_PORT" clinic)

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
# tools/Clinic.Seed references the API, so this builds both.
dotnet build tools/Clinic.Seed/Clinic.Seed.csproj -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null

# The app's settings: a signing key made once and kept, the demo admin.
[ -s "$DATA/jwt.key" ] || { (umask 077; head -c 48 /dev/urandom | base64 -w0 >"$DATA/jwt.key"); }
[ -s "$DATA/admin.password" ] || { (umask 077; printf '%s' 'Admin-demo-2026!' >"$DATA/admin.password"); }
export ASPNETCORE_URLS=$APP_URL
export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Clinic=$CONN
export Clinic__Jwt__SigningKey; Clinic__Jwt__SigningKey=$(cat "$DATA/jwt.key")
export Clinic__BootstrapAdmin__Email=$ADMIN_EMAIL
export Clinic__BootstrapAdmin__Password; Clinic__BootstrapAdmin__Password=$(cat "$DATA/admin.password")

say "stopping a running app, if any"
bash .ci/down.sh --app-only

# The content root (appsettings.json, wwwroot/) is api/.
say "migrations and demo seed"
(cd api && dotnet "$DLL" migrate </dev/null) || die "migrate failed"
dotnet "$SEED_DLL" </dev/null || die "loading the demo practice (tools/Clinic.Seed) failed"

say "starting the app"
if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  die "something else already listens on port 8080"
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
echo "Clinic is up: $APP_URL   (log: .data/app.log, stop: make down)"
echo
if [ -f seeds/demo/README-signins.txt ]; then
  cat seeds/demo/README-signins.txt
else
  echo "Sign in as the administrator: $ADMIN_EMAIL / $(cat "$DATA/admin.password")"
fi
