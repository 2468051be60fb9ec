CREATE TABLE verification (
    id            UUID PRIMARY KEY,
    incident_id   UUID          NOT NULL,
    site          VARCHAR(40)   NOT NULL,
    plan_id       UUID          NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    opened_at     TIMESTAMPTZ   NOT NULL,
    decided_by    VARCHAR(100),
    decided_at    TIMESTAMPTZ,
    decision      VARCHAR(8000)
);
CREATE INDEX verification_incident ON verification (incident_id);
CREATE INDEX verification_site_status ON verification (site, status);

-- The controls under test, with their owners: an owner never verifies or signs off their own control.
CREATE TABLE verification_target (
    id                  UUID PRIMARY KEY,
    verification_id     UUID          NOT NULL REFERENCES verification (id),
    control_failure_id  UUID          NOT NULL,
    control_name        VARCHAR(200),
    owner               VARCHAR(100)  NOT NULL,
    action              VARCHAR(4000) NOT NULL,
    indicator           VARCHAR(200),
    baseline            DOUBLE PRECISION
);
CREATE INDEX verification_target_verification ON verification_target (verification_id);

CREATE TABLE verification_check (
    id                  UUID PRIMARY KEY,
    verification_id     UUID          NOT NULL REFERENCES verification (id),
    control_failure_id  UUID          NOT NULL,
    method              VARCHAR(20)   NOT NULL,
    criterion           VARCHAR(4000) NOT NULL,
    pass_threshold      DOUBLE PRECISION NOT NULL,
    passed              INT           NOT NULL,
    failed              INT           NOT NULL,
    lower_bound         DOUBLE PRECISION NOT NULL,
    outcome             VARCHAR(10)   NOT NULL,
    verifier            VARCHAR(100)  NOT NULL,
    recorded_at         TIMESTAMPTZ   NOT NULL
);
CREATE INDEX verification_check_verification ON verification_check (verification_id);
