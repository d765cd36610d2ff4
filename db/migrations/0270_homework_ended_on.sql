-- Homework that ends early stops being expected (issue 27 item 2): completing or cancelling an assignment
-- records the day it ended, and adherence counts expected entries only up to then
-- (HomeworkAssignment.ActiveUntil). Assignments closed before this migration take the day of their
-- "homework.complete"/"homework.cancel" audit row (UTC date: at most a day off the practice's), else their
-- due date — which is what adherence assumed for them until now.
ALTER TABLE homework_assignments ADD COLUMN ended_on date NULL;

UPDATE homework_assignments h
SET ended_on = LEAST(h.due_on, COALESCE(
        (SELECT min(e.occurred_at AT TIME ZONE 'UTC')::date FROM audit_events e
         WHERE e.resource_id = h.id AND e.action IN ('homework.complete', 'homework.cancel') AND e.outcome = 'allowed'),
        h.due_on))
WHERE h.status <> 'active';

ALTER TABLE homework_assignments ADD CONSTRAINT ck_homework_assignments_ended_on
    CHECK ((status = 'active') = (ended_on IS NULL));
