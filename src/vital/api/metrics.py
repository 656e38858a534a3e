"""Metrics over HTTP (docs/operations.md#metrics-and-traces): the middleware that counts every
request, `GET /metrics` on the API's port behind the service_role key, and the separate
metrics port (VITAL_METRICS_PORT, loopback by default) served by prometheus_client's own server.

The families themselves are vital.metrics. Figures are per process: with `vital serve
--workers N` each worker counts its own and `/metrics` answers from whichever worker got
the scrape, and the separate port is not started (one port, N processes); scrape one
process per port instead (N `vital serve` behind the proxy).
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Callable

import psycopg
from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest, start_http_server
from prometheus_client.core import GaugeMetricFamily
from psycopg_pool import AsyncConnectionPool, ConnectionPool, PoolTimeout
from starlette.concurrency import run_in_threadpool

from vital.api.auth import presented_token, verify_jwt
from vital.api.errors import MissingCredentials, Unauthorized
from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.metrics import Metrics, use
from vital.settings import Settings

SQL = Queries(__name__)
log = logging.getLogger("vital.api.metrics")
router = APIRouter(include_in_schema=False)
_LIMIT = re.compile(r"limit=([a-z_]+)")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})  # any other: "other"


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    """The process's metrics, for the service_role key only (the separate port needs none)."""
    token = presented_token(request.headers)
    if token is None:
        raise MissingCredentials("Metrics need the service_role key.",
                                 hint="Send Authorization: Bearer <service_role key> (`vital keys`), or scrape "
                                      "the metrics port (VITAL_METRICS_PORT).")
    try:
        role = verify_jwt(token, request.app.state.api.settings).get("role")
    except Unauthorized:  # not a token of this deployment (or expired): the same answer as any other
        role = None
    if role != "service_role":
        raise Unauthorized("Metrics need the service_role key.", hint="`vital keys` prints it.")
    body = await run_in_threadpool(generate_latest, request.app.state.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


class Measure:
    """ASGI middleware: counts and times every HTTP request by route template (never the raw path)."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics
        self._series: dict[tuple, tuple] = {}  # labels -> (counter, histogram): labels() costs more than inc()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        m, started, status, refusal = self.metrics, time.perf_counter(), 500, []

        async def measured_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif status == 429 and message["type"] == "http.response.body":
                refusal.append(message.get("body", b""))  # small: the error's JSON, to name the limit
            await send(message)

        m.in_flight.inc()
        try:
            await self.app(scope, receive, measured_send)
        finally:
            m.in_flight.dec()
            self._count(scope, status, time.perf_counter() - started, b"".join(refusal))

    def _count(self, scope, status: int, seconds: float, refusal: bytes) -> None:
        m, state = self.metrics, scope.get("state", {})
        route = getattr(scope.get("route"), "path", None) or "unmatched"  # unknown paths: one series, not one each
        ticket = state.get("ticket")
        tier = getattr(ticket, "tier", None) or "none"
        tenant = (state.get("tenant") or "",) if m.tenant_labels else ()
        if tenant and getattr(ticket, "caller", None) is not None:
            m.tenant_names[ticket.caller.tenant_id] = ticket.caller.subdomain
        key = (route, scope["method"] if scope["method"] in _METHODS else "other", status, tier, *tenant)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = (m.requests.labels(route, key[1], str(status), tier, *tenant),
                                          m.latency.labels(route, key[1], tier))
        series[0].inc()
        series[1].observe(seconds)
        if status == 429:
            m.throttled.labels(_limit_of(refusal), *tenant).inc()
        if route == "/auth/v1/token" and key[1] == "POST":
            grant = _query_value(scope, b"grant_type")
            grant = grant if grant in ("password", "refresh_token", "pkce") else "other"
            m.sign_ins.labels(grant, _outcome(status)).inc()


def _limit_of(body: bytes) -> str:
    """The limit a 429 names: `limit=...` in its details (fairness, tiers), else its error code (sign-in)."""
    try:
        error = json.loads(body or b"{}")
    except ValueError:
        return "other"
    if not isinstance(error, dict):
        return "other"
    found = _LIMIT.search(str(error.get("details") or ""))
    return found.group(1) if found else str(error.get("error_code") or error.get("code") or "other")[:40]


def _outcome(status: int) -> str:
    if status < 300:
        return "ok"
    if status == 429:
        return "throttled"
    return "refused" if status < 500 else "error"


def _query_value(scope, name: bytes) -> str | None:
    for pair in scope.get("query_string", b"").split(b"&"):
        key, _, value = pair.partition(b"=")
        if key == name:
            return value.decode("latin-1")
    return None


# -- read when scraped ------------------------------------------------------------
def pool_gauges(pools: dict[str, ConnectionPool | AsyncConnectionPool]) -> Callable[[], list]:
    """The API's pools by name: `api` (worker threads: writes, services) and `read` (the /rest/v1 reads)."""
    def read() -> list:
        connections = GaugeMetricFamily("vital_db_pool_connections", "Pooled connections of the API role, "
                                        "by pool and state (in_use, idle).", labels=("pool", "state"))
        waiting = GaugeMetricFamily("vital_db_pool_waiting", "Requests waiting for a pooled connection.",
                                    labels=("pool",))
        largest = GaugeMetricFamily("vital_db_pool_max", "Largest size of the pool.", labels=("pool",))
        for name, pool in pools.items():
            stats = pool.get_stats()
            size, idle = stats.get("pool_size", 0), stats.get("pool_available", 0)
            connections.add_metric((name, "in_use"), size - idle)
            connections.add_metric((name, "idle"), idle)
            waiting.add_metric((name,), stats.get("requests_waiting", 0))
            largest.add_metric((name,), pool.max_size)
        return [connections, waiting, largest]
    return read


def fairness_gauges(fairness, tenant_labels: bool, names: dict) -> Callable[[], list]:
    """Connection slots and event streams that tenants hold (vital.api.fairness), summed unless labelled."""
    def read() -> list:
        held = fairness.slots.holding()
        streams = {k: v for k, v in fairness.streams.items() if not isinstance(k, tuple)}  # per tenant, not per key
        slots = GaugeMetricFamily("vital_db_tenant_slots_in_use", "Connection slots held by tenants' requests.",
                                  labels=("tenant",) if tenant_labels else ())
        open_ = GaugeMetricFamily("vital_event_streams_open", "Event streams open.",
                                  labels=("tenant",) if tenant_labels else ())
        if tenant_labels:  # by subdomain: the ids are only what the counts are keyed by
            for tenant, count in held.items():
                slots.add_metric((names.get(tenant, str(tenant)),), count)
            for tenant, count in streams.items():
                open_.add_metric((names.get(tenant, str(tenant)),), count)
        else:
            slots.add_metric((), sum(held.values()))
            open_.add_metric((), sum(streams.values()))
        holding = GaugeMetricFamily("vital_db_tenants_holding_slots", "Tenants holding at least one slot.",
                                    value=len(held))
        most = GaugeMetricFamily("vital_db_tenant_slots_most", "Most slots one tenant holds.",
                                 value=max(held.values(), default=0))
        return [slots, holding, most, open_]
    return read


def job_gauges(pool: ConnectionPool) -> Callable[[], list]:
    """The job queue by task and status, if vital.job_queue_stats() exists (sql/metrics.sql says its shape)."""
    def read() -> list:
        up = GaugeMetricFamily("vital_jobs_stats_up", "1 when the job queue could be read at this scrape.",
                               value=0)
        jobs = GaugeMetricFamily("vital_jobs", "Background jobs by task and status (todo: the queue's depth; "
                                 "failed: failures kept for inspection).", labels=("task", "status"))
        try:
            with pool.connection(timeout=1.0) as conn:  # a busy pool skips the queue, not the scrape
                if one(conn, SQL("metrics.jobs_present"))["present"]:
                    for row in many(conn, SQL("metrics.jobs")):
                        jobs.add_metric((row["task"], row["status"]), row["jobs"])
                    up = GaugeMetricFamily(up.name, up.documentation, value=1)
        except PoolTimeout:
            log.debug("no pooled connection free to read the job queue")
        except psycopg.Error:
            log.warning("the job queue could not be read", exc_info=True)
        return [up, jobs]
    return read


# -- the app's side -------------------------------------------------------------------
def install(app: FastAPI, settings: Settings) -> None:
    """Count the app's requests (outermost middleware: added last) and serve GET /metrics."""
    app.state.metrics = Metrics(tenant_labels=settings.metrics_tenant_labels)
    app.add_middleware(Measure, metrics=app.state.metrics)
    app.include_router(router)


def start(app: FastAPI) -> Callable[[], None]:
    """At startup: read the pool, slots, streams and jobs at each scrape, and open the metrics port
    if set. Returns what stops both."""
    api, m = app.state.api, app.state.metrics
    use(m)
    pools = {"api": api.pool, "read": api.read_pool, "heavy_read": api.heavy_read_pool}
    stops = [m.sample(pool_gauges(pools)), m.sample(job_gauges(api.pool)),
             m.sample(fairness_gauges(api.fairness, m.tenant_labels, m.tenant_names))]
    s = api.settings
    if s.metrics_port is not None and s.api_workers == 1:
        try:
            server, thread = start_http_server(s.metrics_port, addr=s.metrics_host, registry=m.registry)
        except OSError as exc:  # the port taken: the API still serves, /metrics on its port still answers
            log.error("the metrics port %s:%s cannot be opened: %s", s.metrics_host, s.metrics_port, exc)
        else:
            app.state.metrics_port = server.server_address[1]
            log.info("metrics on http://%s:%s/metrics", s.metrics_host, app.state.metrics_port)
            stops.append(lambda: (server.shutdown(), server.server_close(), thread.join(5)))
    elif s.metrics_port is not None:
        log.warning("VITAL_METRICS_PORT is ignored with --workers > 1 (one port, several processes): "
                    "scrape /metrics on the API port with the service_role key")

    def stop() -> None:
        for fn in reversed(stops):
            fn()
    return stop
