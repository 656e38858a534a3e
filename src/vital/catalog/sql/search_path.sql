-- The search_path vital.catalog.reader reads the catalog under, and gives back
-- afterwards (set_config(..., true): it lasts the reader's savepoint at most).

-- name: current
SELECT current_setting('search_path') AS path;

-- name: set
SELECT set_config('search_path', %(path)s, true);
