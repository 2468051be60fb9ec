CREATE TABLE plan (
    id           UUID PRIMARY KEY,
    incident_id  UUID         NOT NULL UNIQUE,
    site         VARCHAR(40)  NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    opened_at    TIMESTAMPTZ  NOT NULL,
    reopen_reasons VARCHAR(8000)
);
CREATE INDEX plan_site_status ON plan (site, status);

-- What each owner committed to in stage 2: the control failures the plan must answer.
CREATE TABLE commitment (
    id                  UUID PRIMARY KEY,
    plan_id             UUID          NOT NULL REFERENCES plan (id),
    control_failure_id  UUID          NOT NULL,
    control_id          VARCHAR(100),
    control_name        VARCHAR(200)  NOT NULL,
    owner               VARCHAR(100)  NOT NULL,
    what_will_change    VARCHAR(4000) NOT NULL,
    indicator           VARCHAR(200)  NOT NULL,
    target              VARCHAR(200)  NOT NULL,
    by_when             DATE          NOT NULL
);
CREATE INDEX commitment_plan ON commitment (plan_id);

CREATE TABLE corrective_action (
    id                  UUID PRIMARY KEY,
    plan_id             UUID          NOT NULL REFERENCES plan (id),
    control_failure_id  UUID          NOT NULL,
    owner               VARCHAR(100)  NOT NULL,
    kind                VARCHAR(30)   NOT NULL,
    description         VARCHAR(4000) NOT NULL,
    indicator           VARCHAR(200),
    baseline            DOUBLE PRECISION,
    status              VARCHAR(20)   NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    embedded_at         TIMESTAMPTZ
);
CREATE INDEX corrective_action_plan ON corrective_action (plan_id);
CREATE INDEX corrective_action_owner ON corrective_action (owner, status);
