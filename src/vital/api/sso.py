"""Single sign-on over HTTP (docs/auth.md, "Single sign-on"):

- `GET`/`PUT`/`DELETE /api/v1/admin/sso`: the tenant's identity provider, for its admins and
  owners. Each request is one transaction as the caller; the database decides who may.
- `POST /auth/v1/sso` (what supabase-js/supabase-py `signInWithSSO` call, with the project's
  apikey) answers `{"url": ...}`, the provider's authorization URL, or a 303 to it unless
  `skip_http_redirect`; `GET /auth/v1/sso/callback` is where the provider sends the browser
  back (no apikey: it comes from the provider's redirect) and redirects to the allowed target
  with the session, or the error, in the URL fragment, as GoTrue's implicit flow does.

The logic lives in vital.auth.sso and vital.auth.sso_settings; this module is HTTP only.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from vital.api import gotrue
from vital.api.auth import authenticate
from vital.api.errors import BadBody
from vital.auth import pkce, sso_settings
from vital.auth.gotrue import GoTrueError
from vital.auth.sso import SingleSignOn
from vital.db.tenant import tenant_transaction
from vital.tenancy import Caller, Tenant, request_host

router = APIRouter(tags=["single sign-on"])
CALLBACK = "/auth/v1/sso/callback"


# -- the tenant's settings (admins and owners) ---------------------------------------
def _show(request: Request, caller: Caller) -> dict[str, Any]:
    with tenant_transaction(request.app.state.api.pool, caller, read_only=True) as conn:
        found = sso_settings.show(conn)
    return {"configured": found is not None, **(found or {})}


def _put(request: Request, caller: Caller, values: dict[str, Any]) -> dict[str, Any]:
    with tenant_transaction(request.app.state.api.pool, caller) as conn:
        return {"configured": True, **sso_settings.put(conn, request.app.state.api.settings, values)}


def _remove(request: Request, caller: Caller) -> bool:
    with tenant_transaction(request.app.state.api.pool, caller) as conn:
        return sso_settings.remove(conn)


@router.get("/api/v1/admin/sso", summary="The tenant's identity provider (the client secret: only whether set)")
async def get_sso(request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    return await run_in_threadpool(_show, request, caller)


@router.put("/api/v1/admin/sso", summary="Register or replace the tenant's OpenID Connect identity provider")
async def put_sso(request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    try:
        values = await request.json()
    except ValueError:
        raise BadBody("The body is not JSON.") from None
    if not isinstance(values, dict):
        raise BadBody("The body must be a JSON object.")
    return await run_in_threadpool(_put, request, caller, values)


@router.delete("/api/v1/admin/sso", summary="Remove the tenant's identity provider", status_code=204)
async def delete_sso(request: Request, caller: Caller = Depends(authenticate)) -> Response:
    await run_in_threadpool(_remove, request, caller)
    return Response(status_code=204)


# -- the flow -------------------------------------------------------------------------
def _flow(request: Request) -> SingleSignOn:
    sign_in = gotrue._sign_in(request)
    found = getattr(request.app.state, "sso", None)
    if found is None or found.sign_in is not sign_in:
        found = request.app.state.sso = SingleSignOn(sign_in.pool, sign_in.settings, sign_in)
    return found


def _origin(request: Request) -> str:
    api = request.app.state.api
    return f"{request.url.scheme}://{request_host(request.headers, trust_forwarded=api.settings.trust_forwarded_host)}"


@router.post("/auth/v1/sso", summary="Start single sign-on: the identity provider's URL (signInWithSSO)")
async def start_sso(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        body = await gotrue._body(request)
        domain, provider_id = body.get("domain"), body.get("provider_id")
        if not (isinstance(domain, str) and domain) and not (isinstance(provider_id, str) and provider_id):
            raise GoTrueError(400, "validation_failed", "A provider_id or domain needs to be provided")
        challenge = pkce.challenge_of(body)
        origin = _origin(request)
        url = await run_in_threadpool(
            _flow(request).start, tenant.id, domain=domain.strip().lower() if isinstance(domain, str) else None,
            provider_id=provider_id if isinstance(provider_id, str) else None,
            redirect_to=body.get("redirect_to") if isinstance(body.get("redirect_to"), str) else None,
            site_url=f"{origin}/", callback_url=f"{origin}{CALLBACK}", challenge=challenge)
        if body.get("skip_http_redirect"):
            return JSONResponse({"url": url})
        return RedirectResponse(url, status_code=303)

    return await gotrue._answer(request, handle)


@router.get(CALLBACK, summary="Where the identity provider sends the browser back")
async def sso_callback(request: Request) -> Response:
    try:
        tenant = await gotrue._tenant(request)
        origin = _origin(request)
        target = await run_in_threadpool(
            _flow(request).callback, tenant.id, dict(request.query_params), callback_url=f"{origin}{CALLBACK}",
            issuer=f"{origin}/auth/v1", address=gotrue._address(request),
            user_agent=request.headers.get("user-agent"))
    except GoTrueError as exc:
        return gotrue._error(exc)
    return RedirectResponse(target, status_code=303)
