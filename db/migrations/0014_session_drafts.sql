-- An unsaved session note, kept for its author across an involuntary sign-out (idle logout, an
-- expired session) instead of in the browser's storage, where it stayed in plain text after
-- sign-out. One per user and per session being edited (session_id NULL: a new session for the
-- couple), kept seven days from its last save. A working copy, not a record: saving the session
-- discards it, and the app deletes it when asked or when it has expired. Its text never goes to the
-- audit trail; the trail says who saved, read or discarded which draft.
CREATE TABLE session_drafts (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    couple_id  uuid        NOT NULL REFERENCES couples (id),
    session_id uuid        NULL REFERENCES sessions (id),
    note       text        NOT NULL,
    saved_at   timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_session_drafts_key ON session_drafts (user_id, couple_id, session_id) NULLS NOT DISTINCT;
CREATE INDEX ix_session_drafts_expires_at ON session_drafts (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON session_drafts TO clinic_app;
