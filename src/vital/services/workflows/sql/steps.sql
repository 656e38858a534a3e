SELECT id, sequence, node_key AS node, status, attempt, input, output, error, started_at, finished_at, duration_ms
  FROM public.workflow_run_steps
 WHERE run_id = %(run_id)s
 ORDER BY sequence
