#!/usr/bin/env bash
# make env: writes .env for docker compose with fresh random secrets (signing key, admin and
# database passwords). Refuses to overwrite an existing .env. .env is never committed (.gitignore).
#   tools/make-env.sh [--demo]     --demo also loads the demo practice (CLINIC_LOAD_DEMO=true)
#   CLINIC_ENV_FILE=path           write there instead (make test checks what the script writes)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENV_FILE=${CLINIC_ENV_FILE:-$ROOT/.env}
[ -e "$ENV_FILE" ] && { echo "make env: $ENV_FILE exists; remove it first to make new secrets" >&2; exit 1; }

# URL-safe random text: no quoting trouble in a connection string or in .env.
random() { head -c "$1" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='; }
load_demo=false
[ "${1:-}" = --demo ] && load_demo=true

admin_password="Admin-$(random 15)"
(umask 077; cat >"$ENV_FILE" <<ENV
# Written by tools/make-env.sh on $(date -u +%F). Secrets: keep this file private and out of git.
CLINIC_JWT_SIGNING_KEY=$(random 48)
CLINIC_ADMIN_EMAIL=admin@clinic.test
CLINIC_ADMIN_PASSWORD=$admin_password
CLINIC_DB_SUPERUSER_PASSWORD=$(random 24)
CLINIC_DB_OWNER_PASSWORD=$(random 24)
CLINIC_DB_APP_PASSWORD=$(random 24)
CLINIC_LOAD_DEMO=$load_demo
CLINIC_TIME_ZONE=UTC
CLINIC_KNOWN_PROXIES=
ENV
)
echo "Wrote $ENV_FILE (mode 600). The first admin: admin@clinic.test / $admin_password"
echo "Admins set up two-step verification at their first sign-in."
