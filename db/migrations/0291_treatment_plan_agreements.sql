-- Issue 29 item 4: each partner agrees to a version of the treatment plan as they see it in the portal (the
-- couple's goals and their own), signed like an agreement (DESIGN §13: the six values of ElectronicSignature).
CREATE TABLE treatment_plan_agreements (
    couple_id                     uuid         NOT NULL,
    version                       integer      NOT NULL,
    partner_id                    uuid         NOT NULL REFERENCES partners (id),
    typed_name                    varchar(200) NOT NULL,
    agreed_to_sign_electronically boolean      NOT NULL CHECK (agreed_to_sign_electronically),
    text_sha256                   char(64)     NOT NULL,
    signed_at                     timestamptz  NOT NULL,
    client_address                varchar(64)  NULL,
    user_agent                    varchar(512) NULL,
    PRIMARY KEY (couple_id, version, partner_id),
    FOREIGN KEY (couple_id, version) REFERENCES treatment_plan_versions (couple_id, version)
);
CREATE INDEX ix_treatment_plan_agreements_partner_id ON treatment_plan_agreements (partner_id);
