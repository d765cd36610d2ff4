#!/usr/bin/env bash
# Continuous backup of a private cluster (db/cluster.sh) with pgBackRest: WAL archived as it is
# written, base backups on demand, point-in-time restore. `make up`, `make backup`, `make backups`,
# `make restore` and tests/drills/restore.sh use it; README "Backups" explains it for a practice.
#
#   db/backup.sh ensure-installed
#   db/backup.sh configure CONF DATADIR PORT   writes the pgBackRest config CONF for the cluster in
#                                              DATADIR (settings below); its lock and log directories
#                                              beside it
#   db/backup.sh stanza CONF                   creates the repository's stanza (once; later a no-op)
#   db/backup.sh check CONF                    forces a WAL switch and waits until it is archived
#   db/backup.sh backup CONF [auto|full|diff|incr]
#                                              a base backup (auto: full when the newest full one is
#                                              older than CLINIC_BACKUP_FULL_DAYS (7) days, else
#                                              differential); prints its label, size and time
#   db/backup.sh has-backup CONF               exit 0 when the repository holds a backup
#   db/backup.sh list CONF                     one line per backup, oldest first, then the WAL archive
#   db/backup.sh info-json CONF                pgBackRest's `info --output=json`
#   db/backup.sh restore CONF DATADIR PORT TARGET [TIMELINE]
#                                              TARGET is LATEST or a time ("2026-12-07 10:15:00", the
#                                              server's time zone unless it carries an offset). Archives
#                                              what the running cluster has not yet archived, stops it,
#                                              moves DATADIR aside, restores into a fresh DATADIR,
#                                              starts it and waits until recovery has promoted it.
#                                              Prints "ASIDE=<path>" (the replaced directory) last.
#   db/backup.sh restore-finish ASIDE          removes the replaced directory (the restored app is ready)
#   db/backup.sh restore-rollback CONF DATADIR PORT ASIDE
#                                              puts the replaced directory back and starts it
#
# Settings (environment, read by `configure`):
#   CLINIC_BACKUP_PATH            repository path: a directory (default: `backup` beside DATADIR),
#                                 or the path inside the bucket when CLINIC_BACKUP_S3_BUCKET is set
#   CLINIC_BACKUP_S3_BUCKET, _S3_ENDPOINT, _S3_REGION, _S3_KEY, _S3_KEY_SECRET, _S3_URI_STYLE (host|path),
#   _S3_VERIFY_TLS (y|n)          an S3-compatible bucket instead of a directory
#   CLINIC_BACKUP_CIPHER_PASS     encrypts the repository (aes-256-cbc); keep the passphrase off this machine
#   CLINIC_BACKUP_RETENTION_FULL  full backups kept (default 2; older ones and their WAL are expired)
# All pgBackRest commands run as the cluster's owner (the postgres user when run as root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STANZA=clinic
die() { echo "backup.sh: $*" >&2; exit 1; }
log() { echo "backup.sh: $*" >&2; }
abs() { readlink -m -- "$1"; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

ensure_installed() {
  local missing=()
  command -v pgbackrest >/dev/null 2>&1 || missing+=(pgbackrest)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "not installed: ${missing[*]} (Debian packages of the same names)"
  log "installing ${missing[*]} with apt-get"
  local out; out=$(mktemp)
  # Another apt-get on this machine may hold the lock for a while: wait for it rather than fail.
  if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q \
         && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"; } >"$out" 2>&1; then
    tail -n 20 "$out" >&2; rm -f "$out"; die "apt-get install ${missing[*]} failed"
  fi
  rm -f "$out"
  command -v pgbackrest >/dev/null 2>&1 && command -v jq >/dev/null 2>&1 || die "installed, but pgbackrest or jq is still not on PATH"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r | head -n1; }
psql_at() { # PORT SQL — as postgres over TCP, unaligned, tuples only
  "$(pg_bin)/psql" -X -q -A -t -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$2"
}

# pgbr CONF ARGS… — pgBackRest with the config CONF and the stanza, as the cluster's owner.
pgbr() { local conf=$1; shift; as_owner pgbackrest --config="$conf" --stanza="$STANZA" "$@"; }

own() { # chown to postgres when root
  if [ "$(id -u)" = 0 ]; then chown postgres: "$@"; fi
}

cmd_configure() {
  [ $# -eq 3 ] || die "usage: configure CONF DATADIR PORT"
  local conf data port state repo sockdir
  conf=$(abs "$1"); data=$(abs "$2"); port=$3
  [[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number: $port"
  ensure_installed
  state="$(dirname "$conf")/pgbackrest"
  mkdir -p "$state/lock" "$state/log"
  own "$state" "$state/lock" "$state/log"
  chmod 700 "$state"
  sockdir=$("$HERE/cluster.sh" sockdir "$data")
  local tmp; tmp=$(mktemp)
  {
    echo "# written by db/backup.sh configure — rewritten by every make up; settings in README \"Backups\""
    echo "[global]"
    echo "lock-path=$state/lock"
    echo "log-path=$state/log"
    echo "log-level-console=warn"
    echo "log-level-file=detail"
    echo "compress-type=zst"
    echo "process-max=2"
    # A backup starts with an immediate checkpoint rather than waiting for the next one.
    echo "start-fast=y"
    echo "repo1-retention-full=${CLINIC_BACKUP_RETENTION_FULL:-2}"
    if [ -n "${CLINIC_BACKUP_S3_BUCKET:-}" ]; then
      repo=${CLINIC_BACKUP_PATH:-/clinic}
      [[ "$repo" == /* ]] || die "CLINIC_BACKUP_PATH must be an absolute path inside the bucket: $repo"
      echo "repo1-type=s3"
      echo "repo1-path=$repo"
      echo "repo1-s3-bucket=$CLINIC_BACKUP_S3_BUCKET"
      echo "repo1-s3-endpoint=${CLINIC_BACKUP_S3_ENDPOINT:?CLINIC_BACKUP_S3_ENDPOINT is required with a bucket}"
      echo "repo1-s3-region=${CLINIC_BACKUP_S3_REGION:-us-east-1}"
      echo "repo1-s3-key=${CLINIC_BACKUP_S3_KEY:?CLINIC_BACKUP_S3_KEY is required with a bucket}"
      echo "repo1-s3-key-secret=${CLINIC_BACKUP_S3_KEY_SECRET:?CLINIC_BACKUP_S3_KEY_SECRET is required with a bucket}"
      echo "repo1-s3-uri-style=${CLINIC_BACKUP_S3_URI_STYLE:-host}"
      echo "repo1-storage-verify-tls=${CLINIC_BACKUP_S3_VERIFY_TLS:-y}"
    else
      repo=$(abs "${CLINIC_BACKUP_PATH:-$(dirname "$data")/backup}")
      mkdir -p "$repo"; own "$repo"; chmod 750 "$repo"
      echo "repo1-path=$repo"
    fi
    if [ -n "${CLINIC_BACKUP_CIPHER_PASS:-}" ]; then
      echo "repo1-cipher-type=aes-256-cbc"
      echo "repo1-cipher-pass=$CLINIC_BACKUP_CIPHER_PASS"
    fi
    echo
    echo "[$STANZA]"
    echo "pg1-path=$data"
    echo "pg1-port=$port"
    echo "pg1-socket-path=$sockdir"
    echo "pg1-user=postgres"
  } >"$tmp"
  # It may hold a bucket key or a cipher passphrase: readable by the cluster's owner only.
  install -m 600 "$tmp" "$conf"; rm -f "$tmp"
  own "$conf"
}

cmd_stanza() {
  [ $# -eq 1 ] || die "usage: stanza CONF"
  pgbr "$1" stanza-create >/dev/null || die "pgbackrest stanza-create failed (log: $(dirname "$(abs "$1")")/pgbackrest/log)"
}

cmd_check() {
  [ $# -eq 1 ] || die "usage: check CONF"
  pgbr "$1" check >/dev/null || die "pgbackrest check failed: WAL is not reaching the repository (log: $(dirname "$(abs "$1")")/pgbackrest/log)"
  write_info_file "$1"
}

info_json() { pgbr "$1" info --output=json; }

# Written after every backup and restore: what the app's backup status page reads
# (Clinic__Backup__InfoFile), so the app never runs pgBackRest itself.
write_info_file() {
  local conf=$1 file tmp
  file="$(dirname "$(abs "$conf")")/backup-info.json"
  tmp=$(mktemp)
  if info_json "$conf" >"$tmp" 2>/dev/null; then
    chmod 644 "$tmp"; mv -f "$tmp" "$file"
  else
    rm -f "$tmp"
  fi
}

human() { numfmt --to=iec-i --suffix=B --format='%.1f' "$1" 2>/dev/null || echo "$1 B"; }

cmd_has_backup() {
  [ $# -eq 1 ] || die "usage: has-backup CONF"
  [ "$(info_json "$1" | jq '[.[0].backup // [] | .[]] | length')" -gt 0 ]
}

cmd_backup() {
  [ $# -ge 1 ] && [ $# -le 2 ] || die "usage: backup CONF [auto|full|diff|incr]"
  local conf=$1 type=${2:-auto} info newest_full
  case "$type" in auto|full|diff|incr) ;; *) die "backup type must be auto, full, diff or incr: $type" ;; esac
  command -v jq >/dev/null 2>&1 || die "jq is needed (apt-get install jq)"
  info=$(info_json "$conf") || die "pgbackrest info failed"
  if [ "$type" = auto ]; then
    newest_full=$(jq '[.[0].backup // [] | .[] | select(.type == "full") | .timestamp.stop] | max // 0' <<<"$info")
    if [ $(( $(date +%s) - newest_full )) -ge $(( ${CLINIC_BACKUP_FULL_DAYS:-7} * 86400 )) ]; then type=full; else type=diff; fi
  fi
  local started; started=$(date +%s)
  # The cluster's Unix socket lives in its data directory: pgBackRest says it skips it; that is all right.
  pgbr "$conf" backup --type="$type" 2> >(grep -v 'exclude special file .*\.s\.PGSQL' >&2) >/dev/null \
    || die "pgbackrest backup failed (log: $(dirname "$(abs "$conf")")/pgbackrest/log)"
  info=$(info_json "$conf")
  write_info_file "$conf"
  local last; last=$(jq -c '.[0].backup[-1]' <<<"$info")
  local label size repo start stop
  label=$(jq -r .label <<<"$last"); size=$(jq -r .info.size <<<"$last"); repo=$(jq -r .info.repository.delta <<<"$last")
  start=$(jq -r .timestamp.start <<<"$last"); stop=$(jq -r .timestamp.stop <<<"$last")
  echo "backup $label ($(jq -r .type <<<"$last")): database $(human "$size"), $(human "$repo") added to the repository," \
    "$((stop - start)) s ($(date -d "@$start" '+%F %T %Z') – $(date -d "@$stop" '+%T')); $(( $(date +%s) - started )) s in all"
}

cmd_list() {
  [ $# -eq 1 ] || die "usage: list CONF"
  local info; info=$(info_json "$1") || die "pgbackrest info failed"
  if [ "$(jq '[.[0].backup // [] | .[]] | length' <<<"$info")" = 0 ]; then
    echo "no backups yet (make backup takes one)"
  else
    printf '%-34s %-5s %-20s %-9s %10s %10s\n' label type finished seconds database repository
    jq -r '.[0].backup[] | [.label, .type, .timestamp.start, .timestamp.stop, .info.size, .info.repository.delta] | @tsv' <<<"$info" |
      while IFS=$'\t' read -r label type start stop size repo; do
        printf '%-34s %-5s %-20s %-9s %10s %10s\n' "$label" "$type" "$(date -d "@$stop" '+%F %T')" "$((stop - start))" "$(human "$size")" "$(human "$repo")"
      done
  fi
  local min max
  min=$(jq -r '.[0].archive[-1].min // empty' <<<"$info"); max=$(jq -r '.[0].archive[-1].max // empty' <<<"$info")
  [ -n "$max" ] && echo "WAL archive: $min … $max"
  echo "restorable: from the end of the oldest backup to the newest archived WAL (make restore AT=\"YYYY-MM-DD HH:MM:SS\" or AT=LATEST)"
}

running() { as_owner "$(pg_bin)/pg_ctl" status -D "$1" >/dev/null 2>&1; }

cmd_restore() {
  [ $# -ge 4 ] && [ $# -le 5 ] || die "usage: restore CONF DATADIR PORT TARGET [TIMELINE]"
  local conf data port target timeline=${5:-}
  conf=$(abs "$1"); data=$(abs "$2"); port=$3; target=$4
  local args=(--delta=n)
  if [ "$target" = LATEST ]; then
    args+=(--type=default)
  else
    # Refuse what PostgreSQL would not read as a time before anything is stopped.
    date -d "$target" >/dev/null 2>&1 || die "not a time: '$target' (use \"YYYY-MM-DD HH:MM:SS\", optionally with an offset such as +00)"
    args+=(--type=time "--target=$target" --target-action=promote)
  fi
  [ -z "$timeline" ] || args+=("--target-timeline=$timeline")
  cmd_has_backup "$conf" || die "the repository holds no backup to restore from"

  local archived=1
  if running "$data"; then
    # Everything the cluster wrote up to now goes to the archive first, so LATEST means now.
    if ! pgbr "$conf" check >/dev/null 2>&1; then
      archived=0; log "WARNING: the running cluster's last WAL could not be archived; the replaced directory will be kept"
    fi
    "$HERE/cluster.sh" stop "$data" >&2
  elif [ -d "$data" ]; then
    archived=0
  fi

  local aside=""
  if [ -d "$data" ]; then
    aside="$data.replaced-$(date +%Y%m%dT%H%M%S)"
    mv "$data" "$aside"
    [ "$archived" = 1 ] || touch "$aside/.clinic-keep"
    log "the replaced data directory is aside in $aside"
  fi
  mkdir -p "$data"; own "$data"; chmod 700 "$data"

  log "restoring ($target) into $data"
  if ! pgbr "$conf" restore --pg1-path="$data" "${args[@]}" >&2; then
    [ -z "$aside" ] || { rm -rf "$data"; mv "$aside" "$data"; rm -f "$data/.clinic-keep"; }
    die "pgbackrest restore failed; the previous data directory is back in place (not started)"
  fi

  # The server replays WAL up to the target, then promotes itself (or stops: target not reached).
  CLINIC_PG_START_TIMEOUT=${CLINIC_RESTORE_TIMEOUT:-3600} "$HERE/cluster.sh" start "$data" "$port" --archive "$conf" >&2 || restore_failed "$conf" "$data" "$port" "$aside"
  local i state=""
  for i in $(seq 1 "${CLINIC_RESTORE_TIMEOUT:-3600}"); do
    state=$(psql_at "$port" "select pg_is_in_recovery()" 2>/dev/null || true)
    [ "$state" = f ] && break
    running "$data" || break
    sleep 1
  done
  if [ "$state" != f ]; then
    grep -E 'FATAL|recovery' "$data/server.log" | tail -n 5 >&2 || true
    restore_failed "$conf" "$data" "$port" "$aside"
  fi
  write_info_file "$conf"
  log "restored: $(psql_at "$port" "select 'promoted at ' || now()::timestamp(0) || ', timeline ' || ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int")"
  echo "ASIDE=$aside"
}

restore_failed() {
  local conf=$1 data=$2 port=$3 aside=$4
  if [ -n "$aside" ]; then
    cmd_restore_rollback "$conf" "$data" "$port" "$aside" >&2 || true
    die "the restored cluster did not reach its target and promote (see the lines above); the previous data directory is back and running"
  fi
  die "the restored cluster did not reach its target and promote (see the lines above; $data/server.log)"
}

cmd_restore_finish() {
  [ $# -eq 1 ] || die "usage: restore-finish ASIDE"
  local aside=$1
  [ -n "$aside" ] && [ -d "$aside" ] || return 0
  if [ -f "$aside/.clinic-keep" ]; then
    log "kept $aside: it may hold WAL that never reached the archive; remove it once you no longer need it"
    return 0
  fi
  rm -rf "$aside"
  log "removed the replaced data directory (its history stays in the WAL archive)"
}

cmd_restore_rollback() {
  [ $# -eq 4 ] || die "usage: restore-rollback CONF DATADIR PORT ASIDE"
  local conf data port aside
  conf=$(abs "$1"); data=$(abs "$2"); port=$3; aside=$4
  [ -n "$aside" ] && [ -d "$aside" ] || die "no replaced data directory to put back"
  "$HERE/cluster.sh" stop "$data" >&2 || true
  local failed; failed="$data.failed-restore-$(date +%Y%m%dT%H%M%S)"
  [ -d "$data" ] && mv "$data" "$failed"
  mv "$aside" "$data"; rm -f "$data/.clinic-keep"
  "$HERE/cluster.sh" start "$data" "$port" --archive "$conf" >&2
  log "rolled back: the previous data directory is running again; the failed restore is in $failed"
  log "if the failed restore had promoted, it left a new timeline in the archive: pass TIMELINE=current to a later make restore"
}

case "${1:-}" in
  ensure-installed) ensure_installed ;;
  configure) shift; cmd_configure "$@" ;;
  stanza) shift; cmd_stanza "$@" ;;
  check) shift; cmd_check "$@" ;;
  backup) shift; cmd_backup "$@" ;;
  has-backup) shift; cmd_has_backup "$@" ;;
  list) shift; cmd_list "$@" ;;
  info-json) shift; [ $# -eq 1 ] || die "usage: info-json CONF"; info_json "$1" ;;
  restore) shift; cmd_restore "$@" ;;
  restore-finish) shift; cmd_restore_finish "$@" ;;
  restore-rollback) shift; cmd_restore_rollback "$@" ;;
  *) die "usage: $0 ensure-installed | configure CONF DATADIR PORT | stanza CONF | check CONF | backup CONF [auto|full|diff|incr] | has-backup CONF | list CONF | info-json CONF | restore CONF DATADIR PORT TARGET [TIMELINE] | restore-finish ASIDE | restore-rollback CONF DATADIR PORT ASIDE" ;;
esac
