-- The last authenticator time step accepted per user, so a TOTP code signs in once.
ALTER TABLE users ADD COLUMN mfa_last_step bigint NULL;
