-- The definition a run uses: by id, or by slug the caller's own active latest
-- version before the platform's (a tenant's fork shadows the library graph).
SELECT id, tenant_id, slug, name, version, graph, settings, input_schema
  FROM public.workflow_definitions
 WHERE deleted_at IS NULL
   AND (id = %(id)s::uuid OR (%(id)s::uuid IS NULL AND slug = %(slug)s AND status = 'active'))
 ORDER BY (tenant_id = (SELECT auth.tenant_id())) DESC, version DESC
 LIMIT 1
