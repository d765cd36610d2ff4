-- Issue 31 item 4: the therapist's choice of email for new messages — one per message (throttled per thread, the
-- default, as before) or a daily digest of unread threads (counts only, never a name or a word of a message).
-- One row per account that chose; no row means an email per message.
CREATE TABLE message_email_settings (
    user_id    uuid        PRIMARY KEY REFERENCES users (id),
    delivery   varchar(20) NOT NULL CHECK (delivery IN ('each_message', 'daily_digest')),
    updated_at timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON message_email_settings TO clinic_app;
