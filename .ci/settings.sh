# Where `make up`, `make down` and the backup targets keep things; sourced by .ci/up.sh, .ci/down.sh and
# .ci/backup.sh. Every value can be changed from the environment, so a second copy can run beside the
# first (another data directory and other ports), e.g. to rehearse a restore.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
DATA=$(readlink -m -- "${CLINIC_DATA_DIR:-$ROOT/.data}")   # the cluster, secrets, logs, the local backup repository
PGDATA_DIR="$DATA/pg"
PG_PORT=${CLINIC_PG_PORT:-55432}
APP_PORT=${CLINIC_APP_PORT:-8080}
APP_URL=http://localhost:$APP_PORT
PID_FILE="$DATA/app.pid"
LOG_FILE="$DATA/app.log"
# Continuous backup with pgBackRest (db/backup.sh; README "Backups"): on unless CLINIC_BACKUP=off.
BACKUP=${CLINIC_BACKUP:-on}
BACKUP_CONF="$DATA/pgbackrest.conf"
BACKUP_INFO="$DATA/backup-info.json"
