"""Calls to the public API from inside the same process, as the signed-in person.

The console is a client of `/auth/v1`, `/rest/v1` and `/api/v1` only: each call goes through the
whole ASGI app (middleware, authentication, fairness, RLS) exactly as an HTTP request would, with
the browser's own client address (so sign-in limits count per person, not per console) and the
person's bearer token. Nothing here reaches the database directly.

httpx's ASGITransport buffers a whole response, which would defeat streaming answers; this caller
hands the body over chunk by chunk as the app sends it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


_FORWARDED = ("host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "user-agent")


def _scope(request: Request, method: str, path: str, query: dict | None, headers: dict[str, str]) -> dict:
    own = {k: v for k, v in request.headers.items() if k in _FORWARDED}
    merged = {**own, **{k.lower(): v for k, v in headers.items()}}
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": request.url.scheme, "path": path, "raw_path": path.encode(), "root_path": "",
        "query_string": urlencode(query or {}, doseq=True).encode(),
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in merged.items()],
        "client": request.scope.get("client"), "server": request.scope.get("server"),
        "state": dict(request.scope.get("state") or {}),
    }


async def stream(request: Request, method: str, path: str, *, query: dict | None = None,
                 headers: dict[str, str] | None = None, body: bytes = b"") -> tuple[int, dict, AsyncIterator[bytes]]:
    """Start the call; its status, headers and an iterator over the body as the app produces it."""
    scope = _scope(request, method, path, query, headers or {})
    chunks: asyncio.Queue = asyncio.Queue()
    started: asyncio.Future = asyncio.get_running_loop().create_future()
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the body is whole: wait for the disconnect that never comes

    async def send(message):
        if message["type"] == "http.response.start" and not started.done():
            started.set_result((message["status"], {k.decode("latin-1"): v.decode("latin-1")
                                                    for k, v in message.get("headers", [])}))
        elif message["type"] == "http.response.body":
            if message.get("body"):
                await chunks.put(message["body"])
            if not message.get("more_body"):
                await chunks.put(None)

    async def run():
        try:
            await request.app(scope, receive, send)
        except BaseException as exc:  # surfaced to the reader, never swallowed
            if not started.done():
                started.set_exception(exc)
            await chunks.put(None)
            raise

    task = asyncio.create_task(run())
    status, response_headers = await started

    async def body_iter():
        try:
            while (chunk := await chunks.get()) is not None:
                yield chunk
        finally:
            if not task.done():
                task.cancel()

    return status, response_headers, body_iter()


async def call(request: Request, method: str, path: str, *, query: dict | None = None,
               headers: dict[str, str] | None = None, json_body: Any = None, body: bytes = b"") -> Reply:
    """One whole call: status, headers and body (`body` as it is, e.g. a multipart upload, with its
    content type in `headers`)."""
    headers = dict(headers or {})
    if body:
        headers["content-length"] = str(len(body))
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["content-type"] = "application/json"
        headers["content-length"] = str(len(body))
    status, response_headers, chunks = await stream(request, method, path, query=query, headers=headers, body=body)
    collected = b"".join([chunk async for chunk in chunks])
    return Reply(status, response_headers, collected)
