"""Fairness per tenant (docs/fairness.md): what one tenant may take of the shared API.

- `Tickets` (ASGI middleware): every request gets a ticket and a database budget
  (vital.db.budget) with the statement timeout of its kind; whatever the request
  took is given back when its response has been sent, streams included.
- `Fairness.admit` (from vital.api.auth.authenticate, once the caller is known):
  the tenant's and the key's request rate (all processes, decided in memory: vital.api.rates), the
  tenant's concurrent requests, and its database connection slots.
- `Fairness.stream`: an event stream trades its request place for a stream place
  (per tenant and per key), so long-lived streams do not count as requests.

Every refusal is a 429 with Retry-After (vital.db.budget.Throttled). Concurrency is
counted per API process (the event loop's own counters); rates in memory, flushed to
PostgreSQL by a background thread (vital.api.rates).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Callable
from uuid import UUID

from fastapi import Request
from psycopg_pool import ConnectionPool
from starlette.concurrency import run_in_threadpool

from vital.api.json_body import PARSE_ON_LOOP_BYTES
from vital.api.rates import RateFlusher, SharedRate
from vital.db.budget import BUDGET, Budget, Slots, Throttled
from vital.db.tenant import tenant_transaction
from vital.services import limits
from vital.settings import Settings
from vital.tenancy import Caller

QUOTA_SECONDS = 30.0  # a tier or override change reaches a running process within this
# Work that takes the CPU (parsing, embedding): few at once per tenant, so that one tenant's uploads
# cannot take every core from the others (bench/noisy_neighbour.py found them the costliest attack).
HEAVY_WORK = {("POST", "/api/v1/knowledge/documents"), ("POST", "/api/v1/knowledge/reembed")}
# Declared long work (ingestion, re-embedding, the audit export): api_long_statement_timeout_ms.
LONG_WORK = HEAVY_WORK | {("GET", "/api/v1/admin/audit")}
# Regular-expression filters (match, imatch, also inside or=/and=/not.): a backtracking pattern keeps
# a PostgreSQL backend on the CPU until the read timeout; a tenant's connection slots bound how many
# connections that takes, not how much of the cores (bench/noisy_neighbour.py: 8 of them on 2 cores).
REGEX_FILTER = b"match."
LARGE_BODY_BYTES = PARSE_ON_LOOP_BYTES  # a declared body this large is parsed in the thread pool: heavy work


def heavy_work(method: str, path: str, query_string: bytes, body_bytes: int = 0) -> bool:
    """Work that takes the CPU: uploads, re-embeds, table reads that filter by regular expression, and large
    bodies (parsing 637 KB of JSON is tens of milliseconds: vital.api.json_body)."""
    if (method, path.rstrip("/")) in HEAVY_WORK or body_bytes > LARGE_BODY_BYTES:
        return True
    return path.startswith("/rest/v1/") and REGEX_FILTER in query_string.lower()


def statement_timeout_ms(method: str, path: str, settings: Settings) -> int:
    """The statement timeout of a kind of request: short for table reads, long for declared long work."""
    if (method, path.rstrip("/")) in LONG_WORK:
        return settings.api_long_statement_timeout_ms
    if method in ("GET", "HEAD") and path.startswith("/rest/v1/"):
        return settings.api_read_statement_timeout_ms
    return settings.api_statement_timeout_ms


class Ticket:
    """One request's: its database budget and what to give back when it ends."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.quota: dict[str, int] | None = None
        self.tier: str | None = None  # the tenant's tier, for the metrics' labels
        self.caller: Caller | None = None
        self.streams = False  # holds its stream places
        self._returns: dict[str, Callable[[], None]] = {}

    def holds(self, name: str, give_back: Callable[[], None]) -> None:
        self._returns[name] = give_back

    def give_back(self, name: str | None = None) -> None:
        for key in [name] if name else list(self._returns):
            self._returns.pop(key, lambda: None)()


