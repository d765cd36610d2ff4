-- Planner costs for a database whose working set is in memory or on SSD, as this one's is (a
-- practice is megabytes, not terabytes). With PostgreSQL's default random_page_cost of 4, reads that
-- start from one therapist's forty couples (partners, homework, assessments) were planned as hash
-- joins over whole tables: fine at a hundred couples, a full scan of every practice's rows at two
-- thousand. At 1.1, the value usual for SSDs and managed PostgreSQL, they probe the couple_id
-- indexes: the caseload dashboard's five statements went from ~470 to ~1 200 per second under
-- pgbench (tests/bench). The setting is the database's, so psql, pgbench and every new connection
-- plan alike. A role that may not alter the database is told so and the migration still applies; an
-- operator can then run the ALTER DATABASE below as the owner.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_database d
               WHERE d.datname = current_database() AND pg_has_role(current_user, d.datdba, 'MEMBER'))
       OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = current_user AND r.rolsuper) THEN
        EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
    ELSE
        RAISE NOTICE 'random_page_cost left as it is: % may not alter database %; run ALTER DATABASE % SET random_page_cost = 1.1 as its owner',
            current_user, current_database(), current_database();
    END IF;
END
$$;
