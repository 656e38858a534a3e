DROP FUNCTION IF EXISTS vital.job_queue_stats();
