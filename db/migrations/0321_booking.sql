-- Clients book their own sessions (DESIGN §16, issue 32): each therapist's hours and booking rules,
-- and the requests partners make for a time.

-- One row per therapist who has set hours; none means the defaults and no hours (nothing offered).
-- Hours are wall-clock times in the practice's zone, kept as small JSON lists in the API's spelling:
--   weekly     [{"day": "monday", "start": "09:00", "end": "13:00"}, …]
--   exceptions [{"date": "2026-12-24", "hours": [{"start": "09:00", "end": "12:00"}]}, …]  (no hours: not working)
--   time_off   [{"from": "2026-12-27", "to": "2027-01-02", "note": "Holiday"}, …]
CREATE TABLE therapist_availability (
    therapist_id              uuid        PRIMARY KEY REFERENCES users (id),
    weekly                    jsonb       NOT NULL CHECK (jsonb_typeof(weekly) = 'array'),
    exceptions                jsonb       NOT NULL CHECK (jsonb_typeof(exceptions) = 'array'),
    time_off                  jsonb       NOT NULL CHECK (jsonb_typeof(time_off) = 'array'),
    buffer_minutes            integer     NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 60),
    horizon_days              integer     NOT NULL CHECK (horizon_days BETWEEN 1 AND 90),
    min_notice_hours          integer     NOT NULL CHECK (min_notice_hours BETWEEN 2 AND 168),
    joint_minutes             integer     NOT NULL CHECK (joint_minutes BETWEEN 15 AND 240),
    individual_minutes        integer     NOT NULL CHECK (individual_minutes BETWEEN 15 AND 240),
    auto_approve              boolean     NOT NULL,
    cancellation_window_hours integer     NOT NULL CHECK (cancellation_window_hours BETWEEN 0 AND 168),
    updated_at                timestamptz NULL
);

-- A partner's request for a time: a new appointment, or a new time for one (kind 'move'). It waits
-- for the other partner (48 hours, expires_at) and then for the therapist unless they auto-approve.
-- 'expired' is never stored: a request past expires_at, or whose time has come, reads as expired.
CREATE TABLE booking_requests (
    id                     uuid PRIMARY KEY,
    couple_id              uuid         NOT NULL REFERENCES couples (id),
    therapist_id           uuid         NOT NULL REFERENCES users (id),
    kind                   text         NOT NULL CHECK (kind IN ('new', 'move')),
    appointment_id         uuid         NULL REFERENCES appointments (id),
    starts_at              timestamptz  NOT NULL,
    time_zone              varchar(64)  NOT NULL,
    duration_minutes       integer      NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
    attendees              text         NOT NULL CHECK (attendees IN ('both', 'partner_a', 'partner_b')),
    requested_by           uuid         NOT NULL REFERENCES partners (id),
    partner_a_confirmed_at timestamptz  NULL,
    partner_b_confirmed_at timestamptz  NULL,
    status                 text         NOT NULL CHECK (status IN ('awaiting_partner', 'awaiting_therapist', 'booked', 'declined')),
    expires_at             timestamptz  NOT NULL,
    created_at             timestamptz  NOT NULL,
    decided_at             timestamptz  NULL,
    decided_by             uuid         NULL REFERENCES users (id),
    CHECK (kind = 'new' OR appointment_id IS NOT NULL),
    CHECK (status <> 'booked' OR appointment_id IS NOT NULL)
);
CREATE INDEX ix_booking_requests_couple_id_created_at ON booking_requests (couple_id, created_at);
CREATE INDEX ix_booking_requests_therapist_id_starts_at ON booking_requests (therapist_id, starts_at);
CREATE INDEX ix_booking_requests_appointment_id ON booking_requests (appointment_id);
