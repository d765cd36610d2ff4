-- Supervision (DESIGN §18, issue 34): the supervisor capability on therapist accounts, supervision links
-- (supervisee → supervisor, first and last day, trainee), the co-signature a trainee's signed session awaits,
-- the "discuss in supervision" flag, and the comments between supervisor and supervisee on a session.
-- Comments name their session and couple (foreign keys), so the retention purge reaches them from couples.

ALTER TABLE users ADD COLUMN is_supervisor boolean NOT NULL DEFAULT false;

CREATE TABLE supervision_links (
    id            uuid PRIMARY KEY,
    supervisee_id uuid        NOT NULL REFERENCES users (id),
    supervisor_id uuid        NOT NULL REFERENCES users (id),
    starts_on     date        NOT NULL,
    ends_on       date        NULL,
    trainee       boolean     NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    uuid        NULL REFERENCES users (id),
    CHECK (supervisee_id <> supervisor_id),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX ix_supervision_links_supervisor_id ON supervision_links (supervisor_id);
CREATE INDEX ix_supervision_links_supervisee_id ON supervision_links (supervisee_id);

ALTER TABLE sessions
    ADD COLUMN cosign_required        boolean      NOT NULL DEFAULT false,
    ADD COLUMN cosigned_at            timestamptz  NULL,
    ADD COLUMN cosigned_by            uuid         NULL REFERENCES users (id),
    ADD COLUMN cosigned_by_name       varchar(210) NULL,
    ADD COLUMN discuss_in_supervision boolean      NOT NULL DEFAULT false,
    ADD CONSTRAINT sessions_cosigned_needs_signature CHECK (cosigned_at IS NULL OR (cosign_required AND signed_at IS NOT NULL));
-- The supervisor's queue: a trainee's sessions awaiting co-signature, and those flagged for supervision.
CREATE INDEX ix_sessions_supervision_queue ON sessions (couple_id)
    WHERE (cosign_required AND cosigned_at IS NULL) OR discuss_in_supervision;

CREATE TABLE supervision_comments (
    id          uuid PRIMARY KEY,
    session_id  uuid          NOT NULL REFERENCES sessions (id),
    couple_id   uuid          NOT NULL REFERENCES couples (id),
    link_id     uuid          NULL REFERENCES supervision_links (id),
    author_id   uuid          NOT NULL REFERENCES users (id),
    author_name varchar(210)  NOT NULL,
    author_role varchar(20)   NOT NULL CHECK (author_role IN ('supervisor', 'supervisee')),
    text        varchar(4000) NOT NULL CHECK (length(text) >= 1),
    created_at  timestamptz   NOT NULL
);
CREATE INDEX ix_supervision_comments_session_id ON supervision_comments (session_id, created_at);
CREATE INDEX ix_supervision_comments_couple_id ON supervision_comments (couple_id);
