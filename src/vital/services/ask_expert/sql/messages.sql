SELECT m.id, m.seq, m.role, m.agent_id, a.slug AS agent_slug, m.content, m.metadata, m.created_at
  FROM public.ask_expert_messages m
  LEFT JOIN public.agents a ON a.tenant_id = m.agent_tenant_id AND a.id = m.agent_id
 WHERE m.session_id = %(session_id)s
 ORDER BY m.seq
