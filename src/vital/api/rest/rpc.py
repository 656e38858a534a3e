"""`/rest/v1/rpc/<function>`: PostgREST's remote procedure calls.

POST takes the named arguments from a JSON object (or, with `Prefer: params=single-object`
or a single unnamed json argument, the whole body as that argument); GET takes them from
the query string and is for STABLE and IMMUTABLE functions only. The rest of the query
string (select, filters, order, limit) applies to the rows a function returns. The
function runs as the caller, in one tenant transaction (vital.db.tenant), under RLS;
STABLE and IMMUTABLE ones in a read-only one. Which functions exist is the catalog's
answer for the caller's role (has_function_privilege), see relations.py. GET and HEAD run
on the event loop in one round trip, as the table reads do (vital.db.tenant.tenant_read).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from vital.api.auth import authenticate
from vital.api.errors import BadBody, MethodNotAllowed
from vital.api.rest.build import Statement
from vital.api.rest.params import Prefer, parse_prefer, parse_query, parse_range
from vital.api.rest.relations import JSON_TYPES
from vital.api.rest.routes import Outcome, _check_profile, _json_body, _limits, _read_response, _run, _wants_csv, \
    _wants_object, _window, check_affected, reads_pool, transaction
from vital.catalog import Function
from vital.db.tenant import tenant_read
from vital.tenancy import Caller

router = APIRouter(prefix="/rest/v1")


@router.api_route("/rpc/{name}", methods=["GET", "HEAD", "POST"], include_in_schema=False)
async def rpc(name: str, request: Request, caller: Caller = Depends(authenticate)) -> Response:
    api = request.app.state.api
    _check_profile(request)
    single = _wants_object(request.headers.get("accept"))
    prefer = parse_prefer(request.headers.getlist("prefer"))
    items = request.query_params.multi_items()
    single_object = prefer.params == "single-object"
    overloads = api.relations.functions.get(name, ())
    if request.method == "POST":
        args = await _json_body(request, api.settings.max_body_bytes)
        args = {} if args is None else args
        rest = items
    else:
        args, rest = _query_arguments(overloads, items)
    if not isinstance(args, dict) and overloads and not any(_whole_body(f, single_object) for f in overloads):
        raise BadBody("The body of a function call must be a JSON object of its named arguments.",
                      hint="Send e.g. {\"match_count\": 5}, or Prefer: params=single-object for a json argument.")
    given = set(args) if isinstance(args, dict) else set()
    fn = api.relations.function(name, given, caller.role, single_object=single_object)
    whole = _whole_body(fn, single_object)
    if request.method != "POST" and not fn.read_only:
        raise MethodNotAllowed(f"public.{name} is VOLATILE: call it with POST.",
                               hint="GET calls only STABLE and IMMUTABLE functions (they cannot write).")
    query = parse_query(rest, _limits(api.settings))
    window = _window(query, parse_range(request.headers.get("range")))
    options = {"from_query": request.method != "POST", "whole_body": whole}
    statement = api.builder.call(fn, args, query, limit=window[0], offset=window[1], **options)
    counter = api.builder.call_count(fn, args, query, **options) if prefer.count and fn.returns_set else None
    if request.method == "POST":
        outcome = await run_in_threadpool(_call, api, caller, statement, counter, fn.read_only, prefer)
    else:  # a STABLE or IMMUTABLE function (refused above otherwise): nothing to roll back
        found = await tenant_read(reads_pool(request), caller,
                                  [(s.query, s.params) for s in (statement, counter) if s])
        (body, n), total = found[0], found[1][0] if counter else None
        check_affected(prefer, n)
        outcome = Outcome(body, n, total)
    if fn.void:
        return Response(status_code=204)
    if not fn.returns_set:  # a scalar's JSON value, or one object for a single composite
        return Response((outcome.body or "null").encode(), media_type="application/json; charset=utf-8")
    return _read_response(outcome, window[1], single, prefer, head=request.method == "HEAD",
                          as_csv=_wants_csv(request.headers.get("accept")))


def _query_arguments(overloads: tuple[Function, ...], items: list[tuple[str, str]]) -> tuple[dict, list]:
    """The query string's arguments (keys that name an input argument; repeated: an array) and the rest."""
    names = {a.name for f in overloads for a in f.inputs}
    found: dict[str, list[str]] = {}
    for key, value in items:
        if key in names:
            found.setdefault(key, []).append(value)
    args = {k: v[0] if len(v) == 1 else v for k, v in found.items()}
    return args, [(k, v) for k, v in items if k not in names]


def _whole_body(fn: Function, single_object: bool) -> bool:
    inputs = fn.inputs
    return len(inputs) == 1 and inputs[0].type in JSON_TYPES and (single_object or inputs[0].name == "")


def _call(api, caller: Caller, statement: Statement, counter: Statement | None, read_only: bool,
          prefer: Prefer) -> Outcome:
    with transaction(api, caller, prefer, read_only=read_only) as conn:
        body, n = _run(conn, statement)
        outcome = Outcome(body, n, _run(conn, counter)[0] if counter else None)
        check_affected(prefer, n)  # raises inside the transaction: rolled back
    return outcome
