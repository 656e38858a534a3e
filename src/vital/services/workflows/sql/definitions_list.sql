SELECT id, tenant_id, slug, name, description, version, status, graph, input_schema, settings, created_at
  FROM public.workflow_definitions
 WHERE deleted_at IS NULL
 ORDER BY slug, version DESC
