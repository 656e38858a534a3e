"""`/auth/v1`: password sign-in in the shapes of Supabase Auth (GoTrue), so that supabase-js and
supabase-py sign in unchanged. The tenant is the Host's, as everywhere; only its members sign
in there. The logic lives in vital.auth.sessions; this module is HTTP only.

As behind Supabase's gateway, every call carries the project's `apikey` (the anon or the
service_role key, `vital keys`); calls about the signed-in user also carry their access token
as `Authorization: Bearer`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from vital.api.auth import resolve_tenant
from vital.auth.gotrue import GoTrueError, user_json
from vital.auth.links import sign_in_offer
from vital.auth.sessions import SignIn
from vital.auth.tokens import KEY_ROLES, InvalidToken, verify_token
from vital.errors import VitalError
from vital.tenancy import Tenant

router = APIRouter(prefix="/auth/v1", tags=["auth"])


def _error(exc: GoTrueError) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else None
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


def _gateway_refusal(message: str) -> JSONResponse:
    # The shape of Supabase's API gateway, which checks the apikey before GoTrue sees the call.
    return JSONResponse({"message": message, "hint": "Send the anon or service_role key (`vital keys`) as apikey."},
                        status_code=401)


def _sign_in(request: Request) -> SignIn:
    api = request.app.state.api
    found = getattr(request.app.state, "sign_in", None)
    if found is None or found.pool is not api.pool:
        found = request.app.state.sign_in = SignIn(api.pool, api.settings)
    return found


def _apikey_refusal(request: Request) -> JSONResponse | None:
    key = request.headers.get("apikey") or request.query_params.get("apikey")
    if not key:
        return _gateway_refusal("No API key found in request")
    try:
        claims = verify_token(key, request.app.state.api.settings)
    except InvalidToken:
        return _gateway_refusal("Invalid API key")
    if claims.get("role") not in KEY_ROLES:
        return _gateway_refusal("Invalid API key")
    return None


async def _tenant(request: Request) -> Tenant:
    try:
        return await resolve_tenant(request)
    except VitalError:
        raise GoTrueError(404, "not_found", "No tenant is served at this address") from None


def _bearer_claims(request: Request, tenant: Tenant) -> dict[str, Any]:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise GoTrueError(401, "no_authorization", "This endpoint requires a Bearer token")
    try:
        claims = verify_token(token.strip(), request.app.state.api.settings)
    except InvalidToken as exc:
        raise GoTrueError(403, "bad_jwt", f"invalid JWT: unable to parse or verify signature, {exc.message}") from None
    if claims.get("role") != "authenticated" or not claims.get("sub"):
        raise GoTrueError(403, "bad_jwt", "invalid claim: missing sub claim")
    if claims.get("tenant_id") != str(tenant.id):
        raise GoTrueError(403, "bad_jwt", "invalid JWT: the token was not issued by this tenant")
    return claims


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise GoTrueError(400, "bad_json", f"Could not parse request body as JSON: {exc}") from None
    if not isinstance(body, dict):
        raise GoTrueError(400, "bad_json", "Could not parse request body as JSON: expected an object")
    return body


def _address(request: Request) -> str:
    # Behind a trusted proxy (the one that sets X-Forwarded-Host) the client is its first hop.
    if request.app.state.api.settings.trust_forwarded_host:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.client.host if request.client else "0.0.0.0"


async def _answer(request: Request, handle) -> Response:
    refused = _apikey_refusal(request)
    if refused is not None:
        return refused
    try:
        tenant = await _tenant(request)
        return await handle(tenant)
    except GoTrueError as exc:
        return _error(exc)


@router.post("/token", summary="Sign in with a password, refresh a session, or trade a PKCE code (grant_type)")
async def token(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        grant = request.query_params.get("grant_type")
        body = await _body(request)
        sign_in = _sign_in(request)
        issuer = f"{request.url.scheme}://{request.headers.get('host', '')}/auth/v1"
        if grant == "password":
            email, password = body.get("email"), body.get("password")
            if body.get("phone"):
                raise GoTrueError(400, "phone_provider_disabled", "Phone logins are disabled")
            if not isinstance(email, str) or not email or not isinstance(password, str):
                raise GoTrueError(400, "validation_failed", "missing email or phone")
            email, address = email.strip().lower(), _address(request)
            # The e-mail's growing delay is slept here, not in a worker thread.
            await asyncio.sleep(await run_in_threadpool(sign_in.admit, email, address))
            session = await run_in_threadpool(sign_in.password_grant, tenant.id, email, password, issuer=issuer,
                                              address=address, user_agent=request.headers.get("user-agent"))
        elif grant == "refresh_token":
            refresh = body.get("refresh_token")
            if not isinstance(refresh, str) or not refresh:
                raise GoTrueError(400, "validation_failed", "refresh_token required")
            session = await run_in_threadpool(sign_in.refresh_grant, tenant.id, refresh, issuer=issuer)
        elif grant == "pkce":
            session = await run_in_threadpool(sign_in.pkce_grant, tenant.id, body.get("auth_code"),
                                              body.get("code_verifier"), issuer=issuer, address=_address(request),
                                              user_agent=request.headers.get("user-agent"))
        else:
            raise GoTrueError(400, "validation_failed", "unsupported_grant_type")
        return JSONResponse(session)

    return await _answer(request, handle)


@router.get("/user", summary="The signed-in user")
async def get_user(request: Request) -> Response:
    return await _user(request, change=False)


@router.put("/user", summary="Change the signed-in user's password or user_metadata")
async def put_user(request: Request) -> Response:
    return await _user(request, change=True)


async def _user(request: Request, *, change: bool) -> Response:
    async def handle(tenant: Tenant) -> Response:
        claims = _bearer_claims(request, tenant)
        sign_in = _sign_in(request)
        if change:
            user = await run_in_threadpool(sign_in.update_user, tenant.id, claims, await _body(request))
        else:
            user = await run_in_threadpool(sign_in.user, tenant.id, claims)
        return JSONResponse(user_json(user, tenant.id))

    return await _answer(request, handle)


@router.post("/logout", summary="End this session (local), the others, or all (global)")
async def logout(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        claims = _bearer_claims(request, tenant)
        scope = request.query_params.get("scope", "global")
        await run_in_threadpool(_sign_in(request).logout, claims, scope)
        return Response(status_code=204)

    return await _answer(request, handle)


@router.get("/settings", summary="What this tenant's sign-in offers")
async def settings(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        offer = await run_in_threadpool(sign_in_offer, request.app.state.api.pool, tenant.id)
        return JSONResponse({
            "external": {"email": True, "phone": False, "anonymous_users": False},
            "disable_signup": not offer["signup_open"],  # invite-only unless tenants.settings.auth.signup = "open"
            "mailer_autoconfirm": False, "phone_autoconfirm": False, "sms_provider": "",
            "saml_enabled": False, "anonymous_users": False,
            "sso_enabled": offer["sso_offered"],  # VITAL's OpenID Connect single sign-on (docs/auth.md)
        })

    return await _answer(request, handle)
