-- Whom a development token is for: the member of the tenant with this email,
-- or, without an email, the tenant's first owner. Run as the owner (CLI).
SELECT t.id, m.user_id, u.email
FROM public.tenants t
JOIN public.tenant_members m ON m.tenant_id = t.id
JOIN auth.users u ON u.id = m.user_id
WHERE t.subdomain = %(subdomain)s
  AND (%(email)s::text IS NULL OR lower(u.email) = lower(%(email)s::text))
ORDER BY m.role = 'owner' DESC, m.created_at, u.email
LIMIT 1
