"""The one way to load SQL: named statements in `.sql` files beside the module that runs them.

A module keeps its statements in a `sql/` folder next to it and makes one registry:

    SQL = Queries(__name__)            # reads <this module's package>/sql/
    conn.execute(SQL("panel_get"), {...})          # the whole of sql/panel_get.sql
    conn.execute(SQL("search.fulltext"), {...})    # statement `fulltext` of sql/search.sql

A file is either one statement, or several, each introduced by a line
`-- name: <name>`. Comment lines are dropped (so `%` and `{}` in them are harmless)
and a trailing semicolon is removed. Files are read once per process.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from psycopg import sql

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.M)


class Queries:
    """The named statements of one `sql/` folder."""

    def __init__(self, module: str, folder: str = "sql") -> None:
        package = module if _is_package(module) else module.rpartition(".")[0]
        self._root = resources.files(package).joinpath(folder)
        self._where = f"{package.replace('.', '/')}/{folder}"

    def __call__(self, name: str) -> str:
        stem, _, key = name.partition(".")
        statements = self._file(stem)
        if not key:
            if None not in statements:
                raise KeyError(f"{self._where}/{stem}.sql holds named statements; ask for '{stem}.<name>'")
            return statements[None]
        try:
            return statements[key]
        except KeyError:
            raise KeyError(f"{self._where}/{stem}.sql has no statement '{key}'") from None

    def composed(self, name: str, **parts: sql.Composable) -> sql.Composed:
        """A statement with identifiers or literals inlined where the planner must see them ({model}, ...)."""
        from psycopg import sql  # not at import: the CLI loads this module for `vital --help`

        return sql.SQL(self(name)).format(**parts)

    def script(self, stem: str) -> str:
        """A whole file as written, for scripts run as one (comments kept)."""
        return self._root.joinpath(f"{stem}.sql").read_text()

    @functools.cache
    def _file(self, stem: str) -> dict[str | None, str]:
        path = self._root.joinpath(f"{stem}.sql")
        if not path.is_file():
            raise KeyError(f"no file {self._where}/{stem}.sql")
        parts = _NAME.split(path.read_text())
        if len(parts) == 1:
            return {None: _code(parts[0])}
        names = parts[1::2]
        if len(names) != len(set(names)):
            raise ValueError(f"{self._where}/{stem}.sql names a statement twice")
        return {name: _code(body) for name, body in zip(names, parts[2::2])}


def _is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return spec is not None and spec.submodule_search_locations is not None


def _code(body: str) -> str:
    lines = [line for line in body.splitlines() if not line.lstrip().startswith("--")]
    return "\n".join(lines).strip().rstrip(";").strip()
