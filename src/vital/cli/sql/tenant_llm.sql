-- `vital tenant llm-allow` (cli/tenant_llm.py), as the database owner.

-- name: allow
SELECT vital.allow_tenant_llm(%(tenant)s, %(allowed)s::jsonb) -> 'llm_allowed' AS allowed

-- name: show
SELECT settings -> 'llm_allowed' AS allowed FROM public.tenants WHERE id = %(tenant)s
