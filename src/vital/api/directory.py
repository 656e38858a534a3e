"""Who is behind a subdomain or an API key, asked before any tenant context exists.

The answers come from SECURITY DEFINER functions (migration api_access) that
the API's login role may execute (the tenant through vital.tenancy.find_tenant,
Rule.SERVING); they are remembered for a few seconds so that most requests never
ask. A suspended tenant or a revoked key is refused at the latest that many
seconds later.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable
from uuid import UUID

from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.errors import NotFound
from vital.tenancy import Rule, Tenant, find_tenant

SQL = Queries(__name__)
MAX_ENTRIES = 10_000  # random Host headers must not grow the cache without bound
_MISS = object()


@dataclass(frozen=True)
class ApiKey:
    key_id: UUID
    scopes: list[str]
    created_by: UUID | None = None  # the member the key acts for (None: seeded or operator-made)


class Directory:
    def __init__(self, pool: ConnectionPool, ttl: float):
        self._pool = pool
        self._ttl = ttl
        self._cache: dict[tuple, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def peek(self, key: tuple) -> Any:
        """The remembered answer, or the MISS sentinel (see `missed`)."""
        with self._lock:
            entry = self._cache.get(key)
        if entry is None or entry[0] < time.monotonic():
            return _MISS
        return entry[1]

    @staticmethod
    def missed(value: Any) -> bool:
        return value is _MISS

    def tenant(self, subdomain: str) -> Tenant | None:
        """The tenant served at the subdomain (Rule.SERVING), or None: unknown, suspended and deleted alike."""
        def ask() -> Tenant | None:
            with translate(), self._pool.connection() as conn:
                try:
                    return find_tenant(conn, subdomain, rule=Rule.SERVING)
                except NotFound:
                    return None
        return self._remember(("tenant", subdomain), ask)

    def api_key(self, tenant_id: UUID, prefix: str, key_hash: str) -> ApiKey | None:
        def ask() -> ApiKey | None:
            with translate(), self._pool.connection() as conn, conn.cursor(row_factory=class_row(ApiKey)) as cur:
                return cur.execute(SQL("api_key"), {"tenant_id": tenant_id, "prefix": prefix,
                                                    "key_hash": key_hash}).fetchone()
        return self._remember(("api_key", tenant_id, prefix, key_hash), ask)

    def _remember(self, key: tuple, ask: Callable[[], Any]) -> Any:
        value = self.peek(key)
        if value is not _MISS:
            return value
        value = ask()
        if self._ttl > 0:
            with self._lock:
                if len(self._cache) >= MAX_ENTRIES:
                    self._cache.clear()
                self._cache[key] = (time.monotonic() + self._ttl, value)
        return value
