"""The caller's tenant as the services see it: its tier (limits) and settings (model endpoint, overrides)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from vital.db.queries import Queries
from vital.db.rows import one

SQL = Queries(__name__)


@dataclass(frozen=True)
class TenantProfile:
    tier: str
    settings: dict[str, Any]


def tenant_profile(conn: psycopg.Connection) -> TenantProfile:
    """Read in the caller's transaction (RLS: its own tenant's row); no row reads as the free tier."""
    row = one(conn, SQL("tenant_profile"))
    return TenantProfile(row["tier"], row["settings"] or {}) if row else TenantProfile("free", {})
