-- Homework: assignments of catalogue exercises to a couple, the entries partners log, and the
-- stored first answers of idempotent writes. Nothing here is hard-deleted.

CREATE TABLE homework_assignments (
    id                uuid PRIMARY KEY,
    couple_id         uuid          NOT NULL REFERENCES couples (id),
    exercise_code     varchar(60)   NOT NULL,
    exercise_version  integer       NOT NULL CHECK (exercise_version >= 1),
    assigned_to       text          NOT NULL CHECK (assigned_to IN ('partner_a', 'partner_b', 'both')),
    starts_on         date          NOT NULL,
    due_on            date          NOT NULL,
    target_per_week   integer       NOT NULL CHECK (target_per_week BETWEEN 1 AND 14),
    note              varchar(2000) NOT NULL,
    status            text          NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
    session_id        uuid          NULL REFERENCES sessions (id),
    created_at        timestamptz   NOT NULL,
    created_by        uuid          NOT NULL REFERENCES users (id),
    CHECK (due_on >= starts_on)
);
CREATE INDEX ix_homework_assignments_couple_id_status ON homework_assignments (couple_id, status);

CREATE TABLE homework_entries (
    id                uuid PRIMARY KEY,
    assignment_id     uuid        NOT NULL REFERENCES homework_assignments (id),
    author_partner_id uuid        NOT NULL REFERENCES partners (id),
    occurred_on       date        NOT NULL,
    role              text        NULL CHECK (role IN ('needing', 'supporting')),
    fields            jsonb       NOT NULL,
    visibility        text        NOT NULL CHECK (visibility IN ('private', 'shared')),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NULL,
    withdrawn_at      timestamptz NULL
);
CREATE INDEX ix_homework_entries_assignment_id_occurred_on ON homework_entries (assignment_id, occurred_on);
CREATE INDEX ix_homework_entries_author_partner_id ON homework_entries (author_partner_id);

-- One row per (user, key): the primary key is what makes two racing retries store one result.
CREATE TABLE idempotency_keys (
    user_id        uuid         NOT NULL REFERENCES users (id),
    key            varchar(200) NOT NULL,
    request_hash   varchar(64)  NOT NULL,
    status_code    integer      NULL,
    response_body  text         NULL,
    location       text         NULL,
    created_at     timestamptz  NOT NULL,
    PRIMARY KEY (user_id, key)
);
