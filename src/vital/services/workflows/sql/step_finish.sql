UPDATE public.workflow_run_steps
   SET status = %(status)s, output = coalesce(%(output)s::jsonb, output), error = %(error)s,
       finished_at = CASE WHEN %(status)s = 'waiting_approval' THEN NULL ELSE greatest(now(), started_at) END
 WHERE id = %(step_id)s
