-- The review names an owner; the owner only holds the accountability once Keycloak confirms them.
ALTER TABLE accountability ADD COLUMN nominated_owner VARCHAR(100);
UPDATE accountability SET nominated_owner = owner;
ALTER TABLE accountability ALTER COLUMN nominated_owner SET NOT NULL;
ALTER TABLE accountability ALTER COLUMN owner DROP NOT NULL;
ALTER TABLE accountability ADD COLUMN owner_id VARCHAR(64);
ALTER TABLE accountability ADD COLUMN owner_problem VARCHAR(400);
ALTER TABLE accountability ADD COLUMN reviewed_at TIMESTAMPTZ;
UPDATE accountability SET reviewed_at = opened_at;
ALTER TABLE accountability ALTER COLUMN reviewed_at SET NOT NULL;
ALTER TABLE accountability ADD COLUMN dispute_reason VARCHAR(4000);
ALTER TABLE accountability ADD COLUMN disputed_at TIMESTAMPTZ;
-- Each (re)assignment starts a new term with its own due date and its own escalations.
ALTER TABLE accountability ADD COLUMN term INT NOT NULL DEFAULT 1;
ALTER TABLE accountability ADD COLUMN escalation VARCHAR(20) NOT NULL DEFAULT 'NONE';
CREATE INDEX accountability_reviewed ON accountability (site, reviewed_at);
CREATE INDEX accountability_due ON accountability (status, due_on);

CREATE TABLE accountability_history (
    id                 BIGSERIAL PRIMARY KEY,
    accountability_id  UUID          NOT NULL REFERENCES accountability (id),
    at                 TIMESTAMPTZ   NOT NULL,
    actor              VARCHAR(100)  NOT NULL,
    action             VARCHAR(30)   NOT NULL,
    owner              VARCHAR(100),
    detail             VARCHAR(4000)
);
CREATE INDEX accountability_history_of ON accountability_history (accountability_id, id);

CREATE FUNCTION accountability_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accountability_history is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER accountability_history_append_only BEFORE UPDATE OR DELETE ON accountability_history
    FOR EACH ROW EXECUTE FUNCTION accountability_history_is_append_only();

CREATE TABLE escalation (
    id                 UUID PRIMARY KEY,
    accountability_id  UUID          NOT NULL REFERENCES accountability (id),
    term               INT           NOT NULL,
    level              VARCHAR(20)   NOT NULL,
    owner              VARCHAR(100)  NOT NULL,
    reason             VARCHAR(4000) NOT NULL,
    due_on             DATE          NOT NULL,
    escalated_at       TIMESTAMPTZ   NOT NULL,
    UNIQUE (accountability_id, term, level)
);
