"""What operations do with the schema's tables, over the one catalog (vital.catalog):
a tenant's rows of a table in key order, deleting a tenant's rows children first,
and the guards every operation takes (a login that bypasses RLS, stable text output).

The tables, their keys and their dependency order come from vital.catalog, so a
table added by a later migration is exported, imported and erased with no new code.
"""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg import sql

from vital.catalog import Catalog, Table
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import InvalidInput, PermissionDenied

SQL = Queries(__name__)

PLATFORM_TENANT_ID = UUID(int=0)


def export_select(table: Table, columns: tuple[str, ...] | None = None) -> sql.Composed:
    """One tenant's rows of a table (parameter %(tenant)s) in key order: the shape of an export."""
    return sql.SQL("SELECT {cols} FROM {t} WHERE {tc} = %(tenant)s ORDER BY {key}").format(
        cols=sql.SQL(", ").join(map(sql.Identifier, columns or table.writable)), t=table.ident,
        tc=sql.Identifier(table.tenant_column), key=sql.SQL(", ").join(map(sql.Identifier, table.primary_key)))


def same_key(table: Table, a: str, b: str) -> sql.Composed:
    """`a.k1 = b.k1 AND ...` over the table's primary key."""
    return sql.SQL(" AND ").join(sql.SQL("{}.{} = {}.{}").format(
        sql.Identifier(a), sql.Identifier(k), sql.Identifier(b), sql.Identifier(k)) for k in table.primary_key)


def delete_tenant_rows(conn: psycopg.Connection, catalog: Catalog, tenant_id: UUID,
                       keep: dict[str, sql.Identifier] | None = None, passes: int = 5) -> None:
    """Delete the tenant's rows from every table but tenants, children first, except the rows
    whose keys are in keep[table] (a table of rows to keep); again until a pass deletes nothing,
    because triggers write while rows go (the audit trigger logs deleted rows of critical tables)."""
    keep = keep or {}
    for _ in range(passes):
        deleted = 0
        for table in reversed(catalog.dependency_order()):
            if table.name == "tenants":
                continue
            query = sql.SQL("DELETE FROM {} x WHERE x.tenant_id = %s").format(table.ident)
            if table.name in keep:
                query += sql.SQL(" AND NOT EXISTS (SELECT 1 FROM {} s WHERE {})").format(
                    keep[table.name], same_key(table, "x", "s"))
            deleted += conn.execute(query, (tenant_id,)).rowcount
        if not deleted:
            return
    raise InvalidInput("Triggers keep writing rows for the tenant; nothing was changed.")


def require_bypass(conn: psycopg.Connection, what: str) -> None:
    """Refuse early when the login cannot read past row-level security (every table forces it)."""
    if not one(conn, SQL("catalog.bypasses_rls"))["bypasses"]:
        user = conn.info.user
        raise PermissionDenied(
            f"{what} needs a role that bypasses row-level security; '{user}' does not.",
            hint="Use the owner's DATABASE_URL (a superuser, or a role with BYPASSRLS such as Supabase's "
                 "postgres), never the API's login.")


def stable_output(conn: psycopg.Connection) -> None:
    """Text output that depends only on the data, so that checksums compare across servers."""
    conn.execute(SQL("catalog.stable_output"))
