-- Issue 29 item 5: closing a case needs a reason and a closing summary, signed like a session (who and when),
-- drafted from the record. One per couple: a closed couple does not reopen (Couple.CanMove).
CREATE TABLE closing_summaries (
    couple_id        uuid           PRIMARY KEY REFERENCES couples (id),
    reason           varchar(40)    NOT NULL CHECK (reason IN ('goals_met', 'mutual_decision', 'client_withdrew', 'referred', 'no_contact', 'other')),
    summary          varchar(20000) NOT NULL CHECK (length(summary) >= 1),
    closed_on        date           NOT NULL,
    safety_confirmed boolean        NOT NULL,
    signed_at        timestamptz    NOT NULL,
    signed_by        uuid           NOT NULL REFERENCES users (id),
    signed_by_name   varchar(210)   NOT NULL
);
