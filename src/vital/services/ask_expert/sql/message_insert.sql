-- Numbered after the session's last message (the caller holds the session lock).
INSERT INTO public.ask_expert_messages (tenant_id, session_id, seq, role, agent_tenant_id, agent_id, content, metadata)
VALUES ((SELECT auth.tenant_id()), %(session_id)s,
        coalesce((SELECT max(seq) FROM public.ask_expert_messages WHERE session_id = %(session_id)s), 0) + 1,
        %(role)s, %(agent_tenant_id)s, %(agent_id)s, %(content)s, %(metadata)s)
RETURNING id, seq, created_at
