"""What PostgREST's dialect makes of the catalog (vital.catalog): the tables it serves,
the relationships that embedding follows, and PostgREST's errors for a name that
does not exist. Every identifier a request names is checked here before it reaches SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from vital.api.errors import AmbiguousRelationship, TableNotFound, UnknownColumn, UnknownRelationship
from vital.catalog import Catalog, Column, ForeignKey, Table


@dataclass(frozen=True)
class Relationship:
    """How rows of `target` hang off a row of the embedding table."""
    target: str
    fk: ForeignKey
    to_one: bool
    pairs: tuple[tuple[str, str], ...]  # (embedding table's column, target's column)

    def matches(self, hint: str) -> bool:
        # A self-reference is one foreign key seen both ways: there a column hint
        # (parent_id) picks the row it points to, the key's name the rows pointing here.
        by_name, by_column = hint == self.fk.name, hint in self.fk.columns
        if self.fk.self_reference:
            return by_column if self.to_one else by_name
        return by_name or by_column

    @property
    def hint(self) -> str:
        """A hint that picks exactly this relationship."""
        return self.fk.columns[-1] if self.fk.self_reference and self.to_one else self.fk.name


class Relations:
    """The tables and views of schema public that `authenticated` may read, and the
    foreign keys between them, seen from both ends."""

    def __init__(self, catalog: Catalog) -> None:
        self.tables: dict[str, Table] = {t.name: t for t in catalog.tables.values()
                                         if t.schema == "public" and t.can_select}
        self._incoming: dict[str, list[ForeignKey]] = {}
        for table in self.tables.values():
            for fk in table.foreign_keys:
                self._incoming.setdefault(fk.parent, []).append(fk)

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise TableNotFound(f"Could not find the table 'public.{name}'.",
                                hint="GET /openapi.json lists every table.") from None

    def relationships(self, table: Table) -> list[Relationship]:
        found = [Relationship(fk.parent, fk, True, tuple(zip(fk.columns, fk.parent_columns)))
                 for fk in table.foreign_keys if fk.parent in self.tables]
        for fk in self._incoming.get(table.name, []):
            child = self.tables[fk.table]
            to_one = any(set(key) <= set(fk.columns) for key in child.unique_keys)
            found.append(Relationship(fk.table, fk, to_one, tuple(zip(fk.parent_columns, fk.columns))))
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


def column(table: Table, name: str) -> Column:
    """The column a request names, or PostgREST's error for an unknown one."""
    try:
        return table.columns[name]
    except KeyError:
        raise UnknownColumn(f"Column '{name}' does not exist in '{table.name}'.",
                            hint=f"Columns: {', '.join(table.columns)}.") from None
