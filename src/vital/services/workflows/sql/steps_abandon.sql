-- Steps left running by a process that died: they will not finish.
UPDATE public.workflow_run_steps
   SET status = 'failed', error = 'interrupted: the process running it stopped', finished_at = greatest(now(), started_at)
 WHERE run_id = %(run_id)s AND status = 'running'
RETURNING id, node_key
