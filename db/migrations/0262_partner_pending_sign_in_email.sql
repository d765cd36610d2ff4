-- Issue 26: a partner with a portal account signs in with a corrected address only once they follow
-- a link sent to it. Until then the address waits here, with the hash of that link (never the link).
ALTER TABLE partners ADD COLUMN pending_email varchar(256) NULL;
ALTER TABLE partners ADD COLUMN pending_email_token_hash text NULL;
ALTER TABLE partners ADD COLUMN pending_email_expires_at timestamptz NULL;
ALTER TABLE partners ADD CONSTRAINT partners_pending_email_whole
    CHECK ((pending_email IS NULL) = (pending_email_token_hash IS NULL) AND (pending_email IS NULL) = (pending_email_expires_at IS NULL));
CREATE UNIQUE INDEX ix_partners_pending_email_token_hash ON partners (pending_email_token_hash) WHERE pending_email_token_hash IS NOT NULL;
