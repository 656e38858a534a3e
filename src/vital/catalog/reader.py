"""The one reader of pg_catalog: `read(conn)` returns the whole `Catalog` (sql/catalog.sql).

Tables come from the database, never from a list in code, so a table added by a
migration is served, documented, exported and erased with no new code.
"""

from __future__ import annotations

import re
from collections import defaultdict

import psycopg
from psycopg.rows import dict_row

from vital.catalog.catalog import Catalog
from vital.catalog.model import (Argument, Column, Constraint, Definition, ForeignKey, Function, Policy, Table,
                                 display_name)
from vital.db.queries import Queries

SQL = Queries(__name__)
# Expressions and types are printed relative to the search_path: read them under the
# one every VITAL connection uses (vital.db.connection), whatever this one has.
SEARCH_PATH = "public, extensions"

# CHECK (status = ANY (ARRAY['active'::text, 'draft'::text])) -> (active, draft)
_ENUM_CHECK = re.compile(r"^CHECK \(\(?(\w+) = ANY \(ARRAY\[(.*)\]\)\)?\)$")
_ENUM_ITEM = re.compile(r"'((?:[^']|'')*)'::[\w ]+|(-?\d+)")


def read(conn: psycopg.Connection) -> Catalog:
    """The whole schema, in one transaction (a savepoint inside the caller's), read by name."""
    with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        previous = cur.execute(SQL("search_path.current")).fetchone()["path"]
        cur.execute(SQL("search_path.set"), {"path": SEARCH_PATH})
        relations = {row["oid"]: row for row in cur.execute(SQL("catalog.relations")).fetchall()}
        params = {"oids": list(relations)}
        parts: dict[str, dict[int, list[dict]]] = {}
        for part in ("columns", "constraints", "indexes", "policies", "triggers"):
            parts[part] = defaultdict(list)
            for row in cur.execute(SQL(f"catalog.{part}"), params):
                parts[part][row["oid"]].append(row)
        functions = [_function(row) for row in cur.execute(SQL("catalog.functions"))]
        # Restored, not left to the transaction's end: the caller's may go on after this.
        cur.execute(SQL("search_path.set"), {"path": previous})
    tables = [_table(row, {part: rows[oid] for part, rows in parts.items()}) for oid, row in relations.items()]
    overloads: dict[str, list[Function]] = defaultdict(list)
    for f in functions:
        overloads[f.display].append(f)
    return Catalog({t.display: t for t in tables}, {name: tuple(fs) for name, fs in overloads.items()})


def _table(row: dict, parts: dict[str, list[dict]]) -> Table:
    display = display_name(row["schema"], row["name"])
    constraints = parts["constraints"]
    enums = {c["columns"][0]: values for c in constraints
             if c["kind"] == "c" and len(c["columns"]) == 1 and (values := enum_values(c["definition"]))}
    return Table(
        schema=row["schema"], name=row["name"], kind=row["kind"], comment=row["comment"],
        columns={c["name"]: _column(c, enums.get(c["name"], ())) for c in parts["columns"]},
        constraints=tuple(Constraint(c["name"], c["kind"], tuple(c["columns"]), c["definition"])
                          for c in constraints),
        foreign_keys=tuple(_foreign_key(display, c) for c in constraints if c["kind"] == "f"),
        indexes=tuple(Definition(i["name"], i["definition"]) for i in parts["indexes"]),
        policies=tuple(Policy(p["name"], p["command"], p["mode"], tuple(p["roles"]), p["using"], p["with_check"])
                       for p in parts["policies"]),
        triggers=tuple(Definition(t["name"], t["definition"]) for t in parts["triggers"]),
        rls_enabled=row["rls_enabled"], rls_forced=row["rls_forced"], options=tuple(row["options"]),
        definition=row["definition"], privileges=frozenset(row["privileges"]))


def _function(row: dict) -> Function:
    relation = display_name(row["return_schema"], row["return_relation"]) if row["return_relation"] else None
    return Function(
        schema=row["schema"], name=row["name"], volatility=row["volatility"], returns_set=row["returns_set"],
        returns=row["returns"], return_kind=row["return_kind"], return_relation=relation,
        arguments=tuple(Argument(**a) for a in row["arguments"]), fields=tuple(Argument(**a) for a in row["fields"]),
        defaults=row["defaults"], definer=row["definer"], executable_by=frozenset(row["executable_by"]),
        comment=row["comment"])


def _column(row: dict, enum: tuple) -> Column:
    return Column(row["name"], row["type"], row["element"], row["is_array"], row["nullable"], row["expression"],
                  row["generated"], row["identity"], row["comment"], enum)


def _foreign_key(table: str, row: dict) -> ForeignKey:
    return ForeignKey(row["name"], table, tuple(row["columns"]), display_name(row["parent_schema"], row["parent"]),
                      tuple(row["parent_columns"]), row["on_delete"], tuple(row["set_null"]))


def enum_values(definition: str | None) -> tuple:
    """The values a CHECK (col = ANY (ARRAY[...])) constraint allows, or () for any other check."""
    match = _ENUM_CHECK.match(definition or "")
    if not match:
        return ()
    return tuple(text.replace("''", "'") if number == "" else int(number)
                 for text, number in _ENUM_ITEM.findall(match.group(2)))
