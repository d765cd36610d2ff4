SELECT EXISTS (
	    SELECT 1
	    FROM auth_sessions AS a
	    INNER JOIN users AS u ON a.user_id = u.id
	    WHERE a.id = E'd03b08de-c266-4207-ba3f-1007256f3946' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-22 12\x3a48\x3a10.498283+00' AND u.status = 'active');
WITH mine AS (SELECT id, display_name, status, started_on FROM couples WHERE therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91'),
	s AS (
	    SELECT s.couple_id, s.date, s.start_time, s.eft_stage, s.eft_step,
	           (SELECT avg(r.intensity)::double precision FROM cycle_ratings r WHERE r.session_id = s.id) AS mean
	    FROM sessions s JOIN mine ON mine.id = s.couple_id),
	ranked AS (
	    SELECT s.*,
	           row_number() OVER (PARTITION BY couple_id, date <= E'2026-11-22' ORDER BY date DESC, start_time DESC) AS rn,
	           row_number() OVER (PARTITION BY couple_id, date <= E'2026-11-22' AND mean IS NOT NULL ORDER BY date DESC, start_time DESC) AS rated_rn
	    FROM s)
	SELECT c.id AS "CoupleId", c.display_name AS "DisplayName", c.status AS "Status", c.started_on AS "StartedOn",
	       count(r.date) FILTER (WHERE r.date <= E'2026-11-22')::int AS "SessionCount",
	       max(r.date) FILTER (WHERE r.date <= E'2026-11-22') AS "LastSessionOn",
	       min(r.date) FILTER (WHERE r.date > E'2026-11-22') AS "NextSessionOn",
	       min(r.eft_stage) FILTER (WHERE r.date <= E'2026-11-22' AND r.rn = 1) AS "EftStage",
	       min(r.eft_step) FILTER (WHERE r.date <= E'2026-11-22' AND r.rn = 1) AS "EftStep",
	       array_agg(r.mean ORDER BY r.date, r.start_time) FILTER (WHERE r.date <= E'2026-11-22' AND r.mean IS NOT NULL AND r.rated_rn <= 3) AS "RecentMeans",
	       (SELECT count(*)::int FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "PendingQuestionnaires",
	       (SELECT min(q.requested_at) FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "OldestPendingRequestedAt",
	       (EXISTS (SELECT 1 FROM safety_flags f WHERE f.couple_id = c.id AND f.status = 'open')
	        OR EXISTS (SELECT 1 FROM risk_records k WHERE k.couple_id = c.id AND k.joint_sessions_paused)) AS "SafetyConcern"
	FROM mine c LEFT JOIN ranked r ON r.couple_id = c.id
	GROUP BY c.id, c.display_name, c.status, c.started_on;
SELECT a.id AS "Id", a.couple_id AS "CoupleId", a.exercise_code AS "ExerciseCode", a.assigned_to AS "AssignedTo",
	       a.starts_on AS "StartsOn", a.due_on AS "DueOn", a.target_per_week AS "TargetPerWeek"
	FROM homework_assignments a JOIN couples c ON c.id = a.couple_id
	WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.status = 'active';
SELECT e.assignment_id AS "AssignmentId", e.author_partner_id AS "PartnerId", e.occurred_on AS "OccurredOn"
	FROM homework_entries e
	JOIN homework_assignments a ON a.id = e.assignment_id
	JOIN couples c ON c.id = a.couple_id
	WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.status = 'active' AND e.withdrawn_at IS NULL AND e.occurred_on >= E'2026-11-02';
SELECT * FROM (
	    SELECT a.couple_id AS "CoupleId", a.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
	           a.instrument_version AS "InstrumentVersion", a.administered_on AS "AdministeredOn",
	           a.avoidance AS "Avoidance", a.anxiety AS "Anxiety",
	           row_number() OVER (PARTITION BY a.partner_id, a.instrument_code
	                              ORDER BY a.administered_on DESC, a.created_at DESC) AS "Rank"
	    FROM assessments a JOIN couples c ON c.id = a.couple_id
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91') ranked
	WHERE "Rank" <= 2;
SELECT p.id AS "Id", p.couple_id AS "CoupleId", p.label AS "Label", p.first_name AS "FirstName"
	FROM partners p JOIN couples c ON c.id = p.couple_id
	WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91';
INSERT INTO audit_events (action, client_address, couple_id, detail, occurred_at, outcome, resource_id, resource_type, role, user_id)
	VALUES (E'dashboard.caseload', E'127.0.0.1', NULL, NULL, E'2026-11-22 12\x3a48\x3a11.03094+00', E'allowed', NULL, E'couple', E'therapist', E'52c14487-8eac-5ded-8f74-3a36934d9d91')
	RETURNING id;
