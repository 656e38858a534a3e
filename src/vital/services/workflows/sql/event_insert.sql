-- Called after run_lock.sql in the same transaction: sequences stay gapless and unique.
INSERT INTO public.workflow_events (tenant_id, run_id, step_id, sequence, event_type, payload)
VALUES ((SELECT auth.tenant_id()), %(run_id)s, %(step_id)s,
        coalesce((SELECT max(sequence) FROM public.workflow_events WHERE run_id = %(run_id)s), 0) + 1,
        %(event_type)s, %(payload)s)
RETURNING sequence, event_type, payload, step_id, created_at
