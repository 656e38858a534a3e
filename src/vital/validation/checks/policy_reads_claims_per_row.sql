-- level: warning
-- description: Policies read the JWT claims through (select ...), evaluated once per statement, not once per row.
SELECT c.oid::regclass::text || ' policy ' || p.polname,
       'calls a claims function outside a scalar subquery: ' || e.expr,
       'Wrap the call: tenant_id = (SELECT auth.tenant_id()).'
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT concat_ws(' / ', pg_get_expr(p.polqual, p.polrelid),
                                     pg_get_expr(p.polwithcheck, p.polrelid)) AS expr) e
WHERE n.nspname = ANY (%(schemas)s)
  AND regexp_count(e.expr, '(auth\.\w+|current_setting)\(')
      > regexp_count(e.expr, 'SELECT (auth\.\w+|current_setting)\(')
