-- Jobs by status, which /metrics reads at every scrape: an index count rather than a scan of every job's row
-- (each holds its whole request).
create index jobs_status on jobs (status);
