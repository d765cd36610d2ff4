-- Intake forms (DESIGN §13, issue 28). The shipped forms are catalogue data (seeds/forms); the ones a
-- practice adds are kept here, each version a row that never changes.
CREATE TABLE practice_forms (
    code       varchar(60)  NOT NULL,
    version    integer      NOT NULL CHECK (version >= 1),
    title      varchar(200) NOT NULL,
    definition jsonb        NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
    created_at timestamptz  NOT NULL,
    created_by uuid         NOT NULL REFERENCES users (id),
    PRIMARY KEY (code, version)
);

-- A form sent to one partner; answered one section at a time into a server-side draft, then sent.
CREATE TABLE form_requests (
    id             uuid PRIMARY KEY,
    couple_id      uuid        NOT NULL REFERENCES couples (id),
    partner_id     uuid        NOT NULL REFERENCES partners (id),
    form_code      varchar(60) NOT NULL,
    form_version   integer     NOT NULL,
    requested_at   timestamptz NOT NULL,
    requested_by   uuid        NOT NULL REFERENCES users (id),
    status         varchar(20) NOT NULL CHECK (status IN ('pending', 'completed')),
    draft          jsonb       NULL CHECK (draft IS NULL OR jsonb_typeof(draft) = 'object'),
    draft_saved_at timestamptz NULL,
    answers        jsonb       NULL CHECK (answers IS NULL OR jsonb_typeof(answers) = 'object'),
    completed_at   timestamptz NULL,
    CHECK ((draft IS NULL) = (draft_saved_at IS NULL)),
    CHECK ((status = 'completed') = (answers IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX ix_form_requests_couple_id ON form_requests (couple_id);
CREATE INDEX ix_form_requests_partner_id ON form_requests (partner_id, status);

REVOKE UPDATE ON practice_forms FROM clinic_app;
