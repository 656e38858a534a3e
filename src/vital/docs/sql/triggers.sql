-- User triggers only: the internal ones that enforce foreign keys are
-- documented as the foreign keys themselves.
SELECT t.tgrelid                          AS oid,
       t.tgname                           AS name,
       pg_get_triggerdef(t.oid, true)     AS definition
FROM pg_trigger t
WHERE t.tgrelid = ANY (%(oids)s::oid[])
  AND NOT t.tgisinternal
ORDER BY t.tgrelid, t.tgname;
