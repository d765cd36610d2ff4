-- A partner's email is no longer unique across the practice: refusing a second couple because the
-- email is on another therapist's caseload told the second therapist that the person is a client
-- there. The check is per caseload now (CreateCouple); a login account is still one per email
-- (users.normalized_email), so a duplicate surfaces at invitation acceptance, for the admin.
DROP INDEX ix_partners_email;
CREATE INDEX ix_partners_email ON partners (email);
