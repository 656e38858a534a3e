INSERT INTO public.workflow_runs (tenant_id, definition_tenant_id, definition_id, status, input, budget_tokens)
VALUES ((SELECT auth.tenant_id()), %(definition_tenant_id)s, %(definition_id)s, 'pending', %(input)s, %(budget_tokens)s)
RETURNING id
