"""Who the services act for: a connection source and the caller's JWT claims."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import psycopg
from psycopg_pool import ConnectionPool

from vital.db.tenant import tenant_transaction
from vital.db.queries import Queries
from vital.db.rows import one

SQL = Queries(__name__)


@dataclass(frozen=True)
class Scope:
    """A tenant's caller. Every transaction opened here runs with its role and tenant.

    `source` is a pool for anything that outlives one transaction (workflow runs,
    whose checkpoints are committed step by step); a single connection is enough
    for one-shot work.
    """

    source: ConnectionPool | psycopg.Connection
    claims: dict[str, Any]

    @property
    def tenant_id(self) -> str:
        meta = self.claims.get("app_metadata")
        return str(self.claims.get("tenant_id") or (meta or {}).get("tenant_id"))

    @property
    def user_id(self) -> str | None:
        sub = self.claims.get("sub")
        return str(sub) if sub else None

    @contextmanager
    def tx(self, *, read_only: bool = False) -> Iterator[psycopg.Connection]:
        with tenant_transaction(self.source, self.claims, read_only=read_only) as conn:
            yield conn


@dataclass(frozen=True)
class TenantProfile:
    tier: str
    settings: dict[str, Any]


def tenant_profile(conn: psycopg.Connection) -> TenantProfile:
    row = one(conn, SQL("scope.tenant_profile"))
    return TenantProfile(row["tier"], row["settings"] or {}) if row else TenantProfile("free", {})
