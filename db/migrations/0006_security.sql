-- MFA recovery codes (hashed) and the application's database role.

-- Identity's default store keeps recovery codes in plain text in user_tokens; ours keeps only a
-- SHA-256 hash of each code, so a database reader cannot sign in with one.
CREATE TABLE recovery_codes (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    code_hash  text        NOT NULL,
    created_at timestamptz NOT NULL,
    used_at    timestamptz NULL
);
CREATE UNIQUE INDEX ix_recovery_codes_user_code ON recovery_codes (user_id, code_hash);

-- clinic_app is the role the running application should hold (through a LOGIN role that is a
-- member of it). Roles are cluster-wide, so creating it must tolerate an earlier database, or a
-- concurrent migration of another database, having created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinic_app') THEN
        CREATE ROLE clinic_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO clinic_app;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO clinic_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO clinic_app;
-- Tables added by later migrations (run by the owner role) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO clinic_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO clinic_app;

-- Credentials, not clinical records: Identity removes token rows, and spent recovery codes are
-- replaced when a user disables or re-enrols MFA.
GRANT DELETE ON user_tokens, user_claims, user_logins, recovery_codes TO clinic_app;

-- The audit trail: read and append only (the trigger from 0001 also refuses UPDATE/DELETE for
-- every role, the owner included).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM clinic_app;
GRANT SELECT, INSERT ON audit_events TO clinic_app;

-- Migrations are the owner's business; the application only needs to know they ran.
REVOKE INSERT, UPDATE ON schema_migrations FROM clinic_app;
