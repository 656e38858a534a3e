"""`/auth/v1` e-mail flows in GoTrue's shapes: `POST /otp` (magic link and code), `POST /signup`
(refused unless the tenant's sign-up is open), `POST /recover`, `POST /verify` (a code or a
link's token_hash → a session) and `GET /verify` (the link in the message → a redirect with the
session in the fragment). The logic is vital.auth.links; this module is HTTP only, on the
same apikey check and error shapes as vital.api.gotrue.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from vital.api.gotrue import _address, _answer, _body, _sign_in, _tenant
from vital.auth import pkce
from vital.auth.gotrue import GoTrueError
from vital.auth.links import Links, Site, unconfirmed_user
from vital.tenancy import Tenant

router = APIRouter(prefix="/auth/v1", tags=["auth"])


def links_of(request: Request) -> Links:
    api = request.app.state.api
    found = getattr(request.app.state, "links", None)
    if found is None or found.pool is not api.pool:
        found = request.app.state.links = Links(api.pool, api.settings, _sign_in(request))
    return found


def site_of(request: Request, tenant: Tenant) -> Site:
    return Site(tenant.id, tenant.subdomain, f"{request.url.scheme}://{request.headers.get('host', '')}".lower(),
                _address(request), request.headers.get("user-agent"))


def _email(body: dict[str, Any]) -> str:
    email = body.get("email")
    if body.get("phone"):
        raise GoTrueError(400, "phone_provider_disabled", "Phone logins are disabled")
    if not isinstance(email, str) or "@" not in email:
        raise GoTrueError(400, "validation_failed", "An email address is required")
    return email.strip().lower()


def _redirect_to(request: Request, body: dict[str, Any]) -> str | None:
    # supabase clients send it in the query (redirect_to), older ones in the body or options.
    return (request.query_params.get("redirect_to") or body.get("redirect_to")
            or (body.get("options") or {}).get("email_redirect_to"))


@router.post("/otp", summary="Send a magic link and a one-time code to an e-mail")
async def otp(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        body = await _body(request)
        email, create_user = _email(body), body.get("create_user", True) is not False
        outcome = await run_in_threadpool(links_of(request).request, site_of(request, tenant), email, "magiclink",
                                          redirect_to=_redirect_to(request, body), create_user=create_user,
                                          challenge=pkce.challenge_of(body))
        if outcome == "no_user" and not create_user:
            raise GoTrueError(422, "otp_disabled", "Signups not allowed for otp")
        if outcome == "signup_closed":  # a stranger at an invite-only tenant, as GoTrue with signups off
            raise GoTrueError(422, "signup_disabled", "Signups not allowed for otp")
        # disabled: the same empty answer as a sent link
        return JSONResponse({})

    return await _answer(request, handle)


@router.post("/signup", summary="Sign up with an e-mail (when the tenant's sign-up is open)")
async def signup(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        body = await _body(request)
        email, password = _email(body), body.get("password")
        links = links_of(request)
        if password is not None and (not isinstance(password, str)
                                     or len(password) < links.settings.auth_password_min_length):
            raise GoTrueError(422, "weak_password", f"Password should be at least "
                              f"{links.settings.auth_password_min_length} characters.",
                              extra={"weak_password": {"reasons": ["length"]}})
        outcome = await run_in_threadpool(links.request, site_of(request, tenant), email, "signup",
                                          redirect_to=_redirect_to(request, body), password=password,
                                          challenge=pkce.challenge_of(body))
        if outcome == "signup_closed":
            raise GoTrueError(422, "signup_disabled", "Signups not allowed for this instance")
        if outcome == "exists":
            raise GoTrueError(422, "user_already_exists", "User already registered")
        return JSONResponse(unconfirmed_user(email))

    return await _answer(request, handle)


@router.post("/recover", summary="Send a password recovery link")
async def recover(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        body = await _body(request)
        await run_in_threadpool(links_of(request).request, site_of(request, tenant), _email(body), "recovery",
                                redirect_to=_redirect_to(request, body), challenge=pkce.challenge_of(body))
        return JSONResponse({})  # whether or not the e-mail is a member here

    return await _answer(request, handle)


@router.post("/verify", summary="A code or a link's token_hash for a session")
async def verify(request: Request) -> Response:
    async def handle(tenant: Tenant) -> Response:
        body = await _body(request)
        email = body.get("email")
        session = await run_in_threadpool(
            links_of(request).verify, site_of(request, tenant), str(body.get("type", "")),
            token_hash=body.get("token_hash") or None,
            email=email.strip().lower() if isinstance(email, str) else None,
            token=str(body["token"]).strip() if body.get("token") else None)
        session.pop("type", None)
        return JSONResponse(session)

    return await _answer(request, handle)


@router.get("/verify", summary="The link of a message: redirects with the session in the fragment")
async def verify_link(request: Request) -> Response:
    # Followed from a mail client: no apikey, as with GoTrue's links.
    links, q = links_of(request), request.query_params
    try:
        tenant = await _tenant(request)
        site = site_of(request, tenant)
        target = await run_in_threadpool(links.redirect, site, q.get("redirect_to"))
    except GoTrueError as exc:
        return JSONResponse(exc.body(), status_code=exc.status)
    try:
        session = await run_in_threadpool(links.verify, site, q.get("type", ""), token_hash=q.get("token"),
                                          followed=True)
    except GoTrueError as exc:
        fragment = {"error": "access_denied" if exc.status < 500 else "server_error",
                    "error_code": exc.error_code, "error_description": exc.msg}
        return RedirectResponse(f"{target}#{urlencode(fragment)}", status_code=303)
    if "code" in session:  # GoTrue's PKCE flow: the client trades the code at /token?grant_type=pkce
        return RedirectResponse(pkce.with_code(target, session["code"]), status_code=303)
    fragment = {key: session[key] for key in ("access_token", "expires_at", "expires_in", "refresh_token",
                                              "token_type", "type")}
    return RedirectResponse(f"{target}#{urlencode(fragment)}", status_code=303)
