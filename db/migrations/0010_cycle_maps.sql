-- The couple's cycle map: the negative cycle mapped with the therapist, versioned (every save is
-- a new row, the earlier ones stay) and shared with both partners only when the therapist says so.

CREATE TABLE cycle_maps (
    couple_id  uuid PRIMARY KEY REFERENCES couples (id),
    version    integer     NOT NULL CHECK (version >= 0),
    shared_at  timestamptz NULL,
    shared_by  uuid        NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE cycle_map_versions (
    couple_id     uuid         NOT NULL REFERENCES cycle_maps (couple_id),
    version       integer      NOT NULL CHECK (version >= 1),
    exit          text         NOT NULL,
    saved_at      timestamptz  NOT NULL,
    saved_by      uuid         NOT NULL,
    saved_by_name varchar(210) NOT NULL,
    PRIMARY KEY (couple_id, version)
);

CREATE TABLE cycle_map_sides (
    couple_id         uuid    NOT NULL,
    version           integer NOT NULL,
    partner_id        uuid    NOT NULL REFERENCES partners (id),
    trigger           text    NOT NULL,
    moves             text[]  NOT NULL,
    move_in_own_words text    NOT NULL,
    feeling           text    NOT NULL,
    fear              text    NOT NULL,
    need              text    NOT NULL,
    PRIMARY KEY (couple_id, version, partner_id),
    FOREIGN KEY (couple_id, version) REFERENCES cycle_map_versions (couple_id, version)
);
CREATE INDEX ix_cycle_map_sides_partner_id ON cycle_map_sides (partner_id);
