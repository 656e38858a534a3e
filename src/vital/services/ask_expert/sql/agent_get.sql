-- An agent the caller may use (own or platform), active and not deleted.
SELECT tenant_id, id, slug, name, domain, system_prompt, temperature, max_tokens
  FROM public.agents
 WHERE id = %(agent_id)s AND status = 'active' AND deleted_at IS NULL
