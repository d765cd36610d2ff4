#!/usr/bin/env bash
# A private PostgreSQL cluster made from the machine's PostgreSQL binaries.
# It listens on 127.0.0.1 only, on a port of our choosing, with its Unix socket inside its own
# data directory, so it never meets a system cluster. Trust auth: it is a local dev/test cluster.
#
#   db/cluster.sh ensure-installed
#   db/cluster.sh start DATADIR PORT [--fast] [--archive CONF [--archive-timeout S]]
#                                                initdb on first use; --fast = fsync off (throwaway only);
#                                                --archive: WAL archived by pgBackRest with the config CONF
#                                                (db/backup.sh writes it), a segment switched at least every
#                                                S seconds (default CLINIC_ARCHIVE_TIMEOUT, else 50: with the
#                                                second of switching and the seconds archiving takes on a
#                                                busy machine, at most 60 s of writes are at risk — the
#                                                recovery point objective)
#   db/cluster.sh stop DATADIR
#   db/cluster.sh sockdir DATADIR                the Unix socket directory start uses for DATADIR
#   db/cluster.sh status DATADIR
#   db/cluster.sh url DATADIR PORT DBNAME        creates DBNAME if missing, prints the Npgsql string
#   db/cluster.sh roles PORT DBNAME              the owner and app roles (db/roles.sql), DBNAME owned by
#                                                the owner; prints the owner's string, then the app's
#
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as the caller.
set -euo pipefail

die() { echo "cluster.sh: $*" >&2; exit 1; }
log() { echo "cluster.sh: $*" >&2; }

PG_BIN=""
find_bin() {
  local d c
  if c=$(command -v pg_ctl 2>/dev/null) && [ -x "$(dirname "$c")/initdb" ]; then
    PG_BIN=$(dirname "$(readlink -f "$c")"); return 0
  fi
  # Highest version first.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then PG_BIN=$d; return 0; fi
  done
  return 1
}

ensure_installed() {
  if ! find_bin; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL server binaries not found (initdb/pg_ctl); install the 'postgresql' package"
    log "PostgreSQL not found; installing it with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -q && apt-get install -y -q postgresql; } >&2 \
      || die "apt-get install postgresql failed"
    find_bin || die "PostgreSQL installed but initdb/pg_ctl still not found"
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres \
      || die "could not create the postgres user"
  fi
}

# Run a server-side command as the cluster owner, from a directory it can read.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

abs() { readlink -m -- "$1"; }

is_running() { as_owner "$PG_BIN/pg_ctl" status -D "$1" >/dev/null 2>&1; }

