INSERT INTO public.workflow_approvals (tenant_id, run_id, step_id, request)
SELECT (SELECT auth.tenant_id()), %(run_id)s, %(step_id)s, %(request)s
 WHERE NOT EXISTS (SELECT FROM public.workflow_approvals WHERE run_id = %(run_id)s AND status = 'pending')
RETURNING id
