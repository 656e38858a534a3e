SELECT r.id, r.status, r.current_node, d.slug AS definition, d.version, r.input, r.created_at, r.started_at, r.finished_at
  FROM public.workflow_runs r
  JOIN public.workflow_definitions d ON d.tenant_id = r.definition_tenant_id AND d.id = r.definition_id
 WHERE (%(status)s::text IS NULL OR r.status = %(status)s)
 ORDER BY r.created_at DESC
 LIMIT %(limit)s
