DELETE FROM public.workflow_checkpoints WHERE thread_id = %(thread_id)s
