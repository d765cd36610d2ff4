#!/bin/sh
# docker-compose: the postgres image runs this once, when it creates its data directory. It makes
# the two roles and the clinic database (db/roles.sql) with the passwords from .env.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v db=clinic \
  -v owner_password="$CLINIC_DB_OWNER_PASSWORD" -v app_password="$CLINIC_DB_APP_PASSWORD" -f /clinic/roles.sql
