"""What every /rest/v1 statement is made of: the statement and its parameters, the context that
numbers parameters and aliases, the JSON rendering of rows, and the select-list helpers that
reads and function calls share (JSON paths, the GROUP BY of aggregates, embed names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg import sql

from vital.api.errors import ParseError
from vital.api.rest.params import Embed, Field, Path, Query
from vital.catalog import Table

RENDER = sql.SQL("SELECT coalesce(json_agg(_r), '[]')::text, count(*) FROM ({}) _r")


@dataclass
class Statement:
    query: sql.Composed
    params: dict[str, Any] = field(default_factory=dict)


class Context:
    """Parameters and table aliases of one statement under construction."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self._aliases = 0

    def param(self, value: Any) -> sql.Placeholder:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return sql.Placeholder(name)

    def alias(self) -> str:
        self._aliases += 1
        return f"t{self._aliases}"


def json_path(ref: sql.Composable, path) -> sql.Composable:
    """data->'a'->>'b' (an integer key indexes an array): keys are literals, quoted by psycopg, so that
    the same path in select and GROUP BY is the same expression."""
    for arrow, key in path:
        ref = sql.SQL("{}{}{}").format(ref, sql.SQL(arrow), sql.Literal(int(key) if key.lstrip("-").isdigit() else key))
    return ref


def group_by(table: Table, fields: tuple) -> sql.Composable:
    """PostgREST's aggregates: with an aggregate in select, the other selected columns group the rows
    (by their position in the select list)."""
    if any(isinstance(f, Embed) and f.spread for f in fields) and any(
            isinstance(f, Field) and f.aggregate for f in fields):
        raise ParseError("Aggregates cannot be combined with a spread (...rel()) in one select.",
                         hint="Aggregate in the spread's own table, or select the spread without aggregates.")
    plain = [f for f in fields if isinstance(f, Field) and not f.aggregate]
    if not any(isinstance(f, Field) and f.aggregate for f in fields) or not plain:
        return sql.SQL("")
    positions, n = [], 0
    for f in fields:
        width = len(table.columns) if isinstance(f, Field) and f.name == "*" else 1
        if isinstance(f, Field) and not f.aggregate:
            positions += range(n + 1, n + width + 1)
        n += width
    return sql.SQL(" GROUP BY ") + sql.SQL(", ").join(sql.Literal(p) for p in positions)


def embeds_named(q: Query) -> None:
    """Every embedded filter, order, limit or offset must name an embed of `select`."""
    paths: set[Path] = set()

    def walk(fields: tuple, path: Path) -> None:
        for f in fields:
            if isinstance(f, Embed):
                paths.add(path + (f.key,))
                walk(f.fields, path + (f.key,))

    walk(q.select, ())
    for path in {*q.where, *q.order, *q.limit, *q.offset} - paths - {()}:
        raise ParseError(f"'{'.'.join(path)}' is not an embedded resource of select=.",
                         hint="Filter an embed by its name or alias, e.g. select=*,agent_tools(*)&agent_tools.rank=eq.1")
