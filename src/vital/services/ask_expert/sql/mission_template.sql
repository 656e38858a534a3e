SELECT tenant_id, id, slug, name, steps, default_budget
  FROM public.mission_templates
 WHERE (id = %(id)s::uuid OR slug = %(slug)s) AND status = 'active'
 ORDER BY (tenant_id = (SELECT auth.tenant_id())) DESC
 LIMIT 1
