"""Named SQL statements from src/vital/knowledge/sql/*.sql.

A file holds several statements, each introduced by a line `-- name: <name>`;
`query("search.fulltext")` returns the text of `fulltext` in search.sql, without
its comment lines.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from psycopg import sql

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.M)


@functools.cache
def _file(stem: str) -> dict[str, str]:
    text = resources.files("vital.knowledge").joinpath("sql", f"{stem}.sql").read_text()
    parts = _NAME.split(text)
    names = parts[1::2]
    if len(names) != len(set(names)):
        raise ValueError(f"sql/{stem}.sql names a statement twice")
    return {name: _code(body) for name, body in zip(names, parts[2::2])}


def _code(body: str) -> str:
    # Comments are for readers of the .sql file; dropping them keeps `%` and `{}` in them harmless.
    lines = [line for line in body.splitlines() if not line.lstrip().startswith("--")]
    return "\n".join(lines).strip().rstrip(";")


def query(name: str) -> str:
    stem, _, key = name.partition(".")
    return _file(stem)[key]


def composed(name: str, **parts: sql.Composable) -> sql.Composed:
    """A statement with identifiers or literals inlined where the planner must see them ({model}, ...)."""
    return sql.SQL(query(name)).format(**parts)
