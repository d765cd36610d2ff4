-- Agreements and intake (DESIGN §13, issue 28): the practice's documents with their published
-- versions, a couple's agreements with each partner's signature (electronic or paper) or decline,
-- and releases of information. Every clinical row names its couple (a foreign key), so a purge or a
-- partner's export reaches it from couples.

-- One document per kind; its versions are published once and never change (a change is a new version).
CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    kind            varchar(40)  NOT NULL UNIQUE
        CHECK (kind IN ('consent', 'confidentiality_policy', 'telehealth_consent', 'release')),
    title           varchar(200) NOT NULL,
    current_version integer      NOT NULL CHECK (current_version >= 1),
    created_at      timestamptz  NOT NULL,
    created_by      uuid         NULL REFERENCES users (id)
);

CREATE TABLE document_versions (
    id           uuid PRIMARY KEY,
    document_id  uuid         NOT NULL REFERENCES documents (id),
    number       integer      NOT NULL CHECK (number >= 1),
    title        varchar(200) NOT NULL,
    body         text         NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
    body_sha256  char(64)     NOT NULL,
    published_at timestamptz  NOT NULL,
    published_by uuid         NULL REFERENCES users (id),
    UNIQUE (document_id, number)
);

-- A document version sent to a couple. 'superseded_at': a newer one of the same kind was sent since.
CREATE TABLE agreements (
    id                  uuid PRIMARY KEY,
    couple_id           uuid        NOT NULL REFERENCES couples (id),
    document_version_id uuid        NOT NULL REFERENCES document_versions (id),
    kind                varchar(40) NOT NULL CHECK (kind IN ('consent', 'confidentiality_policy', 'telehealth_consent')),
    policy              varchar(40) NULL CHECK (policy IN ('no_secrets', 'limited_secrets', 'individual_confidentiality')),
    sent_at             timestamptz NOT NULL,
    sent_by             uuid        NULL REFERENCES users (id),
    superseded_at       timestamptz NULL,
    CHECK ((kind = 'confidentiality_policy') = (policy IS NOT NULL))
);
CREATE INDEX ix_agreements_couple_id ON agreements (couple_id, kind);
CREATE INDEX ix_agreements_document_version_id ON agreements (document_version_id);

-- One signature per partner and agreement. Electronic: the typed name, the consent to sign
-- electronically, the SHA-256 of the text shown, the client's address and user agent (the same six
-- columns wherever Clinic keeps an electronic signature). Paper: the day it was signed, recorded by the therapist.
CREATE TABLE agreement_signatures (
    id                            uuid PRIMARY KEY,
    agreement_id                  uuid         NOT NULL REFERENCES agreements (id),
    couple_id                     uuid         NOT NULL REFERENCES couples (id),
    partner_id                    uuid         NOT NULL REFERENCES partners (id),
    method                        varchar(20)  NOT NULL CHECK (method IN ('electronic', 'paper')),
    signed_at                     timestamptz  NOT NULL,
    typed_name                    varchar(200) NULL,
    agreed_to_sign_electronically boolean      NULL,
    text_sha256                   char(64)     NULL,
    client_address                varchar(64)  NULL,
    user_agent                    varchar(512) NULL,
    paper_signed_on               date         NULL,
    paper_note                    varchar(2000) NULL,
    recorded_by                   uuid         NULL REFERENCES users (id),
    UNIQUE (agreement_id, partner_id),
    CHECK (method <> 'electronic' OR (typed_name IS NOT NULL AND agreed_to_sign_electronically AND text_sha256 IS NOT NULL)),
    CHECK (method <> 'paper' OR (paper_signed_on IS NOT NULL AND recorded_by IS NOT NULL))
);
CREATE INDEX ix_agreement_signatures_couple_id ON agreement_signatures (couple_id);
CREATE INDEX ix_agreement_signatures_partner_id ON agreement_signatures (partner_id);

CREATE TABLE agreement_declines (
    id           uuid PRIMARY KEY,
    agreement_id uuid          NOT NULL REFERENCES agreements (id),
    couple_id    uuid          NOT NULL REFERENCES couples (id),
    partner_id   uuid          NOT NULL REFERENCES partners (id),
    reason       varchar(2000) NOT NULL,
    declined_at  timestamptz   NOT NULL
);
CREATE INDEX ix_agreement_declines_agreement_id ON agreement_declines (agreement_id);
CREATE INDEX ix_agreement_declines_couple_id ON agreement_declines (couple_id);
CREATE INDEX ix_agreement_declines_partner_id ON agreement_declines (partner_id);

-- A release of information: 'text' is the exact Markdown each signer is shown (its terms, then the
-- practice's release wording), 'partner_id' set when it carries that partner's own measures only.
CREATE TABLE releases (
    id                    uuid PRIMARY KEY,
    couple_id             uuid          NOT NULL REFERENCES couples (id),
    recipient             varchar(200)  NOT NULL,
    purpose               varchar(2000) NOT NULL,
    includes              text[]        NOT NULL CHECK (cardinality(includes) >= 1
        AND includes <@ ARRAY['sessions', 'measures', 'homework', 'cycle_map']::text[]),
    period_from           date          NOT NULL,
    period_to             date          NOT NULL,
    expires_on            date          NOT NULL,
    partner_id            uuid          NULL REFERENCES partners (id),
    document_version_id   uuid          NULL REFERENCES document_versions (id),
    text                  text          NOT NULL,
    text_sha256           char(64)      NOT NULL,
    created_at            timestamptz   NOT NULL,
    created_by            uuid          NOT NULL REFERENCES users (id),
    revoked_at            timestamptz   NULL,
    revoked_by_partner_id uuid          NULL REFERENCES partners (id),
    revoke_reason         varchar(2000) NULL,
    CHECK (period_to >= period_from),
    CHECK ((revoked_at IS NULL) = (revoked_by_partner_id IS NULL))
);
CREATE INDEX ix_releases_couple_id ON releases (couple_id);
CREATE INDEX ix_releases_partner_id ON releases (partner_id);
CREATE INDEX ix_releases_revoked_by_partner_id ON releases (revoked_by_partner_id);
CREATE INDEX ix_releases_document_version_id ON releases (document_version_id);

CREATE TABLE release_signatures (
    id                            uuid PRIMARY KEY,
    release_id                    uuid         NOT NULL REFERENCES releases (id),
    couple_id                     uuid         NOT NULL REFERENCES couples (id),
    partner_id                    uuid         NOT NULL REFERENCES partners (id),
    signed_at                     timestamptz  NOT NULL,
    typed_name                    varchar(200) NOT NULL,
    agreed_to_sign_electronically boolean      NOT NULL CHECK (agreed_to_sign_electronically),
    text_sha256                   char(64)     NOT NULL,
    client_address                varchar(64)  NULL,
    user_agent                    varchar(512) NULL,
    UNIQUE (release_id, partner_id)
);
CREATE INDEX ix_release_signatures_couple_id ON release_signatures (couple_id);
CREATE INDEX ix_release_signatures_partner_id ON release_signatures (partner_id);

-- Published versions and signatures are what was agreed: the app may add them, never change them.
-- (Default privileges from 0012 gave SELECT, INSERT, UPDATE; DELETE was never granted.)
REVOKE UPDATE ON document_versions, agreement_signatures, agreement_declines, release_signatures FROM clinic_app;
