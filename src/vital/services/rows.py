"""Rows by name: a statement's result as dicts (psycopg's `dict_row`), and JSON-ready copies of them.

Services read columns by the names their `.sql` files give them, never by
position; a connection's own row factory is left alone (knowledge's search
shares the transaction).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row


def one(conn: psycopg.Connection, query: Any, params: dict | None = None) -> dict | None:
    """The first row of a statement, by column name (None when there is none)."""
    return conn.cursor(row_factory=dict_row).execute(query, params).fetchone()


def many(conn: psycopg.Connection, query: Any, params: dict | None = None) -> list[dict]:
    """Every row of a statement, by column name."""
    return conn.cursor(row_factory=dict_row).execute(query, params).fetchall()


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
