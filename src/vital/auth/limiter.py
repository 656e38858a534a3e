"""Rate limits shared by every API process: fixed-window counters in PostgreSQL.

There is no store but PostgreSQL, so the counters live in `vital.rate_counters`,
reached through definer functions (the API role sees no table). Keys are hashed
before they leave the process: the table holds no e-mail or address.

- `Limiter`: hits of a key in a bucket per window; `over(key)` says when the
  threshold is reached and for how long (what a 429's Retry-After says).
- `Backoff`: a growing wait from the same counts (never a refusal), for when a
  lock-out would be a weapon (a victim's e-mail).

Sign-in uses both (vital.auth.sessions); anything else that must count across
processes (tenant fairness) makes its own `Limiter` with its own bucket.
"""

from __future__ import annotations

import hashlib
import math
from typing import NamedTuple
from datetime import datetime, timedelta, timezone

from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from vital.db.errors import translate
from vital.db.queries import Queries

SQL = Queries(__name__)


class Window(NamedTuple):
    """A key's count in its current window."""
    hits: int
    last_hit_at: datetime
    window_end: datetime

    def seconds_left(self, now: datetime | None = None) -> int:
        now = now or datetime.now(timezone.utc)
        return max(1, math.ceil((self.window_end - now).total_seconds()))


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Limiter:
    """At most `limit` hits of a key per `window` in one bucket."""

    def __init__(self, pool: ConnectionPool, bucket: str, *, limit: int, window: timedelta):
        self.pool, self.bucket, self.limit, self.window = pool, bucket, limit, window

    def hit(self, key: str) -> Window:
        return self._one("hit", key, window=self.window)

    def hits(self, key: str, amount: int) -> Window:
        """Counts `amount` hits in one round trip (a process's batch; vital.api.rates)."""
        return self._one("hits", key, window=self.window, amount=max(1, amount))

    def peek(self, key: str) -> Window | None:
        return self._one("peek", key)

    def over(self, key: str) -> Window | None:
        """The key's window when it has reached the limit (refuse until it ends), else None."""
        found = self.peek(key)
        return found if found is not None and found.hits >= self.limit else None

    def clear(self, key: str) -> None:
        with translate(), self.pool.connection() as conn:
            conn.execute(SQL("limiter.clear"), {"bucket": self.bucket, "key_hash": key_hash(key)})

    def _one(self, statement: str, key: str, **extra) -> Window | None:
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(Window)) as cur:
            return cur.execute(SQL(f"limiter.{statement}"),
                               {"bucket": self.bucket, "key_hash": key_hash(key), **extra}).fetchone()


class Backoff:
    """A wait that doubles with each hit of a key in its window: 0 for the first, then
    `base`, 2×base, ... up to `cap`. Callers wait it out; nobody is ever refused."""

    def __init__(self, limiter: Limiter, *, base: float, cap: float):
        self.limiter, self.base, self.cap = limiter, base, cap

    def attempt(self, key: str) -> float:
        """Counts one attempt and returns the seconds to wait before serving it."""
        hits = self.limiter.hit(key).hits
        return 0.0 if hits <= 1 else min(self.cap, self.base * 2 ** (hits - 2))

    def reset(self, key: str) -> None:
        self.limiter.clear(key)
