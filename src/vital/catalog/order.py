"""The dependency order of the tables: parents before children, over the foreign keys."""

from __future__ import annotations

from graphlib import TopologicalSorter
from typing import Iterable

from vital.catalog.model import Table


def dependency_order(tables: Iterable[Table]) -> list[Table]:
    """The tables, every parent before its children; ties by name, so the order is stable.

    Self-references are left out of the graph: a table's rows go in or out in one
    statement. References to tables outside `tables` (auth.users) do not order them."""
    by_name = {t.display: t for t in tables}
    graph = TopologicalSorter({
        name: {fk.parent for fk in t.foreign_keys if fk.parent in by_name and fk.parent != name}
        for name, t in by_name.items()})
    graph.prepare()
    order: list[Table] = []
    while graph.is_active():
        ready = sorted(graph.get_ready())
        order += [by_name[name] for name in ready]
        graph.done(*ready)
    return order
