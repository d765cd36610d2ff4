# Shared by the drills (run.sh, failover.sh, email.sh): a work directory removed on exit (kept with
# DRILL_KEEP=1), PASS/FAIL counting, and a private PostgreSQL with the app's schema and a synthetic
# practice. Source it after tests/bench/common.sh (the database, the app and sign-ins come from there).

# drill_start NAME — a fresh work directory in $WORK, everything started stopped on exit, counters at 0.
drill_start() {
  WORK=$(mktemp -d "/tmp/clinic-$1.XXXXXX")
  chmod 755 "$WORK"
  PASSED=0 FAILED=0
  trap drill_finish EXIT
  trap 'exit 130' INT TERM
}

drill_finish() {
  local rc=$?
  cleanup_all
  [ "${DRILL_KEEP:-}" = 1 ] && echo "work directory kept: $WORK" >&2 || rm -rf "$WORK"
  exit "$rc"
}

pass() { echo "PASS $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }
check() { # NAME COMMAND…
  local name=$1; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

# drill_database DIR PORT APP_NAME SEED_ARGS… — starts PostgreSQL in DIR, exports CONN (Application Name
# APP_NAME when given) and a fresh JWT_KEY, migrates, and seeds `tools/Clinic.Seed --synthetic SEED_ARGS…`.
drill_database() {
  local dir=$1 port=$2 app_name=$3; shift 3
  start_pg "$dir" "$port"
  CONN=$PG_URL
  [ -z "$app_name" ] || CONN="$CONN;Application Name=$app_name"
  JWT_KEY=$(head -c 48 /dev/urandom | base64 -w0)
  export CONN JWT_KEY
  app_verb migrate
  seed_practice --synthetic "$@"
}
