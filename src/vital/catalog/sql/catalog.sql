-- The live schema, read once by vital.catalog.reader: every table and view of
-- schema public, plus auth.users (created by the core domain where Supabase does
-- not provide it). Partitions are read through their parent. The statements after
-- `relations` take the relations' oids.

-- name: relations
-- privileges: what `authenticated` (the role every API request runs as) may do.
SELECT c.oid,
       n.nspname                          AS schema,
       c.relname                          AS name,
       c.relkind                          AS kind,
       obj_description(c.oid, 'pg_class') AS comment,
       c.relrowsecurity                   AS rls_enabled,
       c.relforcerowsecurity              AS rls_forced,
       coalesce(c.reloptions, '{}')       AS options,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
       ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
              WHERE to_regrole('authenticated') IS NOT NULL
                AND has_table_privilege('authenticated', c.oid, p)) AS privileges
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT c.relispartition
  AND (n.nspname = 'public' OR (n.nspname = 'auth' AND c.relname = 'users'))
ORDER BY n.nspname, c.relname;

-- name: columns
-- element: the type's name, or its element's for an array; expression: the
-- default or the generation expression.
SELECT a.attrelid                               AS oid,
       a.attname                                AS name,
       format_type(a.atttypid, a.atttypmod)     AS type,
       coalesce(elem.typname, t.typname)        AS element,
       t.typcategory = 'A'                      AS is_array,
       NOT a.attnotnull                         AS nullable,
       pg_get_expr(d.adbin, d.adrelid)          AS expression,
       a.attgenerated                           AS generated,
       a.attidentity                            AS identity,
       col_description(a.attrelid, a.attnum)    AS comment
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type elem ON elem.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY (%(oids)s::oid[])
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum;

-- name: constraints
-- Primary, unique, foreign-key, check and exclusion constraints. NOT NULL
-- constraints (catalogued since PostgreSQL 18) show as the columns' nullability.
-- Foreign keys also give the referenced relation and columns, the ON DELETE action
-- (a no action, r restrict, c cascade, n set null, d set default) and the columns
-- that action clears (the whole key unless it names some).
SELECT con.conrelid                             AS oid,
       con.conname                              AS name,
       con.contype                              AS kind,
       pg_get_constraintdef(con.oid, true)      AS definition,
       ARRAY(SELECT a.attname::text
             FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)                    AS columns,
       pn.nspname                               AS parent_schema,
       parent.relname                           AS parent,
       ARRAY(SELECT a.attname::text
             FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
             ORDER BY k.ord)                    AS parent_columns,
       con.confdeltype::text                    AS on_delete,
       ARRAY(SELECT a.attname::text
             FROM unnest(coalesce(con.confdelsetcols, con.conkey)) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)                    AS set_null
FROM pg_constraint con
LEFT JOIN pg_class parent ON parent.oid = con.confrelid
LEFT JOIN pg_namespace pn ON pn.oid = parent.relnamespace
WHERE con.conrelid = ANY (%(oids)s::oid[])
  AND con.contype IN ('p', 'u', 'f', 'c', 'x')
ORDER BY con.conrelid, con.conname;

-- name: indexes
SELECT i.indrelid                         AS oid,
       c.relname                          AS name,
       pg_get_indexdef(i.indexrelid)      AS definition
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ANY (%(oids)s::oid[])
ORDER BY i.indrelid, c.relname;

-- name: policies
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

-- name: triggers
-- User triggers only: the internal ones that enforce foreign keys are the
-- foreign keys themselves.
SELECT t.tgrelid                          AS oid,
       t.tgname                           AS name,
       pg_get_triggerdef(t.oid, true)     AS definition
FROM pg_trigger t
WHERE t.tgrelid = ANY (%(oids)s::oid[])
  AND NOT t.tgisinternal
ORDER BY t.tgrelid, t.tgname;

-- name: functions
-- The functions of schema public that /rest/v1/rpc may call: plain functions
-- (no procedures, aggregates or trigger functions). Arguments in declaration
-- order with their modes (i in, o out, b inout, v variadic, t table column);
-- the last `defaults` input arguments have defaults. `columns`: the fields of a
-- composite return type. executable_by: which request roles hold EXECUTE.
SELECT p.oid,
       n.nspname                                        AS schema,
       p.proname                                        AS name,
       p.provolatile                                    AS volatility,
       p.proretset                                      AS returns_set,
       format_type(p.prorettype, NULL)                  AS returns,
       rt.typtype                                       AS return_kind,
       rn.nspname                                       AS return_schema,
       rc.relname                                       AS return_relation,
       p.pronargdefaults                                AS defaults,
       p.prosecdef                                      AS definer,
       obj_description(p.oid, 'pg_proc')                AS comment,
       coalesce((SELECT json_agg(json_build_object(
                   'name', coalesce(p.proargnames[a.ord], ''),
                   'mode', coalesce(p.proargmodes[a.ord]::text, 'i'),
                   'type', format_type(a.type, NULL),
                   'element', coalesce(elem.typname, t.typname),
                   'is_array', t.typcategory = 'A') ORDER BY a.ord)
                   FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY a(type, ord)
                   JOIN pg_type t ON t.oid = a.type
                   LEFT JOIN pg_type elem ON elem.oid = t.typelem AND t.typcategory = 'A'), '[]') AS arguments,
       coalesce((SELECT json_agg(json_build_object(
                   'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                   'element', coalesce(elem.typname, t.typname), 'is_array', t.typcategory = 'A',
                   'mode', 't') ORDER BY a.attnum)
                   FROM pg_attribute a
                   JOIN pg_type t ON t.oid = a.atttypid
                   LEFT JOIN pg_type elem ON elem.oid = t.typelem AND t.typcategory = 'A'
                  WHERE a.attrelid = rt.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS fields,
       ARRAY(SELECT r FROM unnest(ARRAY['anon', 'authenticated', 'service_role']) r
              WHERE to_regrole(r) IS NOT NULL AND has_function_privilege(r, p.oid, 'EXECUTE')) AS executable_by
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_type rt ON rt.oid = p.prorettype
LEFT JOIN pg_class rc ON rc.oid = rt.typrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE n.nspname = 'public'
  AND p.prokind = 'f'
  AND rt.typname NOT IN ('trigger', 'event_trigger', 'internal')
ORDER BY p.proname, p.oid;
