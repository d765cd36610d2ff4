-- The supervision log (DESIGN §18, issue 34 item 3): a therapist's meetings with their supervisor — the day, how
-- long, individual or group, the couples discussed (their own rows, so the retention purge reaches them from the
-- couple) and notes. The totals by month and since a day are read from these rows; nothing is deleted.

CREATE TABLE supervision_meetings (
    id               uuid PRIMARY KEY,
    therapist_id     uuid          NOT NULL REFERENCES users (id),
    met_on           date          NOT NULL,
    duration_minutes integer       NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    format           varchar(20)   NOT NULL CHECK (format IN ('individual', 'group')),
    notes            varchar(4000) NOT NULL,
    created_at       timestamptz   NOT NULL
);
CREATE INDEX ix_supervision_meetings_therapist_id_met_on ON supervision_meetings (therapist_id, met_on);

CREATE TABLE supervision_meeting_couples (
    meeting_id uuid NOT NULL REFERENCES supervision_meetings (id),
    couple_id  uuid NOT NULL REFERENCES couples (id),
    PRIMARY KEY (meeting_id, couple_id)
);
CREATE INDEX ix_supervision_meeting_couples_couple_id ON supervision_meeting_couples (couple_id);
