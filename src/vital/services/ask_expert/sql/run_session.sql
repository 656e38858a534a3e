-- What an autonomous run needs from its session: the agent and the mission template's steps.
SELECT a.tenant_id, a.id, a.slug, a.name, a.domain, a.system_prompt, a.temperature, a.max_tokens, mt.steps
  FROM public.ask_expert_sessions s
  JOIN public.agents a ON a.tenant_id = s.agent_tenant_id AND a.id = s.selected_agent_id
  LEFT JOIN public.mission_templates mt
    ON mt.tenant_id = s.mission_template_tenant_id AND mt.id = s.mission_template_id
 WHERE s.id = %(session_id)s
