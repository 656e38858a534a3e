"""`/rest/v1/<table>`: PostgREST's dialect over every table of the catalog.

One request is one transaction as the caller (vital.db.tenant), read-only for
GET and HEAD. The handler parses and checks everything it can before it takes a
connection, and a single-object request that does not match exactly one row is
refused inside the transaction, so that its writes are rolled back.

Reads run on the event loop (async psycopg, the API's read pool): no thread hop on the
hot path. Writes keep the worker threads and the sync pool.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import psycopg

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from psycopg_pool import AsyncConnectionPool

from vital.api.auth import authenticate
from vital.api.fairness import heavy_work
from vital.api.json_body import loads
from vital.api.errors import (
    BadBody,
    BodyTooLarge,
    MethodNotAllowed,
    NotAcceptable,
    RangeNotSatisfiable,
    SingularityError,
    TooManyAffected,
    UnsupportedMediaType,
)
from vital.api.rest.build import Statement
from vital.api.rest.params import Limits, Prefer, Query, parse_prefer, parse_query, parse_range
from vital.catalog import Table
from vital.db.tenant import tenant_read, tenant_transaction
from vital.tenancy import Caller

router = APIRouter(prefix="/rest/v1")

OBJECT = "application/vnd.pgrst.object+json"
# nulls=stripped (postgrest-py's strip_nulls) is accepted and ignored: nulls stay.
CSV = "text/csv"
_ACCEPTED = ("application/json", OBJECT, "application/vnd.pgrst.array+json", CSV, "application/*", "*/*")
_READS = ("GET", "HEAD")


@dataclass(frozen=True)
class Outcome:
    body: str | None
    rows: int
    total: int | None = None


@router.get("/", include_in_schema=False)
async def root(request: Request) -> JSONResponse:
    """What PostgREST answers at its root: the OpenAPI description."""
    return JSONResponse(request.app.openapi())


async def read_endpoint(request: Request) -> Response:
    """GET and HEAD: a plain Starlette route, the caller found by `authenticate` called here rather than
    as a FastAPI dependency (solving the dependencies was ~6 % of a read's CPU; nothing else of FastAPI's
    request handling applies to a handler that returns its own Response)."""
    request.scope["route"] = READS  # what FastAPI sets for its own routes: the metrics and traces label by it
    caller = await authenticate(request)
    api = request.app.state.api
    target = api.relations.table(request.path_params["table"])
    _check_profile(request)
    headers = request.headers
    single = _wants_object(headers.get("accept"))
    query = parse_query(request.query_params.multi_items(), _limits(api.settings))
    prefer = parse_prefer(headers.getlist("prefer"))
    window = _window(query, parse_range(headers.get("range")))
    outcome = await _read(api, reads_pool(request), caller, target, query, prefer, window)
    return _read_response(outcome, window[1], single, prefer, head=request.method == "HEAD",
                          as_csv=_wants_csv(headers.get("accept")))


# A router of its own, included before every other (vital.api.app): the hot path is matched first rather
# than after every route of /auth/v1, /rest/v1/rpc... (~8 % of a read's CPU). No other route matches
# GET /rest/v1/<one segment>; the writes' route below keeps FastAPI's dependency on `authenticate`
# (vital.api.admission admits a body's sender by it).
READS = Route(f"{router.prefix}/{{table}}", read_endpoint, methods=list(_READS), include_in_schema=False)
reads = APIRouter()
reads.routes.append(READS)


@router.api_route("/{table}", methods=["POST", "PATCH", "DELETE"], include_in_schema=False)
async def table_endpoint(table: str, request: Request, caller: Caller = Depends(authenticate)) -> Response:
    api = request.app.state.api
    target = api.relations.table(table)
    method = request.method
    _check_profile(request)
    single = _wants_object(request.headers.get("accept"))
    query = parse_query(request.query_params.multi_items(), _limits(api.settings))
    prefer = parse_prefer(request.headers.getlist("prefer"))
    as_csv = _wants_csv(request.headers.get("accept"))
    if as_csv:
        raise NotAcceptable("CSV is served for reads only.", hint="Accept application/json for a write's rows.")
    _check_allowed(target, method)
    body = await _json_body(request, api.settings.max_body_bytes) if method != "DELETE" else None
    statement = _write_statement(api.builder, target, method, query, prefer, body)
    outcome = await run_in_threadpool(_write, api, caller, statement, single, prefer)
    return _write_response(outcome, method, single, prefer)


def _limits(settings) -> Limits:
    return Limits(depth=settings.api_max_nesting_depth, columns=settings.api_max_columns,
                  embeds=settings.api_max_embeds, embed_depth=settings.api_max_embed_depth,
                  filters=settings.api_max_filters, in_values=settings.api_max_in_values,
                  order_terms=settings.api_max_order_terms)


# -- reads -------------------------------------------------------------------
def _window(query: Query, requested: tuple[int, int | None] | None) -> tuple[int | None, int]:
    """(limit, offset) from limit=/offset= and the Range header: their intersection."""
    limit, offset = query.limit.pop((), None), query.offset.pop((), 0)
    if requested is not None:
        first, last = requested
        end = None if limit is None else offset + limit
        if last is not None:
            end = last + 1 if end is None else min(end, last + 1)
        offset = max(offset, first)
        limit = None if end is None else max(end - offset, 0)
    return limit, offset


def reads_pool(request: Request) -> AsyncConnectionPool:
    """Where a read runs: a read that filters by regular expression (heavy work: it can keep a server process
    on the CPU to its timeout) on the pool whose server processes run lowered, every other on the reads' pool."""
    api = request.app.state.api
    heavy = heavy_work(request.method, request.url.path, request.scope.get("query_string", b""))
    return api.heavy_read_pool if heavy else api.read_pool


