"""What one request may use of the database: its statement timeout and its tenant's connection slots.

The HTTP layer (vital.api.fairness) sets a `Budget` for each request before any
service code runs; `vital.db.tenant.tenant_transaction` (and `tenant_read`, on the event loop) reads it.
Worker threads of the request see it because run_in_threadpool copies the context; work
outside a request (CLI, background threads) has no budget and runs as before.

`Slots` is a per-process count of the pooled connections each tenant holds, in
front of the pools: one tenant can hold at most its share, so the rest stays free
for the others. Worker threads and the event loop (the async reads of /rest/v1)
count in the same table: a thread waits on a condition, a coroutine on a future
that a release wakes, so a waiting read never blocks the event loop.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections import defaultdict
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import AsyncIterator, Hashable, Iterator

from vital.errors import VitalError


class Throttled(VitalError):
    """429: a per-tenant limit of fairness; says which and when to retry (Retry-After)."""

    code = "PGRST429"
    status = 429

    def __init__(self, message: str, *, retry_after: int, details: str | None = None, hint: str | None = None):
        super().__init__(message, details=details, hint=hint)
        self.retry_after = max(1, math.ceil(retry_after))


class Slots:
    """At most `limit(tenant)` connections per tenant at once, in this process."""

    def __init__(self, wait_seconds: float):
        self.wait_seconds = wait_seconds
        self._held: dict[Hashable, int] = defaultdict(int)
        self._free = threading.Condition()  # held for a few instructions at a time: the event loop may take it
        self._mine = threading.local()  # the slots this thread holds, by tenant: nested transactions reuse them
        # coroutines waiting for a slot, by tenant: a release wakes its own tenant's
        self._waiting: dict[Hashable, list[tuple[asyncio.AbstractEventLoop, asyncio.Future]]] = {}

    def held(self, tenant: Hashable) -> int:
        return self._held.get(tenant, 0)

    def holding(self) -> dict[Hashable, int]:
        """Slots held now, by tenant (the metrics read it)."""
        with self._free:
            return dict(self._held)

    @contextmanager
    def slot(self, tenant: Hashable, limit: int) -> Iterator[None]:
        mine = self._mine.__dict__.setdefault("depth", defaultdict(int))
        if mine[tenant]:  # a transaction inside one this thread already holds: same slot, no deadlock
            mine[tenant] += 1
            try:
                yield
            finally:
                mine[tenant] -= 1
            return
        with self._free:
            if not self._free.wait_for(lambda: self._held.get(tenant, 0) < limit, timeout=self.wait_seconds):
                raise _no_slot(limit)
            self._held[tenant] += 1
        mine[tenant] = 1
        try:
            yield
        finally:
            mine[tenant] = 0
            self._release(tenant)

    @asynccontextmanager
    async def aslot(self, tenant: Hashable, limit: int) -> AsyncIterator[None]:
        """The same slot from a coroutine: waits on a future, not on the condition (the event loop goes on).
        One per transaction: the async path opens no transaction inside another."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait_seconds
        while True:
            with self._free:
                if self._held.get(tenant, 0) < limit:
                    self._held[tenant] += 1
                    break
                woken = loop.create_future()
                self._waiting.setdefault(tenant, []).append((loop, woken))
            try:
                await asyncio.wait_for(woken, max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise _no_slot(limit) from None
            finally:
                with self._free:
                    waiting = self._waiting.get(tenant, [])
                    if (loop, woken) in waiting:
                        waiting.remove((loop, woken))
                    if not waiting:
                        self._waiting.pop(tenant, None)
        try:
            yield
        finally:
            self._release(tenant)

    def _release(self, tenant: Hashable) -> None:
        with self._free:
            self._held[tenant] -= 1
            if not self._held[tenant]:
                del self._held[tenant]
            self._free.notify_all()
            waiting = self._waiting.pop(tenant, ())
        for loop, woken in waiting:  # each tries again; whoever finds the slot taken waits anew
            if loop.is_closed():
                continue
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is loop:
                _wake(woken)
            else:
                loop.call_soon_threadsafe(_wake, woken)


def _wake(woken: asyncio.Future) -> None:
    if not woken.done():
        woken.set_result(None)


def _no_slot(limit: int) -> Throttled:
    return Throttled("This tenant holds all the database connections it may hold at once.",
                     retry_after=1, details=f"limit=db_connections; allowed={limit}",
                     hint="Send fewer requests at the same time, or move the tenant to a higher tier.")


@dataclass
class Budget:
    """One request's: statement timeout (ms, None: the connection's) and its tenant's slots (None: no gate)."""
    statement_timeout_ms: int | None = None
    slots: Slots | None = None
    tenant: Hashable | None = None
    connections: int = 0
    timed_out: bool = False  # a statement of the request ran into its timeout (vital.db.errors)

    @contextmanager
    def connection(self) -> Iterator[None]:
        if self.slots is None or self.tenant is None:
            yield
            return
        with self.slots.slot(self.tenant, self.connections):
            yield

    @asynccontextmanager
    async def aconnection(self) -> AsyncIterator[None]:
        if self.slots is None or self.tenant is None:
            yield
            return
        async with self.slots.aslot(self.tenant, self.connections):
            yield


BUDGET: ContextVar[Budget | None] = ContextVar("vital_db_budget", default=None)


def current() -> Budget:
    return BUDGET.get() or Budget()
