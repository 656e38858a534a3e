"""Rows by name: a statement's result as dicts (psycopg's `dict_row`) or dataclasses (`class_row`),
and JSON-ready copies of them.

Code reads columns by the names its `.sql` files give them, never by position.
Each call opens a cursor with its own row factory, so a connection's factory is
left alone (knowledge's search and the services share one transaction).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import RowFactory, dict_row


def one(conn: psycopg.Connection, query: Any, params: dict | None = None, *,
        row_factory: RowFactory = dict_row, prepare: bool | None = None) -> Any:
    """The first row of a statement, by column name (None when there is none)."""
    return conn.cursor(row_factory=row_factory).execute(query, params, prepare=prepare).fetchone()


def many(conn: psycopg.Connection, query: Any, params: dict | None = None, *,
         row_factory: RowFactory = dict_row, prepare: bool | None = None) -> list:
    """Every row of a statement, by column name."""
    return conn.cursor(row_factory=row_factory).execute(query, params, prepare=prepare).fetchall()


def plain(row: dict) -> dict:
    """A row made JSON-ready: uuids as text, dates and times in ISO 8601."""
    out = {}
    for key, value in row.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, UUID):
            value = str(value)
        out[key] = value
    return out
