-- Plans are drafted, submitted by their owners and approved by a senior leader.
UPDATE plan SET status = 'DRAFT' WHERE status = 'OPEN';
ALTER TABLE plan
    ADD COLUMN submitted_by               VARCHAR(100),
    ADD COLUMN submitted_at               TIMESTAMPTZ,
    ADD COLUMN approved_by                VARCHAR(100),
    ADD COLUMN approved_at                TIMESTAMPTZ,
    ADD COLUMN returned_reason            VARCHAR(2000),
    ADD COLUMN weak_only_exception_by     VARCHAR(100),
    ADD COLUMN weak_only_exception_reason VARCHAR(2000),
    ADD COLUMN weak_only_exception_at     TIMESTAMPTZ,
    ADD COLUMN embedded_at                TIMESTAMPTZ;

-- RCA2 strength, due dates and the embedding count of each action.
ALTER TABLE corrective_action
    ADD COLUMN action_type            VARCHAR(40),
    ADD COLUMN derived_strength       VARCHAR(20),
    ADD COLUMN strength               VARCHAR(20),
    ADD COLUMN strength_justification VARCHAR(2000),
    ADD COLUMN control_id             VARCHAR(100),
    ADD COLUMN indicator_unit         VARCHAR(40),
    ADD COLUMN indicator_threshold    DOUBLE PRECISION,
    ADD COLUMN good_direction         VARCHAR(4),
    ADD COLUMN due_on                 DATE,
    ADD COLUMN cycle                  INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN active_from_week       VARCHAR(8),
    ADD COLUMN embedded_week          VARCHAR(8),
    ADD COLUMN lapsed_at              TIMESTAMPTZ,
    ADD COLUMN overdue_escalated_at   TIMESTAMPTZ;

-- Actions recorded before strength existed: a checklist-like change to a control, due six weeks after drafting.
UPDATE corrective_action SET action_type = 'CHECKLIST_OR_COGNITIVE_AID', derived_strength = 'INTERMEDIATE',
    strength = 'INTERMEDIATE', due_on = (created_at AT TIME ZONE 'UTC')::date + 42, status = 'PLANNED'
    WHERE action_type IS NULL;
ALTER TABLE corrective_action
    ALTER COLUMN action_type SET NOT NULL,
    ALTER COLUMN derived_strength SET NOT NULL,
    ALTER COLUMN strength SET NOT NULL,
    ALTER COLUMN due_on SET NOT NULL;
