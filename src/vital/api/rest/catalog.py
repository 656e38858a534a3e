"""What the REST layer may touch, read from the database once at startup.

Tables, columns, types, keys and foreign keys come from pg_catalog (sql/catalog.sql),
so a table added by a migration is served, documented and validated with no new
code (after a restart). Every identifier a request names is checked here before
it reaches SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from vital.api.errors import AmbiguousRelationship, TableNotFound, UnknownColumn, UnknownRelationship

CATALOG_SQL = (Path(__file__).parent / "sql" / "catalog.sql").read_text()
SOFT_DELETE = "deleted_at"
TENANT = "tenant_id"

# CHECK ((status = ANY (ARRAY['active'::text, 'draft'::text]))) -> enum [active, draft]
_ENUM_CHECK = re.compile(r"^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$")
_ENUM_ITEM = re.compile(r"'((?:[^']|'')*)'::[\w ]+|(-?\d+)")


@dataclass(frozen=True)
class Column:
    name: str
    type: str            # as format_type() prints it: uuid, text[], numeric(3,2), ...
    element: str         # the type name, or the element's for an array
    is_array: bool
    nullable: bool
    has_default: bool
    generated: bool
    comment: str | None = None
    enum: tuple = ()     # allowed values, from a CHECK (col IN (...)) constraint


@dataclass(frozen=True)
class ForeignKey:
    name: str
    table: str
    columns: tuple[str, ...]
    target: str
    target_columns: tuple[str, ...]


@dataclass(frozen=True)
class Relationship:
    """How rows of `target` hang off a row of the embedding table."""
    target: str
    fk: ForeignKey
    to_one: bool
    pairs: tuple[tuple[str, str], ...]  # (embedding table's column, target's column)

    @property
    def self_reference(self) -> bool:
        return self.fk.table == self.fk.target

    def matches(self, hint: str) -> bool:
        # A self-reference is one foreign key seen both ways: there a column hint
        # (parent_id) picks the row it points to, the key's name the rows pointing here.
        by_name, by_column = hint == self.fk.name, hint in self.fk.columns
        if self.self_reference:
            return by_column if self.to_one else by_name
        return by_name or by_column

    @property
    def hint(self) -> str:
        """A hint that picks exactly this relationship."""
        return self.fk.columns[-1] if self.self_reference and self.to_one else self.fk.name


@dataclass(frozen=True)
class Table:
    name: str
    is_view: bool
    comment: str | None
    columns: dict[str, Column]
    primary_key: tuple[str, ...]
    unique_keys: tuple[tuple[str, ...], ...]
    foreign_keys: tuple[ForeignKey, ...]
    can_insert: bool
    can_update: bool
    can_delete: bool

    @property
    def soft_delete(self) -> bool:
        return SOFT_DELETE in self.columns

    @property
    def tenant_scoped(self) -> bool:
        return TENANT in self.columns

    def column(self, name: str) -> Column:
        try:
            return self.columns[name]
        except KeyError:
            raise UnknownColumn(f"Column '{name}' does not exist in '{self.name}'.",
                                hint=f"Columns: {', '.join(self.columns)}.") from None


@dataclass
class Catalog:
    tables: dict[str, Table]
    _incoming: dict[str, list[ForeignKey]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table in self.tables.values():
            for fk in table.foreign_keys:
                self._incoming.setdefault(fk.target, []).append(fk)

    @classmethod
    def load(cls, conn: psycopg.Connection) -> "Catalog":
        rows = conn.execute(CATALOG_SQL).fetchall()
        return cls({row[0]: _table(*row) for row in rows})

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise TableNotFound(f"Could not find the table 'public.{name}'.",
                                hint="GET /openapi.json lists every table.") from None

    def relationships(self, table: Table) -> list[Relationship]:
        found = [Relationship(fk.target, fk, True, tuple(zip(fk.columns, fk.target_columns)))
                 for fk in table.foreign_keys if fk.target in self.tables]
        for fk in self._incoming.get(table.name, []):
            child = self.tables[fk.table]
            to_one = any(set(key) <= set(fk.columns) for key in child.unique_keys)
            found.append(Relationship(fk.table, fk, to_one, tuple(zip(fk.target_columns, fk.columns))))
        return found

    def relationship(self, table: Table, target: str, hint: str | None) -> Relationship:
        candidates = [r for r in self.relationships(table) if r.target == target]
        if hint is not None:
            candidates = [r for r in candidates if r.matches(hint)]
        if not candidates:
            raise UnknownRelationship(
                f"Could not find a relationship between '{table.name}' and '{target}'.",
                hint="Embedding follows foreign keys in either direction; check the names in /openapi.json.")
        if len(candidates) > 1:
            names = ", ".join(f"{target}!{r.hint} ({'one' if r.to_one else 'many'})" for r in candidates)
            raise AmbiguousRelationship(
                f"More than one relationship between '{table.name}' and '{target}'.",
                details=names, hint="Name the foreign key (or its column) after '!', e.g. " + names.split(" (")[0])
        return candidates[0]


def _table(name, is_view, comment, can_insert, can_update, can_delete, columns, constraints) -> Table:
    constraints = constraints or []
    enums = {c["columns"][0]: _enum(c["definition"]) for c in constraints
             if c["type"] == "c" and _enum(c["definition"])}
    cols = {c["name"]: Column(**c, enum=enums.get(c["name"], ())) for c in columns or []}
    keys = [tuple(c["columns"]) for c in constraints if c["type"] in ("p", "u")]
    primary = next((tuple(c["columns"]) for c in constraints if c["type"] == "p"), ())
    fks = tuple(ForeignKey(c["name"], name, tuple(c["columns"]), c["target"], tuple(c["target_columns"]))
                for c in constraints if c["type"] == "f")
    return Table(name, is_view, comment, cols, primary, tuple(keys), fks,
                 can_insert and not is_view, can_update and not is_view, can_delete and not is_view)


def _enum(definition: str | None) -> tuple:
    match = _ENUM_CHECK.match(definition or "")
    if not match:
        return ()
    return tuple(text.replace("''", "'") if number == "" else int(number)
                 for text, number in _ENUM_ITEM.findall(match.group(2)))
