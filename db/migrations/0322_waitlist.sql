-- The waitlist (DESIGN §16, issue 32 item 7): couples waiting to start with one therapist — contact details of both
-- partners, how they heard of the practice, when they could come, how soon, and a short reason that is never clinical
-- detail. An offer is a time and a single-use link emailed to both (only its SHA-256 is kept); the newest offer
-- replaces an earlier one. Accepting creates the couple in intake with the appointment booked (couple_id). An entry is
-- never deleted: it is removed from the list (status 'removed') or accepted.
CREATE TABLE waitlist_entries (
    id                       uuid PRIMARY KEY,
    therapist_id             uuid          NOT NULL REFERENCES users (id),
    partner_a_first_name     varchar(100)  NOT NULL,
    partner_a_last_name      varchar(100)  NOT NULL,
    partner_a_email          varchar(256)  NOT NULL,
    partner_a_phone          varchar(40)   NULL,
    partner_b_first_name     varchar(100)  NOT NULL,
    partner_b_last_name      varchar(100)  NOT NULL,
    partner_b_email          varchar(256)  NOT NULL,
    partner_b_phone          varchar(40)   NULL,
    heard_from               varchar(200)  NOT NULL,
    -- ["monday", "thursday"] and ["morning", "evening"], in the API's spelling.
    preferred_days           jsonb         NOT NULL CHECK (jsonb_typeof(preferred_days) = 'array'),
    preferred_times          jsonb         NOT NULL CHECK (jsonb_typeof(preferred_times) = 'array'),
    urgency                  varchar(20)   NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
    reason                   varchar(200)  NOT NULL,
    notes                    varchar(2000) NOT NULL,
    status                   varchar(20)   NOT NULL CHECK (status IN ('waiting', 'accepted', 'removed')),
    added_at                 timestamptz   NOT NULL,
    updated_at               timestamptz   NOT NULL,
    offer_starts_at          timestamptz   NULL,
    offer_time_zone          varchar(64)   NULL,
    offer_duration_minutes   integer       NULL CHECK (offer_duration_minutes BETWEEN 15 AND 240),
    offer_format             varchar(20)   NULL CHECK (offer_format IN ('in_person', 'video')),
    offer_policy             varchar(40)   NULL,
    offer_overlap_confirmed  boolean       NOT NULL,
    offer_token_hash         varchar(64)   NULL,
    offered_at               timestamptz   NULL,
    offer_expires_at         timestamptz   NULL,
    accepted_at              timestamptz   NULL,
    couple_id                uuid          NULL REFERENCES couples (id),
    CHECK (status <> 'accepted' OR (couple_id IS NOT NULL AND accepted_at IS NOT NULL)),
    CHECK ((offer_starts_at IS NULL) = (offer_token_hash IS NULL))
);
CREATE INDEX ix_waitlist_entries_therapist_id_added_at ON waitlist_entries (therapist_id, added_at);
CREATE UNIQUE INDEX ix_waitlist_entries_offer_token_hash ON waitlist_entries (offer_token_hash);
CREATE INDEX ix_waitlist_entries_couple_id ON waitlist_entries (couple_id);
