"""What PostgREST's dialect makes of the catalog (vital.catalog): the tables it serves,
the relationships that embedding follows, and PostgREST's errors for a name that
does not exist. Every identifier a request names is checked here before it reaches SQL.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from vital.api.errors import (AmbiguousFunction, AmbiguousRelationship, FunctionNotFound, TableNotFound, UnknownColumn,
                              UnknownRelationship)
from vital.catalog import Catalog, Column, ForeignKey, Function, Table

JSON_TYPES = ("json", "jsonb")


@dataclass(frozen=True)
class Relationship:
    """How rows of `target` hang off a row of the embedding table."""
    target: str
    fk: ForeignKey
    to_one: bool
    pairs: tuple[tuple[str, str], ...]  # (embedding table's column, target's column, or the junction's)
    junction: str | None = None         # many-to-many: the table whose rows link the two
    junction_pairs: tuple[tuple[str, str], ...] = ()  # (target's column, junction's column)

    def matches(self, hint: str) -> bool:
        if self.junction is not None:
            return hint == self.junction
        # A self-reference is one foreign key seen both ways: there a column hint
        # (parent_id) picks the row it points to, the key's name the rows pointing here.
        by_name, by_column = hint == self.fk.name, hint in self.fk.columns
        if self.fk.self_reference:
            return by_column if self.to_one else by_name
        return by_name or by_column

    @property
    def hint(self) -> str:
        """A hint that picks exactly this relationship."""
        if self.junction is not None:
            return self.junction
        return self.fk.columns[-1] if self.fk.self_reference and self.to_one else self.fk.name


class Relations:
    """The tables and views of schema public that `authenticated` may read, and the
    foreign keys between them, seen from both ends."""

    def __init__(self, catalog: Catalog) -> None:
        self.tables: dict[str, Table] = {t.name: t for t in catalog.tables.values()
                                         if t.schema == "public" and t.can_select}
        self.functions: dict[str, tuple[Function, ...]] = {
            name: fs for name, fs in catalog.functions.items() if fs[0].schema == "public"}
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

    def junctions(self, table: Table) -> list[Relationship]:
        """Many-to-many relationships, detected as PostgREST does: a table J with a foreign key to `table`
        and another to the target, both inside one of J's keys (primary or unique). Each key must have a
        column of its own: the key to `tenants` (tenant_id, inside every composite key) links nothing."""
        found = []
        for fk in self._incoming.get(table.name, []):
            junction = self.tables[fk.table]
            for other in junction.foreign_keys:
                if other is fk or other.parent not in self.tables or other.table == table.name:
                    continue
                mine, theirs = set(fk.columns), set(other.columns)
                if mine <= theirs or theirs <= mine or _covered(other, junction) or _covered(fk, junction):
                    continue
                if any(mine | theirs <= set(key) for key in junction.unique_keys):
                    found.append(Relationship(other.parent, other, False, tuple(zip(fk.parent_columns, fk.columns)),
                                              junction.name, tuple(zip(other.parent_columns, other.columns))))
        return found

    def relationship(self, table: Table, target: str, hint: str | None) -> Relationship:
        # A direct foreign key wins over a junction without a hint, so that adding a junction table
        # never makes an embed that worked ambiguous (PostgREST would answer 300 there).
        candidates = [r for r in self.relationships(table) if r.target == target]
        if hint is not None:
            candidates = [r for r in candidates + self.junctions(table) if r.target == target and r.matches(hint)]
        elif not candidates:
            candidates = [r for r in self.junctions(table) if r.target == target]
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


    def function(self, name: str, given: set[str], role: str, *, single_object: bool = False) -> Function:
        """The overload of `name` that the caller's role may execute and whose input arguments match the
        names given (every required one, no unknown one), or one taking the whole body as a single
        json/jsonb argument; PostgREST's PGRST202 (with the nearest name as hint) or PGRST203."""
        callable_ = {n: [f for f in fs if role in f.executable_by] for n, fs in self.functions.items()}
        candidates = callable_.get(name, [])
        matches = [f for f in candidates if _takes_whole_body(f, single_object)] or \
            ([] if single_object else [f for f in candidates if _takes(f, given)])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousFunction(
                f"Could not choose the best candidate function between: "
                f"{', '.join(_signature(f) for f in matches)}.",
                hint="Try renaming the parameters or the function itself so that it is unambiguous.")
        names = ", ".join(sorted(given))
        near = difflib.get_close_matches(name, [n for n, fs in callable_.items() if fs], n=1)
        hint = f"Perhaps you meant to call the function public.{near[0]}" if near and near[0] != name else (
            f"The function takes: {'; '.join(_signature(f) for f in candidates)}." if candidates else
            "GET /openapi.json lists the functions you may call under /rpc/.")
        raise FunctionNotFound(
            f"Could not find the function public.{name}({names}) in the schema cache",
            details=f"Searched for the function public.{name} with parameters {names or '(none)'} or with a single "
                    "unnamed json/jsonb parameter, but no matches were found in the schema cache.",
            hint=hint)


def _covered(fk: ForeignKey, table: Table) -> bool:
    """Its columns lie inside another key of the table's (tenant_id inside (tenant_id, agent_id))."""
    return any(set(fk.columns) < set(other.columns) for other in table.foreign_keys)


def _takes(f: Function, given: set[str]) -> bool:
    names = {a.name for a in f.inputs}
    return "" not in names and {a.name for a in f.required} <= given <= names


def _takes_whole_body(f: Function, single_object: bool) -> bool:
    """Prefer: params=single-object with one json/jsonb argument, or one unnamed json/jsonb argument."""
    inputs = f.inputs
    return len(inputs) == 1 and inputs[0].type in JSON_TYPES and (single_object or inputs[0].name == "")


def _signature(f: Function) -> str:
    return f"public.{f.name}({', '.join(f'{a.name} => {a.type}' for a in f.inputs)})"


def column(table: Table, name: str) -> Column:
    """The column a request names, or PostgREST's error for an unknown one."""
    try:
        return table.columns[name]
    except KeyError:
        raise UnknownColumn(f"Column '{name}' does not exist in '{table.name}'.",
                            hint=f"Columns: {', '.join(table.columns)}.") from None
