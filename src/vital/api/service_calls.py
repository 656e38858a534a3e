"""What the service routers share: the connection source a caller's services run on, running service
code off the event loop, server-sent events (a run's events among them), the Retry-After header of
a tier-limit refusal, and the body of an approval decision."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from psycopg_pool import ConnectionPool
from starlette.responses import Response, StreamingResponse

from vital.tenancy import Caller
from vital.api.errors import body_of, error_response
from vital.errors import VitalError
from vital.services.limits import LimitExceeded
from vital.services.workflows import runs

EVENTS_POLL_SECONDS = 0.5
EVENTS_MAX_SECONDS = 300


class Decision(BaseModel):
    """A person's answer to an approval: a plan in Ask Expert's modes 3-4, or a workflow's approval step."""
    approved: bool = True
    decision: str | None = Field(None, description="The route taken: approved, rejected, changes_requested, or "
                                 "another option the approval offers (default from `approved`).")
    comment: str | None = Field(None, max_length=4000)


def source(request: Request, caller: Caller) -> ConnectionPool:
    """The API's pool, which the services use as `caller` (what a caller may write, RLS decides)."""
    return request.app.state.api.pool


def settings(request: Request):
    return request.app.state.api.settings


async def call(fn: Callable[..., Any], *args, **kwargs) -> Any:
    """Run blocking service code in the thread pool; a tier-limit refusal also says when to retry."""
    try:
        return await run_in_threadpool(fn, *args, **kwargs)
    except LimitExceeded as exc:
        return limited(exc)


def limited(exc: LimitExceeded) -> Response:
    response = error_response(exc)
    if exc.retry_after is not None:
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


def wants_stream(request: Request, flag: bool | None) -> bool:
    return bool(flag) or "text/event-stream" in request.headers.get("accept", "")


async def sse(events: Iterator[dict]) -> Response:
    """Server-sent events from an iterator of {"event", "data"}. The first event is produced before the
    response starts, so that a refusal (404, 409, 429) is an ordinary HTTP error, not an event."""
    try:
        first = await run_in_threadpool(next, events, None)
    except LimitExceeded as exc:
        return limited(exc)

    def body() -> Iterator[str]:
        if first is not None:
            yield frame(first)
        try:
            for event in events:
                yield frame(event)
        except VitalError as exc:  # after the headers: the error travels as an event
            yield frame({"event": "error", "data": body_of(exc)})

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def frame(event: dict) -> str:
    return f"event: {event['event']}\ndata: {json.dumps(event['data'], default=str)}\n\n"


async def run_events(request: Request, caller: Caller, run_id: str, after: int = 0) -> Response:
    """A workflow run's events as server-sent events, until the run rests."""
    pool = source(request, caller)
    return await sse(follow(lambda a: runs.events(pool, caller, run_id, a),
                            lambda: runs.run_view(pool, caller, run_id)["status"] != "running", after))


def follow(fetch: Callable[[int], list[dict]], resting: Callable[[], bool], after: int = 0) -> Iterator[dict]:
    """Poll a run's events (workflow_events) until it rests (waits for a person, pauses or ends)."""
    deadline = time.monotonic() + EVENTS_MAX_SECONDS
    while True:
        batch = fetch(after)
        for item in batch:
            after = item["sequence"]
            yield {"event": item["event"], "data": item}
        if not batch and resting():
            yield {"event": "end", "data": {"after": after}}
            return
        if time.monotonic() > deadline:
            yield {"event": "timeout", "data": {"after": after}}
            return
        if not batch:
            time.sleep(EVENTS_POLL_SECONDS)
