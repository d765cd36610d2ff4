-- Least privilege for the application's role (clinic_app, held by the app's login): rows, and
-- nothing more. It owns nothing, so it can alter nothing; it may not create in the schema, empty a
-- table, or change or delete a row of the append-only tables. Migrations run as the owner.

-- TRUNCATE fires no row trigger, so the append-only tables get a statement-level guard too: it
-- refuses every role, the owner included (who must drop it on purpose, in a migration, to empty one).
CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER risk_record_revisions_no_truncate BEFORE TRUNCATE ON risk_record_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

-- None of these was granted; revoking says so, also for a grant someone once made by hand.
REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM clinic_app;
REVOKE UPDATE, DELETE ON audit_events, risk_record_revisions FROM clinic_app;
REVOKE CREATE ON SCHEMA public FROM clinic_app;

-- An unsigned session's cycle record is edited in place: revising or removing it deletes its rows
-- (it is part of the session, not a record of its own; a signed session is locked by the app). This
-- only worked before because the app connected as a superuser.
GRANT DELETE ON cycle_records, cycle_ratings TO clinic_app;

-- The cycle maps (0010) were made before this migration, by whichever role ran it: their rows the
-- app reads, appends and updates (the map's current version, its sharing), and nothing more. Every
-- save is a new version, so nothing of a map is ever deleted.
GRANT SELECT, INSERT, UPDATE ON cycle_maps, cycle_map_versions, cycle_map_sides TO clinic_app;

-- Tables made by later migrations get the app's grants when the role running them (the owner)
-- creates them: 0006 set this for the role that ran it, which may have been another.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO clinic_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO clinic_app;
