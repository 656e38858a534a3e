"""Sign-in pages: password, magic link, single sign-on, invitations and password resets, sign-out.
Each is a form posted to the console, which calls `/auth/v1` as the browser's client would and
keeps the session it answers in the sealed cookie. Links and SSO use GoTrue's PKCE flow, so the
tokens never appear in a URL: the link leads to `/auth/callback?code=...` and the console trades
the code with the verifier it kept in the session."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import quote

from fastapi import APIRouter, Request

from vital.console.visit import Visit, same_origin_path

router = APIRouter(include_in_schema=False)

# GoTrue's error codes in words: what happened and what to do.
MESSAGES = {
    "invalid_credentials": "The e-mail or password is wrong. Check both and try again, or sign in with a link.",
    "user_banned": "Your membership of this organisation is disabled. Ask one of its admins.",
    "sso_required": "Your organisation requires single sign-on. Use the single sign-on button below.",
    "otp_expired": "The link has expired or was already used. Ask for a new one.",
    "otp_disabled": "There is no account for this e-mail address here. Ask an admin to invite you.",
    "signup_disabled": "There is no account for this e-mail address here. Ask an admin to invite you.",
    "weak_password": "The password is too weak: use a longer one (a few words make a good password).",
    "same_password": "The new password is the same as the old one. Choose a different one.",
    "sso_provider_not_found": "No single sign-on is set up for that e-mail domain here.",
    "validation_failed": "Something in the form was missing or not valid. Check it and try again.",
    "flow_state_expired": "The sign-in took too long. Start again.",
    "flow_state_not_found": "That sign-in link was already used. Start again.",
}


def explain(reply) -> str:
    body = reply.json() if reply.body else {}
    body = body if isinstance(body, dict) else {}
    code = body.get("error_code") or body.get("code")
    if code in ("over_request_rate_limit", "over_email_send_rate_limit") or reply.status == 429:
        after = reply.headers.get("retry-after")
        when = f" Try again in {after} seconds." if after else " Wait a little and try again."
        return "Too many attempts." + when
    return MESSAGES.get(code) or body.get("msg") or body.get("message") or "That did not work. Try again."


def _pkce(visit: Visit, purpose: str, target: str) -> dict:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    visit.session.pkce = {"verifier": verifier, "purpose": purpose, "next": target}
    visit.changed = True
    return {"code_challenge": challenge, "code_challenge_method": "s256"}


def _callback(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host')}/auth/callback"


async def _sign_in_page(visit: Visit, status: int = 200, **context):
    offer = await visit.auth("GET", "/auth/v1/settings")  # the SSO form only where the tenant has SSO
    sso = offer.ok and bool(offer.json().get("sso_enabled"))
    return visit.render("sign_in.html", status, title="Sign in", sso=sso,
                        next=same_origin_path(visit.request.query_params.get("next")), **context)


@router.get("/sign-in")
async def sign_in_page(request: Request):
    visit = await Visit.of(request, signed_in=False)
    if visit.session.signed_in:
        return visit.redirect(same_origin_path(request.query_params.get("next")))
    return await _sign_in_page(visit)


@router.post("/sign-in")
async def sign_in(request: Request):
    visit = await Visit.of(request, signed_in=False)
    form = await visit.check_form()
    target = same_origin_path(form.get("next"))
    reply = await visit.auth("POST", "/auth/v1/token", query={"grant_type": "password"},
                             json_body={"email": form.get("email", ""), "password": form.get("password", "")})
    if not reply.ok:
        return await _sign_in_page(visit, 400 if reply.status != 429 else 429, error=explain(reply),
                             email=form.get("email", ""))
    await _signed_in(visit, reply.json())
    return visit.redirect(target)


async def _signed_in(visit: Visit, grant: dict) -> None:
    visit.open(grant)
    found = await visit.api("GET", "/rest/v1/tenants", query={"select": "name", "subdomain": f"eq.{visit.tenant.subdomain}"})
    rows = found.json() if found.ok else None
    visit.session.tenant_name = rows[0]["name"] if rows else None


@router.post("/sign-in/link")
async def magic_link(request: Request):
    """Magic link (purpose 'magiclink') or password reset (purpose 'recovery'): a message with a link."""
    visit = await Visit.of(request, signed_in=False)
    form = await visit.check_form()
    recovery = form.get("purpose") == "recovery"
    challenge = _pkce(visit, "recovery" if recovery else "magiclink",
                      "/account/password" if recovery else same_origin_path(form.get("next")))
    body = {"email": form.get("email", ""), **challenge}
    if recovery:
        reply = await visit.auth("POST", "/auth/v1/recover", query={"redirect_to": _callback(request)}, json_body=body)
    else:
        reply = await visit.auth("POST", "/auth/v1/otp", query={"redirect_to": _callback(request)},
                                 json_body={**body, "create_user": False})
    if not reply.ok:
        return await _sign_in_page(visit, reply.status if reply.status < 500 else 400, error=explain(reply),
                             email=form.get("email", ""))
    return visit.render("notice.html", title="Check your e-mail",
                        text=f"If {form.get('email', '')} may sign in here, a message with a link is on its way. "
                             "Open the link in this browser; it is good once and for a short time.")


@router.post("/sign-in/sso")
async def sso(request: Request):
    visit = await Visit.of(request, signed_in=False)
    form = await visit.check_form()
    email = form.get("email", "")
    domain = email.rpartition("@")[2] if "@" in email else email
    challenge = _pkce(visit, "sso", same_origin_path(form.get("next")))
    reply = await visit.auth("POST", "/auth/v1/sso", json_body={
        "domain": domain.strip().lower(), "redirect_to": _callback(request), "skip_http_redirect": True, **challenge})
    if not reply.ok or not (reply.json() or {}).get("url"):
        return await _sign_in_page(visit, 400, error=explain(reply), email=email)
    return visit.redirect(reply.json()["url"])


@router.get("/auth/callback")
async def callback(request: Request):
    """Where links and SSO lead: trade the code for a session with the verifier this browser kept."""
    visit = await Visit.of(request, signed_in=False)
    pending, code = visit.session.pkce, request.query_params.get("code")
    if request.query_params.get("error_description") or not code or not pending:
        return await _sign_in_page(visit, 400, error="That link did not sign you in: it has expired, was already used, "
                                               "or was opened in another browser. Ask for a new one.")
    reply = await visit.auth("POST", "/auth/v1/token", query={"grant_type": "pkce"},
                             json_body={"auth_code": code, "code_verifier": pending["verifier"]})
    if not reply.ok:
        return await _sign_in_page(visit, 400, error=explain(reply))
    await _signed_in(visit, reply.json())
    return visit.redirect(same_origin_path(pending.get("next")))


@router.get("/auth/landing")
async def landing(request: Request):
    """Invitation links carry the session in the URL's fragment (GoTrue's implicit flow), which only
    the page's script can read: it posts it here at once and clears the address bar."""
    visit = await Visit.of(request, signed_in=False)
    return visit.render("landing.html", title="Signing you in")


