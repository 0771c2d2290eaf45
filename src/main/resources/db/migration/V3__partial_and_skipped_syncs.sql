-- Syncs can end PARTIAL (some records could not be used; counted per object in rejected_count)
-- or SKIPPED (API budget guard: nothing but the sync_run row is written).
-- A PARTIAL sync's snapshot is complete for every record it could use, so it becomes the latest.
ALTER TABLE sync_object ADD COLUMN rejected_count INTEGER DEFAULT 0 NOT NULL;

CREATE OR REPLACE VIEW latest_licence AS
SELECT s.*
FROM licence_snapshot s
JOIN (SELECT org_id, MAX(id) AS sync_id FROM sync_run WHERE status IN ('SUCCESS', 'PARTIAL') GROUP BY org_id) latest
  ON s.sync_id = latest.sync_id;

CREATE OR REPLACE VIEW latest_org_limit AS
SELECT l.*
FROM org_limit l
JOIN (SELECT org_id, MAX(id) AS sync_id FROM sync_run WHERE status IN ('SUCCESS', 'PARTIAL') GROUP BY org_id) latest
  ON l.sync_id = latest.sync_id;
