SELECT id, step_id, request, status, decided_by, decided_at, comment, created_at
  FROM public.workflow_approvals
 WHERE run_id = %(run_id)s
 ORDER BY created_at, id
