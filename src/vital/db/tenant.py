"""The one place that sets the tenant context of a transaction.

Behind a pool a session-level SET would leak into the next request, so the role
and the JWT claims are set with set_config(..., true): they live exactly as long
as the transaction.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any, Iterator
from uuid import UUID

import psycopg
from psycopg_pool import ConnectionPool

from vital.db.errors import translate

ROLES = ("anon", "authenticated", "service_role")


def claims_for(tenant_id: UUID | str | None, user_id: UUID | str | None = None,
               role: str = "authenticated", **extra: Any) -> dict[str, Any]:
    """Supabase-shaped claims for a tenant's user."""
    claims: dict[str, Any] = {"role": role, "aud": "authenticated", **extra}
    if tenant_id is not None:
        claims["tenant_id"] = str(tenant_id)
    if user_id is not None:
        claims["sub"] = str(user_id)
    return claims


def apply_context(conn: psycopg.Connection, claims: dict[str, Any], *, read_only: bool = False) -> None:
    """Switch the current transaction to the claims' role and tenant."""
    role = claims.get("role", "anon")
    if role not in ROLES:
        raise ValueError(f"unknown database role {role!r}")
    if read_only:
        conn.execute("SET TRANSACTION READ ONLY")
    conn.execute(
        "SELECT set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
        (role, json.dumps(claims)),
        prepare=False,
    )


@contextmanager
def tenant_transaction(source: ConnectionPool | psycopg.Connection, claims: dict[str, Any], *,
                       read_only: bool = False) -> Iterator[psycopg.Connection]:
    """One transaction as the claims' role and tenant; commits on success, rolls back on error."""
    with translate():
        if isinstance(source, ConnectionPool):
            with source.connection() as conn, conn.transaction():
                apply_context(conn, claims, read_only=read_only)
                yield conn
        else:
            with source.transaction():
                apply_context(source, claims, read_only=read_only)
                yield source
