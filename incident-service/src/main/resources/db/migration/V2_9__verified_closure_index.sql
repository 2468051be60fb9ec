-- Intake looks up the latest earlier incident closed after verification for every report; without this index it
-- scanned a site's whole year of that category (found by the backfill benchmark, issue 10).
CREATE INDEX incident_verified_closed ON incident (site, category, occurred_at) WHERE verified_closed_at IS NOT NULL;
