-- Case conceptualisation (DESIGN §18, issue 34 item 5): the therapist's written formulation of a couple, drafted
-- from the record and saved as versions like the treatment plan (every save a new row, the earlier ones kept; the
-- head row holds the current number, which a save must name). Each section is its own text column: a section is
-- read and written whole, and the columns say what a conceptualisation holds. Nothing here reaches the portal.

CREATE TABLE case_conceptualisations (
    couple_id  uuid PRIMARY KEY REFERENCES couples (id),
    version    integer     NOT NULL CHECK (version >= 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE case_conceptualisation_versions (
    couple_id           uuid          NOT NULL REFERENCES case_conceptualisations (couple_id),
    version             integer       NOT NULL CHECK (version >= 1),
    presenting_concerns varchar(8000) NOT NULL,
    attachment          varchar(8000) NOT NULL,
    cycle               varchar(8000) NOT NULL,
    progress            varchar(8000) NOT NULL,
    change_events       varchar(8000) NOT NULL,
    tango_moves         varchar(8000) NOT NULL,
    measures            varchar(8000) NOT NULL,
    goals               varchar(8000) NOT NULL,
    formulation         varchar(8000) NOT NULL,
    saved_at            timestamptz   NOT NULL,
    saved_by            uuid          NOT NULL REFERENCES users (id),
    saved_by_name       varchar(210)  NOT NULL,
    PRIMARY KEY (couple_id, version)
);