@router.post("/auth/landing")
async def landed(request: Request):
    visit = await Visit.of(request, signed_in=False)
    form = await visit.check_form()
    token, refresh = form.get("access_token"), form.get("refresh_token")
    if not token:
        return await _sign_in_page(visit, 400, error="That link did not sign you in: it has expired or was already used.")
    user = await visit.auth("GET", "/auth/v1/user", headers={"authorization": f"Bearer {token}"})
    if not user.ok:  # the API decides: a token of another tenant or a closed session opens nothing
        return await _sign_in_page(visit, 400, error=explain(user))
    await _signed_in(visit, {"access_token": token, "refresh_token": refresh, "user": user.json(),
                             "expires_at": form.get("expires_at") or 0})
    kind = form.get("type")
    return visit.redirect("/account/password" if kind in ("invite", "recovery") else "/ask")


@router.get("/account/password")
async def password_page(request: Request):
    visit = await Visit.of(request)
    return visit.render("password.html", title="Set your password")


@router.post("/account/password")
async def set_password(request: Request):
    visit = await Visit.of(request)
    form = await visit.check_form()
    if form.get("password", "") != form.get("confirm", ""):
        return visit.render("password.html", 400, title="Set your password",
                            error="The two passwords differ. Type the same password twice.")
    reply = await visit.auth("PUT", "/auth/v1/user", json_body={"password": form.get("password", "")})
    if not reply.ok:
        return visit.render("password.html", 400, title="Set your password", error=explain(reply))
    return visit.render("notice.html", title="Password set", text="Your password is set. Your other sessions "
                        "were signed out.", link=("/ask", "Go to Ask Expert"))


@router.post("/sign-out")
async def sign_out(request: Request):
    visit = await Visit.of(request, signed_in=False)
    form = await visit.check_form()
    scope = "global" if form.get("scope") == "global" else "local"
    if visit.session.signed_in:
        await visit.auth("POST", "/auth/v1/logout", query={"scope": scope})
    visit.session = visit.session.signed_out()
    visit.changed = True
    note = "everywhere" if scope == "global" else "on this device"
    return visit.redirect(f"/sign-in?signed_out={quote(note)}")
