-- A new definition, or a new version of the caller's own slug.
INSERT INTO public.workflow_definitions (tenant_id, slug, name, description, version, status, graph, input_schema, settings)
VALUES ((SELECT auth.tenant_id()), %(slug)s, %(name)s, %(description)s,
        coalesce((SELECT max(version) FROM public.workflow_definitions
                   WHERE tenant_id = (SELECT auth.tenant_id()) AND slug = %(slug)s), 0) + 1,
        %(status)s, %(graph)s, %(input_schema)s, %(settings)s)
RETURNING id, tenant_id, slug, name, description, version, status, graph, input_schema, settings, created_at
