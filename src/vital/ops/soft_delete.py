"""Soft-deleted rows of the critical tables: list them, restore one.

Both run inside a tenant transaction (vital.db.tenant), as the tenant's user:
row-level security alone decides which rows exist, so another tenant's row and
a missing row look the same, and a platform library row cannot be restored by a
tenant (the restrictive update policy hides it).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from vital.errors import InvalidInput, NotFound
from vital.catalog import Catalog, Table
from vital.ops.bounds import DELETED_ROWS_LIMIT as DEFAULT_LIMIT

# The first of these a table has names its rows in a listing.
LABELS = ("name", "title", "display_name", "slug", "query", "question")


def restorable(catalog: Catalog, table: str | None = None) -> list[Table]:
    tables = catalog.restorable_by_tenant
    if table is None:
        return tables
    found = [t for t in tables if t.name == table]
    if not found:
        raise InvalidInput(f"'{table}' is not a table whose rows can be restored.",
                           hint="Soft-deleting tables: " + ", ".join(sorted(t.name for t in tables)) + ".")
    return found


def _row(table: Table) -> sql.Composed:
    label = next((c for c in LABELS if c in table.columns), "id")
    return sql.SQL("{name}::text AS table, id, {label}::text AS label, deleted_at, updated_at").format(
        name=sql.Literal(table.name), label=sql.Identifier(label))


def list_deleted(conn: psycopg.Connection, catalog: Catalog, table: str | None = None,
                 limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Soft-deleted rows the caller may see, most recently deleted first."""
    # Library tables show every tenant the platform's rows too: list only the caller's own,
    # the rows it may restore (the same predicate as the policies).
    parts = [sql.SQL("SELECT {} FROM {} WHERE deleted_at IS NOT NULL AND tenant_id = (SELECT auth.tenant_id())")
             .format(_row(t), t.ident) for t in restorable(catalog, table)]
    query = sql.SQL("SELECT * FROM ({}) d ORDER BY deleted_at DESC, \"table\", id LIMIT %s").format(
        sql.SQL(" UNION ALL ").join(parts))
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(query, (limit,)).fetchall()


def restore(conn: psycopg.Connection, catalog: Catalog, table: str, row_id: UUID | str) -> dict[str, Any]:
    """Clear deleted_at of one row; NotFound when the caller has no such deleted row."""
    (target,) = restorable(catalog, table)
    query = sql.SQL("UPDATE {t} SET deleted_at = NULL WHERE id = %s AND deleted_at IS NOT NULL "
                    "RETURNING {row}").format(t=target.ident, row=_row(target))
    with conn.cursor(row_factory=dict_row) as cur:
        restored = cur.execute(query, (row_id,)).fetchone()
    if restored is None:
        raise NotFound(f"No deleted row {row_id} in {table}.",
                       hint=f"`vital tenant deleted SUBDOMAIN --table {table}` lists the rows that can be restored.")
    return restored
