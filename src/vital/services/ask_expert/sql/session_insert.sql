INSERT INTO public.ask_expert_sessions (tenant_id, user_id, mode, agent_tenant_id, selected_agent_id,
                                        mission_template_tenant_id, mission_template_id, title, query, settings,
                                        budget_tokens)
VALUES ((SELECT auth.tenant_id()), (SELECT auth.uid()), %(mode)s, %(agent_tenant_id)s, %(agent_id)s,
        %(mission_template_tenant_id)s, %(mission_template_id)s, %(title)s, %(query)s, %(settings)s,
        %(budget_tokens)s)
RETURNING id
