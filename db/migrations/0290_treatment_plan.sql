-- Treatment plan (DESIGN §14, issue 29): the plan is versioned like the cycle map (every save a new row,
-- the earlier ones kept); its goals travel as one jsonb document per version, since a goal is only ever
-- read and written with its plan. Reviews are dated entries; the plan row carries the date the review
-- clock runs from (its first save, then each review), so the caseload reads "review due" from one row.

CREATE TABLE treatment_plans (
    couple_id          uuid PRIMARY KEY REFERENCES couples (id),
    version            integer     NOT NULL CHECK (version >= 0),
    review_every_weeks integer     NOT NULL CHECK (review_every_weeks BETWEEN 2 AND 26),
    review_from        date        NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE TABLE treatment_plan_versions (
    couple_id          uuid         NOT NULL REFERENCES treatment_plans (couple_id),
    version            integer      NOT NULL CHECK (version >= 1),
    problem_statements jsonb        NOT NULL,
    goals              jsonb        NOT NULL,
    review_every_weeks integer      NOT NULL CHECK (review_every_weeks BETWEEN 2 AND 26),
    saved_at           timestamptz  NOT NULL,
    saved_by           uuid         NOT NULL REFERENCES users (id),
    saved_by_name      varchar(210) NOT NULL,
    PRIMARY KEY (couple_id, version)
);

CREATE TABLE treatment_plan_reviews (
    id               uuid PRIMARY KEY,
    couple_id        uuid          NOT NULL REFERENCES treatment_plans (couple_id),
    plan_version     integer       NOT NULL,
    reviewed_on      date          NOT NULL,
    reviewed_at      timestamptz   NOT NULL,
    reviewed_by      uuid          NOT NULL REFERENCES users (id),
    reviewed_by_name varchar(210)  NOT NULL,
    summary          varchar(4000) NOT NULL CHECK (length(summary) >= 1),
    changes          varchar(4000) NOT NULL,
    FOREIGN KEY (couple_id, plan_version) REFERENCES treatment_plan_versions (couple_id, version)
);
CREATE INDEX ix_treatment_plan_reviews_couple_id ON treatment_plan_reviews (couple_id, reviewed_at);
