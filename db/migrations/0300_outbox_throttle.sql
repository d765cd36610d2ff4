-- Issue 30: a reusable email throttle. Messages that share a throttle key go at most once per
-- throttle_seconds ("You have something new in your portal" at most once per partner per 15 minutes;
-- "You have a new message" per thread). The sender checks the last one sent with the key under an
-- advisory lock on the key, so two instances cannot both send inside one window.
ALTER TABLE outbox_messages
    ADD COLUMN throttle_key     varchar(200) NULL,
    ADD COLUMN throttle_seconds integer      NULL CHECK (throttle_seconds > 0),
    ADD CONSTRAINT ck_outbox_messages_throttle CHECK ((throttle_key IS NULL) = (throttle_seconds IS NULL));

-- "When did a message with this key last go?" and "is one waiting?", for the writer and the sender.
CREATE INDEX ix_outbox_messages_throttle ON outbox_messages (throttle_key, sent_at DESC) WHERE throttle_key IS NOT NULL;
