"""OpenTelemetry traces of the API (docs/operations.md#metrics-and-traces), only when an exporter
is configured through the standard variables (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); the SDK and the OTLP exporter come with `vital[otel]`.

One server span per request, named by method and route template, child of the caller's
`traceparent` if it sent one, and under it one client span per database transaction
(vital.db.spans). The tenant is an attribute only with VITAL_METRICS_TENANT_LABELS
(the same switch as the metrics' tenant label); the tier always is.
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from vital.db.spans import TRACING, Tracing
from vital.settings import Settings

log = logging.getLogger("vital.api.tracing")


def install(app: FastAPI, settings: Settings, provider: trace.TracerProvider | None = None) -> None:
    """Trace the app's requests with `provider`, else with the one the environment configures, else not."""
    provider = provider or configured_provider()
    if provider is not None:
        app.add_middleware(Traces, tracer=provider.get_tracer("vital.api"),
                           tenant_attribute=settings.metrics_tenant_labels)


def configured_provider() -> trace.TracerProvider | None:
    """The SDK's provider with the exporter the OTEL_* variables name; None when none is (the default)."""
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    names = [n.strip() for n in os.environ.get("OTEL_TRACES_EXPORTER", "otlp" if endpoint else "none").split(",")]
    names = [n for n in names if n and n != "none"]
    if not names:
        return None
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import (
            BatchSpanProcessor,
            ConsoleSpanExporter,
        )
    except ImportError:
        log.warning("OTEL_* asks for traces but the OpenTelemetry SDK is not installed: pip install 'vital[otel]'")
        return None
    provider = TracerProvider(resource=Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME",
                                                                                        "vital-api")}))
    for name in names:
        if name == "console":
            exporter = ConsoleSpanExporter()
        elif name == "otlp":
            try:
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
                    OTLPSpanExporter,
                )
            except ImportError:
                log.warning("OTEL_TRACES_EXPORTER=otlp needs the OTLP exporter: pip install 'vital[otel]'")
                continue
            exporter = OTLPSpanExporter()  # reads OTEL_EXPORTER_OTLP_* itself
        else:
            log.warning("OTEL_TRACES_EXPORTER=%s is not supported here (otlp, console)", name)
            continue
        provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


class Traces:
    """ASGI middleware: a server span around each HTTP request."""

    def __init__(self, app, tracer: trace.Tracer, tenant_attribute: bool):
        self.app, self.tracer, self.tenant_attribute = app, tracer, tenant_attribute
        self.database = Tracing(tracer, tenant_attribute)  # the request's transactions' spans (vital.db.spans)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])
                   if k in (b"traceparent", b"tracestate")}
        status = 500

        async def traced_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        method = scope["method"]
        with self.tracer.start_as_current_span(method, context=propagate.extract(carrier),
                                               kind=SpanKind.SERVER) as span:
            token = TRACING.set(self.database)
            try:
                await self.app(scope, receive, traced_send)
            finally:
                TRACING.reset(token)
                route = getattr(scope.get("route"), "path", None) or "unmatched"
                state = scope.get("state", {})
                span.update_name(f"{method} {route}")
                span.set_attribute("http.request.method", method)
                span.set_attribute("http.route", route)
                span.set_attribute("http.response.status_code", status)
                span.set_attribute("vital.tenant.tier", getattr(state.get("ticket"), "tier", None) or "none")
                if self.tenant_attribute and state.get("tenant"):
                    span.set_attribute("vital.tenant", state["tenant"])
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
