"""Prometheus metrics of one API process (docs/operations.md#metrics-and-traces).

`Metrics` holds one registry: counters and histograms updated as requests, sign-ins
and model calls happen, and a collector that reads the pool, the tenants'
connection slots, the open event streams and the job queue when scraped. The HTTP
side (middleware, `/metrics`, the separate port) is vital.api.metrics.

Tenants are not labels by default: a label per tenant makes one series per tenant
and metric (thousands of tenants, thousands of series) and puts the customer list
in the monitoring system. `VITAL_METRICS_TENANT_LABELS=true` adds `tenant` (the
subdomain) where a request's tenant is known.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger("vital.metrics")

# 1 ms to 30 s: a cached read is a millisecond, declared long work runs to its statement timeout.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The metric families of one API process, in a registry of their own."""

    def __init__(self, tenant_labels: bool = False):
        self.tenant_labels = tenant_labels
        self.tenant_names: dict = {}  # tenant id -> subdomain, for labelled slots and streams (labels on only)
        self.registry = CollectorRegistry(auto_describe=True)
        tenant = ("tenant",) if tenant_labels else ()
        r = self.registry
        self.requests = Counter("vital_http_requests", "HTTP requests answered, by route template, method, "
                                "status and tenant tier.", ("route", "method", "status", "tier", *tenant), registry=r)
        self.latency = Histogram("vital_http_request_duration_seconds", "Time to answer an HTTP request (until "
                                 "its last byte, streams included).", ("route", "method", "tier"),
                                 buckets=LATENCY_BUCKETS, registry=r)
        self.in_flight = Gauge("vital_http_requests_in_flight", "HTTP requests being answered.", registry=r)
        self.throttled = Counter("vital_http_throttled", "429 answers, by the limit that refused.",
                                 ("limit", *tenant), registry=r)
        self.sign_ins = Counter("vital_auth_sign_ins", "POST /auth/v1/token, by grant and outcome.",
                                ("grant", "outcome"), registry=r)
        self.llm_tokens = Counter("vital_llm_tokens", "Model tokens, by provider, model and kind "
                                  "(prompt, completion).", ("provider", "model", "kind"), registry=r)
        self.llm_cost = Counter("vital_llm_cost_usd", "Model cost in USD (the configured prices).",
                                ("provider", "model"), registry=r)
        self.llm_calls = Counter("vital_llm_calls", "Model calls, by provider, model and status.",
                                 ("provider", "model", "status"), registry=r)
        self._sources: list[Callable[[], Any]] = []
        r.register(_Sampled(self._sources))

    def sample(self, source: Callable[[], list[GaugeMetricFamily]]) -> Callable[[], None]:
        """Read `source` at each scrape; returns the function that stops it."""
        self._sources.append(source)
        return lambda: self._sources.remove(source) if source in self._sources else None

    def llm_call(self, provider: str, model: str, status: str, prompt_tokens: int | None,
                 completion_tokens: int | None, cost_usd: float | None) -> None:
        """One model call, as recorded in llm_usage (vital.services.llm.usage; per tenant: that table)."""
        self.llm_calls.labels(provider, model, status).inc()
        self.llm_tokens.labels(provider, model, "prompt").inc(prompt_tokens or 0)
        self.llm_tokens.labels(provider, model, "completion").inc(completion_tokens or 0)
        self.llm_cost.labels(provider, model).inc(float(cost_usd or 0))


class _Sampled:
    """Gauges read when scraped (pool, slots, streams, jobs): never stale, no thread to keep them."""

    def __init__(self, sources: list):
        self.sources = sources

    def describe(self):
        return []  # read at scrape time only: nothing to check at registration

    def collect(self):
        for source in list(self.sources):
            try:
                yield from source()
            except Exception:  # a scrape shows what it can; one broken source does not fail it
                log.warning("a metrics source failed", exc_info=True)


# The process's metrics: the app being served sets it (vital.api.metrics); code without the
# request at hand (model calls in services) counts through it.
_active = Metrics()


def active() -> Metrics:
    return _active


def use(metrics: Metrics) -> None:
    global _active
    _active = metrics
