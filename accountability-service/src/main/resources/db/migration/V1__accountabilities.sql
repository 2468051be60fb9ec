CREATE TABLE accountability (
    id                  UUID PRIMARY KEY,
    incident_id         UUID          NOT NULL,
    site                VARCHAR(40)   NOT NULL,
    control_failure_id  UUID          NOT NULL UNIQUE,
    control_id          VARCHAR(100),
    control_name        VARCHAR(200)  NOT NULL,
    failure_mode        VARCHAR(60)   NOT NULL,
    evidence            VARCHAR(4000) NOT NULL,
    owner               VARCHAR(100)  NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    opened_at           TIMESTAMPTZ   NOT NULL,
    due_on              DATE          NOT NULL,
    what_will_change    VARCHAR(4000),
    indicator           VARCHAR(200),
    target              VARCHAR(200),
    by_when             DATE,
    acknowledged_at     TIMESTAMPTZ
);
CREATE INDEX accountability_incident ON accountability (incident_id);
CREATE INDEX accountability_owner ON accountability (owner, status);
CREATE INDEX accountability_site ON accountability (site, status);
