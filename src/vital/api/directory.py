"""Who is behind a subdomain or an API key, asked before any tenant context exists.

The answers come from SECURITY DEFINER functions (migration api_access) that
the API's login role may execute (the tenant through vital.tenancy.find_tenant,
Rule.SERVING); they are remembered for a few seconds so that most requests never
ask. A suspended tenant or a revoked key is refused at the latest that many
seconds later.

Both caches are bounded and evict the least recently used entry. Answers of "no
such tenant / key" are remembered too, in a cache of their own: repeated misses
cost no query, and a flood of random Host headers evicts only other misses,
never the entries of the tenants being served.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
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
MAX_ENTRIES = 10_000  # tenants and keys found
MAX_UNKNOWN = 10_000  # hosts and keys not found
_MISS = object()


class Lru:
    """At most `size` entries, each until its expiry; the least recently used goes first. Not thread-safe."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()

    def get(self, key: tuple, now: float) -> Any:
        entry = self._entries.get(key)
        if entry is None:
            return _MISS
        if entry[0] < now:
            del self._entries[key]
            return _MISS
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: tuple, value: Any, expires: float) -> None:
        self._entries[key] = (expires, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: tuple) -> bool:
        return key in self._entries


@dataclass(frozen=True)
class ApiKey:
    key_id: UUID
    scopes: list[str]
    created_by: UUID | None = None  # the member the key acts for (None: seeded or operator-made)


class Directory:
    def __init__(self, pool: ConnectionPool, ttl: float, *, size: int = MAX_ENTRIES, unknown: int = MAX_UNKNOWN):
        self._pool = pool
        self._ttl = ttl
        self.found, self.unknown = Lru(size), Lru(unknown)
        self._lock = threading.Lock()

    def peek(self, key: tuple) -> Any:
        """The remembered answer (None: remembered as unknown), or the MISS sentinel (see `missed`)."""
        now = time.monotonic()
        with self._lock:
            value = self.found.get(key, now)
            return self.unknown.get(key, now) if value is _MISS else value

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
                (self.unknown if value is None else self.found).put(key, value, time.monotonic() + self._ttl)
        return value
