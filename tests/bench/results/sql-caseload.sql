WITH open AS (
	    SELECT EXISTS (
	        SELECT 1 FROM auth_sessions a JOIN users u ON u.id = a.user_id
	        WHERE a.id = E'8e74727c-1602-47fd-9ce2-4ac4c38dafcb' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-28 14\x3a55\x3a19.202009+00' AND u.status = 'active') AS open),
	audit AS (
	    INSERT INTO audit_events (occurred_at, user_id, role, action, resource_type, resource_id, couple_id, client_address, outcome)
	    SELECT E'2026-11-28 14\x3a55\x3a19.214493+00', E'52c14487-8eac-5ded-8f74-3a36934d9d91', E'therapist', E'dashboard.caseload', E'couple', NULL, NULL, E'127.0.0.1', 'allowed' FROM open
	    WHERE open.open )
	SELECT open FROM open;
SELECT c.id AS "CoupleId", c.display_name AS "DisplayName", c.status AS "Status", c.started_on AS "StartedOn",
	           (SELECT count(*)::int FROM sessions s WHERE s.couple_id = c.id AND s.date <= E'2026-11-28') AS "SessionCount",
	           last.date AS "LastSessionOn",
	           (SELECT min(a.starts_at) FROM appointments a WHERE a.couple_id = c.id AND a.status = 'booked' AND a.starts_at > E'2026-11-28 14\x3a55\x3a19.214433+00') AS "NextBookedAt",
	           last.eft_stage AS "EftStage", last.eft_step AS "EftStep",
	           (SELECT array_agg(m.cycle_mean ORDER BY m.date, m.start_time) FROM (
	                SELECT s.date, s.start_time, s.cycle_mean FROM sessions s
	                WHERE s.couple_id = c.id AND s.date <= E'2026-11-28' AND s.cycle_mean IS NOT NULL
	                ORDER BY s.date DESC, s.start_time DESC LIMIT 3) m) AS "RecentMeans",
	           (SELECT count(*)::int FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "PendingQuestionnaires",
	           (SELECT min(q.requested_at) FROM questionnaire_requests q WHERE q.couple_id = c.id AND q.status = 'pending') AS "OldestPendingRequestedAt",
	           EXISTS (SELECT 1 FROM safety_flags f WHERE f.couple_id = c.id AND f.status = 'open'
	                          AND NOT f.assessment_id IS NOT NULL) AS "OpenSafetyFlag",
	           EXISTS (SELECT 1 FROM risk_records k WHERE k.couple_id = c.id AND k.joint_sessions_paused) AS "JointSessionsPaused",
	           (SELECT max(a.starts_at) FROM appointments a WHERE a.couple_id = c.id AND a.status = 'held') AS "LastHeldAt"
	    FROM couples c
	    LEFT JOIN LATERAL (SELECT s.date, s.eft_stage, s.eft_step FROM sessions s WHERE s.couple_id = c.id AND s.date <= E'2026-11-28'
	                       ORDER BY s.date DESC, s.start_time DESC LIMIT 1) last ON true
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91';
SELECT a.id AS "Id", a.couple_id AS "CoupleId", a.exercise_code AS "ExerciseCode", a.assigned_to AS "AssignedTo",
	           a.starts_on AS "StartsOn", a.due_on AS "DueOn", a.target_per_week AS "TargetPerWeek"
	    FROM homework_assignments a JOIN couples c ON c.id = a.couple_id
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.status = 'active';
SELECT e.assignment_id AS "AssignmentId", e.author_partner_id AS "PartnerId", e.occurred_on AS "OccurredOn"
	    FROM homework_entries e
	    JOIN homework_assignments a ON a.id = e.assignment_id
	    JOIN couples c ON c.id = a.couple_id
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.status = 'active' AND e.withdrawn_at IS NULL AND e.role IS NOT NULL AND e.occurred_on >= E'2026-11-09';
SELECT * FROM (
	        SELECT a.couple_id AS "CoupleId", a.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
	               a.instrument_version AS "InstrumentVersion", a.administered_on AS "AdministeredOn",
	               a.scores::text AS "Scores",
	               row_number() OVER (PARTITION BY a.partner_id, a.instrument_code
	                                  ORDER BY a.administered_on DESC, a.created_at DESC) AS "Rank"
	        FROM assessments a JOIN couples c ON c.id = a.couple_id
	        WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91') ranked
	    WHERE "Rank" <= 2;
SELECT p.id AS "Id", p.couple_id AS "CoupleId", p.label AS "Label", p.first_name AS "FirstName"
	    FROM partners p JOIN couples c ON c.id = p.couple_id
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91';
SELECT f.couple_id AS "CoupleId", f.partner_id AS "PartnerId", a.instrument_code AS "InstrumentCode",
	           a.instrument_version AS "InstrumentVersion", f.reasons AS "Reasons"
	    FROM safety_flags f JOIN assessments a ON a.id = f.assessment_id JOIN couples c ON c.id = f.couple_id
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND f.status = 'open' AND f.assessment_id IS NOT NULL
	    ORDER BY f.raised_at;
SELECT s.id AS "ScheduleId", s.couple_id AS "CoupleId", s.partner_id AS "PartnerId", s.instrument AS "Instrument", r.status AS "Status"
	    FROM measure_schedules s JOIN couples c ON c.id = s.couple_id
	    CROSS JOIN LATERAL (SELECT q.status FROM questionnaire_requests q
	                        WHERE q.schedule_id = s.id AND q.status IN ('completed', 'missed')
	                        ORDER BY q.due_on DESC LIMIT 2) r
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND NOT s.stopped_at IS NOT NULL;
