#!/usr/bin/env bash
# Every test: compose file check, Kubernetes manifests validated offline, API tests against a
# throwaway PostgreSQL, web unit tests, browser end-to-end, reliability drills (portal load cut to
# 20 s; `make drills` runs 60 s and the failover drill).
# Prints "N passed, N failed" alone on the last line; exits non-zero if anything failed or a stage
# could not run (a stage that cannot run counts as 1 failed).
#   .ci/test.sh                 every stage
#   .ci/test.sh api web ...     only those stages: compose, k8s, api, web, e2e, drills
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

ALL_STAGES="compose k8s api web e2e drills"
STAGES=${*:-$ALL_STAGES}
for st in $STAGES; do
  case " $ALL_STAGES " in *" $st "*) ;; *) echo "unknown stage '$st' (stages: $ALL_STAGES)" >&2; exit 2 ;; esac
done
want() { case " $STAGES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

PASSED=0
FAILED=0
STAGE_ERRORS=()
FAILURES=() # the failed tests' names, repeated just above the summary (a CI log is often read from its end)

say() { printf '\n==> %s\n' "$*"; STAGE_START=$SECONDS; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
record() { # record STAGE PASSED FAILED (and the minutes since the last `say`: where make test's time goes)
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  local took=$((SECONDS - ${STAGE_START:-0}))
  printf -- '--- %s: %d passed, %d failed (%dm%02ds)\n' "$1" "$2" "$3" $((took / 60)) $((took % 60))
}
stage_error() { # stage_error STAGE MESSAGE: the stage could not run or crashed; counts as 1 failed
  STAGE_ERRORS+=("$1: $2"); warn "$1: $2"; record "$1" 0 1
}
is_root() { [ "$(id -u)" = 0 ]; }
apt_install() { # apt_install PKG... (root only); quiet unless it fails
  is_root || return 1
  local out; out=$(mktemp)
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q && \
         DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >"$out" 2>&1; then
    tail -n 20 "$out" >&2; rm -f "$out"; return 1
  fi
  rm -f "$out"
}
strip_ansi() { sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\r//g'; }

# ---- throwaway PostgreSQL, always stopped and deleted --------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/clinic-test.XXXXXX")
PGDATA_DIR="$TMP/pg"
PG_STARTED=0
CHILD=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ -n "$CHILD" ]; then # a stage still running: end its whole process group
    kill -TERM -- "-$CHILD" 2>/dev/null && sleep 3
    kill -KILL -- "-$CHILD" 2>/dev/null || true
  fi
  if [ "$PG_STARTED" = 1 ] || [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    "$ROOT/db/cluster.sh" stop "$PGDATA_DIR" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# run_logged SECONDS LOG CMD...: runs CMD in its own process group (so the traps above, or the
# time limit, end it and everything it started), output to the console and LOG.
# Sets RC to its exit status, 124 when it ran out of time.
run_logged() {
  local limit=$1 log=$2 watchdog; shift 2
  set -m
  ( "$@" 2>&1 | tee "$log" ) </dev/null &
  CHILD=$!
  ( sleep "$limit" && echo "TIME LIMIT: $limit s" >"$log.timeout" && kill -TERM -- "-$CHILD" 2>/dev/null \
      && sleep 10 && kill -KILL -- "-$CHILD" 2>/dev/null ) >/dev/null 2>&1 </dev/null &
  watchdog=$!
  set +m
  wait "$CHILD"; RC=$?
  CHILD=""
  kill -- "-$watchdog" 2>/dev/null; wait "$watchdog" 2>/dev/null
  if [ -f "$log.timeout" ]; then RC=124; warn "$(cat "$log.timeout")"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ] && return 0
  return 1
}

say "prerequisites"
if { want api || want e2e; } && ! "$ROOT/db/cluster.sh" ensure-installed; then
  stage_error postgres "PostgreSQL is not installed and cannot be installed"
fi
if want compose && ! command -v docker-compose >/dev/null 2>&1; then
  apt_install docker-compose || warn "docker-compose is missing and could not be installed; skipping the compose check"
fi

PG_PORT=""
if { want api || want e2e; } && [ ${#STAGE_ERRORS[@]} -eq 0 ]; then
  say "throwaway PostgreSQL"
  port=56000
  while [ "$port" -lt 56200 ] && [ -z "$PG_PORT" ]; do
    if ! port_in_use "$port"; then
      if "$ROOT/db/cluster.sh" start "$PGDATA_DIR" "$port" --fast; then
        PG_STARTED=1; PG_PORT=$port
      elif [ -f "$PGDATA_DIR/PG_VERSION" ] && port_in_use "$port"; then
        : # lost a race for the port; try the next one
      else
        break
      fi
    fi
    port=$((port + 1))
  done
  if [ -n "$PG_PORT" ]; then
    export CLINIC_TEST_DB="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
    export CLINIC_TEST_PG_PORT=$PG_PORT
    echo "CLINIC_TEST_DB=$CLINIC_TEST_DB"
  else
    stage_error postgres "could not start the throwaway cluster"
  fi
fi

# ---- docker-compose.yml --------------------------------------------------------------------
if ! want compose; then :
elif command -v docker-compose >/dev/null 2>&1; then
  say "docker-compose config"
  # Secrets come only from .env, which a fresh clone (and CI) does not have: the file is checked with
  # the placeholders of .env.example, with an .env from the generator (make env), and once with
  # nothing at all, when it must refuse (no secret may have a default).
  cp=0; cf=0
  if docker-compose --env-file "$ROOT/.env.example" -f "$ROOT/docker-compose.yml" config -q; then cp=$((cp + 1)); else cf=$((cf + 1)); fi
  if CLINIC_ENV_FILE="$TMP/made.env" "$ROOT/tools/make-env.sh" >/dev/null \
     && docker-compose --env-file "$TMP/made.env" -f "$ROOT/docker-compose.yml" config -q \
     && [ "$(sed -n 's/^CLINIC_JWT_SIGNING_KEY=//p' "$TMP/made.env" | tr -d '\n' | wc -c)" -ge 32 ]; then
    cp=$((cp + 1))
  else
    warn "tools/make-env.sh did not make a usable .env"; cf=$((cf + 1))
  fi
  : >"$TMP/empty.env"
  if docker-compose --env-file "$TMP/empty.env" -f "$ROOT/docker-compose.yml" config -q >/dev/null 2>&1; then
    warn "docker-compose.yml works without .env: a secret has a default"; cf=$((cf + 1))
  else
    cp=$((cp + 1))
  fi
  record compose "$cp" "$cf"
else
  warn "docker-compose not available; compose check skipped"
fi

# ---- Kubernetes manifests, offline ----------------------------------------------------------
# deploy/k8s/check: every document parses, built-in kinds against the Kubernetes OpenAPI schema
# (the npm package kubernetes-models), then Clinic's own rules (probes, grace period, secrets, …).
# Defined here, run after record_script and npm_ci_if_needed exist (below).
run_k8s_stage() {
  say "Kubernetes manifests (deploy/k8s)"
  if ! npm_ci_if_needed "$ROOT/deploy/k8s/check"; then
    stage_error "k8s manifests" "npm install in deploy/k8s/check failed"; return
  fi
  local log="$TMP/k8s.log"
  run_logged 120 "$log" node "$ROOT/deploy/k8s/check/validate.mjs" "$ROOT/deploy/k8s"
  record_script "k8s manifests" deploy/k8s/check/validate.mjs "$log"
}

# ---- API tests (xunit, TRX) ----------------------------------------------------------------
# count_trx DIR: prints "PASSED FAILED" summed over every TRX file's <Counters .../>.
count_trx() {
  local p=0 f=0 file counters n a
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    counters=$(tr '\n' ' ' <"$file" | grep -o '<Counters [^>]*>' | head -n 1)
    [ -n "$counters" ] || continue
    n=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); p=$((p + ${n:-0}))
    for a in failed error timeout aborted; do
      n=$(sed -n "s/.* $a=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters"); f=$((f + ${n:-0}))
    done
  done
  echo "$p $f"
}

# failed_in_trx DIR: the name of every failed test in the TRX files, one per line.
failed_in_trx() {
  local file
  for file in "$1"/*.trx; do
    [ -f "$file" ] || continue
    tr '\n' ' ' <"$file" | grep -oE '<UnitTestResult [^>]*outcome="(Failed|Error|Timeout|Aborted)"[^>]*>' \
      | sed -n 's/.* testName="\([^"]*\)".*/\1/p'
  done
}

if ! want api; then :
elif [ -n "$PG_PORT" ]; then
  say "API tests (dotnet test)"
  RESULTS="$TMP/trx"
  mkdir -p "$RESULTS"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  # Leave no MSBuild nodes behind; in CI no compiler server either (it would outlive the run).
  # Never `dotnet build-server shutdown`: other builds on this machine may be using the servers.
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
  [ "${CI:-}" = true ] && export UseSharedCompilation=false
  run_logged 2700 "$TMP/dotnet-test.log" dotnet test "$ROOT/Clinic.sln" -c Release \
    --logger "trx;LogFilePrefix=clinic" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS"
  rc=$RC
  read -r tp tf < <(count_trx "$RESULTS")
  while IFS= read -r name; do FAILURES+=("API: $name"); done < <(failed_in_trx "$RESULTS")
  if [ "$rc" -ne 0 ] && [ "$tf" -eq 0 ]; then
    # Build failure, crashed test host or timeout: no failed test to show for it.
    [ "$rc" -eq 124 ] && msg="timed out" || msg="exited $rc without a failing test (build failure or crash?)"
    STAGE_ERRORS+=("dotnet test: $msg"); warn "dotnet test $msg"
    tf=1
  fi
  record "API tests" "$tp" "$tf"
else
  stage_error "API tests" "skipped: no PostgreSQL"
fi

# ---- web unit tests ------------------------------------------------------------------------
# npm_ci_if_needed DIR: npm ci when node_modules is missing or package-lock.json changed since.
npm_ci_if_needed() {
  local dir=$1 stamp="$1/node_modules/.clinic-lock.sha256" want
  [ -f "$dir/package-lock.json" ] && want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) \
    || want=$(sha256sum "$dir/package.json" | cut -d' ' -f1)
  if [ -d "$dir/node_modules" ]; then
    [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
    # Installed by hand since (npm install): npm's own record is newer than the lock file.
    if [ -f "$dir/node_modules/.package-lock.json" ] && [ -f "$dir/package-lock.json" ] \
       && ! [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "$want" >"$stamp"; return 0
    fi
  fi
  echo "installing web dependencies"
  if [ -f "$dir/package-lock.json" ]; then
    # npm ci refuses a lock file that lacks other platforms' optional packages (as the registry
    # mirror here yields); npm install --no-save then installs from the same lock, rewriting nothing.
    run_logged 900 "$TMP/npm-ci.log" bash -c 'cd "$1" && { npm ci --no-audit --no-fund || {
      echo "WARNING: npm ci failed; falling back to npm install --no-save" >&2
      npm install --no-save --no-audit --no-fund; }; }' _ "$dir"
  else
    run_logged 900 "$TMP/npm-ci.log" bash -c 'cd "$1" && npm install --no-audit --no-fund' _ "$dir"
  fi
  [ "$RC" -eq 0 ] || return 1
  echo "$want" >"$stamp"
}

# count_unit_log FILE: prints "PASSED FAILED" from a vitest (or karma) summary, or nothing.
count_unit_log() {
  local line p f
  line=$(strip_ansi <"$1" | grep -E '^[[:space:]]*Tests[[:space:]]+.*\([0-9]+\)' | tail -n 1)
  if [ -n "$line" ]; then
    p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+'); f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
    echo "${p:-0} ${f:-0}"; return
  fi
  line=$(strip_ansi <"$1" | grep -oE 'Executed [0-9]+ of [0-9]+.*(SUCCESS|FAILED)' | tail -n 1)
  if [ -n "$line" ]; then # karma: "Executed 12 of 12 (1 FAILED)"
    local ran; ran=$(sed -E 's/Executed ([0-9]+) of.*/\1/' <<<"$line")
    f=$(grep -oE '\(([0-9]+) FAILED' <<<"$line" | grep -oE '[0-9]+')
    echo "$((ran - ${f:-0})) ${f:-0}"
  fi
}

WEB_READY=0
if { want web || want e2e; } && [ -f "$ROOT/web/package.json" ]; then
  say "web dependencies"
  if npm_ci_if_needed "$ROOT/web"; then WEB_READY=1; else stage_error "web dependencies" "npm install failed"; fi
fi

if ! want web; then :
elif [ ! -f "$ROOT/web/package.json" ]; then
  warn "web/package.json does not exist yet; web unit tests skipped"
elif [ "$WEB_READY" = 1 ]; then
  say "web unit tests"
  log="$TMP/web-unit.log"
  run_logged 1200 "$log" bash -c 'cd "$1/web" && CI=true exec npm test' _ "$ROOT"
  rc=$RC
  counts=$(count_unit_log "$log")
  while IFS= read -r name; do FAILURES+=("web: $name"); done < <(strip_ansi <"$log" | grep -E '^[[:space:]]*FAIL[[:space:]]' | sed -E 's/^[[:space:]]*FAIL[[:space:]]+//' | sort -u | head -n 40)
  if [ -n "$counts" ]; then read -r tp tf <<<"$counts"; else tp=0; tf=0; fi
  if [ "$rc" -ne 0 ] && [ "$tf" -eq 0 ]; then
    STAGE_ERRORS+=("npm test exited $rc"); warn "npm test exited $rc without a counted failure"
    tf=1
  elif [ -z "$counts" ]; then
    warn "could not find a test summary in the npm test output"
  fi
  record "web unit tests" "$tp" "$tf"
fi

# record_script STAGE SCRIPT LOG: records a script that ends with "N passed, N failed", from its
# log and $RC; a non-zero exit without a counted failure counts as one.
record_script() {
  local stage=$1 script=$2 log=$3 last tp=0 tf=0
  last=$(strip_ansi <"$log" | grep -E '^[[:space:]]*[0-9]+ passed, [0-9]+ failed[[:space:]]*$' | tail -n 1)
  [ -n "$last" ] && read -r tp _ tf _ <<<"$last"
  if [ "$RC" -ne 0 ] && [ "$tf" -eq 0 ]; then
    STAGE_ERRORS+=("$script exited $RC"); warn "$script exited $RC without a counted failure"
    tf=1
  fi
  while IFS= read -r name; do FAILURES+=("$stage: $name"); done < <(strip_ansi <"$log" | grep -E '^FAIL[[:space:]]' | sed -E 's/^FAIL[[:space:]]+//' | cut -c1-200 | head -n 40)
  record "$stage" "$tp" "$tf"
}

if want k8s; then
  command -v node >/dev/null 2>&1 || apt_install nodejs npm || warn "node is missing and could not be installed"
  run_k8s_stage
fi

# ---- browser end-to-end ------------------------------------------------------------------
if ! want e2e; then :
elif [ ! -f "$ROOT/web/e2e/run.sh" ]; then
  warn "web/e2e/run.sh does not exist yet; browser tests skipped"
elif [ "$WEB_READY" != 1 ]; then
  stage_error "browser e2e" "web dependencies are not installed"
elif [ -z "$PG_PORT" ]; then
  stage_error "browser e2e" "skipped: no PostgreSQL"
else
  say "browser end-to-end"
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    apt_install chromium || warn "chromium is missing and could not be installed"
  fi
  log="$TMP/e2e.log"
  run_logged 1800 "$log" bash "$ROOT/web/e2e/run.sh"
  record_script "browser e2e" web/e2e/run.sh "$log"
fi

# ---- reliability drills ------------------------------------------------------------------
# Two Release instances on their own private PostgreSQL (tests/drills/run.sh starts and removes it).
# The full portal load (200 clients for 60 s) and the failover drill (f, ~1.5 min) are `make drills`;
# here the same 200 clients for 20 s and no failover (DRILL_FAILOVER=1 adds it), about a minute, and
# the restore drill (g) with a 5 s archive_timeout and 3 s write phases (~1.5 min; ~4 with make up's
# 50 s in make drills): the only test that takes and restores a pgBackRest backup.
if want drills; then
  say "reliability drills"
  for tool in curl jq python3; do
    command -v "$tool" >/dev/null 2>&1 || apt_install "$tool" || warn "$tool is missing and could not be installed"
  done
  log="$TMP/drills.log"
  run_logged 1200 "$log" env DRILL_LOAD_SECONDS="${DRILL_LOAD_SECONDS:-20}" DRILL_FAILOVER="${DRILL_FAILOVER:-0}" \
    DRILL_ARCHIVE_TIMEOUT="${DRILL_ARCHIVE_TIMEOUT:-5}" DRILL_RESTORE_WRITE_SECONDS="${DRILL_RESTORE_WRITE_SECONDS:-3}" \
    bash "$ROOT/tests/drills/run.sh"
  record_script "reliability drills" tests/drills/run.sh "$log"
fi

# ---- summary -------------------------------------------------------------------------------
if [ ${#FAILURES[@]} -gt 0 ]; then
  printf '\nFailed:\n'; printf '  %s\n' "${FAILURES[@]}"
fi
if [ ${#STAGE_ERRORS[@]} -gt 0 ]; then
  printf '\nStage errors:\n'; printf '  %s\n' "${STAGE_ERRORS[@]}"
fi
echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ] && [ ${#STAGE_ERRORS[@]} -eq 0 ]
