"""Row counts and content checksums of every table, whole or per tenant: what a
restore, an import or an erase is judged by."""

from __future__ import annotations

import psycopg
from psycopg import sql

from tests import pg

# Every table outside the system schemas, with the column naming its tenant (if any).
TABLES = """
SELECT n.nspname, c.relname,
       (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
          AND a.attname = CASE WHEN n.nspname = 'public' AND c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY 1, 2
"""


def digests(database: str, *, by_tenant: bool = False) -> dict[tuple, tuple[int, str]]:
    """{(schema.table[, tenant]): (rows, md5 of the rows' text in sorted order)}."""
    out = {}
    with pg.connect(database) as conn:
        for schema, table, tenant_col in conn.execute(TABLES).fetchall():
            out.update(_table(conn, schema, table, tenant_col if by_tenant else None))
    return out


def _table(conn: psycopg.Connection, schema: str, table: str, tenant_col: str | None) -> dict:
    # Whole tables give one row even when empty; per tenant, one row per tenant that has rows.
    group = sql.Identifier(tenant_col) if tenant_col else sql.SQL("NULL::uuid")
    query = sql.SQL("SELECT {g}, count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM {t} t{by}").format(
        g=group, t=sql.Identifier(schema, table), by=sql.SQL(" GROUP BY 1" if tenant_col else ""))
    name = f"{schema}.{table}"
    rows = conn.execute(query).fetchall()
    return {((name, tenant) if tenant_col else (name,)): (n, digest) for tenant, n, digest in rows}
