-- Checks become plans whose acceptance criteria are fixed before any result. The walking skeleton's checks were bare
-- pass/fail counts without per-case evidence; no deployment kept them, so they are replaced rather than converted.
DROP TABLE verification_check;

ALTER TABLE verification ADD COLUMN cycle INT NOT NULL DEFAULT 1;
ALTER TABLE verification ADD COLUMN opened_because VARCHAR(20) NOT NULL DEFAULT 'EMBEDDED';
ALTER TABLE verification ADD COLUMN previous_verification_id UUID;
-- Set when a repeat incident challenges this closure within the surveillance window.
ALTER TABLE verification ADD COLUMN challenged_at TIMESTAMPTZ;

CREATE TABLE verification_check (
    id                    UUID PRIMARY KEY,
    verification_id       UUID             NOT NULL REFERENCES verification (id),
    control_failure_id    UUID             NOT NULL,
    method                VARCHAR(20)      NOT NULL,
    criterion             VARCHAR(4000)    NOT NULL,
    pass_threshold        DOUBLE PRECISION NOT NULL,
    planned_count         INT              NOT NULL,
    period_start          DATE,
    period_end            DATE,
    baseline              DOUBLE PRECISION,
    required_improvement  DOUBLE PRECISION,
    planned_by            VARCHAR(100)     NOT NULL,
    planned_at            TIMESTAMPTZ      NOT NULL,
    superseded_by         UUID,
    superseded_at         TIMESTAMPTZ
);
CREATE INDEX verification_check_verification ON verification_check (verification_id);

CREATE TABLE check_checklist_item (
    check_id  UUID          NOT NULL REFERENCES verification_check (id),
    position  INT           NOT NULL,
    item      VARCHAR(1000) NOT NULL,
    PRIMARY KEY (check_id, position)
);

-- One re-sampled case, observation or data record. The reference is a pseudonym: no person is named here.
CREATE TABLE check_result (
    id                    UUID PRIMARY KEY,
    check_id              UUID          NOT NULL REFERENCES verification_check (id),
    reference             VARCHAR(40)   NOT NULL,
    passed                BOOLEAN       NOT NULL,
    notes                 VARCHAR(4000),
    evidence_source       VARCHAR(200),
    evidence_locator      VARCHAR(1000),
    evidence_captured_on  DATE,
    recorded_by           VARCHAR(100)  NOT NULL,
    recorded_at           TIMESTAMPTZ   NOT NULL,
    CONSTRAINT check_result_once_per_case UNIQUE (check_id, reference)
);

CREATE TABLE closure_challenge (
    id                   UUID PRIMARY KEY,
    verification_id      UUID          NOT NULL REFERENCES verification (id),
    incident_id          UUID          NOT NULL,
    site                 VARCHAR(40)   NOT NULL,
    repeat_incident_id   UUID          NOT NULL,
    reason               VARCHAR(4000),
    challenged_at        TIMESTAMPTZ   NOT NULL,
    within_window        BOOLEAN       NOT NULL,
    new_verification_id  UUID
);
CREATE INDEX closure_challenge_site ON closure_challenge (site);
CREATE INDEX closure_challenge_incident ON closure_challenge (incident_id);

-- The approved review as stage 1 published it: the findings and owners the closure report shows.
CREATE TABLE reviewed_incident (
    incident_id      UUID PRIMARY KEY,
    site             VARCHAR(40)  NOT NULL,
    site_reference   VARCHAR(200),
    category         VARCHAR(40),
    harm_level       VARCHAR(20),
    review_id        UUID,
    reviewer         VARCHAR(100),
    approved_by      VARCHAR(100),
    approved_at      TIMESTAMPTZ
);

CREATE TABLE review_finding (
    control_failure_id  UUID PRIMARY KEY,
    incident_id         UUID          NOT NULL REFERENCES reviewed_incident (incident_id),
    control_id          VARCHAR(100),
    control_name        VARCHAR(200),
    failure_mode        VARCHAR(100),
    evidence            VARCHAR(4000),
    owner               VARCHAR(100)
);
CREATE INDEX review_finding_incident ON review_finding (incident_id);

-- Append-only: the database itself refuses to change or remove a history entry.
CREATE TABLE verification_history (
    id               BIGSERIAL PRIMARY KEY,
    verification_id  UUID          NOT NULL REFERENCES verification (id),
    incident_id      UUID          NOT NULL,
    site             VARCHAR(40)   NOT NULL,
    at               TIMESTAMPTZ   NOT NULL,
    actor            VARCHAR(100)  NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    detail           VARCHAR(8000) NOT NULL
);
CREATE INDEX verification_history_incident ON verification_history (incident_id, id);
CREATE INDEX verification_history_verification ON verification_history (verification_id, id);

CREATE FUNCTION verification_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'verification_history is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER verification_history_append_only
    BEFORE UPDATE OR DELETE ON verification_history
    FOR EACH ROW EXECUTE FUNCTION verification_history_is_append_only();
