"""The queue as operators see it: Procrastinate's jobs by task and status (`vital db jobs`)."""

from __future__ import annotations

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many

SQL = Queries(__name__)


def summary(conn: psycopg.Connection) -> list[dict]:
    """task, status, jobs, most_attempts: one row per task and status (an owner's connection)."""
    return many(conn, SQL("queue.summary"))
