SELECT m.id, m.agent_tenant_id, m.agent_id, m.user_id, m.role, m.weight, m.seat, a.slug AS agent_slug, a.name AS agent_name, a.domain,
       a.subdomain, a.capabilities, a.system_prompt, pr.display_name
  FROM public.panel_members m
  LEFT JOIN public.agents a ON a.tenant_id = m.agent_tenant_id AND a.id = m.agent_id
  LEFT JOIN public.profiles pr ON pr.tenant_id = m.tenant_id AND pr.user_id = m.user_id
 WHERE m.panel_id = %(panel_id)s
 ORDER BY m.seat, m.id
