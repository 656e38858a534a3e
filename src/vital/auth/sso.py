"""Single sign-on per tenant with OpenID Connect (authorization code + PKCE): what
`POST /auth/v1/sso` and its callback do, apart from HTTP.

Nothing secret of a flow is stored: the state travels to the provider and back, the database
keeps only its sha256 (single use, ten minutes), and the nonce and PKCE verifier are HMACs of
the state under the JWT secret, recomputed at the callback. Every statement goes through the
definer functions of migration 20261124000023_sso on the API's pool.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit
from uuid import UUID

from psycopg.rows import class_row
from psycopg_pool import ConnectionPool

from vital.auth import pkce
from vital.auth.gotrue import SSO_METHOD, GoTrueError
from vital.auth.oidc import Client, Provider
from vital.auth.sealing import unseal
from vital.auth.secret import require_secret
from vital.auth.sessions import SignIn
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.errors import ConfigError
from vital.settings import Settings

SQL = Queries(__name__)
FLOW_SECONDS = 600


@dataclass(frozen=True)
class Registration:
    """A tenant's provider as the flow needs it (vital.sso_provider_for)."""
    provider_id: UUID
    issuer: str
    client_id: str
    client_secret_sealed: str | None
    domains: list[str]
    default_role: str
    redirect_urls: list[str]


@dataclass(frozen=True)
class Flow:
    provider_id: UUID
    redirect_to: str
    expired: bool


def not_found() -> GoTrueError:
    return GoTrueError(404, "sso_provider_not_found", "No SSO provider assigned for this domain")


def allowed_redirect(wanted: str | None, site_url: str, allowed: list[str]) -> str:
    """`wanted` when it is the tenant's own origin or under a registered redirect URL, else the site
    URL (as GoTrue falls back to SITE_URL): tokens never travel to a place nobody allowed."""
    if not wanted:
        return allowed[0] if allowed else site_url
    if _origin(wanted) == _origin(site_url):
        return wanted
    for prefix in allowed:
        if wanted == prefix or (wanted.startswith(prefix.rstrip("/") + "/") and _origin(wanted) == _origin(prefix)):
            return wanted
    return allowed[0] if allowed else site_url


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def with_fragment(url: str, values: dict[str, Any]) -> str:
    return f"{url.split('#', 1)[0]}#{urlencode({k: v for k, v in values.items() if v is not None})}"