async def _read(api, pool: AsyncConnectionPool, caller: Caller, table: Table, query: Query, prefer: Prefer,
                window: tuple[int | None, int]) -> Outcome:
    limit, offset = window
    rows = api.builder.read(table, query, limit=limit, offset=offset)
    counter = api.builder.count(table, query) if prefer.count else None
    found = await tenant_read(pool, caller, [(s.query, s.params) for s in (rows, counter) if s])
    (body, n), total = found[0], found[1][0] if counter else None
    return Outcome(body, n, total)


def _read_response(outcome: Outcome, offset: int, single: bool, prefer: Prefer, *, head: bool,
                   as_csv: bool = False) -> Response:
    total = outcome.total
    if total is not None and offset > 0 and offset >= total:
        raise RangeNotSatisfiable("The requested range starts past the last row.",
                                  details=f"{total} row(s) match; the range starts at row {offset}.")
    body = _single(outcome) if single else outcome.body
    span = f"{offset}-{offset + outcome.rows - 1}" if outcome.rows else "*"
    headers = {"Content-Range": f"{span}/{'*' if total is None else total}"}
    if prefer.count:
        headers["Preference-Applied"] = f"count={prefer.count}"
    partial = total is not None and outcome.rows < total and not single
    if as_csv:
        return Response(b"" if head else to_csv(body).encode(), status_code=206 if partial else 200,
                        headers=headers, media_type=f"{CSV}; charset=utf-8")
    return _response(None if head else body, 206 if partial else 200, headers, single)


# -- writes ------------------------------------------------------------------
def _check_allowed(table: Table, method: str) -> None:
    allowed = {"POST": table.can_insert, "PATCH": table.can_update,
               "DELETE": table.can_update if table.soft_delete else table.can_delete}[method]
    if not allowed:
        raise MethodNotAllowed(f"{method} is not allowed on '{table.name}'.",
                               hint="See /openapi.json for what each table allows.")


def _write_statement(builder, table: Table, method: str, query: Query, prefer: Prefer, body) -> Statement:
    representation = prefer.return_ == "representation"
    if method == "POST":
        rows = body if isinstance(body, list) else [body]
        if not all(isinstance(r, dict) for r in rows):
            raise BadBody("The body must be a JSON object or an array of objects.")
        if not rows:
            raise BadBody("The body is an empty array: nothing to insert.")
        return builder.insert(table, query, rows, resolution=prefer.resolution, representation=representation,
                              missing_default=prefer.missing == "default")
    if method == "PATCH":
        if not isinstance(body, dict):
            raise BadBody("The body of a PATCH must be one JSON object.")
        return builder.update(table, query, body, representation=representation)
    return builder.delete(table, query, representation=representation)


