"""What the live schema holds, read from the catalog: tests are generated from it,
so that a new table or foreign key is covered without writing a new test."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from psycopg import sql

from tests import pg


@dataclass(frozen=True)
class Table:
    name: str
    library: bool                 # platform rows readable by every tenant
    platform_rows: int            # how many the seed holds
    columns: tuple[str, ...]      # insertable columns (no generated ones)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]

    @property
    def library(self) -> bool:
        """A reference that may point into the platform library (<x>_tenant_id, <x>_id)."""
        return self.columns[0] != "tenant_id"

    def __str__(self) -> str:
        return self.name


def _rows(query: str):
    with pg.connect(pg.template_db()) as conn:
        return conn.execute(query).fetchall()


@functools.cache
def tenant_tables() -> list[Table]:
    rows = _rows("""
        SELECT c.relname,
               EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'platform_rows_no_update'),
               array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '')
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id')
        GROUP BY c.oid, c.relname ORDER BY c.relname""")
    with pg.connect(pg.template_db()) as conn:
        return [Table(name, library, _platform_rows(conn, name), tuple(cols)) for name, library, cols in rows]


def _platform_rows(conn, table: str) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = vital.platform_tenant_id()").format(
        sql.Identifier(table))
    return conn.execute(query).fetchone()[0]


@functools.cache
def tenant_foreign_keys() -> list[ForeignKey]:
    """Foreign keys whose first column is a tenant column (tenant_id or <x>_tenant_id)."""
    rows = _rows("""
        SELECT con.conname, child.relname,
               (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(att, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att),
               parent.relname,
               (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(att, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att)
        FROM pg_constraint con
        JOIN pg_class child ON child.oid = con.conrelid
        JOIN pg_class parent ON parent.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = child.relnamespace AND n.nspname = 'public'
        WHERE con.contype = 'f' AND array_length(con.conkey, 1) > 1
        ORDER BY child.relname, con.conname""")
    return [ForeignKey(name, table, tuple(cols), parent, tuple(pcols))
            for name, table, cols, parent, pcols in rows if cols[0].endswith("tenant_id")]
