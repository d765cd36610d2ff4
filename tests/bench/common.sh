# Shared by tests/bench/run.sh and tests/drills/run.sh: a private PostgreSQL, the Release app on
# a free localhost port, sign-ins with curl. Source it; call `cleanup_all` from an EXIT trap.
# Everything here talks to 127.0.0.1 only.

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DLL="$ROOT/api/bin/Release/net10.0/Clinic.Api.dll"
SEED_DLL="$ROOT/tools/Clinic.Seed/bin/Release/net10.0/Clinic.Seed.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SYN_PASSWORD='Synthetic-demo-2026!'
CLIENT_PASSWORD='Bench-client-2026!'
STARTED_PIDS=()
STARTED_CLUSTERS=()

say() { printf '==> %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

build_release() {
  say "building Release"
  # The seed tool builds the API it references.
  dotnet build "$ROOT/tools/Clinic.Seed/Clinic.Seed.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly </dev/null >&2 \
    || die "Release build failed"
}

# start_pg DIR PORT [--fast] — starts the cluster and sets PG_URL, the Npgsql connection string for database
# `clinic`. Not in $(…): the cluster must be registered in this shell for cleanup_all to stop it (from a
# subshell it was not, and each run left its PostgreSQL behind until the postmaster noticed its directory gone).
start_pg() {
  "$ROOT/db/cluster.sh" start "$1" "$2" ${3:-} >&2 || die "PostgreSQL did not start"
  STARTED_CLUSTERS+=("$1")
  PG_URL=$("$ROOT/db/cluster.sh" url "$1" "$2" clinic)
}

# The app's settings for one instance; the caller exports CONN and JWT_KEY first (CONN_RO optional).
app_env() {
  export ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__Clinic="$CONN"
  # Lag-tolerant reads on a standby, when the caller has one (tests/drills/failover.sh).
  if [ -n "${CONN_RO:-}" ]; then export ConnectionStrings__ClinicReadOnly="$CONN_RO"; fi
  export Clinic__Jwt__SigningKey="$JWT_KEY"
  export Clinic__BootstrapAdmin__Email=admin@bench.clinic.test
  export Clinic__BootstrapAdmin__Password='Bench-admin-2026!'
  export Clinic__LoginRateLimit__PermitsPerMinute=100000
  # The portal write benchmark and the drills post far faster than a partner can: the per-user limit is not what they measure.
  export Clinic__LoginRateLimit__PortalWritesPerMinute=${CLINIC_PORTAL_WRITES_PER_MINUTE:-10000000}
  # Email only where a script brings its own SMTP sink (tests/drills/email.sh, tests/bench/email.sh):
  # nothing a drill does may land in a developer's mail catcher on the default port.
  export Clinic__Email__SenderEnabled=${CLINIC_EMAIL_SENDER:-false}
  export Clinic__Smtp__Host=127.0.0.1
  export Clinic__Smtp__Port=${CLINIC_SMTP_PORT:-9}
  export Clinic__Email__PollMilliseconds=${CLINIC_EMAIL_POLL_MS:-200}
  export Clinic__Email__RetryBaseSeconds=${CLINIC_EMAIL_RETRY_BASE:-2}
}

# app_verb VERB [ARGS…] — migrate, run to completion from api/.
app_verb() {
  (app_env; cd "$ROOT/api" && dotnet "$DLL" "$@" </dev/null) >&2
}

# seed_practice [ARGS…] — tools/Clinic.Seed (migrations, bootstrap admin, then the demo or --synthetic practice).
seed_practice() {
  (app_env; dotnet "$SEED_DLL" "$@" </dev/null) >&2
}

# start_app PORT LOGFILE — starts an instance in the background; sets APP_PID, and METRICS_PORT (its
# Prometheus listener: each instance on this host needs its own). Waits for /health/ready.
start_app() {
  local port=$1 log=$2
  METRICS_PORT=$(free_port)
  (app_env; export ASPNETCORE_URLS="http://127.0.0.1:$port" Clinic__Metrics__Urls="http://127.0.0.1:$METRICS_PORT"
   cd "$ROOT/api" && exec dotnet "$DLL" >>"$log" 2>&1 </dev/null) &
  APP_PID=$!
  STARTED_PIDS+=("$APP_PID")
  local i code
  for i in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$log" >&2; die "the app on port $port exited during start-up"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.5
  done
  tail -n 30 "$log" >&2
  die "the app on port $port did not become ready within 120 s"
}

# login BASE EMAIL PASSWORD — prints the access token.
login() {
  local body
  body=$(jq -nc --arg e "$2" --arg p "$3" '{email:$e,password:$p}')
  curl -sf --max-time 20 -H 'Content-Type: application/json' -d "$body" "$1/api/auth/login" | jq -er .accessToken \
    || die "sign-in failed for $2"
}

# api METHOD BASE PATH TOKEN [BODY] — JSON in, JSON out; fails on non-2xx.
api() {
  local method=$1 base=$2 path=$3 token=$4 body=${5:-}
  if [ -n "$body" ]; then
    curl -sS -f --max-time 30 -X "$method" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "$body" "$base$path"
  else
    curl -sS -f --max-time 30 -X "$method" -H "Authorization: Bearer $token" "$base$path"
  fi
}

reach_out_body() {
  jq -nc --arg d "${1:-$(date -u +%F)}" '{occurredOn:$d, role:"needing", visibility:"shared",
    fields:{need:"reassurance", askedDirectly:true, fearBefore:6, understood:4, validated:4, caredFor:4, feltSecurityAfter:4}}'
}

# portal_client BASE THERAPIST_TOKEN COUPLE_ID — invites partner_a of the couple, accepts, assigns
# reach-out to them; prints "EMAIL ASSIGNMENT_ID".
portal_client() {
  local base=$1 tok=$2 couple=$3 detail partner email invite assignment today due
  detail=$(api GET "$base" "/api/couples/$couple" "$tok") || return 1
  partner=$(jq -r '.partners[] | select(.label=="partner_a") | .id' <<<"$detail")
  email=$(jq -r '.partners[] | select(.label=="partner_a") | .email' <<<"$detail")
  invite=$(api POST "$base" "/api/couples/$couple/partners/$partner/invitation" "$tok" '{}' | jq -r .invitationToken) || return 1
  curl -sf --max-time 20 -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg t "$invite" --arg p "$CLIENT_PASSWORD" '{token:$t,password:$p}')" \
    "$base/api/auth/invitations/accept" >/dev/null || return 1
  today=$(date -u +%F); due=$(date -u -d '+14 days' +%F)
  assignment=$(api POST "$base" "/api/couples/$couple/homework" "$tok" \
    "$(jq -nc --arg s "$today" --arg d "$due" '{exerciseCode:"reach-out", assignedTo:"partner_a", startsOn:$s, dueOn:$d, targetPerWeek:3}')" \
    | jq -r .id) || return 1
  echo "$email $assignment"
}

# psql_db PORT SQL — runs SQL in the `clinic` database as postgres, unaligned, tuples only.
psql_db() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  "${bin:-/usr/bin}/psql" -X -q -A -t -h 127.0.0.1 -p "$1" -U postgres -d clinic -v ON_ERROR_STOP=1 -c "$2"
}

stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup_all() {
  local p c
  for p in "${STARTED_PIDS[@]}"; do stop_pid "$p"; done
  for c in "${STARTED_CLUSTERS[@]}"; do "$ROOT/db/cluster.sh" stop "$c" >/dev/null 2>&1 || true; done
}
