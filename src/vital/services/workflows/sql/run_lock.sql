-- Serialises everything that changes one run (status, events' sequence numbers).
SELECT status FROM public.workflow_runs WHERE id = %(run_id)s FOR UPDATE
