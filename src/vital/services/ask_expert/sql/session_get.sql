SELECT s.id, s.mode, s.status, s.query, s.title, s.settings, s.budget_tokens, s.workflow_run_id,
       s.agent_tenant_id, s.selected_agent_id AS agent_id, a.slug AS agent_slug, a.name AS agent_name, s.mission_template_id, s.created_at,
       s.completed_at, s.user_id
  FROM public.ask_expert_sessions s
  LEFT JOIN public.agents a ON a.tenant_id = s.agent_tenant_id AND a.id = s.selected_agent_id
 WHERE s.id = %(session_id)s AND s.deleted_at IS NULL
