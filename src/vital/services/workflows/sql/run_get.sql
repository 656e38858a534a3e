SELECT r.id, r.thread_id, r.status, r.current_node, r.input, r.output, r.error, r.budget_tokens,
       r.started_at, r.finished_at, r.created_at, r.created_by,
       d.id AS definition_id, d.tenant_id AS definition_tenant_id, d.slug AS definition_slug,
       d.name AS definition_name, d.version AS definition_version, d.graph AS definition_graph,
       d.settings AS definition_settings
  FROM public.workflow_runs r
  JOIN public.workflow_definitions d ON d.tenant_id = r.definition_tenant_id AND d.id = r.definition_id
 WHERE r.id = %(run_id)s
