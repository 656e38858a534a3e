"""`vital db completeness`: agents, personas, JTBDs and opportunities whose profiles fall short."""

from __future__ import annotations

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many

SQL = Queries(__name__)


def gaps(conn: psycopg.Connection, tenant: str | None = None) -> list[dict]:
    """Every gap (kind, object, problem, ...), of one tenant's subdomain or of all; runs as the caller."""
    return many(conn, SQL("completeness"), {"tenant": tenant})
