-- What an approved action does to the register: the control it creates or changes, and the version it wrote.
ALTER TABLE corrective_action
    ADD COLUMN control_name     VARCHAR(200),
    ADD COLUMN control_type     VARCHAR(30),
    ADD COLUMN frequency        VARCHAR(20),
    ADD COLUMN register_version INTEGER,
    ADD COLUMN escalation       VARCHAR(20) NOT NULL DEFAULT 'NONE',
    ADD COLUMN recovered_week   VARCHAR(8);
UPDATE corrective_action SET escalation = 'SENIOR_LEADER' WHERE overdue_escalated_at IS NOT NULL;
ALTER TABLE corrective_action DROP COLUMN overdue_escalated_at;

ALTER TABLE control_version ADD COLUMN action_id UUID;

-- Overdue actions escalate to the senior leader, then to the board; each level once per action and cycle.
ALTER TABLE escalation
    ADD COLUMN level VARCHAR(20),
    ADD COLUMN cycle INTEGER;
UPDATE escalation e SET level = 'SENIOR_LEADER',
    cycle = (SELECT a.cycle FROM corrective_action a WHERE a.id = e.action_id)
    WHERE e.kind = 'OVERDUE_ACTION';
CREATE UNIQUE INDEX escalation_overdue_once ON escalation (action_id, cycle, level) WHERE kind = 'OVERDUE_ACTION';

-- What happened to a plan's actions after approval: register changes, escalations, lapses and recoveries.
-- No foreign key to the action: an action may be removed while its plan is reopened, its history stays.
CREATE TABLE action_history (
    id          UUID PRIMARY KEY,
    seq         BIGINT        GENERATED ALWAYS AS IDENTITY,
    plan_id     UUID          NOT NULL REFERENCES plan (id),
    action_id   UUID          NOT NULL,
    cycle       INTEGER       NOT NULL,
    what        VARCHAR(30)   NOT NULL,
    iso_week    VARCHAR(8),
    detail      VARCHAR(4000) NOT NULL,
    recorded_by VARCHAR(100)  NOT NULL,
    recorded_at TIMESTAMPTZ   NOT NULL
);
CREATE INDEX action_history_plan ON action_history (plan_id, seq);
