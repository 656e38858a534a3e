-- /api/v1/admin/invitations: run as the caller, under RLS (only admins and owners
-- may write tenant_invitations: migration 20261124000020_roles).

-- name: create
INSERT INTO public.tenant_invitations (tenant_id, email, role, token_hash, expires_at)
VALUES (%(tenant_id)s, %(email)s, %(role)s, %(token_hash)s, %(expires_at)s)
RETURNING id, email, role, status, expires_at, accepted_at, created_at, created_by

-- name: list
SELECT id, email, role, status, expires_at, accepted_at, created_at, created_by
FROM public.tenant_invitations
ORDER BY created_at DESC
LIMIT %(limit)s

-- name: revoke
UPDATE public.tenant_invitations SET status = 'revoked'
WHERE id = %(id)s AND status = 'pending'
RETURNING id, email, role, status, expires_at, accepted_at, created_at, created_by
