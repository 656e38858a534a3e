"""What operations need to know about the live schema, read from the catalog.

Tables and foreign keys come from pg_catalog, never from a list in code, so a
table added by a later migration is exported, imported and erased with no new
code. The dependency order is a topological sort of the foreign keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path
from uuid import UUID

import psycopg
from psycopg import sql

from vital.errors import InvalidInput, NotFound, PermissionDenied

SQL_DIR = Path(__file__).parent / "sql"
PLATFORM_TENANT_ID = UUID(int=0)


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text()


@dataclass(frozen=True)
class ForeignKey:
    name: str
    child: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    on_delete: str = "a"              # a no action, r restrict, c cascade, n set null, d set default
    set_null: tuple[str, ...] = ()    # the columns ON DELETE SET NULL clears

    @property
    def library(self) -> bool:
        """A reference that may point into the platform library: (<x>_tenant_id, <x>_id)."""
        return self.columns[0] != "tenant_id" and self.columns[0].endswith("tenant_id")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]  # writable columns, in table order
    key: tuple[str, ...]
    soft_delete: bool
    parents: tuple[ForeignKey, ...]

    @property
    def ident(self) -> sql.Identifier:
        return sql.Identifier("public", self.name)

    @property
    def tenant_column(self) -> str:
        return "id" if self.name == "tenants" else "tenant_id"

    def select(self, columns: tuple[str, ...] | None = None) -> sql.Composed:
        """One tenant's rows (parameter %(tenant)s) in key order: the shape of an export."""
        return sql.SQL("SELECT {cols} FROM {t} WHERE {tc} = %(tenant)s ORDER BY {key}").format(
            cols=sql.SQL(", ").join(map(sql.Identifier, columns or self.columns)), t=self.ident,
            tc=sql.Identifier(self.tenant_column), key=sql.SQL(", ").join(map(sql.Identifier, self.key)))


@dataclass(frozen=True)
class Catalog:
    tables: dict[str, Table]  # parents before children

    def ordered(self) -> list[Table]:
        return list(self.tables.values())

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise NotFound(f"No table '{name}' in schema public.") from None

    @property
    def soft_delete_tables(self) -> list[Table]:
        """Soft-deleting tables a tenant may restore in (tenants itself is the operator's)."""
        return [t for t in self.tables.values() if t.soft_delete and t.name != "tenants"]


def load(conn: psycopg.Connection) -> Catalog:
    fks = [ForeignKey(name, child, tuple(cols), parent, tuple(pcols), on_delete, tuple(nulls))
           for name, child, cols, parent, pcols, on_delete, nulls in conn.execute(read_sql("foreign_keys.sql"))]
    rows = {name: (tuple(cols), tuple(key or ()), soft) for name, cols, key, soft in conn.execute(read_sql("tables.sql"))}
    parents = {name: tuple(fk for fk in fks if fk.child == name) for name in rows}
    # Self-references are left out of the graph: a table's rows go in or out in one statement.
    graph = TopologicalSorter({name: {fk.parent for fk in parents[name] if fk.parent != name} for name in rows})
    graph.prepare()
    order: list[str] = []
    while graph.is_active():
        ready = sorted(graph.get_ready())
        order += ready
        graph.done(*ready)
    return Catalog({name: Table(name, *rows[name], parents[name]) for name in order})


def same_key(table: Table, a: str, b: str) -> sql.Composed:
    """`a.k1 = b.k1 AND ...` over the table's primary key."""
    return sql.SQL(" AND ").join(sql.SQL("{}.{} = {}.{}").format(
        sql.Identifier(a), sql.Identifier(k), sql.Identifier(b), sql.Identifier(k)) for k in table.key)


def delete_tenant_rows(conn: psycopg.Connection, catalog: Catalog, tenant_id: UUID,
                       keep: dict[str, sql.Identifier] | None = None, passes: int = 5) -> None:
    """Delete the tenant's rows from every table but tenants, children first, except the rows
    whose keys are in keep[table] (a table of rows to keep); again until a pass deletes nothing,
    because triggers write while rows go (the audit trigger logs deleted rows of critical tables)."""
    keep = keep or {}
    for _ in range(passes):
        deleted = 0
        for table in reversed(catalog.ordered()):
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
    if not conn.execute(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
        user = conn.info.user
        raise PermissionDenied(
            f"{what} needs a role that bypasses row-level security; '{user}' does not.",
            hint="Use the owner's DATABASE_URL (a superuser, or a role with BYPASSRLS such as Supabase's "
                 "postgres), never the API's login.")


def stable_output(conn: psycopg.Connection) -> None:
    """Text output that depends only on the data, so that checksums compare across servers."""
    conn.execute("SET LOCAL TimeZone TO 'UTC'; SET LOCAL DateStyle TO 'ISO, YMD'; "
                 "SET LOCAL IntervalStyle TO 'postgres'; SET LOCAL extra_float_digits TO 1; "
                 "SET LOCAL bytea_output TO 'hex'")
