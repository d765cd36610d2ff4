WITH open AS (
	    SELECT EXISTS (
	        SELECT 1 FROM auth_sessions a JOIN users u ON u.id = a.user_id
	        WHERE a.id = E'd2dd2c2d-514a-4a13-967a-90eff0e97f27' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-28 14\x3a55\x3a23.661326+00' AND u.status = 'active') AS open),
	audit AS (
	    INSERT INTO audit_events (occurred_at, user_id, role, action, resource_type, resource_id, couple_id, client_address, outcome)
	    SELECT E'2026-11-28 14\x3a55\x3a23.66539+00', E'52c14487-8eac-5ded-8f74-3a36934d9d91', E'therapist', E'dashboard.couple', E'couple', E'9a1959ce-77d4-505e-a083-cd3a94c79394', E'9a1959ce-77d4-505e-a083-cd3a94c79394', E'127.0.0.1', 'allowed' FROM open
	    WHERE open.open AND EXISTS (SELECT 1 FROM couples c WHERE c.id = E'9a1959ce-77d4-505e-a083-cd3a94c79394' AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91'))
	SELECT open FROM open;
SELECT c.id, c.display_name, c.status FROM couples c WHERE c.id = E'9a1959ce-77d4-505e-a083-cd3a94c79394' AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91';
SELECT x.id, x.label, x.first_name FROM partners x JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394' ORDER BY x.label;
SELECT x.id, x.date, x.attendance, x.eft_stage, x.eft_step, x.cycle_mean,
	       r.episodes_since_last_session, r.peak_intensity, r.repair_minutes, r.markers, x.cycle_corrected_at IS NOT NULL
	FROM sessions x LEFT JOIN cycle_records r ON r.session_id = x.id
	JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394'
	ORDER BY x.date, x.start_time;
SELECT g.session_id, g.partner_id, g.position, g.intensity
	FROM sessions x JOIN cycle_ratings g ON g.session_id = x.id
	JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394';
SELECT x.id, x.exercise_code, x.assigned_to, x.starts_on, x.due_on, x.target_per_week, x.status
	FROM homework_assignments x JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394';
SELECT e.id, e.assignment_id, e.author_partner_id, e.occurred_on, e.role, e.fields::text
	FROM homework_assignments x JOIN homework_entries e ON e.assignment_id = x.id
	JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394' AND e.withdrawn_at IS NULL AND e.role IS NOT NULL
	ORDER BY e.created_at;
SELECT x.id, x.partner_id, x.instrument_code, x.instrument_version, x.administered_on, x.source, x.avoidance, x.anxiety, x.quadrant,
	       x.scores::text, x.band
	FROM assessments x JOIN couples c ON c.id = x.couple_id AND c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' WHERE x.couple_id = E'9a1959ce-77d4-505e-a083-cd3a94c79394'
	ORDER BY x.administered_on, x.created_at;
