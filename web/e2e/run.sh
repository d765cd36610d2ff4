#!/usr/bin/env bash
# Browser end-to-end journeys (web/e2e/journeys.mjs) against the app as `make up` runs it:
# Release API serving the production web build, on a fresh database with only the bootstrap admin;
# a second instance on the same database issues 15-second access tokens (CLINIC_E2E_SHORT_TOKEN_URL).
#
#   CLINIC_TEST_DB          Npgsql connection string of a throwaway PostgreSQL server (superuser);
#                           when unset, a private cluster is started (db/cluster.sh) and stopped.
#   CLINIC_E2E_SKIP_BUILD=1 skip the web and API builds (local iteration on the journeys).
#   CLINIC_E2E_ONLY=a,b     run only these journeys (by name, see journeys.mjs).
#   CLINIC_E2E_SCRIPT=x.mjs run another script of web/e2e against the app (make screens: screens.mjs).
#   CLINIC_E2E_SEED_DEMO=1  load the demo practice from seeds/ before starting (make screens).
#
# Prints one PASS/FAIL line per journey and, last, "N passed, N failed"; exits non-zero on failure.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WEB="$ROOT/web"
DLL="$ROOT/api/bin/Release/net10.0/Clinic.Api.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

TMP=$(mktemp -d "${TMPDIR:-/tmp}/clinic-e2e.XXXXXX")
APP_PID=""
SINK_PID=""
SHORT_PID=""
DB_NAME=""
OWN_CLUSTER=""
PSQL=()

