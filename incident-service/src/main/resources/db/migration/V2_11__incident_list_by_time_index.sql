-- The unfiltered list (an auditor's or senior leader's, all sites, newest or oldest first) sorted the whole table
-- for every page: a parallel scan of 1,000,000 incidents and a top-N sort, 470 ms (queries benchmark, issue 10).
-- In time order the page is read from the index; the id tie-break is an incremental sort of a few rows.
CREATE INDEX incident_occurred_at ON incident (occurred_at);
