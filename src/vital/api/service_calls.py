"""What the service routers share: the connection source a caller's services run on, running service
code off the event loop, server-sent events (a run's events among them), the Retry-After header of
a tier-limit refusal, and the body of an approval decision.

A run's event stream waits on the event loop (asyncio.sleep between polls): while it waits it holds
no worker thread and no pooled connection; each poll is one short read as the caller, under RLS."""

from __future__ import annotations

import asyncio
import contextvars
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import anyio
from fastapi import Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from psycopg_pool import ConnectionPool
from starlette.responses import Response, StreamingResponse

from vital.tenancy import Caller
from vital.api.errors import body_of, error_response
from vital.db.budget import Throttled
from vital.errors import VitalError
from vital.priority import heavy_executor
from vital.services.limits import LimitExceeded
from vital.services.workflows import runs

EVENTS_POLL_SECONDS = 0.25       # the first wait between polls of a quiet run; it doubles up to
EVENTS_POLL_MAX_SECONDS = 2.0     # this (a run that stays quiet costs one read every 2 s)
EVENTS_MAX_SECONDS = 300
# A quiet stream says it is alive this often (an SSE comment, which clients skip): a proxy's idle timeout
# does not cut it, and a client knows the server still holds it.
EVENTS_HEARTBEAT_SECONDS = 15.0
# What follow() yields for such a comment; its first one starts the response as soon as the run is known.
HEARTBEAT = {"event": None, "data": None}


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


async def call_heavy(request: Request, fn: Callable[[], Any]) -> Any:
    """`call` for CPU-heavy work (a synchronous upload's parsing and embedding): on threads below the API's
    priority (VITAL_WORKER_NICE), with the request's context (its tenant's connection slots)."""
    pool = heavy_executor(settings(request).worker_nice)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, contextvars.copy_context().run, fn)
    except LimitExceeded as exc:
        return limited(exc)


def limited(exc: LimitExceeded) -> Response:
    return error_response(exc)  # with Retry-After when the limit resets


def wants_stream(request: Request, flag: bool | None) -> bool:
    return bool(flag) or "text/event-stream" in request.headers.get("accept", "")


async def sse(events: Iterator[dict] | AsyncIterator[dict]) -> Response:
    """Server-sent events from an iterator of {"event", "data"} (a blocking one runs in the thread pool, an
    async one on the event loop). The first event is produced before the response starts, so that a
    refusal (404, 409, 429) is an ordinary HTTP error, not an event."""
    waits = hasattr(events, "__anext__")
    try:
        first = await anext(events, None) if waits else await run_in_threadpool(next, events, None)
    except LimitExceeded as exc:
        return limited(exc)

    async def body() -> AsyncIterator[str]:
        if first is not None:
            yield frame(first)
        try:
            if waits:
                async for event in events:
                    yield frame(event)
            else:
                while (event := await run_in_threadpool(next, events, None)) is not None:
                    yield frame(event)
        except VitalError as exc:  # after the headers: the error travels as an event
            yield frame({"event": "error", "data": body_of(exc)})
        finally:
            if not waits and hasattr(events, "close"):
                # The client went away mid-stream (or the stream ended): closing the producer lets it stop
                # its work (a model's generation) and record what it spent, off the event loop.
                with anyio.CancelScope(shield=True):
                    await run_in_threadpool(events.close)

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def frame(event: dict) -> str:
    if event["event"] is None:
        return ": waiting for the run\n\n"
    return f"event: {event['event']}\ndata: {json.dumps(event['data'], default=str)}\n\n"


async def run_events(request: Request, caller: Caller, run_id: str, after: int = 0) -> Response:
    """A workflow run's events as server-sent events, until the run rests; counted as a stream of the
    tenant and the key (429 beyond their limits, docs/fairness.md), not as a request in flight."""
    pool = request.app.state.api.read_pool
    request.app.state.api.fairness.stream(request)
    return await sse(follow(lambda a: runs.poll(pool, caller, run_id, a), after))


async def follow(poll: Callable[[int], Awaitable[tuple[list[dict], bool]]], after: int = 0) -> AsyncIterator[dict]:
    """Poll a run's events (workflow_events) until it rests (waits for a person, pauses or ends). Between
    polls it sleeps on the event loop, holding nothing: EVENTS_POLL_SECONDS after events (a busy run's
    come in batches, not a read per event), growing while the run is quiet. A quiet run gets a heartbeat
    after the first poll (the response starts then) and every EVENTS_HEARTBEAT_SECONDS."""
    deadline = time.monotonic() + EVENTS_MAX_SECONDS
    pause, said = EVENTS_POLL_SECONDS, None  # said: when it last sent something (None: the response has not begun)
    while True:
        try:
            batch, rests = await poll(after)
        except Throttled:
            if said is None:
                raise  # before the response began: an ordinary 429
            batch, rests = [], False  # the tenant's connection slots are all busy: an open stream waits
        for item in batch:
            after = item["sequence"]
            yield {"event": item["event"], "data": item}
        if batch:
            said = time.monotonic()
        elif not rests and (said is None or time.monotonic() - said >= EVENTS_HEARTBEAT_SECONDS):
            said = time.monotonic()
            yield HEARTBEAT
        if rests:
            yield {"event": "end", "data": {"after": after}}
            return
        if time.monotonic() > deadline:
            yield {"event": "timeout", "data": {"after": after}}
            return
        await asyncio.sleep(EVENTS_POLL_SECONDS if batch else pause)
        pause = EVENTS_POLL_SECONDS if batch else min(EVENTS_POLL_MAX_SECONDS, pause * 2)
