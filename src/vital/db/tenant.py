"""The one place that sets the tenant context of a transaction.

Behind a pool a session-level SET would leak into the next request, so the role
and the JWT claims are set with set_config(..., true): they live exactly as long
as the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Union

import psycopg
from psycopg_pool import ConnectionPool

from vital.db.errors import translate

if TYPE_CHECKING:  # vital.tenancy builds on this module, not the other way round
    from vital.tenancy.caller import Caller

ROLES = ("anon", "authenticated", "service_role")

# Who a transaction runs as: a vital.tenancy.Caller, or raw claims where they are all
# there is (services.scope.Scope still carries the claims of the API's Caller).
Who = Union["Caller", Mapping[str, Any]]


def claims_of(who: Who) -> dict[str, Any]:
    return dict(who) if isinstance(who, Mapping) else who.claims


def apply_context(conn: psycopg.Connection, who: Who, *, read_only: bool = False) -> None:
    """Switch the current transaction to the caller's role and tenant."""
    claims = claims_of(who)
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
def tenant_transaction(source: ConnectionPool | psycopg.Connection, who: Who, *,
                       read_only: bool = False) -> Iterator[psycopg.Connection]:
    """One transaction as the caller's role and tenant; commits on success, rolls back on error."""
    with translate():
        if isinstance(source, ConnectionPool):
            with source.connection() as conn, conn.transaction():
                apply_context(conn, who, read_only=read_only)
                yield conn
        else:
            with source.transaction():
                apply_context(source, who, read_only=read_only)
                yield source
