UPDATE public.workflow_approvals
   SET status = %(status)s, decided_by = (SELECT auth.uid()), decided_at = now(), comment = %(comment)s
 WHERE run_id = %(run_id)s AND status = 'pending' AND (%(approval_id)s::uuid IS NULL OR id = %(approval_id)s)
RETURNING id, request
