-- Measurement-based care (DESIGN §11): instruments other than ECR-RS, risk items, schedules and drafts.

-- Scores as subscale code → value: {"total": 14} for the sum instruments, ECR-RS {"avoidance", "anxiety"}.
-- ECR-RS keeps its two columns for the attachment plane; the check keeps them equal to its scores.
ALTER TABLE assessments ADD COLUMN scores jsonb NULL;
UPDATE assessments SET scores = jsonb_build_object('avoidance', avoidance, 'anxiety', anxiety);
ALTER TABLE assessments ALTER COLUMN scores SET NOT NULL;
ALTER TABLE assessments ADD CONSTRAINT ck_assessments_scores_object CHECK (jsonb_typeof(scores) = 'object');
ALTER TABLE assessments ALTER COLUMN avoidance DROP NOT NULL;
ALTER TABLE assessments ALTER COLUMN anxiety DROP NOT NULL;
ALTER TABLE assessments ADD CONSTRAINT ck_assessments_attachment_scores CHECK (
    (avoidance IS NULL OR avoidance = (scores ->> 'avoidance')::double precision)
    AND (anxiety IS NULL OR anxiety = (scores ->> 'anxiety')::double precision));
-- The severity band of an instrument that has bands ("moderate"); NULL otherwise.
ALTER TABLE assessments ADD COLUMN band varchar(40) NULL;
CREATE INDEX ix_assessments_partner_id_instrument ON assessments (partner_id, instrument_code, administered_on);

-- A risk item (PHQ-9 item 9 above 0) raises a safety flag from an assessment instead of a check-in.
ALTER TABLE safety_flags ALTER COLUMN safety_check_id DROP NOT NULL;
ALTER TABLE safety_flags ADD COLUMN assessment_id uuid NULL REFERENCES assessments (id);
ALTER TABLE safety_flags ADD CONSTRAINT ck_safety_flags_one_source CHECK ((safety_check_id IS NULL) <> (assessment_id IS NULL));
CREATE UNIQUE INDEX ix_safety_flags_assessment_id ON safety_flags (assessment_id);

-- "Ask this partner for this instrument every N weeks until a date or for a count." Stopping is a
-- soft end (stopped_at); nothing is deleted. One running schedule per partner and instrument.
CREATE TABLE measure_schedules (
    id          uuid PRIMARY KEY,
    couple_id   uuid        NOT NULL REFERENCES couples (id),
    partner_id  uuid        NOT NULL REFERENCES partners (id),
    instrument  varchar(40) NOT NULL,
    every_weeks integer     NOT NULL CHECK (every_weeks BETWEEN 1 AND 12),
    starts_on   date        NOT NULL,
    until_on    date        NULL,
    occurrences integer     NULL CHECK (occurrences BETWEEN 1 AND 260),
    created_at  timestamptz NOT NULL,
    created_by  uuid        NOT NULL REFERENCES users (id),
    stopped_at  timestamptz NULL,
    stopped_by  uuid        NULL REFERENCES users (id),
    CHECK ((until_on IS NULL) <> (occurrences IS NULL)),
    CHECK (until_on IS NULL OR until_on >= starts_on),
    CHECK ((stopped_at IS NULL) = (stopped_by IS NULL))
);
CREATE INDEX ix_measure_schedules_couple_id ON measure_schedules (couple_id);
CREATE UNIQUE INDEX ix_measure_schedules_running ON measure_schedules (partner_id, instrument) WHERE stopped_at IS NULL;

-- A scheduled request names its schedule and the day it was due; the unique pair is what makes
-- "created once" hold with any number of app instances. 'missed': the next one came due first.
-- A draft is the partner's half-answered form, kept server-side until they submit.
ALTER TABLE questionnaire_requests ADD COLUMN schedule_id uuid NULL REFERENCES measure_schedules (id);
ALTER TABLE questionnaire_requests ADD COLUMN due_on date NULL;
ALTER TABLE questionnaire_requests ADD CONSTRAINT ck_questionnaire_requests_schedule CHECK ((schedule_id IS NULL) = (due_on IS NULL));
CREATE UNIQUE INDEX ix_questionnaire_requests_schedule_id_due_on ON questionnaire_requests (schedule_id, due_on);
ALTER TABLE questionnaire_requests DROP CONSTRAINT questionnaire_requests_status_check;
ALTER TABLE questionnaire_requests ADD CONSTRAINT questionnaire_requests_status_check
    CHECK (status IN ('pending', 'completed', 'cancelled', 'missed'));
ALTER TABLE questionnaire_requests ADD COLUMN draft jsonb NULL CHECK (draft IS NULL OR jsonb_typeof(draft) = 'object');
ALTER TABLE questionnaire_requests ADD COLUMN draft_saved_at timestamptz NULL;
ALTER TABLE questionnaire_requests ADD CONSTRAINT ck_questionnaire_requests_draft CHECK ((draft IS NULL) = (draft_saved_at IS NULL));
