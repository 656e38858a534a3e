"""JSON request bodies parsed where they cannot stall the event loop that serves every tenant.

A large body's `json.loads` is CPU for tens of milliseconds (an 8,000-node workflow
definition, 637 KB: 12-38 ms): on the event loop that is a pause for every request of
every tenant. Above PARSE_ON_LOOP_BYTES the parse runs in the thread pool, where the
interpreter's switch interval (5 ms) lets the loop keep serving meanwhile. Routes whose
bodies may be large read them through `model_from_body` (not a FastAPI body parameter,
which is parsed on the loop and before the route's dependencies); refusals keep FastAPI's
shape (RequestValidationError, answered by vital.api.errors).
"""

from __future__ import annotations

import json
from typing import TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

PARSE_ON_LOOP_BYTES = 64 * 1024  # below it a parse costs well under a millisecond: not worth a thread hop

Model = TypeVar("Model", bound=BaseModel)


async def loads(raw: bytes | bytearray):
    """json.loads, in the thread pool when the body is large (ValueError as json.loads raises it)."""
    if len(raw) > PARSE_ON_LOOP_BYTES:
        return await run_in_threadpool(json.loads, raw)
    return json.loads(raw)


async def model_from_body(request: Request, model: type[Model]) -> Model:
    """The body as `model`, refused the way FastAPI refuses a body parameter (400 naming the fields)."""
    raw = await request.body()
    try:
        value = await loads(raw) if raw else None
    except json.JSONDecodeError as exc:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body", exc.pos), "msg": "JSON decode error",
                                       "input": {}, "ctx": {"error": exc.msg}}]) from None
    except (ValueError, RecursionError) as exc:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error",
                                       "input": {}, "ctx": {"error": str(exc)[:200]}}]) from None
    if value is None:
        raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}])
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]) from None


def openapi_body(model: type[BaseModel]) -> dict:
    """`openapi_extra` of a route that reads its body with model_from_body: the body documented as before."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}
