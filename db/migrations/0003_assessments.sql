-- Attachment assessments (ECR-RS) and the questionnaire requests a partner answers in the portal.

CREATE TABLE assessments (
    id                       uuid PRIMARY KEY,
    couple_id                uuid             NOT NULL REFERENCES couples (id),
    partner_id               uuid             NOT NULL REFERENCES partners (id),
    instrument_code          varchar(40)      NOT NULL,
    instrument_version       integer          NOT NULL CHECK (instrument_version >= 1),
    administered_on          date             NOT NULL,
    source                   text             NOT NULL CHECK (source IN ('portal', 'therapist')),
    -- Item id → answer, keyed by the catalogue's stable ids.
    responses                jsonb            NOT NULL CHECK (jsonb_typeof(responses) = 'object'),
    avoidance                double precision NOT NULL,
    anxiety                  double precision NOT NULL,
    quadrant                 text             NULL CHECK (quadrant IN ('secure', 'preoccupied', 'dismissing', 'fearful')),
    created_at               timestamptz      NOT NULL,
    created_by               uuid             NOT NULL REFERENCES users (id),
    questionnaire_request_id uuid             NULL
);
CREATE INDEX ix_assessments_couple_id_administered_on ON assessments (couple_id, administered_on);
CREATE INDEX ix_assessments_partner_id ON assessments (partner_id);
-- One answer per request, even if two submissions race.
CREATE UNIQUE INDEX ix_assessments_questionnaire_request_id ON assessments (questionnaire_request_id);

CREATE TABLE questionnaire_requests (
    id                        uuid PRIMARY KEY,
    couple_id                 uuid        NOT NULL REFERENCES couples (id),
    partner_id                uuid        NOT NULL REFERENCES partners (id),
    instrument                varchar(40) NOT NULL,
    requested_at              timestamptz NOT NULL,
    requested_by              uuid        NOT NULL REFERENCES users (id),
    share_results_with_client boolean     NOT NULL,
    status                    text        NOT NULL CHECK (status IN ('pending', 'completed', 'cancelled')),
    completed_at              timestamptz NULL,
    assessment_id             uuid        NULL,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL AND assessment_id IS NOT NULL))
);
CREATE INDEX ix_questionnaire_requests_partner_id_status ON questionnaire_requests (partner_id, status);
CREATE INDEX ix_questionnaire_requests_couple_id_status ON questionnaire_requests (couple_id, status);

-- The two rows point at each other and are written in one transaction, so the checks wait for commit.
ALTER TABLE assessments ADD CONSTRAINT fk_assessments_questionnaire_request
    FOREIGN KEY (questionnaire_request_id) REFERENCES questionnaire_requests (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE questionnaire_requests ADD CONSTRAINT fk_questionnaire_requests_assessment
    FOREIGN KEY (assessment_id) REFERENCES assessments (id) DEFERRABLE INITIALLY DEFERRED;
