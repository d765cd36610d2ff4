-- Issue 31 item 7: the unsent message a reader is typing in a thread, kept on the server (never in the browser's
-- storage, where it would outlive a sign-out in plain text). One per thread and account; an empty body is no draft
-- (sending a message empties it, so the app never needs to delete one). A working copy, not part of the record:
-- the audit trail names the thread, never the text. It names its couple, so the retention purge reaches it.
CREATE TABLE message_drafts (
    thread_id uuid          NOT NULL REFERENCES message_threads (id),
    user_id   uuid          NOT NULL REFERENCES users (id),
    couple_id uuid          NOT NULL REFERENCES couples (id),
    body      varchar(4000) NOT NULL CHECK (length(body) <= 4000),
    saved_at  timestamptz   NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX ix_message_drafts_user_id ON message_drafts (user_id);
CREATE INDEX ix_message_drafts_couple_id ON message_drafts (couple_id);

GRANT SELECT, INSERT, UPDATE ON message_drafts TO clinic_app;
