"""Requests per minute shared by every API process, counted in PostgreSQL in batches.

A round trip to the shared counter (vital.auth.limiter) on every request would
cost about as much as the request itself, so each process counts locally and
adds its count to the shared window in one statement every `batch` requests or
every `sync_seconds`, whichever comes first. Between syncs a process decides
from the last shared count plus its own unsent hits. A small limit (under 50 a
minute) gets a batch of 1: every request syncs first and is exact across
processes; a large one may overshoot by at most a batch (2 %) per process.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from psycopg_pool import ConnectionPool

from vital.auth.limiter import Limiter
from vital.errors import VitalError

log = logging.getLogger("vital.api.rates")

WINDOW = timedelta(minutes=1)


@dataclass
class _Count:
    shared: int = 0           # the window's count across processes, as of the last sync
    pending: int = 0          # this process's hits not yet added to it
    window_end: float = 0.0   # time.monotonic() when the shared window ends
    synced_at: float = 0.0
    syncing: bool = False


class SharedRate:
    """At most `limit` requests of a key per minute across processes (a bucket of vital.rate_counters)."""

    def __init__(self, pool: ConnectionPool, bucket: str, *, sync_seconds: float = 1.0):
        self.limiter = Limiter(pool, bucket, limit=0, window=WINDOW)  # the limit is per key: compared here
        self.sync_seconds = sync_seconds
        self._counts: dict[str, _Count] = {}
        self._lock = threading.Lock()

    def take(self, key: str, limit: int) -> tuple[str, float | int]:
        """One request: ("refuse", seconds to wait), ("sync", hits to send first) or ("ok", 0)."""
        now = time.monotonic()
        with self._lock:
            count = self._counts.setdefault(key, _Count())
            if count.window_end <= now:
                count.shared = 0
            if count.shared + count.pending >= limit:
                return "refuse", max(1.0, count.window_end - now)
            count.pending += 1
            due = count.pending >= max(1, limit // 50) or now - count.synced_at >= self.sync_seconds
            if due and not count.syncing:
                count.syncing, amount, count.pending = True, count.pending, 0
                return "sync", amount
            return "ok", 0

    def sync(self, key: str, amount: int, limit: int) -> float | None:
        """Adds `amount` hits to the shared window (a worker thread); the seconds to wait when it is now over."""
        try:
            window = self.limiter.hits(key, amount)
        except VitalError as exc:  # the counter is unreachable: serve (the pool's own limits still hold)
            log.warning("rate counter not updated: %s", exc)
            with self._lock:
                count = self._counts[key]
                count.pending, count.syncing = count.pending + amount, False
            return None
        left = max(0.0, (window.window_end - datetime.now(timezone.utc)).total_seconds())
        now = time.monotonic()
        with self._lock:
            count = self._counts[key]
            count.shared, count.window_end, count.synced_at, count.syncing = window.hits, now + left, now, False
            if len(self._counts) > 50_000:  # forget the windows that are over
                for stale in [k for k, c in self._counts.items() if c.window_end <= now and not c.pending]:
                    del self._counts[stale]
        return max(1.0, left) if window.hits > limit else None
