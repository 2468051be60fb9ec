-- Written once in the chassis, applied by every service before its own migrations.

-- A state change and the event it causes are committed together; the relay publishes after commit.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    record_key  TEXT,
    headers     TEXT         NOT NULL,
    payload     BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- One row per event a consumer has applied, written in the same transaction as the effect.
CREATE TABLE inbox (
    consumer      VARCHAR(100) NOT NULL,
    event_id      TEXT         NOT NULL,
    event_type    VARCHAR(255),
    outcome       VARCHAR(20)  NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
