-- Every record a consumer could not use, kept for people to see beside its copy on <topic>.dlq.
CREATE TABLE dead_letter (
    id            BIGSERIAL PRIMARY KEY,
    consumer      VARCHAR(100)  NOT NULL,
    topic         VARCHAR(255)  NOT NULL,
    partition_no  INT           NOT NULL,
    record_offset BIGINT        NOT NULL,
    record_key    TEXT,
    event_id      TEXT,
    reason_code   VARCHAR(40)   NOT NULL,
    reason        VARCHAR(4000) NOT NULL,
    payload       BYTEA         NOT NULL,
    received_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX dead_letter_consumer ON dead_letter (consumer, id DESC);
