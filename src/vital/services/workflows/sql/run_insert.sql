-- A new run, reserved (lease_until without a holder): it counts towards the tenant's
-- concurrent runs until an execution takes it, or the reservation expires.
INSERT INTO public.workflow_runs (tenant_id, definition_tenant_id, definition_id, status, input, budget_tokens,
                                  lease_until)
VALUES ((SELECT auth.tenant_id()), %(definition_tenant_id)s, %(definition_id)s, 'pending', %(input)s, %(budget_tokens)s,
        now() + make_interval(secs => %(seconds)s))
RETURNING id
