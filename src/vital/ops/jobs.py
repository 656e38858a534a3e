"""Ingestion jobs left `running` by a process that died: listed, and marked failed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row

from vital.db.queries import Queries
from vital.ops.catalog import require_bypass

SQL = Queries(__name__)


def running(conn: psycopg.Connection) -> list[dict[str, Any]]:
    require_bypass(conn, "Listing every tenant's jobs")
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(SQL("running_jobs")).fetchall()


def fail_stale(conn: psycopg.Connection, idle: timedelta) -> list[tuple]:
    """Mark failed the running jobs that have not moved for `idle`; returns (tenant, job, done, total)."""
    require_bypass(conn, "Failing stale jobs")
    return conn.execute(SQL("fail_stale_jobs"), {"idle": idle}).fetchall()
