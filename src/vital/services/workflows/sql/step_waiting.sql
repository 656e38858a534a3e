-- The visit of an approval node that is waiting: resuming continues that step.
UPDATE public.workflow_run_steps SET status = 'running'
 WHERE run_id = %(run_id)s AND node_key = %(node_key)s AND status = 'waiting_approval'
RETURNING id, sequence, attempt
