-- The practice's own settings: one row, versioned (xmin, like every record a client updates with the
-- version it read). Each setting is a column with a default, so adding one is one ALTER TABLE … ADD
-- COLUMN … NOT NULL DEFAULT … in a later migration, and the row that exists keeps working.
CREATE TABLE practice_settings (
    id               smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    -- Short Markdown shown to a partner in crisis (issue 26): after a PHQ-9 item 9 above 0, after a
    -- check-in, and behind "Need help now?" on every portal page. Never empty.
    crisis_resources text        NOT NULL CHECK (length(btrim(crisis_resources)) > 0),
    updated_at       timestamptz NULL,
    updated_by       uuid        NULL REFERENCES users (id)
);

-- A new practice shows this until its admin writes its own (the demo writes a fuller neutral text).
INSERT INTO practice_settings (id, crisis_resources) VALUES (1,
    E'**If you are in danger now**, call your local emergency number.\n\nIf you are thinking about harming yourself, contact a crisis line in your country, or tell your therapist.');

-- The app reads and updates the row (the default privileges of 0012: rows, never DELETE); the id CHECK
-- keeps it to one row whatever is inserted.
GRANT SELECT, INSERT, UPDATE ON practice_settings TO clinic_app;
