UPDATE public.workflow_runs
   SET status = coalesce(%(status)s, status),
       current_node = coalesce(%(current_node)s, current_node),
       output = coalesce(%(output)s::jsonb, output),
       error = CASE WHEN %(status)s = 'failed' THEN %(error)s ELSE error END,
       started_at = coalesce(started_at, CASE WHEN %(status)s = 'running' THEN now() END),
       finished_at = CASE WHEN %(status)s IN ('succeeded', 'failed', 'cancelled')
                          THEN greatest(now(), coalesce(started_at, now())) ELSE finished_at END
 WHERE id = %(run_id)s
RETURNING status
