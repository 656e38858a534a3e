-- The auth users a tenant's rows point at: the people behind its profiles, and
-- whoever created the tenant. The braces take the column list.
SELECT {}
FROM auth.users u
WHERE u.id IN (SELECT p.user_id FROM public.profiles p WHERE p.tenant_id = %(tenant)s
               UNION
               SELECT t.created_by FROM public.tenants t WHERE t.id = %(tenant)s)
ORDER BY u.id