class SingleSignOn:
    """The flow for every tenant of one API process."""

    def __init__(self, pool: ConnectionPool, settings: Settings, sign_in: SignIn, provider: Provider | None = None):
        self.pool, self.settings, self.sign_in = pool, settings, sign_in
        self.provider = provider or Provider()

    def start(self, tenant_id: UUID, *, domain: str | None, provider_id: str | None, redirect_to: str | None,
              site_url: str, callback_url: str, challenge: tuple[str, str] | None = None) -> str:
        """The provider's authorization URL for a new flow (with the client's PKCE `challenge`,
        vital.auth.pkce: the flow ends with `?code=` instead of a session)."""
        registration = self._registration(tenant_id, domain=domain, provider_id=provider_id)
        if registration is None:
            raise not_found()
        state = secrets.token_urlsafe(32)
        target = allowed_redirect(redirect_to, site_url, registration.redirect_urls)
        with translate(), self.pool.connection() as conn:
            conn.execute(SQL("sso.flow_start"), {
                "tenant_id": tenant_id, "provider_id": registration.provider_id, "state_hash": _sha256(state),
                "redirect_to": target,
                "expires_at": datetime.now(timezone.utc) + timedelta(seconds=FLOW_SECONDS)})
            if challenge:
                pkce.begin(conn, tenant_id, _sha256(state), challenge)
        return self.provider.authorization_url(self._client(registration, callback_url), state=state,
                                               nonce=self._derived("nonce", state),
                                               code_verifier=self._derived("pkce", state))

    def callback(self, tenant_id: UUID, params: dict[str, str], *, callback_url: str, issuer: str, address: str,
                 user_agent: str | None) -> str:
        """Where to send the browser: the flow's redirect target with the session, or the error, in
        the fragment (a PKCE flow: `?code=`). An unknown state raises (nowhere trusted to send it)."""
        state = params.get("state") or ""
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(Flow)) as cur:
            flow = cur.execute(SQL("sso.flow_take"), {"tenant_id": tenant_id,
                                                      "state_hash": _sha256(state)}).fetchone()
        if flow is None:
            raise GoTrueError(400, "bad_oauth_state", "OAuth state parameter is invalid or was already used")
        try:
            if flow.expired:
                raise GoTrueError(400, "flow_state_expired", "The sign-in took too long; start again")
            if params.get("error"):
                raise GoTrueError(400, "bad_oauth_callback", "The identity provider refused the sign-in: "
                                  f"{params.get('error_description') or params['error']}")
            if not params.get("code"):
                raise GoTrueError(400, "bad_oauth_callback", "OAuth callback with missing authorization code")
            user_id = self._identify(tenant_id, flow, params["code"], state, callback_url=callback_url)
            code = pkce.issue_code(self.pool, tenant_id, _sha256(state), user_id, SSO_METHOD)
            if code is not None:
                return pkce.with_code(flow.redirect_to, code)
            session = self.sign_in.open_session(tenant_id, user_id, issuer=issuer, address=address,
                                                user_agent=user_agent, method=SSO_METHOD)
        except GoTrueError as exc:
            return with_fragment(flow.redirect_to, {"error": _oauth_error(exc), "error_code": exc.error_code,
                                                    "error_description": exc.msg})
        return with_fragment(flow.redirect_to, {
            "access_token": session["access_token"], "expires_at": session["expires_at"],
            "expires_in": session["expires_in"], "refresh_token": session["refresh_token"],
            "token_type": "bearer", "type": "sso"})

    # -- steps ------------------------------------------------------------------------
    def _identify(self, tenant_id: UUID, flow: Flow, code: str, state: str, *, callback_url: str) -> UUID:
        """The member the provider's answer signs in (provisioned at first sign-in)."""
        registration = self._registration(tenant_id, domain=None, provider_id=str(flow.provider_id))
        if registration is None:  # removed while the user was at the provider
            raise not_found()
        client = self._client(registration, callback_url)
        id_token = self.provider.exchange(client, code, self._derived("pkce", state))
        claims = self.provider.validate(client, id_token, self._derived("nonce", state))
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise GoTrueError(400, "email_address_invalid", "The identity provider gave no e-mail address")
        if claims.get("email_verified") not in (True, "true"):
            raise GoTrueError(403, "email_not_confirmed", "The identity provider has not verified this e-mail")
        if email.rsplit("@", 1)[1].lower() not in registration.domains:
            raise GoTrueError(403, "email_address_not_authorized",
                              f"E-mail addresses of {email.rsplit('@', 1)[1]} may not sign in here")
        with translate(), self.pool.connection() as conn, conn.cursor() as cur:
            outcome, user_id, _ = cur.execute(SQL("sso.link_user"), {
                "tenant_id": tenant_id, "provider_id": registration.provider_id, "subject": str(claims["sub"]),
                "email": email.lower(), "name": claims.get("name")}).fetchone()
        if outcome == "elsewhere":
            raise GoTrueError(422, "email_exists", "This e-mail belongs to a user of another organization: "
                              "single sign-on cannot sign them in here")
        if outcome != "ok":
            raise GoTrueError(403, "user_banned", "This membership is disabled")
        return user_id

    def _registration(self, tenant_id: UUID, *, domain: str | None, provider_id: str | None) -> Registration | None:
        try:
            provider_uuid = UUID(provider_id) if provider_id else None
        except ValueError:
            return None
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(Registration)) as cur:
            return cur.execute(SQL("sso.provider_for"), {"tenant_id": tenant_id, "domain": domain,
                                                         "provider_id": provider_uuid}).fetchone()

    def _client(self, registration: Registration, callback_url: str) -> Client:
        secret = None
        if registration.client_secret_sealed:
            try:
                secret = unseal(self.settings, registration.client_secret_sealed)
            except ConfigError as exc:  # the key changed: the operator's to fix, the admin's to re-enter
                raise GoTrueError(500, "unexpected_failure", f"{exc.message} {exc.hint}") from None
        return Client(registration.issuer, registration.client_id, secret, callback_url)

    def _derived(self, purpose: str, state: str) -> str:
        key = require_secret(self.settings).encode()
        digest = hmac.new(key, f"vital.sso.{purpose}:{state}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()  # 43 characters: a valid PKCE verifier


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _oauth_error(exc: GoTrueError) -> str:
    return "server_error" if exc.status >= 500 else "access_denied"
