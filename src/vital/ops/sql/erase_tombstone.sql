-- What stays of an erased tenant: its row, closed (the API serves no suspended or
-- deleted tenant), emptied of settings and of the reference to its creator.
UPDATE public.tenants
SET status = 'suspended', deleted_at = coalesce(deleted_at, now()), settings = '{}'::jsonb, created_by = NULL
WHERE id = %(tenant)s
