"""Who is behind a subdomain or an API key, asked before any tenant context exists.

The answers come from SECURITY DEFINER functions (migration api_access) that
the API's login role may execute; they are remembered for a few seconds so that
most requests never ask. A suspended tenant or a revoked key is refused at the
latest that many seconds later.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from uuid import UUID

from psycopg_pool import ConnectionPool

from vital.db.errors import translate

SQL_DIR = Path(__file__).parent / "sql"
TENANT_SQL = (SQL_DIR / "tenant_id.sql").read_text()
API_KEY_SQL = (SQL_DIR / "api_key.sql").read_text()
MAX_ENTRIES = 10_000  # random Host headers must not grow the cache without bound
_MISS = object()


@dataclass(frozen=True)
class ApiKey:
    id: UUID
    scopes: tuple[str, ...]


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

    def tenant_id(self, subdomain: str) -> UUID | None:
        return self._remember(("tenant", subdomain), lambda: self._one(TENANT_SQL, {"subdomain": subdomain}))

    def api_key(self, tenant_id: UUID, prefix: str, key_hash: str) -> ApiKey | None:
        def ask() -> ApiKey | None:
            row = self._row(API_KEY_SQL, {"tenant_id": tenant_id, "prefix": prefix, "key_hash": key_hash})
            return ApiKey(row[0], tuple(row[1])) if row else None
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

    def _row(self, query: str, params: dict) -> tuple | None:
        with translate(), self._pool.connection() as conn:
            return conn.execute(query, params).fetchone()

    def _one(self, query: str, params: dict) -> Any:
        row = self._row(query, params)
        return row[0] if row else None
