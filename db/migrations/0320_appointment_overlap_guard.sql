-- The double-booking rule held by the database (DESIGN §16, issue 32). The handlers check for an
-- overlap first and answer a readable 409; two bookings racing for one slot both pass that check, and
-- this constraint lets only one of them commit. An overlap the therapist confirmed on purpose is left
-- out of the rule (overlap_confirmed), as the API has always allowed.

-- btree_gist is a trusted extension (PostgreSQL 13+): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE appointments ADD COLUMN overlap_confirmed boolean NOT NULL DEFAULT false;

-- Every overlap stored so far was confirmed by its therapist (the API refused the others). Of two
-- rows that overlap, the later-made one is marked: no two unmarked rows can then overlap.
UPDATE appointments later SET overlap_confirmed = true
WHERE later.status IN ('booked', 'held')
  AND EXISTS (
    SELECT 1 FROM appointments earlier
    WHERE earlier.therapist_id = later.therapist_id
      AND earlier.id <> later.id
      AND earlier.status IN ('booked', 'held')
      AND (earlier.created_at, earlier.id) < (later.created_at, later.id)
      AND earlier.starts_at < later.starts_at + make_interval(mins => later.duration_minutes)
      AND later.starts_at < earlier.starts_at + make_interval(mins => earlier.duration_minutes));

-- [start, start + minutes) as a range. Adding a whole number of minutes to a timestamptz does not
-- depend on the session's TimeZone (only days and months do), so the function is truly immutable,
-- which an index expression requires; PostgreSQL marks timestamptz + interval only stable.
CREATE FUNCTION appointment_span(starts_at timestamptz, minutes integer) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN tstzrange(starts_at, starts_at + make_interval(mins => minutes), '[)');

ALTER TABLE appointments ADD CONSTRAINT ex_appointments_therapist_time
    EXCLUDE USING gist (therapist_id WITH =, appointment_span(starts_at, duration_minutes) WITH &&)
    WHERE (status IN ('booked', 'held') AND NOT overlap_confirmed);
