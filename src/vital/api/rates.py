"""Requests per minute shared by every API process: counted in memory, flushed to PostgreSQL.

The request path decides in memory only: a key's last flushed count across all
processes plus this process's hits since. One background thread per process
(`RateFlusher`) adds those hits to the shared fixed windows (vital.rate_counters,
the sign-in limiter's table) and reads back every live key's count, in one
statement per bucket, about once a second. The price: between two flushes a
process does not see the others' new hits, so N processes may together admit up
to N times what was left of a window in that second (docs/fairness.md).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from psycopg_pool import ConnectionPool

from vital.auth.limiter import key_hash
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import many
from vital.errors import VitalError

SQL = Queries(__name__)
log = logging.getLogger("vital.api.rates")

WINDOW = timedelta(minutes=1)


@dataclass
class _Count:
    shared: int = 0           # the window's count across processes, as of the last flush
    sending: int = 0          # this process's hits in the flush under way
    pending: int = 0          # this process's hits since
    window_end: float = 0.0   # time.monotonic() when the window ends (a local guess until the first flush)


class SharedRate:
    """At most `limit` requests of a key per minute across processes (one bucket of vital.rate_counters)."""

    def __init__(self, bucket: str):
        self.bucket = bucket
        self._counts: dict[str, _Count] = {}
        self._lock = threading.Lock()

    def take(self, key: str, limit: int) -> float | None:
        """One request of `key`: None when admitted (counted), else the seconds until its window ends."""
        now = time.monotonic()
        with self._lock:
            count = self._counts.get(key)
            if count is None:
                count = self._counts[key] = _Count()
            if count.window_end <= now:  # over: the next flush starts the shared window anew
                count.shared, count.window_end = 0, now + WINDOW.total_seconds()
            if count.shared + count.sending + count.pending >= limit:
                return max(1.0, count.window_end - now)
            count.pending += 1
            return None

    def flush(self, pool: ConnectionPool) -> None:
        """Adds this process's hits to the shared windows and reads back every live key's count."""
        now = time.monotonic()
        with self._lock:
            for key in [k for k, c in self._counts.items() if c.window_end <= now and not c.pending]:
                del self._counts[key]  # a window over with nothing to send: forgotten
            batch = {key: count.pending for key, count in self._counts.items()}
            for key, count in self._counts.items():
                count.sending, count.pending = count.pending, 0
        if not batch:
            return
        hashes = {key_hash(key): key for key in batch}
        try:
            with translate(), pool.connection() as conn:
                rows = many(conn, SQL("rates.add"), {"bucket": self.bucket, "key_hashes": list(hashes),
                                                     "amounts": [batch[k] for k in hashes.values()],
                                                     "window": WINDOW})
        except VitalError as exc:  # unreachable: keep counting locally (the pool's own limits still hold)
            log.warning("rate counters not flushed: %s", exc)
            with self._lock:
                for key in batch:
                    if count := self._counts.get(key):
                        count.pending, count.sending = count.pending + count.sending, 0
            return
        now, wall = time.monotonic(), datetime.now(timezone.utc)
        with self._lock:
            for row in rows:
                if count := self._counts.get(hashes[row["key_hash"]]):
                    count.shared, count.sending = row["hits"], 0
                    count.window_end = now + max(0.0, (row["window_end"] - wall).total_seconds())


class RateFlusher:
    """One background thread per process: flushes its rates every `seconds` until stopped."""

    def __init__(self, pool: ConnectionPool, rates: list[SharedRate], seconds: float = 1.0):
        self.pool, self.rates, self.seconds = pool, rates, seconds
        self.flushes = 0  # completed rounds (tests wait on `flushed`)
        self._stop = threading.Event()
        self._flushed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="vital-rate-flusher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stops the thread after one last flush (a process's last hits still count)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def flushed(self, timeout: float = 10.0) -> bool:
        """Waits until a round that starts after this call has completed."""
        with self._flushed:
            target = self.flushes + 2  # the round under way may have read its batch already
            return self._flushed.wait_for(lambda: self.flushes >= target, timeout)

    def _run(self) -> None:
        while True:
            stopping = self._stop.wait(self.seconds)
            for rate in self.rates:
                try:
                    rate.flush(self.pool)
                except Exception:  # never let the thread die: the next round tries again
                    log.exception("rate flush failed")
            with self._flushed:
                self.flushes += 1
                self._flushed.notify_all()
            if stopping:
                return
