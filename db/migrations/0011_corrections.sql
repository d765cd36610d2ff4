-- Corrections: a signed session's cycle record corrected by an amendment (the values replaced and
-- the corrected ones kept with the amendment, the session marked), and partners' details corrected
-- in place with their row version as the guard (xmin, like couples and sessions: no column).

ALTER TABLE session_amendments
    ADD COLUMN cycle_before jsonb NULL,
    ADD COLUMN cycle_after  jsonb NULL,
    ADD CONSTRAINT ck_session_amendments_cycle_pair CHECK ((cycle_after IS NULL) = (cycle_before IS NULL));

ALTER TABLE sessions ADD COLUMN cycle_corrected_at timestamptz NULL;
