"""The one place that sets the tenant context of a transaction.

Behind a pool a session-level SET would leak into the next request, so the role
and the JWT claims are set with set_config(..., true): they live exactly as long
as the transaction.

Twins: `tenant_transaction` for threads (sync psycopg), and `tenant_read`, the event
loop's read in one round trip (the /rest/v1 reads, on the API's AsyncConnectionPool).
Both share the context statement and its parameters, the statement timeout of the request's kind, the
tenant's connection slots (vital.db.budget) and the error translation (vital.db.errors).
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator, Sequence, Union

import psycopg
from psycopg import AsyncClientCursor, sql
from psycopg.pq import TransactionStatus
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from vital.db import budget
from vital.db.spans import transaction_span
from vital.db.errors import translate
from vital.db.queries import Queries

if TYPE_CHECKING:  # vital.tenancy builds on this module, not the other way round
    from vital.tenancy.caller import Caller

SQL = Queries(__name__)

ROLES = ("anon", "authenticated", "service_role")

# Where a caller's transactions run: a pool for work that outlives one transaction
# (workflow runs commit step by step), or one connection for one-shot work.
Source = Union[ConnectionPool, psycopg.Connection]


def context_parameters(caller: Caller, read_only: bool) -> dict:
    """The context statement's values: the caller's role and claims (the Caller checked its role), the
    statement timeout of the request's kind (vital.db.budget; none set: the connection's), read-only."""
    timeout = budget.current().statement_timeout_ms
    return {"role": caller.role, "claims": json.dumps(caller.claims),
            "timeout": None if timeout is None else str(timeout), "read_only": read_only}


def apply_context(conn: psycopg.Connection, caller: Caller, *, read_only: bool = False) -> None:
    """Switch the current transaction to the caller's role and tenant, in one statement."""
    conn.execute(SQL("tenant.context"), context_parameters(caller, read_only), prepare=False)


@contextmanager
def tenant_transaction(source: Source, caller: Caller, *, read_only: bool = False) -> Iterator[psycopg.Connection]:
    """One transaction as the caller's role and tenant; commits on success, rolls back on error.
    From the pool, only within the tenant's connection slots (vital.db.budget)."""
    with transaction_span(caller, read_only=read_only), translate():  # a span only when traced (db/spans.py)
        if isinstance(source, ConnectionPool):
            with budget.current().connection(), source.connection() as conn, conn.transaction():
                apply_context(conn, caller, read_only=read_only)
                yield conn
        else:
            with source.transaction():
                apply_context(source, caller, read_only=read_only)
                yield source


KEPT_CONTEXTS = 1024
_contexts: dict[tuple, str] = {}  # the context statement with its values bound, by those values
_contexts_lock = threading.Lock()


def _context_text(cursor: AsyncClientCursor, caller: Caller) -> str:
    """tenant_read's context statement, values bound (psycopg's literals cost ~5 % of a read's CPU): kept by
    the values themselves (role, claims, timeout), so a text is only ever reused for the same context."""
    values = context_parameters(caller, True)
    key = tuple(values.values())
    text = _contexts.get(key)
    if text is None:
        text = cursor.mogrify(SQL("tenant.context"), values)
        with _contexts_lock:  # the event loops of several apps (tests) may share this module
            if len(_contexts) >= KEPT_CONTEXTS:
                _contexts.pop(next(iter(_contexts)))  # the oldest
            _contexts[key] = text
    return text


async def tenant_read(pool: AsyncConnectionPool, caller: Caller,
                      statements: Sequence[tuple[sql.Composable | str, dict[str, Any]]]) -> list[tuple | None]:
    """Read-only statements as the caller, on the event loop, in ONE round trip: BEGIN, the context
    (read-only, the request's statement timeout), the statements and COMMIT go as one simple-protocol
    message (PostgreSQL runs them in order and stops at the first error). The values are bound on the
    client by psycopg's literal quoting (its ClientCursor), as the protocol takes no parameters there.
    Returns each statement's first row. Async psycopg pays ~50 µs of CPU per round trip on the event
    loop: four of them (BEGIN, context, read, COMMIT) cost more than the thread hop they replace."""
    with transaction_span(caller, read_only=True), translate():
        async with budget.current().aconnection(), pool.connection() as conn:
            cursor = AsyncClientCursor(conn)
            message = ";\n".join([SQL("tenant.begin"), _context_text(cursor, caller),
                                  *(cursor.mogrify(query, params) for query, params in statements),
                                  SQL("tenant.commit")])
            try:
                await cursor.execute(message)
            except psycopg.Error:
                if conn.info.transaction_status == TransactionStatus.INERROR:
                    await conn.execute(SQL("tenant.rollback"))
                raise
            cursor.nextset()  # BEGIN's, then the context's result
            rows = []
            for _ in statements:
                cursor.nextset()
                rows.append(await cursor.fetchone())
            return rows
