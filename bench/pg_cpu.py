"""CPU seconds of a local PostgreSQL server's processes, by who they serve.

A thread samples the postmaster's children twice a second and names each by
pg_stat_activity (its role and application name, or its backend type: autovacuum,
checkpointer); `take()` returns what each group used since the last take. A
backend that appeared between two samples counts whole (it started in the
interval); one that ended loses at most its last half second.
"""

from __future__ import annotations

import threading
from collections import Counter

import psutil
import psycopg

GROUPS = """
SELECT pid, coalesce(nullif(usename, '') || ' ', '') ||
       coalesce(nullif(application_name, ''), backend_type) AS name
  FROM pg_stat_activity
"""


class DatabaseCpu:
    def __init__(self, url: str, postmaster: int, every: float = 0.5):
        self.url, self.postmaster, self.every = url, postmaster, every
        self.used: Counter = Counter()
        self._last: dict[int, float] = {}
        self._names: dict[int, str] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="pg-cpu", daemon=True)

    def __enter__(self) -> DatabaseCpu:
        self._sample(first=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)

    def take(self) -> dict[str, float]:
        """CPU seconds per group since the last take (or the start)."""
        self._sample()
        with self._lock:
            used, self.used = self.used, Counter()
        return {name: round(s, 1) for name, s in used.most_common() if s >= 0.05}

    def _run(self) -> None:
        with psycopg.connect(self.url, autocommit=True, application_name="bench pg-cpu") as conn:
            while not self._stop.wait(self.every):
                try:
                    self._names.update({r[0]: r[1] for r in conn.execute(GROUPS).fetchall()})
                    self._sample()
                except (psycopg.Error, psutil.Error):
                    return

    def _sample(self, first: bool = False) -> None:
        with self._lock:  # the thread's samples and take()'s, one at a time: each delta from the one before
            try:
                children = psutil.Process(self.postmaster).children()
            except psutil.NoSuchProcess:
                return
            seen: dict[int, float] = {}
            for p in children:
                try:
                    t = p.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                seen[p.pid] = t.user + t.system
            if not first:
                for pid, total in seen.items():
                    name = self._names.get(pid, "(not yet named)")
                    self.used[name] += total - self._last.get(pid, 0.0)
            self._last = seen
