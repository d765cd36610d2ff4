WITH open AS (
	    SELECT EXISTS (
	        SELECT 1 FROM auth_sessions a JOIN users u ON u.id = a.user_id
	        WHERE a.id = E'02bc1bf6-8a18-4acd-adae-cb199d35971d' AND a.user_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91' AND a.revoked_at IS NULL AND a.expires_at > E'2026-11-28 14\x3a55\x3a28.022662+00' AND u.status = 'active') AS open),
	audit AS (
	    INSERT INTO audit_events (occurred_at, user_id, role, action, resource_type, resource_id, couple_id, client_address, outcome)
	    SELECT E'2026-11-28 14\x3a55\x3a28.022855+00', E'52c14487-8eac-5ded-8f74-3a36934d9d91', E'therapist', E'couple.list', E'couple', NULL, NULL, E'127.0.0.1', 'allowed' FROM open
	    WHERE open.open )
	SELECT open FROM open;
SELECT c.id, c.display_name, c.status, c.started_on,
	       (SELECT count(*)::int FROM sessions s WHERE s.couple_id = c.id),
	       (SELECT max(s.date) FROM sessions s WHERE s.couple_id = c.id),
	       (SELECT count(*)::int FROM couples c WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91')
	FROM couples c
	WHERE c.therapist_id = E'52c14487-8eac-5ded-8f74-3a36934d9d91'
	ORDER BY c.display_name, c.id
	LIMIT 25 OFFSET 0;
