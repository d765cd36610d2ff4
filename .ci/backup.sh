#!/usr/bin/env bash
# make backup / make backups / make restore — the `make up` cluster's pgBackRest repository
# (db/backup.sh does the work; where things are: .ci/settings.sh; README "Backups").
#   .ci/backup.sh backup [auto|full|diff]   a base backup: its label, size and time
#   .ci/backup.sh list                      the backups and the WAL archive
#   .ci/backup.sh restore AT [TIMELINE]     AT: "YYYY-MM-DD HH:MM:SS" (server time unless it has an
#                                           offset) or LATEST. Stops the app, restores into .data/pg
#                                           (the replaced directory kept aside), starts the app, and
#                                           removes the replaced directory once /health/ready answers
#                                           200 — or puts it back if the restored app does not start.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=settings.sh
source "$ROOT/.ci/settings.sh"
say() { printf '==> %s\n' "$*"; }
die() { printf 'make %s: %s\n' "${CMD:-backup}" "$*" >&2; exit 1; }

CMD=${1:-}
[ "$BACKUP" != off ] || die "CLINIC_BACKUP=off: this installation keeps no backups"
[ -f "$BACKUP_CONF" ] || die "no backup configuration yet ($BACKUP_CONF): run make up first"

case "$CMD" in
  backup)
    db/cluster.sh status "$PGDATA_DIR" >/dev/null || die "the cluster is not running: make up first"
    db/backup.sh backup "$BACKUP_CONF" "${2:-auto}" ;;
  list)
    db/backup.sh list "$BACKUP_CONF" ;;
  restore)
    AT=${2:-}
    [ -n "$AT" ] || die 'say when: make restore AT="2026-12-07 10:15:00" (server time, or with an offset: "… +01") or AT=LATEST'
    TIMELINE=${3:-}
    started=$(date +%s)
    say "stopping the app"
    bash .ci/down.sh --app-only
    say "restoring $AT into $PGDATA_DIR"
    out=$(db/backup.sh restore "$BACKUP_CONF" "$PGDATA_DIR" "$PG_PORT" "$AT" $TIMELINE) || die "the restore failed (see above)"
    aside=$(sed -n 's/^ASIDE=//p' <<<"$out")
    say "starting the app on the restored database"
    if CLINIC_SKIP_WEB=1 CLINIC_SKIP_BUILD=1 CLINIC_SKIP_SEED=1 bash .ci/up.sh; then
      db/backup.sh restore-finish "$aside"
      echo
      echo "Restored to $AT in $(( $(date +%s) - started )) s; the app answers on $APP_URL."
    else
      if [ -n "$aside" ]; then
        say "the restored app did not become ready: putting the replaced data directory back"
        db/backup.sh restore-rollback "$BACKUP_CONF" "$PGDATA_DIR" "$PG_PORT" "$aside"
        CLINIC_SKIP_WEB=1 CLINIC_SKIP_BUILD=1 CLINIC_SKIP_SEED=1 bash .ci/up.sh || true
      fi
      die "the app did not start on the restored database; the previous data is back in place"
    fi ;;
  *) die "usage: .ci/backup.sh backup [auto|full|diff] | list | restore AT [TIMELINE]" ;;
esac
