ALTER TABLE incident ADD COLUMN people_affected VARCHAR(4000);
ALTER TABLE incident ADD COLUMN reported_by VARCHAR(100);
ALTER TABLE incident ADD COLUMN review_level VARCHAR(10) NOT NULL DEFAULT 'CONCISE';
ALTER TABLE incident ADD COLUMN review_due_on DATE;
ALTER TABLE incident ADD COLUMN is_repeat BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE incident ADD COLUMN verified_closed_at TIMESTAMPTZ;
CREATE INDEX incident_site_category ON incident (site, category, occurred_at);
CREATE INDEX incident_review_due ON incident (stage, review_due_on);

-- Earlier incidents this one repeats: same site and category, or the same failed control at any site.
CREATE TABLE incident_link (
    incident_id          UUID        NOT NULL REFERENCES incident (id),
    earlier_incident_id  UUID        NOT NULL REFERENCES incident (id),
    reason               VARCHAR(30) NOT NULL,
    control_id           VARCHAR(100) NOT NULL DEFAULT '',
    linked_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, earlier_incident_id, reason, control_id)
);
CREATE INDEX incident_link_earlier ON incident_link (earlier_incident_id);

-- Review templates are versioned; a review pins the version it started with.
CREATE TABLE review_template (
    version       INT PRIMARY KEY,
    content       TEXT         NOT NULL,
    published_by  VARCHAR(100) NOT NULL,
    published_at  TIMESTAMPTZ  NOT NULL
);

ALTER TABLE review ADD COLUMN template_version INT REFERENCES review_template (version);
ALTER TABLE review ADD COLUMN timeline VARCHAR(8000);
ALTER TABLE review ADD COLUMN contributory_factors VARCHAR(200);
ALTER TABLE review ADD COLUMN answers TEXT;
ALTER TABLE review ADD COLUMN no_control_failure_justification VARCHAR(4000);
ALTER TABLE review ADD COLUMN created_at TIMESTAMPTZ;
ALTER TABLE review ALTER COLUMN submitted_at DROP NOT NULL;
ALTER TABLE review ALTER COLUMN summary DROP NOT NULL;
-- A draft may be incomplete: submission checks completeness.
ALTER TABLE control_failure ALTER COLUMN control_name DROP NOT NULL;
ALTER TABLE control_failure ALTER COLUMN evidence DROP NOT NULL;
ALTER TABLE control_failure ALTER COLUMN owner DROP NOT NULL;

-- The control register as action-service publishes it on controls.v1; seeded until it does.
CREATE TABLE control (
    id                VARCHAR(100) PRIMARY KEY,
    version           INT          NOT NULL,
    name              VARCHAR(200) NOT NULL,
    type              VARCHAR(40)  NOT NULL,
    sites             VARCHAR(400) NOT NULL,
    monitoring_owner  VARCHAR(100) NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
-- The same demo register action-service seeds; its controls.v1 records replace these rows as they arrive.
INSERT INTO control (id, version, name, type, sites, monitoring_owner, status, updated_at) VALUES
 ('CTRL-FALLS-01', 1, 'Weekly falls risk reassessment check', 'SUPERVISION_CHECK', 'north', 'leader.north', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-FALLS-02', 1, 'Bed and chair sensor alarms tested', 'ENVIRONMENT_EQUIPMENT', 'north', 'leader.north', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-MED-01', 1, 'Controlled drugs double-signature audit', 'VERIFICATION_STEP', 'north', 'leader.north', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-NEWS-01', 2, 'NEWS2 score of 5 escalates to the GP', 'ESCALATION_THRESHOLD', 'north', 'leader.north', 'ACTIVE', TIMESTAMPTZ '2026-02-02 09:00:00+00'),
 ('CTRL-MED-02', 1, 'Time-critical medicines given within 30 minutes', 'ESCALATION_THRESHOLD', 'south', 'leader.south', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-PU-01', 1, 'Pressure-area repositioning charts checked', 'SUPERVISION_CHECK', 'south', 'leader.south', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-HYD-01', 1, 'Fluid balance charts reviewed at handover', 'SUPERVISION_CHECK', 'south', 'leader.south', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-STAFF-01', 1, 'Night shifts staffed to the safe-staffing rota', 'STAFFING', 'north,south', 'senior', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-IT-01', 1, 'eMAR overdue-dose alert tested', 'IT_SYSTEM', 'north,south', 'senior', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00'),
 ('CTRL-POL-01', 1, 'Safeguarding procedure attested by every shift lead', 'POLICY_PROCEDURE', 'north,south', 'senior', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00');
