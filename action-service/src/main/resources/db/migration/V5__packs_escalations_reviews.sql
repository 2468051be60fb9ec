-- One result per control item and ISO week: a corrective action's item (per reopening cycle) or a register control.
CREATE TABLE control_result (
    id              UUID PRIMARY KEY,
    owner           VARCHAR(100)  NOT NULL,
    iso_week        VARCHAR(8)    NOT NULL,
    site            VARCHAR(40)   NOT NULL,
    action_id       UUID REFERENCES corrective_action (id),
    cycle           INTEGER,
    control_id      VARCHAR(100) REFERENCES control (id),
    control_version INTEGER,
    done            BOOLEAN       NOT NULL,
    value           DOUBLE PRECISION,
    exceptions      VARCHAR(4000),
    breached        BOOLEAN       NOT NULL,
    recorded_by     VARCHAR(100)  NOT NULL,
    recorded_at     TIMESTAMPTZ   NOT NULL,
    CHECK ((action_id IS NULL) <> (control_id IS NULL))
);
CREATE UNIQUE INDEX control_result_action_week ON control_result (action_id, cycle, iso_week) WHERE action_id IS NOT NULL;
CREATE UNIQUE INDEX control_result_control_week ON control_result (control_id, owner, iso_week) WHERE control_id IS NOT NULL;
CREATE INDEX control_result_owner_week ON control_result (owner, iso_week);

-- Threshold breaches, overdue actions and lapsed controls, for the senior leaders.
CREATE TABLE escalation (
    id          UUID PRIMARY KEY,
    kind        VARCHAR(30)   NOT NULL,
    site        VARCHAR(40)   NOT NULL,
    owner       VARCHAR(100)  NOT NULL,
    incident_id UUID,
    action_id   UUID,
    control_id  VARCHAR(100),
    iso_week    VARCHAR(8),
    detail      VARCHAR(4000) NOT NULL,
    raised_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX escalation_site_raised ON escalation (site, raised_at);

-- A leader's monthly performance review as it was signed off.
CREATE TABLE performance_review (
    id            UUID PRIMARY KEY,
    leader        VARCHAR(100)  NOT NULL,
    month         VARCHAR(7)    NOT NULL,
    signed_off_by VARCHAR(100)  NOT NULL,
    signed_off_at TIMESTAMPTZ   NOT NULL,
    comment       VARCHAR(4000),
    content       TEXT          NOT NULL,
    UNIQUE (leader, month)
);
