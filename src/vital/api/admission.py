"""Admission before the body: who is calling, and may they, decided before a byte of the body is read.

FastAPI reads and parses a request's body before it runs the route's dependencies, so
a caller refused by `authenticate` (unknown host, bad credentials, over its tenant's
rate or concurrency: vital.api.fairness) used to cost the whole body's read and JSON
parse first — bench/noisy_neighbour.py found an 8,000-node definition's parse the
largest part of the event loop's CPU under attack. This pure ASGI middleware runs
`authenticate` first, for the requests that carry a body on routes that depend on it,
and answers a refusal at once. The body is then never handed to the app: uvicorn drops
its bytes as they arrive and keeps the connection (a client sending `Expect: 100-continue`
is told not to send it at all). The caller it found is the one the route's dependency
returns (vital.api.auth.authenticate reads it back), so it is found once.
"""

from __future__ import annotations

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.routing import Match, Mount, Route

from vital.api.auth import authenticate
from vital.api.errors import error_response, is_storage
from vital.errors import VitalError

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _depends_on(dependant, call) -> bool:
    return any(d.call is call or _depends_on(d, call) for d in dependant.dependencies)


def _flat(routes) -> list:
    """The routes in the order the router tries them, included routers opened (FastAPI keeps them nested)."""
    flat = []
    for route in routes:
        included = getattr(route, "original_router", None)
        flat.extend(_flat(included.routes) if included is not None else [route])
    return flat


def _route_table(routes) -> list[tuple[object, bool]]:
    return [(route, isinstance(route, APIRoute) and _depends_on(route.dependant, authenticate))
            for route in _flat(routes)]


class Admission:
    def __init__(self, app):
        self.app = app
        self._routes: list[tuple[object, bool]] | None = None  # the app's routes, and whether each authenticates

    def routes(self, app) -> list[tuple[object, bool]]:
        if self._routes is None:
            self._routes = _route_table(app.routes)
        return self._routes

    def authenticated(self, scope) -> bool:
        """Whether the route that will serve this request depends on `authenticate`: the first route whose
        path and method match, as the router picks it (the routers are included without a prefix of their own)."""
        path, method = scope["path"], scope["method"]
        for route, authenticates in self.routes(scope["app"]):
            if isinstance(route, Route):  # APIRoute too
                if route.path_regex.match(path) and (route.methods is None or method in route.methods):
                    return authenticates
            elif isinstance(route, Mount) and route.matches(scope)[0] is Match.FULL:
                return False
        return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS or not self.authenticated(scope):
            return await self.app(scope, receive, send)
        request = Request(scope)  # headers and state only: nothing here may read the body
        try:
            scope.setdefault("state", {})["caller"] = await authenticate(request)
        except VitalError as refused:
            return await error_response(refused, storage=is_storage(scope["path"]))(scope, receive, send)
        await self.app(scope, receive, send)
