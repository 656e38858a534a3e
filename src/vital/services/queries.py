"""The services' SQL, kept in .sql files under services/sql/ and read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from uuid import UUID

SQL_DIR = Path(__file__).parent / "sql"


@cache
def q(name: str) -> str:
    """The text of services/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text()


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
