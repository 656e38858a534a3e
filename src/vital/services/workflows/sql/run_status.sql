SELECT status FROM public.workflow_runs WHERE id = %(run_id)s