class _Rollback(Exception):
    """Prefer: tx=rollback: leave the transaction by its error path, so that nothing is committed."""


@contextmanager
def transaction(api, caller: Caller, prefer: Prefer, *, read_only: bool = False) -> Iterator[psycopg.Connection]:
    """The request's one tenant transaction, rolled back instead of committed under Prefer: tx=rollback."""
    try:
        with tenant_transaction(api.pool, caller, read_only=read_only) as conn:
            yield conn
            if prefer.tx == "rollback":
                raise _Rollback
    except _Rollback:
        pass


def _write(api, caller: Caller, statement: Statement, single: bool, prefer: Prefer) -> Outcome:
    with transaction(api, caller, prefer) as conn:
        body, n = _run(conn, statement)
        outcome = Outcome(body, n)
        if single:
            _single(outcome)  # raises inside the transaction: the write is rolled back
        check_affected(prefer, n)
    return outcome


def check_affected(prefer: Prefer, rows: int) -> None:
    """Prefer: handling=strict, max-affected=N: more rows is an error inside the transaction (rolled back)."""
    if prefer.strict and prefer.max_affected is not None and rows > prefer.max_affected:
        raise TooManyAffected("Query result exceeds max-affected preference constraint",
                              details=f"The query affects {rows} rows", hint=None)


def _write_response(outcome: Outcome, method: str, single: bool, prefer: Prefer) -> Response:
    headers = {"Content-Range": f"*/{outcome.rows if prefer.count else '*'}"}
    if prefer.applied():
        headers["Preference-Applied"] = prefer.applied()
    if outcome.body is None:
        return Response(status_code=201 if method == "POST" else 204, headers=headers)
    body = _single(outcome) if single else outcome.body
    return _response(body, 201 if method == "POST" else 200, headers, single)


# -- shared ------------------------------------------------------------------
def _run(conn, statement: Statement) -> tuple:
    return conn.execute(statement.query, statement.params).fetchone()


def _single(outcome: Outcome) -> str:
    if outcome.rows != 1:
        raise SingularityError("JSON object requested, multiple (or no) rows returned.",
                               details=f"The result contains {outcome.rows} rows.")
    return outcome.body[1:-1]  # json_agg's "[...]" around one object


def _response(body: str | None, status: int, headers: dict, single: bool) -> Response:
    media = OBJECT if single else "application/json"
    return Response(body.encode() if body else b"", status_code=status, headers=headers,
                    media_type=f"{media}; charset=utf-8")


def to_csv(body: str | None) -> str:
    """JSON rows as CSV with a header line (PostgREST's text/csv): objects and arrays as JSON, NULL empty."""
    rows = json.loads(body or "[]")
    if isinstance(rows, dict):
        rows = [rows]
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0].keys())
    for row in rows:
        writer.writerow("" if v is None else json.dumps(v) if isinstance(v, (dict, list)) else
                        str(v).lower() if isinstance(v, bool) else v for v in row.values())
    return out.getvalue()


def _wants_csv(accept: str | None) -> bool:
    return bool(accept) and accept.split(",")[0].split(";")[0].strip().lower() == CSV


def _wants_object(accept: str | None) -> bool:
    if not accept:
        return False
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if OBJECT in kinds:
        return True
    if not any(k in _ACCEPTED for k in kinds):
        raise NotAcceptable(f"None of these media types is available: {accept}.",
                            hint="Accept application/json or application/vnd.pgrst.object+json.")
    return False


def _check_profile(request: Request) -> None:
    for header in ("accept-profile", "content-profile"):
        schema = request.headers.get(header)
        if schema not in (None, "public"):
            raise NotAcceptable(f"The schema must be 'public', not '{schema}'.", hint="Only schema public is exposed.")


async def _json_body(request: Request, limit: int):
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind not in ("application/json", "application/vnd.pgrst.object+json", ""):
        raise UnsupportedMediaType(f"The body must be application/json, not {kind}.",
                                   hint="curl -d sends form data: add -H 'Content-Type: application/json'.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    try:
        return await loads(raw or b"null")  # a large body off the event loop
    except (ValueError, RecursionError) as exc:
        raise BadBody("The body is not valid JSON.", details=str(exc)[:200]) from None
