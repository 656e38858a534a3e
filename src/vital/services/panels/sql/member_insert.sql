INSERT INTO public.panel_members (tenant_id, panel_id, agent_tenant_id, agent_id, user_id, role, weight, seat)
VALUES ((SELECT auth.tenant_id()), %(panel_id)s, %(agent_tenant_id)s, %(agent_id)s, %(user_id)s, %(role)s,
        %(weight)s, %(seat)s)
