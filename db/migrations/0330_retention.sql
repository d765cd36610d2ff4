-- Retention (issue 33, DESIGN §17): a legal hold per couple, and the purge — the one hard delete in
-- Clinic — of a closed couple whose retention period has passed.

-- The practice's retention period, in years after a couple's closing date (a practice setting: GET/PUT /api/admin/practice).
ALTER TABLE practice_settings ADD COLUMN retention_years smallint NOT NULL DEFAULT 7 CHECK (retention_years BETWEEN 1 AND 30);

-- One row per couple that has ever had a hold placed; a purge deletes it with the rest of the couple.
CREATE TABLE couple_retention (
    couple_id   uuid         PRIMARY KEY REFERENCES couples (id),
    legal_hold  boolean      NOT NULL,
    hold_reason varchar(500) NULL,
    changed_by  uuid         NOT NULL REFERENCES users (id),
    changed_at  timestamptz  NOT NULL,
    CHECK (NOT legal_hold OR hold_reason IS NOT NULL)
);
-- The retention list: closed couples by closing date.
CREATE INDEX ix_couples_closed_on ON couples (closed_on) WHERE status = 'closed';

-- purge_couple: deletes every row that belongs to the couple, found from the catalogue rather than a
-- list, so a table added later is covered without an edit: every table with a foreign key into
-- couples, and every table with a foreign key into one of those, and so on. The rows to delete are
-- collected first (following each foreign key from rows already collected, until nothing new is
-- found), then deleted in one statement, so the order of the tables does not matter (foreign keys are
-- checked at its end; deferrable ones at commit). The caller's transaction holds the rest of the purge
-- (closing the partners' accounts, the audit line).
--
-- It refuses a couple that is not closed, was closed after p_closed_on_or_before (the retention
-- period is the caller's: the practice's setting), or is under a legal hold. The app's role cannot
-- DELETE from clinical tables at all; it may only call this function, which runs as the schema's owner.
-- Append-only triggers (risk_record_revisions, …) are disabled for the statement and enabled again
-- before it returns: the only deletion they ever let through is this one. Stored answers to retried
-- writes (idempotency_keys) that copy the couple's data go too. Returns the rows deleted per table.
CREATE FUNCTION purge_couple(p_couple uuid, p_closed_on_or_before date)
    RETURNS TABLE (table_name text, deleted bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_status  text;
    v_closed  date;
    v_hold    boolean;
    rel       record;
    edge      record;
    trg       record;
    n         bigint;
    grew      boolean;
    ctes      text := '';
    selects   text := '';
    i         int := 0;
    disabled  text[] := '{}';
    accounts  uuid[];
BEGIN
    SELECT c.status, c.closed_on INTO v_status, v_closed FROM couples c WHERE c.id = p_couple FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no couple %', p_couple USING ERRCODE = 'no_data_found';
    END IF;
    SELECT r.legal_hold INTO v_hold FROM couple_retention r WHERE r.couple_id = p_couple;
    IF v_status <> 'closed' OR v_closed IS NULL OR v_closed > p_closed_on_or_before OR coalesce(v_hold, false) THEN
        RAISE EXCEPTION 'couple % may not be purged (status %, closed on %, hold %)', p_couple, v_status, v_closed, coalesce(v_hold, false)
            USING ERRCODE = 'check_violation';
    END IF;
    SET LOCAL lock_timeout = '10s';
    SELECT coalesce(array_agg(p.user_id) FILTER (WHERE p.user_id IS NOT NULL), '{}') INTO accounts FROM partners p WHERE p.couple_id = p_couple;
    CREATE TEMP TABLE purge_partner_ids ON COMMIT DROP AS SELECT p.id FROM partners p WHERE p.couple_id = p_couple;

    -- The tables: couples and everything that reaches it through foreign keys.
    CREATE TEMP TABLE purge_tables ON COMMIT DROP AS
    WITH RECURSIVE reach(rel) AS (
        SELECT 'public.couples'::regclass
        UNION
        SELECT c.conrelid::regclass FROM pg_constraint c JOIN reach ON c.confrelid = reach.rel WHERE c.contype = 'f'
    )
    SELECT reach.rel, 'pg_temp.purge_keys_' || reach.rel::oid AS keys,
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM pg_index x
              CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
             WHERE x.indrelid = reach.rel AND x.indisprimary) AS pk
    FROM reach;
    FOR rel IN SELECT * FROM purge_tables LOOP
        IF rel.pk IS NULL THEN
            RAISE EXCEPTION 'table % has no primary key: purge_couple cannot tell its rows apart', rel.rel;
        END IF;
        EXECUTE format('CREATE TEMP TABLE %s ON COMMIT DROP AS SELECT %s FROM %s WITH NO DATA', rel.keys,
            (SELECT string_agg(format('%I', col), ', ') FROM unnest(rel.pk) col), rel.rel);
        EXECUTE format('ALTER TABLE %s ADD PRIMARY KEY (%s)', rel.keys, (SELECT string_agg(format('%I', col), ', ') FROM unnest(rel.pk) col));
    END LOOP;
    EXECUTE format('INSERT INTO %s VALUES ($1)', 'pg_temp.purge_keys_' || 'public.couples'::regclass::oid) USING p_couple;

    -- Follow every foreign key from collected rows to the rows that point at them, until none is new.
    LOOP
        grew := false;
        FOR edge IN
            SELECT c.conrelid::regclass AS child, c.confrelid::regclass AS parent, ct.keys AS child_keys, ct.pk AS child_pk,
                   pt.keys AS parent_keys, pt.pk AS parent_pk,
                   (SELECT string_agg(format('ch.%I = pa.%I', ca.attname, pa.attname), ' AND ')
                      FROM unnest(c.conkey, c.confkey) AS k(ck, pk)
                      JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.ck
                      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.pk) AS joins
            FROM pg_constraint c
            JOIN purge_tables ct ON ct.rel = c.conrelid::regclass
            JOIN purge_tables pt ON pt.rel = c.confrelid::regclass
            WHERE c.contype = 'f'
        LOOP
            EXECUTE format('INSERT INTO %s SELECT %s FROM %s ch JOIN %s pa ON %s JOIN %s k ON %s ON CONFLICT DO NOTHING',
                edge.child_keys,
                (SELECT string_agg(format('ch.%I', col), ', ') FROM unnest(edge.child_pk) col),
                edge.child, edge.parent, edge.joins, edge.parent_keys,
                (SELECT string_agg(format('pa.%1$I = k.%1$I', col), ' AND ') FROM unnest(edge.parent_pk) col));
            GET DIAGNOSTICS n = ROW_COUNT;
            grew := grew OR n > 0;
        END LOOP;
        EXIT WHEN NOT grew;
    END LOOP;

    -- Append-only tables refuse DELETE by trigger; let this statement through.
    FOR trg IN
        SELECT t.tgname, t.tgrelid::regclass AS rel FROM pg_trigger t JOIN purge_tables p ON p.rel = t.tgrelid::regclass
        WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 8) <> 0   -- fires on DELETE
    LOOP
        EXECUTE format('ALTER TABLE %s DISABLE TRIGGER %I', trg.rel, trg.tgname);
        disabled := disabled || format('ALTER TABLE %s ENABLE TRIGGER %I', trg.rel, trg.tgname);
    END LOOP;

    FOR rel IN SELECT * FROM purge_tables t ORDER BY t.rel::text LOOP
        i := i + 1;
        ctes := ctes || CASE WHEN i > 1 THEN ', ' ELSE '' END || format('d%s AS (DELETE FROM %s t USING %s k WHERE %s RETURNING 1)',
            i, rel.rel, rel.keys, (SELECT string_agg(format('t.%1$I = k.%1$I', col), ' AND ') FROM unnest(rel.pk) col));
        selects := selects || CASE WHEN i > 1 THEN ' UNION ALL ' ELSE '' END
            || format('SELECT %L::text, (SELECT count(*) FROM d%s)', rel.rel::text, i);
    END LOOP;
    RETURN QUERY EXECUTE 'WITH ' || ctes || ' ' || selects;

    FOR i IN 1 .. coalesce(array_length(disabled, 1), 0) LOOP
        EXECUTE disabled[i];
    END LOOP;

    -- Stored answers to retried writes (Idempotency-Key) hold copies of what the writes returned: the
    -- partners' own, and the therapist's that name the couple or a partner. Not reachable by foreign key.
    DELETE FROM idempotency_keys k
     WHERE k.user_id = ANY (accounts)
        OR strpos(coalesce(k.response_body, '') || coalesce(k.location, ''), p_couple::text) > 0
        OR EXISTS (SELECT FROM pg_temp.purge_partner_ids x
                    WHERE strpos(coalesce(k.response_body, '') || coalesce(k.location, ''), x.id::text) > 0);
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := 'idempotency_keys'; deleted := n;
    RETURN NEXT;

    FOR rel IN SELECT * FROM purge_tables LOOP
        EXECUTE format('DROP TABLE %s', rel.keys);
    END LOOP;
    DROP TABLE purge_tables;
    DROP TABLE pg_temp.purge_partner_ids;
END
$$;
REVOKE ALL ON FUNCTION purge_couple(uuid, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_couple(uuid, date) TO clinic_app;
