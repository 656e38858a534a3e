SELECT pg_advisory_unlock(hashtextextended('vital.workflow_run:' || %(run_id)s::text, 0)) AS released