class Tickets:
    """ASGI middleware: a ticket per HTTP request, given back once the response is sent (or dropped)."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        ticket = Ticket(Budget(statement_timeout_ms(scope["method"], scope["path"], self.settings)))
        scope.setdefault("state", {})["ticket"] = ticket
        token = BUDGET.set(ticket.budget)
        try:
            await self.app(scope, receive, send)
        finally:
            ticket.give_back()
            BUDGET.reset(token)


def credential(caller: Caller) -> str:
    """Who within the tenant: the API key, else the user."""
    return f"key:{caller.key_id}" if caller.key_id else f"user:{caller.user_id}"


class Fairness:
    """This process's counts of what each tenant holds, and the shared rate counters."""

    def __init__(self, pool: ConnectionPool, settings: Settings):
        self.pool = pool
        self.slots = Slots(wait_seconds=min(settings.api_pool_timeout, 5.0))
        self.most_connections = max(1, pool.max_size - 2)  # whatever its tier, a tenant leaves two to the others
        self.requests: Counter = Counter()
        self.streams: Counter = Counter()
        self.heavy: Counter = Counter()
        # tenant -> when its heavy work may run again, after one of them spent its whole statement timeout: the
        # next backtracking pattern would take a core for as long again (bench/noisy_neighbour.py)
        self.cooling: dict[UUID, float] = {}
        self.cooldown = settings.api_heavy_cooldown_seconds
        self.tenant_rate = SharedRate("tenant_requests")
        self.key_rate = SharedRate("key_requests")
        # counted in memory on the request path, flushed to the shared counters off it (vital.api.rates)
        self.flusher = RateFlusher(pool, [self.tenant_rate, self.key_rate], settings.api_rate_flush_seconds)
        self._quotas: dict[UUID, tuple[float, str, dict[str, int]]] = {}

    async def admit(self, request: Request, caller: Caller) -> None:
        ticket: Ticket | None = request.scope.get("state", {}).get("ticket")
        if ticket is None or ticket.quota is not None or caller.tenant_id is None:
            return  # no middleware (never in the app), or admitted already (the dependency ran twice)
        tenant = caller.tenant_id
        ticket.tier, quota = await self.tier_and_quota(caller)
        _rate(self.tenant_rate, str(tenant), quota["requests_per_minute"], "requests_per_minute")
        _rate(self.key_rate, f"{tenant}:{credential(caller)}", quota["key_requests_per_minute"],
                         "key_requests_per_minute")
        ticket.quota, ticket.caller = quota, caller
        ticket.budget.slots, ticket.budget.tenant = self.slots, tenant
        ticket.budget.connections = max(1, min(quota["db_connections"], self.most_connections))
        if "text/event-stream" in request.headers.get("accept", ""):
            self.stream(request)  # asks for a stream: a stream place from the start, never a request place
            return
        _take(self.requests, tenant, quota["concurrent_requests"], "concurrent_requests",
              "requests in flight at once")
        ticket.holds("request", lambda: _give(self.requests, tenant))
        declared = request.headers.get("content-length", "")
        if heavy_work(request.method, request.url.path, request.scope.get("query_string", b""),
                      int(declared) if declared.isascii() and declared.isdigit() else 0):
            self._not_cooling(tenant)
            _take(self.heavy, tenant, quota["concurrent_heavy_work"], "concurrent_heavy_work",
                  "uploads, re-embeds, regular-expression reads and large bodies at once")  # given back with the ticket
            ticket.holds("heavy", lambda: self._heavy_done(tenant, ticket.budget))

    def _not_cooling(self, tenant: UUID) -> None:
        wait = self.cooling.get(tenant, 0.0) - time.monotonic()
        if wait > 0:
            raise Throttled(f"Heavy work of this tenant is paused for {self.cooldown:g} s after one of its requests "
                            "ran into its statement timeout.", retry_after=max(1, math.ceil(wait)),
                            details=f"limit=heavy_work_cooldown; seconds={self.cooldown:g}",
                            hint="Use a simpler, anchored pattern for match/imatch, or narrow the filter; "
                                 "retry after the Retry-After seconds.")
        self.cooling.pop(tenant, None)

    def _heavy_done(self, tenant: UUID, spent: Budget) -> None:
        _give(self.heavy, tenant)
        if spent.timed_out and self.cooldown > 0:
            if len(self.cooling) > 10_000:  # entries are seconds-long: drop the expired ones
                now = time.monotonic()
                self.cooling = {t: until for t, until in self.cooling.items() if until > now}
            self.cooling[tenant] = time.monotonic() + self.cooldown

    def stream(self, request: Request) -> None:
        """An event stream starts: a stream place of its tenant and key instead of its request place."""
        ticket: Ticket | None = request.scope.get("state", {}).get("ticket")
        if ticket is None or ticket.quota is None or ticket.streams:
            return
        tenant, key = ticket.caller.tenant_id, (ticket.caller.tenant_id, credential(ticket.caller))
        _take(self.streams, tenant, ticket.quota["concurrent_streams"], "concurrent_streams",
              "event streams open at once")
        try:
            _take(self.streams, key, ticket.quota["streams_per_key"], "streams_per_key",
                  "event streams of one key or user open at once")
        except Throttled:
            _give(self.streams, tenant)
            raise
        ticket.holds("stream", lambda: (_give(self.streams, tenant), _give(self.streams, key)))
        ticket.streams = True
        ticket.give_back("request")

    async def tier_and_quota(self, caller: Caller) -> tuple[str, dict[str, int]]:
        """The tenant's tier and numbers: its tier's, with its settings' overrides (services/limits.py), cached."""
        cached = self._quotas.get(caller.tenant_id)
        if cached and cached[0] > time.monotonic():
            return cached[1], cached[2]
        tier, numbers = await run_in_threadpool(self._read_quota, caller)
        if len(self._quotas) > 10_000:
            self._quotas.clear()  # a tenant's numbers are one cheap read away
        self._quotas[caller.tenant_id] = (time.monotonic() + QUOTA_SECONDS, tier, numbers)
        return tier, numbers

    def _read_quota(self, caller: Caller) -> tuple[str, dict[str, int]]:
        with tenant_transaction(self.pool, caller, read_only=True) as conn:
            return limits.allowed(conn)



def _rate(rate: SharedRate, key: str, limit: int, name: str) -> None:
    wait = rate.take(key, limit)  # in memory: no round trip on the request path
    if wait is not None:
        raise Throttled(f"Too many requests: {name} is {limit}.", retry_after=wait,
                        details=f"limit={name}; allowed={limit}",
                        hint="Wait for the Retry-After seconds, or move the tenant to a higher tier.")


def _take(counts: Counter, key, limit: int, name: str, what: str) -> None:
    if counts[key] >= limit:
        raise Throttled(f"Too many {what}: {name} is {limit}.", retry_after=1,
                        details=f"limit={name}; allowed={limit}",
                        hint="Retry after a moment, or send fewer at the same time.")
    counts[key] += 1


def _give(counts: Counter, key) -> None:
    counts[key] -= 1
    if counts[key] <= 0:
        del counts[key]
