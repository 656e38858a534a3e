-- A run's model calls served the answer it ended with.
UPDATE public.llm_usage SET message_id = %(message_id)s
 WHERE workflow_run_id = %(run_id)s AND message_id IS NULL
