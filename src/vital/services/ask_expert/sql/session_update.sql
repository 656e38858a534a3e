UPDATE public.ask_expert_sessions
   SET status = coalesce(%(status)s, status),
       agent_tenant_id = coalesce(%(agent_tenant_id)s, agent_tenant_id),
       selected_agent_id = coalesce(%(agent_id)s, selected_agent_id),
       workflow_run_id = coalesce(%(run_id)s, workflow_run_id),
       completed_at = CASE WHEN %(status)s IN ('completed', 'failed', 'cancelled') THEN now() ELSE completed_at END
 WHERE id = %(session_id)s
