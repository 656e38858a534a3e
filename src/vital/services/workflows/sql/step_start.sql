-- A node visit: a new step, numbered after the run's last one. The attempt counts
-- the visits of the same node that ended without success since its last success.
INSERT INTO public.workflow_run_steps (tenant_id, run_id, sequence, node_key, status, attempt, input, started_at)
SELECT (SELECT auth.tenant_id()), %(run_id)s,
       coalesce((SELECT max(sequence) FROM public.workflow_run_steps WHERE run_id = %(run_id)s), 0) + 1,
       %(node_key)s, 'running',
       1 + (SELECT count(*) FROM public.workflow_run_steps s
             WHERE s.run_id = %(run_id)s AND s.node_key = %(node_key)s AND s.status IN ('failed', 'cancelled')
               AND s.sequence > coalesce((SELECT max(sequence) FROM public.workflow_run_steps
                                           WHERE run_id = %(run_id)s AND node_key = %(node_key)s
                                             AND status = 'succeeded'), 0)),
       %(input)s, now()
RETURNING id, sequence, attempt
