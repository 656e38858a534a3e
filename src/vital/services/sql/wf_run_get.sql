SELECT r.id, r.thread_id, r.status, r.current_node, r.input, r.output, r.error, r.budget_tokens,
       r.started_at, r.finished_at, r.created_at, r.created_by,
       d.id, d.tenant_id, d.slug, d.name, d.version, d.graph, d.settings
  FROM public.workflow_runs r
  JOIN public.workflow_definitions d ON d.tenant_id = r.definition_tenant_id AND d.id = r.definition_id
 WHERE r.id = %(run_id)s
