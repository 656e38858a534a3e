"""Seed data files: JSON, one per domain, inserted by one generic loader.

A file is `{"about": "...", "tables": [{"table": "public.personas", "rows": [{column: value}, ...]}, ...]}`;
blocks run in file order (parents before children). A value goes in as its column's type
(objects and arrays into jsonb, arrays into SQL arrays). A uuid column takes `"@platform"`
(the platform tenant), `"@personas/platform/medical-writer"` (`vital.seed_uuid('personas',
'platform', 'medical-writer')`: the parts joined by `/`) or a literal uuid. Every insert is
ON CONFLICT DO NOTHING, so loading twice changes nothing. docs/schema-conventions.md has more.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from vital.db.queries import Queries

SQL = Queries(__name__)


def load(conn: psycopg.Connection, path: Path) -> int:
    """Insert every block of one data file; the number of rows offered (not all are new)."""
    data = json.loads(path.read_text())
    offered = 0
    for block in data["tables"]:
        types = _column_types(conn, block["table"])
        # Rows naming the same columns go in together; a run of other rows is its own statement.
        for columns, rows in groupby(block["rows"], key=lambda row: tuple(row)):
            rows = list(rows)
            unknown = [c for c in columns if c not in types]
            if unknown:
                raise KeyError(f"{path.name}: {block['table']} has no column {', '.join(unknown)}")
            conn.execute(_insert(block["table"], columns, types), {"rows": Jsonb(rows)}, prepare=False)
            offered += len(rows)
    return offered


def _column_types(conn: psycopg.Connection, table: str) -> dict[str, str]:
    with conn.cursor(row_factory=dict_row) as cur:
        return {r["name"]: r["type"] for r in cur.execute(SQL("seed_data.columns"), {"table": table})}


def _insert(table: str, columns: tuple[str, ...], types: dict[str, str]) -> sql.Composed:
    record, values = [], []
    for name in columns:
        column, kind = sql.Identifier(name), types[name]
        value = sql.SQL("r.{}").format(column)
        if kind == "uuid":
            kind, value = "text", SQL.composed("seed_data.ref", v=value)
        elif kind == "uuid[]":
            kind, value = "text[]", SQL.composed("seed_data.refs", v=value,
                                                   ref=SQL.composed("seed_data.ref", v=sql.SQL("u.e")))
        record.append(sql.SQL("{} {}").format(column, sql.SQL(kind)))
        values.append(value)
    schema, _, name = table.rpartition(".")
    return SQL.composed(
        "seed_data.insert",
        table=sql.Identifier(schema or "public", name),
        columns=sql.SQL(", ").join(map(sql.Identifier, columns)),
        values=sql.SQL(", ").join(values),
        record=sql.SQL(", ").join(record),
    )
