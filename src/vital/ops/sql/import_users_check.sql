-- The archive's users ({stage}: their temporary table) against this
-- deployment's: `reused` exist here with the same id and email (the same
-- account), `conflicts` share only one of the two.
SELECT count(*) FILTER (WHERE u.id IS NOT NULL AND u.email IS NOT DISTINCT FROM s.email) AS reused,
       count(*) FILTER (WHERE (u.id IS NOT NULL AND u.email IS DISTINCT FROM s.email)
                           OR EXISTS (SELECT 1 FROM auth.users e WHERE e.email = s.email AND e.id <> s.id)) AS conflicts
FROM {stage} s
LEFT JOIN auth.users u ON u.id = s.id
