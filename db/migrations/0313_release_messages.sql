-- Issue 31 item 6: a release may carry messages. A release of both partners carries the joint thread; a release of
-- one partner carries that partner's private thread only (never the other partner's, never the joint thread, whose
-- other author has not signed).
ALTER TABLE releases DROP CONSTRAINT releases_includes_check;
ALTER TABLE releases ADD CONSTRAINT releases_includes_check CHECK (cardinality(includes) >= 1
    AND includes <@ ARRAY['sessions', 'measures', 'homework', 'cycle_map', 'messages']::text[]);
