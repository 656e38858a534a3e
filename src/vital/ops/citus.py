"""`vital db citus-plan`: the statements that distribute this schema on a Citus cluster,
generated from the live catalog (docs/operations.md, "Scaling out").

- `auth.users` and `tenants` become reference tables (copied to every node): every
  tenant row refers to its tenants row, profiles refer to users.
- Every other table is distributed by tenant_id, all co-located, parents first:
  a tenant's rows of every table live on one node, and the composite foreign keys
  (tenant_id, x_id) stay ordinary foreign keys.
- A reference into the platform library, (<x>_tenant_id, <x>_id), may point at
  the platform tenant's shard, which Citus cannot enforce as a foreign key: it is
  dropped and kept by two triggers (sql/citus_functions.sql), with its ON DELETE
  action.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from vital.catalog import ForeignKey, read
from vital.db.queries import Queries

SQL = Queries(__name__)

REFERENCE_TABLES = ("auth.users", "public.tenants")


@dataclass
class CitusPlan:
    functions: str
    drops: list[str] = field(default_factory=list)
    reference: list[str] = field(default_factory=list)
    distribute: list[str] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)

    def sql(self) -> str:
        sections = [
            ("On the coordinator, with `citus` in shared_preload_libraries of every node, the workers added "
             "(citus_add_node), and this database migrated by `vital db up`. Triggers on distributed tables "
             "need citus.enable_unsafe_triggers (VITAL's own row triggers too: updated_at, audit, versions).",
             ["CREATE EXTENSION IF NOT EXISTS citus;", "SET citus.enable_unsafe_triggers TO on;"]),
            ("1. Library references become triggers: the functions.", [self.functions.strip()]),
            ("2. ... and the foreign keys they replace go.", ["BEGIN;", *self.drops, "COMMIT;"]),
            ("3. Reference tables: on every node.", self.reference),
            ("4. Every tenant table by tenant_id, co-located, parents first.", self.distribute),
            ("5. The library references, kept by triggers.", self.triggers),
        ]
        return "\n\n".join(f"-- {title}\n" + "\n".join(lines) for title, lines in sections) + "\n"


def plan(conn: psycopg.Connection) -> CitusPlan:
    catalog = read(conn)
    tables = [t for t in catalog.dependency_order() if f"public.{t.name}" not in REFERENCE_TABLES]
    library = [fk for t in catalog.dependency_order() for fk in t.foreign_keys if fk.library]
    anchor = f"public.{tables[0].name}"
    out = CitusPlan(SQL.script("citus_functions"))
    out.drops = [f"ALTER TABLE public.{fk.table} DROP CONSTRAINT {fk.name};" for fk in library]
    out.reference = [f"SELECT create_reference_table('{name}');" for name in REFERENCE_TABLES]
    out.distribute = [f"SELECT create_distributed_table('public.{t.name}', 'tenant_id'"
                      + ("" if f"public.{t.name}" == anchor else f", colocate_with => '{anchor}'") + ");"
                      for t in tables]
    out.triggers = [statement for fk in library for statement in triggers(fk)]
    return out


def triggers(fk: ForeignKey) -> list[str]:
    """The two triggers that keep one library reference (trigger names fit in 63 bytes)."""
    cols, pcols = ",".join(fk.columns), ",".join(fk.parent_columns)
    check = (f"CREATE TRIGGER {fk.name} AFTER INSERT OR UPDATE OF {', '.join(fk.columns)} ON public.{fk.table} "
             f"FOR EACH ROW EXECUTE FUNCTION vital.library_reference_check('public.{fk.parent}', '{cols}', '{pcols}');")
    release = (f"CREATE TRIGGER {fk.name[:54]}_release AFTER DELETE OR UPDATE OF {', '.join(fk.parent_columns)} "
               f"ON public.{fk.parent} FOR EACH ROW EXECUTE FUNCTION vital.library_reference_release("
               f"'public.{fk.table}', '{cols}', '{pcols}', '{fk.on_delete}', '{','.join(fk.set_null)}');")
    return [check, release]
