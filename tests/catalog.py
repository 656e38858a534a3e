"""The tests' own reader of the live schema: an INDEPENDENT second opinion, on purpose.

It shares no code with `vital.catalog` (its queries are its own, some through
information_schema), so that a mistake in the product's reader cannot hide itself:
tests/test_catalog.py checks the two against each other. Tests are generated from
it too, so that a new table or foreign key is covered without writing a new test
(tests/test_isolation.py, tests/api/test_isolation_http.py), and the digests of
tests/ops judge restores, imports and erases by the tables it lists.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import psycopg
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
def foreign_keys() -> list[ForeignKey]:
    """Every foreign key of a public table; a parent outside public is named schema.table."""
    rows = _rows("""
        SELECT con.conname, child.relname,
               (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(att, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att),
               CASE WHEN pn.nspname = 'public' THEN parent.relname ELSE pn.nspname || '.' || parent.relname END,
               (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(att, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att)
        FROM pg_constraint con
        JOIN pg_class child ON child.oid = con.conrelid
        JOIN pg_class parent ON parent.oid = con.confrelid
        JOIN pg_namespace pn ON pn.oid = parent.relnamespace
        JOIN pg_namespace n ON n.oid = child.relnamespace AND n.nspname = 'public'
        WHERE con.contype = 'f'
        ORDER BY child.relname, con.conname""")
    return [ForeignKey(name, table, tuple(cols), parent, tuple(pcols)) for name, table, cols, parent, pcols in rows]


def tenant_foreign_keys() -> list[ForeignKey]:
    """Composite foreign keys whose first column is a tenant column (tenant_id or <x>_tenant_id)."""
    return [fk for fk in foreign_keys() if len(fk.columns) > 1 and fk.columns[0].endswith("tenant_id")]


@functools.cache
def columns() -> dict[str, tuple[tuple[str, bool], ...]]:
    """Every table and view of schema public, and auth.users: its columns (name, nullable) in
    order, from information_schema."""
    rows = _rows("""
        SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END,
               array_agg(column_name::text ORDER BY ordinal_position),
               array_agg(is_nullable = 'YES' ORDER BY ordinal_position)
        FROM information_schema.columns
        WHERE table_schema = 'public' OR (table_schema = 'auth' AND table_name = 'users')
        GROUP BY table_schema, table_name""")
    # Partitions are served and documented through their parent.
    partitions = {name for (name,) in _rows("SELECT relname FROM pg_class WHERE relispartition")}
    return {name: tuple(zip(names, nullable)) for name, names, nullable in rows if name not in partitions}


@functools.cache
def base_tables() -> set[str]:
    """The tables of schema public (no views, no partitions): what holds tenant rows."""
    return {name for (name,) in _rows("""
        SELECT table_name FROM information_schema.tables t
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = format('public.%I', t.table_name)::regclass)""")}


@functools.cache
def privileges() -> dict[str, set[str]]:
    """What `authenticated` may do on each relation of schema public."""
    rows = _rows("""
        SELECT table_name, array_agg(privilege_type::text) FROM information_schema.role_table_grants
        WHERE table_schema = 'public' AND grantee = 'authenticated' GROUP BY table_name""")
    return {name: set(granted) for name, granted in rows}


# -- what the digests of tests/ops read ----------------------------------------
# Every table outside the system schemas, with the column naming its tenant (if any).
ROW_TABLES = """
SELECT n.nspname, c.relname,
       (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
          AND a.attname = CASE WHEN n.nspname = 'public' AND c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY 1, 2
"""


def row_tables(conn: psycopg.Connection) -> list[tuple[str, str, str | None]]:
    """(schema, table, tenant column or None) of every table that holds rows, in any database."""
    return conn.execute(ROW_TABLES).fetchall()
