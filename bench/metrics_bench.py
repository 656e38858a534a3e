"""What counting and tracing add to one request, in process (run by hand; figures in docs/measurements.md).

A bare ASGI app that answers 200, called directly (no HTTP, no database) N times: alone, behind
vital.api.metrics.Measure, and behind Measure and vital.api.tracing.Traces (the real SDK, spans
batched to an exporter that drops them). The difference is the middleware's own CPU per request
(process time, the span exporter's thread included, so a busy machine inflates it less).

    PYTHONPATH=src python bench/metrics_bench.py [--requests 50000]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import time

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from vital.api.metrics import Measure
from vital.api.tracing import Traces
from vital.metrics import Metrics


class Route:
    path = "/rest/v1/{table}"


async def answer(scope, receive, send):
    scope["route"] = Route  # what the router leaves in the scope
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"[]"})


class Drop(SpanExporter):
    def export(self, spans):
        return SpanExportResult.SUCCESS


async def run(app, n: int) -> float:
    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    started = time.process_time()  # CPU, not wall: the machine is shared
    for _ in range(n):
        await app({"type": "http", "method": "GET", "path": "/rest/v1/agents", "headers": [], "query_string": b"",
                   "state": {}}, receive, send)
    return (time.process_time() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50_000)
    n = parser.parse_args().requests
    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(Drop()))
    apps = {"bare": answer, "metrics": Measure(answer, Metrics()),
            "metrics + traces": Traces(Measure(answer, Metrics()), provider.get_tracer("bench"), False)}
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, {n} requests each")
    bare = None
    for name, app in apps.items():
        asyncio.run(run(app, 1000))  # warm up
        us = min(asyncio.run(run(app, n)) for _ in range(3))
        bare = us if bare is None else bare
        print(f"{name:>18}: {us:6.1f} µs/request  (+{us - bare:.1f})")
    provider.shutdown()


if __name__ == "__main__":
    main()
