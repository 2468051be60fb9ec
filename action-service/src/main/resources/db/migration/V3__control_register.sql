CREATE TABLE control (
    id                  VARCHAR(100) PRIMARY KEY,
    version             INTEGER          NOT NULL,
    name                VARCHAR(200)     NOT NULL,
    type                VARCHAR(30)      NOT NULL,
    monitoring_owner    VARCHAR(100)     NOT NULL,
    frequency           VARCHAR(20)      NOT NULL,
    indicator_name      VARCHAR(200)     NOT NULL,
    indicator_unit      VARCHAR(40)      NOT NULL,
    indicator_threshold DOUBLE PRECISION NOT NULL,
    good_direction      VARCHAR(4)       NOT NULL,
    status              VARCHAR(10)      NOT NULL,
    changed_at          TIMESTAMPTZ      NOT NULL,
    published_version   INTEGER
);
CREATE INDEX control_owner ON control (monitoring_owner, status);

CREATE TABLE control_site (
    control_id VARCHAR(100) NOT NULL REFERENCES control (id),
    site       VARCHAR(40)  NOT NULL,
    PRIMARY KEY (control_id, site)
);
CREATE INDEX control_site_site ON control_site (site);

-- Every version a control has had; the control row is the latest.
CREATE TABLE control_version (
    id                  UUID PRIMARY KEY,
    control_id          VARCHAR(100)     NOT NULL REFERENCES control (id),
    version             INTEGER          NOT NULL,
    name                VARCHAR(200)     NOT NULL,
    type                VARCHAR(30)      NOT NULL,
    sites               VARCHAR(1000)    NOT NULL,
    monitoring_owner    VARCHAR(100)     NOT NULL,
    frequency           VARCHAR(20)      NOT NULL,
    indicator_name      VARCHAR(200)     NOT NULL,
    indicator_unit      VARCHAR(40)      NOT NULL,
    indicator_threshold DOUBLE PRECISION NOT NULL,
    good_direction      VARCHAR(4)       NOT NULL,
    status              VARCHAR(10)      NOT NULL,
    change_reason       VARCHAR(2000)    NOT NULL,
    changed_by          VARCHAR(100)     NOT NULL,
    changed_at          TIMESTAMPTZ      NOT NULL,
    UNIQUE (control_id, version)
);
