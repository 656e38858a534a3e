"""Request bodies bounded in size and in time, while they are read and before anything parses them.

A pure ASGI middleware: a declared Content-Length over the limit is refused at
once (413, the app never runs: no tenant lookup, no authentication, no parsing);
otherwise every chunk `receive()` hands the app is counted, and a client that
leaves the body unfinished for longer than the body timeout gets 408. Uploads
(multipart, on the routes in UPLOAD_PATHS) have their own, larger limit, and so have the objects
uploaded to /storage/v1 (the largest object, plus room for a multipart envelope). The
headers' own timeout is the HTTP server's (vital.api.http_server).
"""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException

from vital.api.errors import BodyTooLarge, RequestTimeout, error_response, is_storage
from vital.errors import VitalError

UPLOAD_PATHS = ("/api/v1/knowledge/documents",)
STORAGE_UPLOADS = "/storage/v1/object/"  # POST/PUT of an object's bytes (not list, move, copy, sign)
STORAGE_JSON = ("/storage/v1/object/list/", "/storage/v1/object/move", "/storage/v1/object/copy",
                "/storage/v1/object/sign/")
MULTIPART_ROOM = 64 * 1024


class Refused(HTTPException):
    """Raised from receive(). An HTTPException so that FastAPI's body parsing lets it through
    instead of answering 400; errors.py answers it with the VitalError it carries."""

    def __init__(self, error: VitalError):
        super().__init__(getattr(error, "status", 400), error.message)
        self.refusal = error


class BodyLimits:
    def __init__(self, app, *, max_body: int, max_upload: int, timeout: float, max_object: int = 0):
        self.app, self.max_body, self.max_upload, self.timeout = app, max_body, max_upload, timeout
        self.max_object = max_object

    def limit_of(self, scope) -> tuple[int, str]:
        path = scope["path"]
        if scope["method"] == "POST" and path.rstrip("/") in UPLOAD_PATHS:
            return self.max_upload, "VITAL_API_MAX_UPLOAD_BYTES"
        if (self.max_object and scope["method"] in ("POST", "PUT") and path.startswith(STORAGE_UPLOADS)
                and not path.startswith(STORAGE_JSON)):
            return self.max_object + MULTIPART_ROOM, "VITAL_STORAGE_MAX_OBJECT_BYTES"
        return self.max_body, "VITAL_MAX_BODY_BYTES"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, setting = self.limit_of(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            return await _closing(error_response(_too_large(limit, setting), storage=is_storage(scope["path"])))(
                scope, receive, send)
        received, finished, started, refused = 0, False, False, False

        async def bounded_receive():
            nonlocal received, finished, refused
            if finished:  # after the body: waiting for a disconnect is the app's business (streams)
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.timeout)
            except asyncio.TimeoutError:
                refused = True
                raise Refused(RequestTimeout(
                    f"The request body did not arrive within {self.timeout:g} seconds.",
                    hint="Send the whole body without pausing (VITAL_API_BODY_TIMEOUT).")) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    raise Refused(_too_large(limit, setting))
                finished = not message.get("more_body", False)
            else:
                finished = True
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if refused:  # the rest of the body is never read: the connection cannot carry another request
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, bounded_receive, tracking_send)
        except Refused as refusal:  # only when no exception handler answered it first
            if started:
                raise
            await _closing(error_response(refusal.refusal, storage=is_storage(scope["path"])))(scope, receive, send)


def _closing(response):
    response.headers["connection"] = "close"
    return response


def _content_length(scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None  # the HTTP server has checked its syntax
    return None


def _too_large(limit: int, setting: str) -> BodyTooLarge:
    return BodyTooLarge(f"The request body is larger than {limit:,} bytes.",
                        hint=f"Send a smaller body (the limit is {setting}).")
