-- The EFT Tango on sessions (DESIGN §18, issue 34 item 4): the moves used, each with a short note
-- ([{"move": "processing_the_encounter", "note": "…"}]), and the segments marked as excerpt candidates
-- ([{"stage": 2, "startsAt": "12:30", "endsAt": "17:05", "note": "…"}]). Both sit in the session's row, so
-- editing them moves the session's version like any other field; no recordings are stored.

ALTER TABLE sessions
    ADD COLUMN tango_moves        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tango_moves) = 'array'),
    ADD COLUMN excerpt_candidates jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(excerpt_candidates) = 'array');

-- The couple's sessions list filters by move: tango_moves @> '[{"move": "…"}]'.
CREATE INDEX ix_sessions_tango_moves ON sessions USING gin (tango_moves jsonb_path_ops);