# The socket lives in the data directory unless that path is too long for a socket name; then in a
# directory of its own under /tmp named after the data directory (pgBackRest needs a socket).
sockdir_for() {
  local data=$1
  if [ ${#data} -le 80 ]; then echo "$data"; else echo "/tmp/clinic-pg-$(printf %s "$data" | sha256sum | cut -c1-12)"; fi
}

# clear_stale_locks DATADIR SOCKDIR PORT — remove a postmaster.pid or socket lock file whose
# postmaster is gone. A SIGKILLed postmaster whose parent never reaps it (a container whose PID 1
# is not an init) stays a zombie, and PostgreSQL refuses to start while the PID in a lock file
# still answers kill -0; a restored data directory can also carry the socket lock file of the
# cluster it was backed up from when the socket lives in the data directory.
clear_stale_locks() {
  local data=$1 sockdir=$2 port=$3 f pid state
  for f in "$data/postmaster.pid" "$sockdir/.s.PGSQL.$port.lock"; do
    [ -f "$f" ] || continue
    pid=$(head -n1 "$f" 2>/dev/null | tr -dc 0-9 || true)
    state=""
    # (ps fails for a process that is gone: under set -e that must not end the start)
    if [ -n "$pid" ]; then state=$(ps -o stat= -p "$pid" 2>/dev/null | tr -d ' ' || true); fi
    case "$state" in
      ""|Z*) log "removing the stale lock file $f (its process ${pid:-?} is $([ -n "$state" ] && echo "a zombie" || echo gone))"
             rm -f "$f"; [ "$f" = "$data/postmaster.pid" ] || rm -f "${f%.lock}" ;;
    esac
  done
}

cmd_start() {
  local data="" port="" fast=0 archive="" archive_timeout=${CLINIC_ARCHIVE_TIMEOUT:-50}
  while [ $# -gt 0 ]; do
    case "$1" in
      --fast) fast=1 ;;
      --archive) [ $# -ge 2 ] || die "--archive needs the pgBackRest config file"; archive=$(abs "$2"); shift ;;
      --archive-timeout) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--archive-timeout needs seconds"; archive_timeout=$2; shift ;;
      *) if [ -z "$data" ]; then data=$1; elif [ -z "$port" ]; then port=$1; else die "unexpected argument: $1"; fi ;;
    esac
    shift
  done
  [ -n "$data" ] && [ -n "$port" ] || die "usage: start DATADIR PORT [--fast] [--archive CONF [--archive-timeout S]]"
  [[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number: $port"
  [[ "$archive" != *"'"* ]] || die "the pgBackRest config path may not contain a quote: $archive"
  ensure_installed
  data=$(abs "$data")

  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$data"
    # The owner must be able to reach the directory; open the parents for traversal only.
    local p; p=$(dirname "$data")
    while [ "$p" != / ]; do
      runuser -u postgres -- test -x "$p" || { log "allowing traversal of $p"; chmod o+x "$p"; }
      p=$(dirname "$p")
    done
  fi
  chmod 700 "$data"

  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising a new cluster in $data"
    local locale=C.UTF-8
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || locale=C
    local out; out=$(mktemp)
    as_owner "$PG_BIN/initdb" -D "$data" -U postgres --encoding=UTF8 --locale="$locale" \
      --auth-local=trust --auth-host=trust >"$out" 2>&1 \
      || { cat "$out" >&2; rm -f "$out"; die "initdb failed"; }
    rm -f "$out"
    echo "include_if_exists = 'clinic.conf'" >>"$data/postgresql.conf"
  fi

  # Settings rewritten on every start, so the port (and --fast, --archive) can change between runs.
  local sockdir; sockdir=$(sockdir_for "$data")
  if [ "$sockdir" != "$data" ]; then
    mkdir -p "$sockdir"; chmod 755 "$sockdir"
    [ "$(id -u)" = 0 ] && chown postgres: "$sockdir"
  fi
  local conf; conf=$(mktemp)
  {
    echo "# written by db/cluster.sh on every start"
    echo "port = $port"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$sockdir'"
    echo "max_connections = 300"
    echo "shared_buffers = 128MB"
    echo "logging_collector = off"
    if [ "$fast" = 1 ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
    if [ -n "$archive" ]; then
      # Continuous backup (db/backup.sh): every finished WAL segment goes to the pgBackRest
      # repository, and a segment is finished at least every archive_timeout seconds when anything
      # was written, so a lost disk loses at most that much.
      local pgbackrest; pgbackrest=$(command -v pgbackrest) || die "pgbackrest is not installed (db/backup.sh installs it)"
      echo "wal_level = replica"
      echo "archive_mode = on"
      echo "archive_command = '$pgbackrest --config=$archive --stanza=clinic archive-push %p'"
      echo "archive_timeout = $archive_timeout"
    fi
  } >"$conf"

  clear_stale_locks "$data" "$sockdir" "$port"
  if is_running "$data"; then
    if cmp -s "$conf" "$data/clinic.conf"; then
      rm -f "$conf"; log "already running in $data"; return 0
    fi
    # archive_mode and the port only change with a restart.
    log "settings changed; restarting the cluster in $data"
    cat "$conf" >"$data/clinic.conf"; rm -f "$conf"
    as_owner "$PG_BIN/pg_ctl" restart -D "$data" -m fast -w -t 60 -l "$data/server.log" >/dev/null \
      || { tail -n 30 "$data/server.log" >&2; die "could not restart PostgreSQL in $data"; }
    log "PostgreSQL running on 127.0.0.1:$port ($data)"
    return 0
  fi
  cat "$conf" >"$data/clinic.conf"; rm -f "$conf"
  [ "$(id -u)" = 0 ] && chown postgres: "$data/clinic.conf"

  # A restored cluster replays WAL before it accepts connections; give it time (CLINIC_PG_START_TIMEOUT).
  if ! as_owner "$PG_BIN/pg_ctl" start -D "$data" -w -t "${CLINIC_PG_START_TIMEOUT:-60}" -l "$data/server.log" >/dev/null; then
    tail -n 30 "$data/server.log" >&2 || true
    die "could not start PostgreSQL in $data on port $port"
  fi
  log "PostgreSQL running on 127.0.0.1:$port ($data)"
}

cmd_stop() {
  [ $# -ge 1 ] || die "usage: stop DATADIR"
  local data; data=$(abs "$1")
  [ -s "$data/PG_VERSION" ] || { log "no cluster in $data"; return 0; }
  find_bin || die "PostgreSQL binaries not found"
  if is_running "$data"; then
    as_owner "$PG_BIN/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null \
      || as_owner "$PG_BIN/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null \
      || die "could not stop PostgreSQL in $data"
    log "stopped PostgreSQL in $data"
  fi
}

cmd_status() {
  [ $# -ge 1 ] || die "usage: status DATADIR"
  local data; data=$(abs "$1")
  find_bin || die "PostgreSQL binaries not found"
  if is_running "$data"; then echo running; else echo stopped; return 3; fi
}

cmd_url() {
  [ $# -eq 3 ] || die "usage: url DATADIR PORT DBNAME"
  local port=$2 db=$3
  find_bin || die "PostgreSQL binaries not found"
  local psql="$PG_BIN/psql" createdb="$PG_BIN/createdb"
  [ -x "$psql" ] || psql=psql
  [ -x "$createdb" ] || createdb=createdb
  local exists
  exists=$("$psql" -X -q -A -t -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -c "select 1 from pg_database where datname = '${db//\'/\'\'}'") \
    || die "cannot connect to PostgreSQL on 127.0.0.1:$port"
  if [ "$exists" != 1 ]; then
    "$createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" || die "createdb $db failed"
  fi
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
}

# The two roles the app runs with: migrations as clinic_owner, the app as clinic_web (db/roles.sql).
cmd_roles() {
  [ $# -eq 2 ] || die "usage: roles PORT DBNAME"
  local port=$1 db=$2 psql
  find_bin || die "PostgreSQL binaries not found"
  psql="$PG_BIN/psql"; [ -x "$psql" ] || psql=psql
  "$psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v db="$db" \
    -f "$(dirname "$(readlink -f "$0")")/roles.sql" >/dev/null || die "could not set up the roles in $db"
  echo "Host=127.0.0.1;Port=$port;Username=clinic_owner;Database=$db"
  echo "Host=127.0.0.1;Port=$port;Username=clinic_web;Database=$db"
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  sockdir) [ $# -eq 2 ] || die "usage: sockdir DATADIR"; sockdir_for "$(abs "$2")" ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  url) shift; cmd_url "$@" ;;
  roles) shift; cmd_roles "$@" ;;
  *) die "usage: $0 ensure-installed | start DATADIR PORT [--fast] [--archive CONF [--archive-timeout S]] | sockdir DATADIR | stop DATADIR | status DATADIR | url DATADIR PORT DBNAME | roles PORT DBNAME" ;;
esac
