"""One-time links and codes: magic links, sign-up confirmations, recovery, and the invitation
links of `tenant_invitations`, in GoTrue's shapes (`POST /otp`, `/signup`, `/recover`,
`/verify`). The database keeps only sha256 of a link's secret and of its 6-digit code, and
spends them once (migration 20261124000021_mail_links); the message goes out by
vital.auth.mail after the statement has committed.

Failed verifies are counted by the limiter per client address and per e-mail (a 6-digit
code is guessable): past `auth_verify_max_failures` a 429 until the window ends.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit
from uuid import UUID, uuid4

from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from vital.auth import pkce
from vital.auth.gotrue import GoTrueError, invalid_credentials
from vital.auth.limiter import Limiter
from vital.auth.mail import Mailer, Message
from vital.auth.passwords import hash_password
from vital.auth.sessions import SignIn
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import one
from vital.settings import Settings

SQL = Queries(__name__)
KINDS = ("magiclink", "signup", "recovery", "invite")
# GoTrue's verify types and the links they spend ("email" is a code from /otp or /signup).
VERIFY_TYPES = {"magiclink": ["magiclink", "signup"], "email": ["magiclink", "signup"], "signup": ["signup"],
                "recovery": ["recovery"], "invite": ["invite"]}
_SPENT = GoTrueError(403, "otp_expired", "Token has expired or is invalid")
# GoTrue's amr method of a session opened by a link of each kind (a 6-digit code: "otp").
LINK_METHODS = {"magiclink": "magiclink", "signup": "email/signup", "recovery": "recovery", "invite": "invite"}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def code_hash(tenant_id: UUID, email: str, code: str) -> str:
    return sha256(f"{tenant_id}:{email}:{code}")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class Site:
    """Where a request came in: the tenant's own origin (its default redirect) and the /auth/v1 issuer."""
    tenant_id: UUID
    subdomain: str
    origin: str
    address: str
    user_agent: str | None = None

    @property
    def issuer(self) -> str:
        return f"{self.origin}/auth/v1"


