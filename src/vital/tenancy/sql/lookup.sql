-- Subdomain -> tenant, one statement per rule (vital.tenancy.lookup.Rule).

-- name: serving
-- Active and not deleted. Through the SECURITY DEFINER function, because the
-- API's login (vital_api) may not read public.tenants before a tenant context
-- exists; the function gives the id only.
SELECT vital.api_tenant_id(%(subdomain)s) AS id;

-- name: operating
-- Whatever its status, deleted (an erased tenant's tombstone) included. Owner only.
SELECT id, subdomain, name, status
  FROM public.tenants
 WHERE subdomain = %(subdomain)s;

-- name: holding
-- A tenant that holds this id or this subdomain already (an import creates a new one only).
SELECT id, subdomain, name, status
  FROM public.tenants
 WHERE id = %(id)s OR subdomain = %(subdomain)s
 LIMIT 1;

-- name: member
-- Whom a development token (or `vital ask`) is for: the member of the tenant with
-- this email, or, without an email, the tenant's first owner. Owner only.
SELECT m.user_id, u.email
  FROM public.tenant_members m
  JOIN auth.users u ON u.id = m.user_id
 WHERE m.tenant_id = %(tenant)s
   AND (%(email)s::text IS NULL OR lower(u.email) = lower(%(email)s::text))
 ORDER BY m.role = 'owner' DESC, m.created_at, u.email
 LIMIT 1;
