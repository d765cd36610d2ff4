SELECT EXISTS (
	    SELECT 1
	    FROM auth_sessions AS a
	    INNER JOIN users AS u ON a.user_id = u.id
	    WHERE a.id = E'7edbcf2e-0b09-48d6-8858-177c42913277' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-22 12\x3a48\x3a28.727843+00' AND u.status = 'active');
SELECT c0.id, c0.closed_on, c0.created_at, c0.display_name, c0.goals, c0.presenting_concerns, c0.started_on, c0.status, c0.therapist_id, c0.xmin, p.id, p.couple_id, p.created_at, p.email, p.first_name, p.label, p.last_name, p.pronouns, p.user_id
	FROM (
	    SELECT c.id, c.closed_on, c.created_at, c.display_name, c.goals, c.presenting_concerns, c.started_on, c.status, c.therapist_id, c.xmin
	    FROM couples AS c
	    WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND c.id = E'9a1959ce-77d4-505e-a083-cd3a94c79394'
	    LIMIT 2
	) AS c0
	LEFT JOIN partners AS p ON c0.id = p.couple_id
	ORDER BY c0.id;
SELECT s.id, s.attendance, s.couple_id, s.created_at, s.created_by, s.date, s.duration_minutes, s.eft_stage, s.eft_step, s.format, s.note, s.signed_at, s.signed_by, s.signed_by_name, s.start_time, s.xmin, c.session_id, c.episodes_since_last_session, c.markers, c.peak_intensity, c.repair_minutes, c.triggers, c0.session_id, c0.partner_id, c0.intensity, c0.position
	FROM sessions AS s
	LEFT JOIN cycle_records AS c ON s.id = c.session_id
	LEFT JOIN cycle_ratings AS c0 ON c.session_id = c0.session_id
	WHERE s.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394'
	ORDER BY s.date, s.start_time, s.id, c.session_id, c0.session_id;
SELECT h.id, h.assigned_to, h.couple_id, h.created_at, h.created_by, h.due_on, h.exercise_code, h.exercise_version, h.note, h.session_id, h.starts_on, h.status, h.target_per_week, h.xmin
	FROM homework_assignments AS h
	WHERE h.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394';
SELECT h.id, h.assignment_id, h.author_partner_id, h.created_at, h.fields, h.occurred_on, h.role, h.updated_at, h.visibility, h.withdrawn_at
	FROM homework_entries AS h
	WHERE h.assignment_id = ANY (E'{6c6df378-841e-51bf-84c3-21b6ebeb8fe9,de7771bd-7754-571a-acc0-33cc45131405,f455c593-3caf-4aee-8be8-d54738b27188}') AND h.withdrawn_at IS NULL;
SELECT a.id, a.administered_on, a.anxiety, a.avoidance, a.couple_id, a.created_at, a.created_by, a.instrument_code, a.instrument_version, a.partner_id, a.quadrant, a.questionnaire_request_id, a.responses, a.source
	FROM assessments AS a
	WHERE a.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394'
	ORDER BY a.administered_on, a.created_at;
INSERT INTO audit_events (action, client_address, couple_id, detail, occurred_at, outcome, resource_id, resource_type, role, user_id)
	VALUES (E'dashboard.couple', E'127.0.0.1', E'9a1959ce-77d4-505e-a083-cd3a94c79394', NULL, E'2026-11-22 12\x3a48\x3a28.93891+00', E'allowed', E'9a1959ce-77d4-505e-a083-cd3a94c79394', E'couple', E'therapist', E'52c14487-8eac-5ded-8f74-3a36934d9d91')
	RETURNING id;
