-- The two roles Clinic runs with (SECURITY.md, README "Production database roles"), made or put
-- right idempotently, and the database owned by the first:
--   clinic_owner  owns the database and its schema; only migrations run as it
--   clinic_app    a NOLOGIN role holding the application's grants (migrations 0006 and 0012)
--   clinic_web    the application's login, a member of clinic_app: rows only, never the schema
-- Run as a superuser:
--   psql -v db=clinic [-v owner_password=… -v app_password=…] -f db/roles.sql
-- Used by db/cluster.sh roles (make up), web/e2e/run.sh and docker-compose (db/compose-init.sh).
\set ON_ERROR_STOP on
SET client_min_messages TO warning;

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clinic_owner') AS missing \gset
\if :missing
CREATE ROLE clinic_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clinic_app') AS missing \gset
\if :missing
CREATE ROLE clinic_app NOLOGIN;
\endif
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clinic_web') AS missing \gset
\if :missing
CREATE ROLE clinic_web LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;
\endif
GRANT clinic_app TO clinic_web;
\if :{?owner_password}
ALTER ROLE clinic_owner PASSWORD :'owner_password';
\endif
\if :{?app_password}
ALTER ROLE clinic_web PASSWORD :'app_password';
\endif

SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') AS missing \gset
\if :missing
CREATE DATABASE :"db" OWNER clinic_owner;
\else
ALTER DATABASE :"db" OWNER TO clinic_owner;
\endif

-- A database migrated before these roles existed (by a superuser): its objects go to the owner,
-- so the next migration, run as the owner, may alter them. Grants made to clinic_app stay.
\connect :"db"
DO $$
DECLARE object record;
BEGIN
    FOR object IN
        SELECT c.relname AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v')
          AND pg_get_userbyid(c.relowner) <> 'clinic_owner'
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s public.%I OWNER TO clinic_owner', object.kind, object.name);
    END LOOP;
    FOR object IN
        SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'clinic_owner'
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO clinic_owner', object.name);
    END LOOP;
END
$$;
