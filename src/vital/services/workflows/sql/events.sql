SELECT sequence, event_type, payload, step_id, created_at
  FROM public.workflow_events
 WHERE run_id = %(run_id)s AND sequence > %(after)s
 ORDER BY sequence
