SELECT EXISTS (
	    SELECT 1
	    FROM auth_sessions AS a
	    INNER JOIN users AS u ON a.user_id = u.id
	    WHERE a.id = E'289d27cc-3e16-453a-9d51-65241be876e4' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-22 16\x3a00\x3a14.610734+00' AND u.status = 'active');
SELECT c.id, c.display_name, c.status, c.started_on, (
	    SELECT count(*)::int
	    FROM sessions AS s
	    WHERE s.couple_id = c.id), (
	    SELECT max(s0.date)
	    FROM sessions AS s0
	    WHERE s0.couple_id = c.id), (
	    SELECT count(*)::int
	    FROM couples AS c0
	    WHERE c0.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91')
	FROM couples AS c
	WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91'
	ORDER BY c.display_name, c.id
	LIMIT E'25' OFFSET E'0';
INSERT INTO audit_events (action, client_address, couple_id, detail, occurred_at, outcome, resource_id, resource_type, role, user_id)
	VALUES (E'couple.list', E'127.0.0.1', NULL, NULL, E'2026-11-22 16\x3a00\x3a14.615744+00', E'allowed', NULL, E'couple', E'therapist', E'52c14487-8eac-5ded-8f74-3a36934d9d91')
	RETURNING id;
