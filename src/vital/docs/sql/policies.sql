SELECT p.polrelid                                                  AS oid,
       p.polname                                                   AS name,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END         AS command,
       CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END AS mode,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END
             FROM unnest(p.polroles) r(oid) ORDER BY 1)            AS roles,
       pg_get_expr(p.polqual, p.polrelid)                          AS using,
       pg_get_expr(p.polwithcheck, p.polrelid)                     AS with_check
FROM pg_policy p
WHERE p.polrelid = ANY (%(oids)s::oid[])
ORDER BY p.polrelid, p.polname;
