-- Couples, partners, sessions and the pursue–withdraw cycle record.

CREATE TABLE couples (
    id                  uuid PRIMARY KEY,
    therapist_id        uuid         NOT NULL REFERENCES users (id),
    display_name        varchar(210) NOT NULL,
    status              text         NOT NULL CHECK (status IN ('intake', 'active', 'paused', 'closed')),
    started_on          date         NOT NULL,
    closed_on           date         NULL,
    presenting_concerns text         NOT NULL,
    goals               text         NOT NULL,
    created_at          timestamptz  NOT NULL
);
CREATE INDEX ix_couples_therapist_id_status ON couples (therapist_id, status);

CREATE TABLE partners (
    id          uuid PRIMARY KEY,
    couple_id   uuid         NOT NULL REFERENCES couples (id),
    label       text         NOT NULL CHECK (label IN ('partner_a', 'partner_b')),
    first_name  varchar(100) NOT NULL,
    last_name   varchar(100) NOT NULL,
    pronouns    varchar(40)  NULL,
    email       varchar(256) NOT NULL,
    user_id     uuid         NULL REFERENCES users (id),
    created_at  timestamptz  NOT NULL,
    UNIQUE (couple_id, label)
);
CREATE UNIQUE INDEX ix_partners_email ON partners (email);
CREATE UNIQUE INDEX ix_partners_user_id ON partners (user_id);
CREATE INDEX ix_partners_couple_id ON partners (couple_id);

CREATE TABLE sessions (
    id               uuid PRIMARY KEY,
    couple_id        uuid         NOT NULL REFERENCES couples (id),
    date             date         NOT NULL,
    start_time       time         NOT NULL,
    duration_minutes integer      NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
    format           text         NOT NULL CHECK (format IN ('in_person', 'video')),
    attendance       text         NOT NULL CHECK (attendance IN ('both', 'partner_a', 'partner_b', 'cancelled', 'no_show')),
    eft_stage        integer      NOT NULL CHECK (eft_stage BETWEEN 1 AND 3),
    eft_step         integer      NOT NULL CHECK (eft_step BETWEEN 1 AND 9),
    note             text         NOT NULL,
    created_at       timestamptz  NOT NULL,
    created_by       uuid         NOT NULL,
    signed_at        timestamptz  NULL,
    signed_by        uuid         NULL,
    signed_by_name   text         NULL,
    CHECK ((eft_stage = 1 AND eft_step BETWEEN 1 AND 4) OR (eft_stage = 2 AND eft_step BETWEEN 5 AND 7)
        OR (eft_stage = 3 AND eft_step BETWEEN 8 AND 9))
);
CREATE INDEX ix_sessions_couple_id_date ON sessions (couple_id, date);

CREATE TABLE cycle_records (
    session_id                  uuid PRIMARY KEY REFERENCES sessions (id),
    episodes_since_last_session integer NOT NULL CHECK (episodes_since_last_session >= 0),
    peak_intensity              integer NOT NULL CHECK (peak_intensity BETWEEN 0 AND 10),
    repair_minutes              integer NOT NULL CHECK (repair_minutes >= 0),
    triggers                    text[]  NOT NULL,
    markers                     text[]  NOT NULL
);

CREATE TABLE cycle_ratings (
    session_id uuid    NOT NULL REFERENCES cycle_records (session_id),
    partner_id uuid    NOT NULL REFERENCES partners (id),
    position   text    NOT NULL CHECK (position IN ('pursue', 'withdraw', 'mixed', 'not_observed')),
    intensity  integer NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    PRIMARY KEY (session_id, partner_id)
);

CREATE TABLE session_amendments (
    id          uuid PRIMARY KEY,
    session_id  uuid         NOT NULL REFERENCES sessions (id),
    text        text         NOT NULL,
    author_id   uuid         NOT NULL,
    author_name varchar(210) NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX ix_session_amendments_session_id ON session_amendments (session_id);

-- Invitations for partners point at a partner row.
ALTER TABLE invitations ADD CONSTRAINT fk_invitations_partner FOREIGN KEY (partner_id) REFERENCES partners (id);
