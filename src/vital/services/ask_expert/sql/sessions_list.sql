SELECT s.id, s.mode, s.status, s.query, s.title, s.selected_agent_id AS agent_id, a.slug AS agent_slug, s.workflow_run_id, s.created_at
  FROM public.ask_expert_sessions s
  LEFT JOIN public.agents a ON a.tenant_id = s.agent_tenant_id AND a.id = s.selected_agent_id
 WHERE s.deleted_at IS NULL
 ORDER BY s.created_at DESC
 LIMIT %(limit)s
