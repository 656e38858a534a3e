SELECT (SELECT auth.tenant_id())
