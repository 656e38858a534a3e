"""`Catalog`: every table and view of the live schema, by name, with the orders and
subsets that the API, operations and the schema docs ask for."""

from __future__ import annotations

from dataclasses import dataclass, field

from vital.catalog.model import ForeignKey, Function, Table
from vital.catalog.order import dependency_order
from vital.errors import NotFound


@dataclass(frozen=True)
class Catalog:
    tables: dict[str, Table]  # by display name (`agents`, `auth.users`), schema then name order
    functions: dict[str, tuple[Function, ...]] = field(default_factory=dict)  # by display name: its overloads
    _order: tuple[Table, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = dependency_order(t for t in self.tables.values() if t.is_public_table)
        object.__setattr__(self, "_order", tuple(ordered))

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise NotFound(f"No table '{name}' in the catalog.") from None

    def dependency_order(self) -> list[Table]:
        """The tables of schema public (no views), parents before children: the order rows go in."""
        return list(self._order)

    @property
    def foreign_keys(self) -> list[ForeignKey]:
        return [fk for t in self.tables.values() for fk in t.foreign_keys]

    @property
    def restorable_by_tenant(self) -> list[Table]:
        """The soft-deleting tables whose rows a tenant restores itself (see Table)."""
        return [t for t in self.tables.values() if t.restorable_by_tenant]