fail_setup() { # the journeys could not run: one failure
  echo "e2e setup: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  local pid
  for pid in "$APP_PID" "$SHORT_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  if [ -n "$SINK_PID" ]; then kill -TERM "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; fi
  if [ -n "$DB_NAME" ] && [ ${#PSQL[@]} -gt 0 ]; then
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ -n "$OWN_CLUSTER" ]; then
    "$ROOT/db/cluster.sh" stop "$OWN_CLUSTER" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { # free_port FROM TO
  local p
  for p in $(seq "$1" "$2"); do port_in_use "$p" || { echo "$p"; return 0; }; done
  return 1
}

# ---- browser -------------------------------------------------------------------------------
CHROMIUM=${CLINIC_E2E_CHROMIUM:-}
[ -n "$CHROMIUM" ] || CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ]; then
  echo "==> installing chromium"
  { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
    >"$TMP/apt.log" 2>&1 || { tail -n 20 "$TMP/apt.log" >&2; }
  CHROMIUM=$(command -v chromium || true)
fi
[ -n "$CHROMIUM" ] || fail_setup "chromium is not installed (apt-get install chromium)"
export CLINIC_E2E_CHROMIUM=$CHROMIUM

# ---- web dependencies and builds ---------------------------------------------------------
if [ ! -d "$WEB/node_modules/playwright-core" ] || [ ! -d "$WEB/node_modules/@axe-core/playwright" ]; then
  echo "==> installing web dependencies"
  (cd "$WEB" && { npm ci --no-audit --no-fund </dev/null || npm install --no-save --no-audit --no-fund </dev/null; }) \
    || fail_setup "npm install failed"
fi
if [ "${CLINIC_E2E_SKIP_BUILD:-}" = 1 ]; then
  echo "==> CLINIC_E2E_SKIP_BUILD=1: using the existing web and API builds"
else
  echo "==> web build"
  (cd "$WEB" && npm run build </dev/null >"$TMP/web-build.log" 2>&1) \
    || { tail -n 40 "$TMP/web-build.log" >&2; fail_setup "npm run build failed"; }
  echo "==> API build (Release)"
  dotnet build "$ROOT/api/Clinic.Api.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null \
    || fail_setup "dotnet build failed"
fi
[ -f "$DLL" ] || fail_setup "$DLL is missing (build the API in Release)"
[ -f "$ROOT/api/wwwroot/index.html" ] || fail_setup "api/wwwroot/index.html is missing (npm run build)"

# ---- database ------------------------------------------------------------------------------
if [ -z "${CLINIC_TEST_DB:-}" ]; then
  "$ROOT/db/cluster.sh" ensure-installed || fail_setup "PostgreSQL is not installed"
  pg_port=$(free_port 56300 56500) || fail_setup "no free port for PostgreSQL"
  OWN_CLUSTER="$TMP/pg"
  "$ROOT/db/cluster.sh" start "$OWN_CLUSTER" "$pg_port" --fast >/dev/null || fail_setup "could not start PostgreSQL"
  CLINIC_TEST_DB="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi
# Npgsql keys are case-insensitive; take Host, Port, Username (or User ID), Password.
conn_get() { # conn_get KEY... : value of the first key present
  local k part key val
  IFS=';' read -ra parts <<<"$CLINIC_TEST_DB"
  for k in "$@"; do
    for part in "${parts[@]}"; do
      key=$(echo "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]'); val=${part#*=}
      [ "$key" = "$k" ] && { echo "$val"; return 0; }
    done
  done
}
PG_HOST=$(conn_get host server); PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=$(conn_get port); PG_PORT=${PG_PORT:-5432}
PG_USER=$(conn_get username userid 'user id' user); PG_USER=${PG_USER:-postgres}
PG_PASSWORD=$(conn_get password)
[ -n "$PG_PASSWORD" ] && export PGPASSWORD=$PG_PASSWORD
PSQL=(psql -X -q -v ON_ERROR_STOP=1 "host=$PG_HOST port=$PG_PORT user=$PG_USER dbname=postgres")
DB_NAME="clinic_e2e_$$_$RANDOM"
# The two roles, as in production (db/roles.sql): migrations as the owner, the app as a login that
# can only read and write rows. The database is created owned by the owner.
ROLE_PASSWORD=clinic-test-only # the API tests' harness sets the same on a shared server
"${PSQL[@]}" -v db="$DB_NAME" -v owner_password="$ROLE_PASSWORD" -v app_password="$ROLE_PASSWORD" \
  -f "$ROOT/db/roles.sql" >/dev/null || { DB_NAME=""; fail_setup "could not create the database and its roles"; }
OWNER_CONN="Host=$PG_HOST;Port=$PG_PORT;Username=clinic_owner;Password=$ROLE_PASSWORD;Database=$DB_NAME"
APP_CONN="Host=$PG_HOST;Port=$PG_PORT;Username=clinic_web;Password=$ROLE_PASSWORD;Database=$DB_NAME"

# ---- the app -------------------------------------------------------------------------------
APP_PORT=$(free_port 58100 58400) || fail_setup "no free port for the app"
BASE_URL="http://127.0.0.1:$APP_PORT"
export ASPNETCORE_URLS=$BASE_URL
export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__Clinic=$APP_CONN
export ConnectionStrings__ClinicOwner=$OWNER_CONN
export Clinic__Jwt__SigningKey; Clinic__Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 -w0)
export Clinic__BootstrapAdmin__Email=admin@e2e.test
export Clinic__BootstrapAdmin__Password="E2e-admin-$RANDOM-pass!"
export Clinic__LoginRateLimit__PermitsPerMinute=1000
# The journeys arrange through the API as the bootstrap admin, signing in without a code.
export Clinic__Security__RequireMfaForAdmins=false

# Email goes to a small SMTP server that keeps each message, so a journey can follow a link in one.
MAIL_DIR="$TMP/mail"; mkdir -p "$MAIL_DIR"
SMTP_PORT=$(free_port 58500 58700) || fail_setup "no free port for the SMTP server"
python3 "$ROOT/tests/drills/smtp_sink.py" "$SMTP_PORT" "$TMP/mail.log" "$MAIL_DIR" </dev/null >"$TMP/sink.log" 2>&1 &
SINK_PID=$!
export Clinic__Smtp__Host=127.0.0.1 Clinic__Smtp__Port=$SMTP_PORT Clinic__Email__PollMilliseconds=200
export Clinic__PublicUrl=$BASE_URL CLINIC_E2E_MAIL_DIR=$MAIL_DIR

echo "==> migrate"
(cd "$ROOT/api" && dotnet "$DLL" migrate </dev/null >"$TMP/migrate.log" 2>&1) \
  || { tail -n 40 "$TMP/migrate.log" >&2; fail_setup "migrate failed"; }

if [ "${CLINIC_E2E_SEED_DEMO:-}" = 1 ]; then
  echo "==> loading the demo practice (tools/Clinic.Seed)"
  SEED_DLL="$ROOT/tools/Clinic.Seed/bin/Release/net10.0/Clinic.Seed.dll"
  if [ "${CLINIC_E2E_SKIP_BUILD:-}" != 1 ] || [ ! -f "$SEED_DLL" ]; then
    dotnet build "$ROOT/tools/Clinic.Seed/Clinic.Seed.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null \
      || fail_setup "building tools/Clinic.Seed failed"
  fi
  dotnet "$SEED_DLL" </dev/null >"$TMP/seed.log" 2>&1 || { tail -n 40 "$TMP/seed.log" >&2; fail_setup "seed failed"; }
fi

# wait_ready PID URL LOG: until URL/health/ready answers 200, or the process exits.
wait_ready() {
  local pid=$1 url=$2 log=$3 code
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || break
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/ready" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.5
  done
  tail -n 40 "$log" >&2
  fail_setup "the app did not become ready on $url/health/ready"
}

echo "==> starting the app on $BASE_URL"
(cd "$ROOT/api" && exec dotnet "$DLL" </dev/null >"$TMP/app.log" 2>&1) &
APP_PID=$!
wait_ready "$APP_PID" "$BASE_URL" "$TMP/app.log"

# A second instance on the same database whose access tokens last 15 s, for the journey that signs
# out after the token has expired (started once the first has created the admin).
SHORT_PORT=$(free_port $((APP_PORT + 1)) 58400) || fail_setup "no free port for the short-token app"
SHORT_URL="http://127.0.0.1:$SHORT_PORT"
echo "==> starting a short-token instance on $SHORT_URL"
(cd "$ROOT/api" && ASPNETCORE_URLS=$SHORT_URL Clinic__Jwt__AccessTokenMinutes=0.25 Clinic__Metrics__Urls=none \
  exec dotnet "$DLL" </dev/null >"$TMP/app-short.log" 2>&1) &
SHORT_PID=$!
wait_ready "$SHORT_PID" "$SHORT_URL" "$TMP/app-short.log"

# ---- journeys ------------------------------------------------------------------------------
echo "==> journeys"
mkdir -p "$WEB/e2e/screenshots"
export CLINIC_E2E_BASE_URL=$BASE_URL
export CLINIC_E2E_SHORT_TOKEN_URL=$SHORT_URL
export CLINIC_E2E_ADMIN_EMAIL=$Clinic__BootstrapAdmin__Email
export CLINIC_E2E_ADMIN_PASSWORD=$Clinic__BootstrapAdmin__Password
(cd "$WEB" && node "e2e/${CLINIC_E2E_SCRIPT:-journeys.mjs}" </dev/null 2>&1) | tee "$TMP/journeys.log"
rc=${PIPESTATUS[0]}
if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$TMP/journeys.log"; then
  echo "----- app log (last 30 lines) -----"; tail -n 30 "$TMP/app.log"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$rc" -ne 0 ]; then
  echo "----- app log (last 30 lines) -----"; tail -n 30 "$TMP/app.log"
  # What the server said went wrong during the whole run (a journey's 5xx happened long before the last lines).
  echo "----- app log: errors and refusals (last 40) -----"
  grep -n -A3 -E '^(fail|crit):|Unhandled|Database unavailable|Admission refused|exhausted' "$TMP/app.log" | tail -n 40 || true
  # The summary must stay the last line.
  tail -n 1 "$TMP/journeys.log" | grep -E '^[0-9]+ passed, [0-9]+ failed$'
fi
exit "$rc"
