-- A person's decision the run has not acted on yet (control.carry_on): the run's latest
-- approval, decided, with no step started since the decision (acting on it resumes the
-- approval's own step, which keeps its start, then starts the next one). `decision` is
-- what the decision's event recorded: {approved, decision, comment}.
SELECT a.request, e.payload AS decision
  FROM (SELECT request, status, decided_at FROM public.workflow_approvals
         WHERE run_id = %(run_id)s ORDER BY created_at DESC, id DESC LIMIT 1) a
  CROSS JOIN LATERAL (SELECT payload FROM public.workflow_events
                       WHERE run_id = %(run_id)s AND event_type = 'approval_decided'
                       ORDER BY sequence DESC LIMIT 1) e
 WHERE a.status <> 'pending'
   AND NOT EXISTS (SELECT FROM public.workflow_run_steps s
                    WHERE s.run_id = %(run_id)s AND s.started_at > a.decided_at)
