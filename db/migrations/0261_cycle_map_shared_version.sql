-- Issue 26: sharing a cycle map pins the version shared. Later saves stay with the therapist until
-- they share again; the portal shows the pinned version. Maps shared before this pinned their then
-- current version (the one partners were shown).
ALTER TABLE cycle_maps ADD COLUMN shared_version integer NULL CHECK (shared_version >= 1 AND shared_version <= version);
UPDATE cycle_maps SET shared_version = version WHERE shared_at IS NOT NULL AND version >= 1;
ALTER TABLE cycle_maps ADD CONSTRAINT cycle_maps_shared_pins_a_version CHECK ((shared_at IS NULL) = (shared_version IS NULL));
