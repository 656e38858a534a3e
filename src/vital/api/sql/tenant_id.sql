-- The active tenant serving a subdomain (NULL when unknown, suspended or deleted).
SELECT vital.api_tenant_id(%(subdomain)s)
