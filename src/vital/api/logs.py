"""Structured logs: one JSON object per line, and one line per request with its
tenant, user, status and latency."""

from __future__ import annotations

import itertools
import json
import logging
import sys
import time
import uuid
from datetime import datetime, timezone

access = logging.getLogger("vital.api.access")
# Request ids: a random prefix per process and a counter (no syscall per request).
_PREFIX = uuid.uuid4().hex[:8]
_SEQUENCE = itertools.count(1)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str)


def configure_logging(level: str = "INFO") -> None:
    """JSON lines on stderr for everything, uvicorn's own messages included."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # One line per request, vital.api.access's (with tenant, user and request id). uvicorn's own access
    # line stays off here too: `vital serve --workers N` calls this in each worker after uvicorn has
    # applied access_log=False, and a propagating logger would bring that second line back.
    uvicorn_access = logging.getLogger("uvicorn.access")
    uvicorn_access.handlers[:] = []
    uvicorn_access.propagate = False


class AccessLog:
    """ASGI middleware: logs every HTTP request once it is answered, and tags it with X-Request-Id."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        state = scope.setdefault("state", {})  # request.state of the handlers: they record tenant and user
        request_id = _header(scope, b"x-request-id") or f"{_PREFIX}-{next(_SEQUENCE):x}"
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access.info("request", extra={"fields": {
                "request_id": request_id, "method": scope["method"], "path": scope["path"], "status": status,
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
                "tenant": state.get("tenant"), "user": state.get("user")}})


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")[:64]
    return None
