-- Appointments (DESIGN §9), the email outbox with its reminders, notification preferences and
-- password resets (DESIGN §10).

-- An appointment's instant is stored in UTC with the zone it was booked in: a weekly slot at 17:00
-- local keeps its wall-clock time across a daylight-saving change because each booking is converted
-- from the local time the therapist chose, not shifted by a fixed number of hours.
CREATE TABLE appointments (
    id               uuid PRIMARY KEY,
    couple_id        uuid         NOT NULL REFERENCES couples (id),
    therapist_id     uuid         NOT NULL REFERENCES users (id),
    starts_at        timestamptz  NOT NULL,
    time_zone        varchar(64)  NOT NULL,
    duration_minutes integer      NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
    attendees        text         NOT NULL CHECK (attendees IN ('both', 'partner_a', 'partner_b')),
    format           text         NOT NULL CHECK (format IN ('in_person', 'video')),
    video_link       varchar(500) NULL CHECK (video_link IS NULL OR video_link LIKE 'https://%'),
    status           text         NOT NULL CHECK (status IN ('booked', 'held', 'cancelled', 'late_cancelled', 'no_show')),
    note_to_clients  varchar(500) NOT NULL,
    -- The calendar file's SEQUENCE: raised whenever clients are told of a change.
    sequence         integer      NOT NULL CHECK (sequence >= 0),
    created_at       timestamptz  NOT NULL,
    created_by       uuid         NOT NULL REFERENCES users (id),
    changed_at       timestamptz  NOT NULL,
    changed_by       uuid         NOT NULL REFERENCES users (id)
);
CREATE INDEX ix_appointments_therapist_id_starts_at ON appointments (therapist_id, starts_at);
CREATE INDEX ix_appointments_couple_id_starts_at ON appointments (couple_id, starts_at);

-- A session recorded from a held appointment keeps its id; one session per appointment.
ALTER TABLE sessions ADD COLUMN appointment_id uuid NULL REFERENCES appointments (id);
CREATE UNIQUE INDEX ix_sessions_appointment_id ON sessions (appointment_id) WHERE appointment_id IS NOT NULL;

-- Every email, written in the same transaction as the change that causes it. The id is the
-- message's Message-ID, so a retry after a crash sends the same message, never a second one.
-- A reminder is a row due later whose content is composed when it falls due (content NULL until
-- then); a sent message's content is cleared after its links have expired (the delivery log keeps
-- kind, recipient, status and times, never a body).
CREATE TABLE outbox_messages (
    id              uuid PRIMARY KEY,
    kind            varchar(64)  NOT NULL,
    recipient       varchar(256) NOT NULL,
    user_id         uuid         NULL REFERENCES users (id),
    partner_id      uuid         NULL REFERENCES partners (id),
    about_id        uuid         NULL,
    status          text         NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled', 'skipped')),
    due_at          timestamptz  NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    attempts        integer      NOT NULL CHECK (attempts >= 0),
    last_attempt_at timestamptz  NULL,
    last_error      varchar(500) NULL,
    sent_at         timestamptz  NULL,
    created_at      timestamptz  NOT NULL,
    resent_from     uuid         NULL REFERENCES outbox_messages (id),
    content         bytea        NULL,
    content_cleared_at timestamptz NULL
);
-- The sender's claim: the oldest due pending rows, skipped when another instance holds them.
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_outbox_messages_about_id ON outbox_messages (about_id, kind) WHERE about_id IS NOT NULL;
CREATE INDEX ix_outbox_messages_created_at ON outbox_messages (created_at DESC);

-- A partner's choice of reminders; no row means every reminder on and no quiet hours.
CREATE TABLE notification_preferences (
    partner_id              uuid        PRIMARY KEY REFERENCES partners (id),
    appointment_reminders   boolean     NOT NULL,
    homework_nudges         boolean     NOT NULL,
    questionnaire_reminders boolean     NOT NULL,
    quiet_hours_start       time        NULL,
    quiet_hours_end         time        NULL,
    updated_at              timestamptz NOT NULL,
    CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))
);

-- Forgot password: a single-use link valid one hour; only a hash of the token is stored.
CREATE TABLE password_resets (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    token_hash text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz NULL
);
CREATE UNIQUE INDEX ix_password_resets_token_hash ON password_resets (token_hash);
CREATE INDEX ix_password_resets_user_id ON password_resets (user_id);
