-- The erased tenant's users that nothing else needs: no profile left in any
-- tenant, and not the recorded creator of another tenant (deleting them would
-- change that tenant's row).
DELETE FROM auth.users u
WHERE u.id = ANY (%(users)s)
  AND NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM public.tenants t WHERE t.created_by = u.id AND t.id <> %(tenant)s)
