-- Only one process executes a run at a time; the lock goes with the session, so
-- a process that dies frees its runs at once.
SELECT pg_try_advisory_lock(hashtextextended('vital.workflow_run:' || %(run_id)s::text, 0)) AS held
