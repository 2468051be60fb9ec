CREATE TABLE incident (
    id                 UUID PRIMARY KEY,
    site               VARCHAR(40)   NOT NULL,
    site_reference     VARCHAR(64)   NOT NULL,
    version            BIGINT        NOT NULL,
    occurred_at        TIMESTAMPTZ   NOT NULL,
    reported_at        TIMESTAMPTZ   NOT NULL,
    category           VARCHAR(40)   NOT NULL,
    harm_level         VARCHAR(20)   NOT NULL,
    location           VARCHAR(200),
    description        VARCHAR(4000) NOT NULL,
    immediate_actions  VARCHAR(4000),
    stage              VARCHAR(20)   NOT NULL,
    received_at        TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    CONSTRAINT incident_site_reference UNIQUE (site, site_reference)
);
CREATE INDEX incident_site_stage ON incident (site, stage, occurred_at DESC);

CREATE TABLE review (
    id            UUID PRIMARY KEY,
    incident_id   UUID         NOT NULL REFERENCES incident (id),
    status        VARCHAR(20)  NOT NULL,
    reviewer      VARCHAR(100) NOT NULL,
    summary       VARCHAR(8000) NOT NULL,
    submitted_at  TIMESTAMPTZ  NOT NULL,
    decided_by    VARCHAR(100),
    decided_at    TIMESTAMPTZ,
    decision_note VARCHAR(4000)
);
CREATE INDEX review_incident ON review (incident_id);

CREATE TABLE control_failure (
    id            UUID PRIMARY KEY,
    review_id     UUID          NOT NULL REFERENCES review (id),
    position      INT           NOT NULL,
    control_id    VARCHAR(100),
    control_name  VARCHAR(200)  NOT NULL,
    failure_mode  VARCHAR(60)   NOT NULL,
    evidence      VARCHAR(4000) NOT NULL,
    owner         VARCHAR(100)  NOT NULL
);
CREATE INDEX control_failure_review ON control_failure (review_id);

-- Append-only: who did what to an incident, when, and in which service.
CREATE TABLE incident_history (
    id           BIGSERIAL PRIMARY KEY,
    incident_id  UUID          NOT NULL REFERENCES incident (id),
    at           TIMESTAMPTZ   NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    service      VARCHAR(40)   NOT NULL,
    what         VARCHAR(4000) NOT NULL
);
CREATE INDEX incident_history_incident ON incident_history (incident_id, id);
