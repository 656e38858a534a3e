"""Row counts and content checksums of every table, whole or per tenant: what a
restore, an import or an erase is judged by. The tables are those the tests'
independent catalog reader lists (tests/catalog.py)."""

from __future__ import annotations

import psycopg
from psycopg import sql

from tests import catalog, pg


def digests(database: str, *, by_tenant: bool = False) -> dict[tuple, tuple[int, str]]:
    """{(schema.table[, tenant]): (rows, md5 of the rows' text in sorted order)}."""
    out = {}
    with pg.connect(database) as conn:
        for schema, table, tenant_col in catalog.row_tables(conn):
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
