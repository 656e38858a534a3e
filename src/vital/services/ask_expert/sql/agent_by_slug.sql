-- An agent by slug: the caller's own (a fork) before the platform's.
SELECT id FROM public.agents
 WHERE slug = %(slug)s AND status = 'active' AND deleted_at IS NULL
 ORDER BY (tenant_id = (SELECT auth.tenant_id())) DESC
 LIMIT 1
