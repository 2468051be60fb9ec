-- The incident list counts and pages the matching incidents of a site (queries benchmark, issue 10: 1,000,000 stored).
-- Stage with category, and harm with repeat, are answered from one index each, the count without reading the table.
CREATE INDEX incident_site_stage_category ON incident (site, stage, category, occurred_at);
CREATE INDEX incident_site_harm_repeat ON incident (site, harm_level, is_repeat, occurred_at);
