-- Issue 30: the audit log filters by action from a picker. The picker's list of actions is read by a loose
-- index scan (one probe per distinct action), and the action filter pages newest first through it.
CREATE INDEX ix_audit_events_action ON audit_events (action, id DESC);