class Links:
    def __init__(self, pool: ConnectionPool, settings: Settings, sign_in: SignIn):
        self.pool, self.settings, self.sign_in = pool, settings, sign_in
        self.mailer = Mailer(pool.connection, settings)
        window = timedelta(seconds=settings.auth_ip_window_seconds)
        self.failed_by_address = Limiter(pool, "verify.address", limit=settings.auth_verify_max_failures,
                                         window=window)
        self.failed_by_email = Limiter(pool, "verify.email", limit=settings.auth_verify_max_failures, window=window)
        self.mail_by_email = Limiter(pool, "mail.email", limit=settings.auth_mail_per_hour,
                                     window=timedelta(hours=1))

    # -- redirects ------------------------------------------------------------------
    def redirect(self, site: Site, redirect_to: str | None) -> str:
        """The target a link leads to: the tenant's own origin or one of its allow-list's origins."""
        if not redirect_to:
            return site.origin + "/"
        target = origin(redirect_to)
        if target == site.origin:
            return redirect_to
        with translate(), self.pool.connection() as conn:
            allowed = conn.execute(SQL("links.redirect_urls"), {"tenant_id": site.tenant_id}).fetchone()[0]
        if target in {origin(url) for url in allowed}:
            return redirect_to
        raise GoTrueError(400, "validation_failed",
                          "redirect_to is not in this tenant's allow-list (tenants.settings.auth.redirect_urls)")

    # -- issuing --------------------------------------------------------------------
    def request(self, site: Site, email: str, kind: str, *, redirect_to: str | None, create_user: bool = False,
                password: str | None = None, challenge: tuple[str, str] | None = None) -> str:
        """Stores a link for the e-mail and sends it; returns the outcome (vital.issue_link). With a
        PKCE `challenge` (vital.auth.pkce) the link leads to `?code=` instead of a session."""
        target = self.redirect(site, redirect_to)
        if self.mail_by_email.over(f"{site.tenant_id}:{email}") is not None:
            raise GoTrueError(429, "over_email_send_rate_limit", "Email rate limit exceeded")
        token, code = secrets.token_urlsafe(32), f"{secrets.randbelow(10 ** 6):06d}"
        expires = datetime.now(timezone.utc) + timedelta(seconds=self.settings.auth_link_seconds)
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            issued = cur.execute(SQL("links.issue"), {
                "tenant_id": site.tenant_id, "email": email, "kind": kind, "token_hash": sha256(token),
                "code_hash": code_hash(site.tenant_id, email, code), "expires_at": expires,
                "create_user": create_user, "password_hash": hash_password(password) if password else None,
            }).fetchone()
            if issued["outcome"] == "ok" and challenge:
                pkce.begin(conn, site.tenant_id, sha256(token), challenge)
        if issued["outcome"] == "ok":
            self.mail_by_email.hit(f"{site.tenant_id}:{email}")
            self.mailer.send(Message(site.tenant_id, site.subdomain, email, issued["kind"],
                                     verify_link(site, token, issued["kind"], target), code))
        return issued["outcome"]

    # -- verifying ------------------------------------------------------------------
    def verify(self, site: Site, kind: str, *, token_hash: str | None = None, email: str | None = None,
               token: str | None = None, followed: bool = False) -> dict[str, Any]:
        """A session for a valid link or code; GoTrue's errors otherwise (counted by the limiter).
        A link `followed` from the message whose flow is PKCE gives {"code", "type"} instead."""
        kinds = VERIFY_TYPES.get(kind)
        if kinds is None:
            raise GoTrueError(400, "validation_failed", f"Verify requires a verification type, got {kind!r}")
        if not token_hash and not (email and token):
            raise GoTrueError(400, "validation_failed", "Verify requires either a token or a token hash")
        refused = self.failed_by_address.over(site.address) or (email and self.failed_by_email.over(email))
        if refused:
            raise GoTrueError(429, "over_request_rate_limit", "Request rate limit reached",
                              retry_after=refused.seconds_left())
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            spent = cur.execute(SQL("links.spend"), {
                "tenant_id": site.tenant_id, "token_hash": sha256(token_hash) if token_hash else None,
                "code_hash": code_hash(site.tenant_id, email, token) if email and token else None,
                "kinds": kinds}).fetchone()
        if spent["outcome"] != "ok":
            self.failed_by_address.hit(site.address)
            if email:
                self.failed_by_email.hit(email)
            if spent["outcome"] == "disabled":
                raise GoTrueError(403, "user_banned", "User is banned")
            raise _SPENT
        member = self.sign_in.member(site.tenant_id, spent["user_id"])
        if member is None:  # locked since the link was sent
            raise invalid_credentials()
        # After the link or code was checked, so that it tells nothing to someone without it.
        self.sign_in.refuse_unless_sso_free(site.tenant_id, member.tenant_role)
        method = LINK_METHODS[spent["kind"]] if token_hash else "otp"
        if followed and token_hash:
            code = pkce.issue_code(self.pool, site.tenant_id, sha256(token_hash), spent["user_id"], method)
            if code is not None:
                return {"code": code, "type": spent["kind"]}
        session = self.sign_in.open_session(site.tenant_id, spent["user_id"], issuer=site.issuer,
                                            address=site.address, user_agent=site.user_agent, method=method)
        return {**session, "type": spent["kind"]}


def sign_in_offer(pool: ConnectionPool, tenant_id: UUID) -> dict[str, bool]:
    """For GET /settings: whether the tenant takes sign-ups (tenants.settings.auth.signup = "open")
    and whether it offers single sign-on."""
    with translate(), pool.connection() as conn:
        return one(conn, SQL("links.sign_in_offer"), {"tenant_id": tenant_id})


def verify_link(site: Site, token: str, kind: str, redirect_to: str) -> str:
    return f"{site.issuer}/verify?" + urlencode({"token": token, "type": kind, "redirect_to": redirect_to})


def unconfirmed_user(email: str) -> dict[str, Any]:
    """What POST /signup answers before the link is followed: GoTrue's unconfirmed user (the
    account exists only once the link is followed, so its id here is a placeholder)."""
    now = datetime.now(timezone.utc).isoformat()
    return {"id": str(uuid4()), "aud": "authenticated", "role": "", "email": email, "phone": "",
            "confirmation_sent_at": now, "app_metadata": {"provider": "email", "providers": ["email"]},
            "user_metadata": {}, "identities": [], "created_at": now, "updated_at": now, "is_anonymous": False}
