-- Safety first (DESIGN §4a): private per-partner check-ins, therapist-only flags, and a versioned
-- risk record per partner whose every saved state is kept in risk_record_revisions.

CREATE TABLE safety_checks (
    id           uuid PRIMARY KEY,
    couple_id    uuid        NOT NULL REFERENCES couples (id),
    partner_id   uuid        NOT NULL REFERENCES partners (id),
    requested_at timestamptz NOT NULL,
    requested_by uuid        NOT NULL REFERENCES users (id),
    reason       text        NOT NULL CHECK (reason IN ('intake', 'therapist_request')),
    status       text        NOT NULL CHECK (status IN ('pending', 'answered')),
    answered_at  timestamptz NULL,
    answers      jsonb       NULL,
    CHECK ((status = 'pending' AND answered_at IS NULL AND answers IS NULL)
        OR (status = 'answered' AND answered_at IS NOT NULL AND answers IS NOT NULL))
);
CREATE INDEX ix_safety_checks_couple_id ON safety_checks (couple_id, requested_at DESC);
CREATE INDEX ix_safety_checks_partner_id_status ON safety_checks (partner_id, status);

CREATE TABLE safety_flags (
    id              uuid PRIMARY KEY,
    couple_id       uuid        NOT NULL REFERENCES couples (id),
    partner_id      uuid        NOT NULL REFERENCES partners (id),
    safety_check_id uuid        NOT NULL REFERENCES safety_checks (id),
    raised_at       timestamptz NOT NULL,
    -- Stable item names of the catalogue items answered other than safest ("safeAtHome", …).
    reasons         text[]      NOT NULL,
    answers         jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('open', 'resolved')),
    resolved_at     timestamptz NULL,
    resolved_by     uuid        NULL REFERENCES users (id),
    resolution_note text        NULL,
    CHECK ((status = 'open' AND resolved_at IS NULL AND resolved_by IS NULL AND resolution_note IS NULL)
        OR (status = 'resolved' AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND length(btrim(resolution_note)) > 0))
);
CREATE INDEX ix_safety_flags_couple_id_status ON safety_flags (couple_id, status);
CREATE UNIQUE INDEX ix_safety_flags_safety_check_id ON safety_flags (safety_check_id);

CREATE TABLE risk_records (
    id                    uuid PRIMARY KEY,
    couple_id             uuid        NOT NULL REFERENCES couples (id),
    partner_id            uuid        NOT NULL REFERENCES partners (id),
    violence              text        NOT NULL CHECK (violence IN ('none', 'situational', 'coercive_control_suspected')),
    substance_misuse      boolean     NOT NULL,
    self_harm_risk        text        NOT NULL CHECK (self_harm_risk IN ('none', 'low', 'moderate', 'high')),
    joint_sessions_paused boolean     NOT NULL,
    plan_notes            text        NOT NULL,
    updated_at            timestamptz NOT NULL,
    updated_by            uuid        NOT NULL REFERENCES users (id),
    revision              integer     NOT NULL CHECK (revision >= 1)
);
CREATE UNIQUE INDEX ix_risk_records_partner_id ON risk_records (partner_id);
CREATE INDEX ix_risk_records_couple_id ON risk_records (couple_id);

-- Every saved state of a risk record, the current one included: nothing is overwritten without a trace.
CREATE TABLE risk_record_revisions (
    id                    uuid PRIMARY KEY,
    risk_record_id        uuid        NOT NULL REFERENCES risk_records (id),
    revision              integer     NOT NULL,
    violence              text        NOT NULL CHECK (violence IN ('none', 'situational', 'coercive_control_suspected')),
    substance_misuse      boolean     NOT NULL,
    self_harm_risk        text        NOT NULL CHECK (self_harm_risk IN ('none', 'low', 'moderate', 'high')),
    joint_sessions_paused boolean     NOT NULL,
    plan_notes            text        NOT NULL,
    updated_at            timestamptz NOT NULL,
    updated_by            uuid        NOT NULL REFERENCES users (id),
    UNIQUE (risk_record_id, revision)
);

CREATE FUNCTION risk_record_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'risk_record_revisions is append-only';
END;
$$;
CREATE TRIGGER risk_record_revisions_no_update BEFORE UPDATE OR DELETE ON risk_record_revisions
    FOR EACH ROW EXECUTE FUNCTION risk_record_revisions_append_only();
