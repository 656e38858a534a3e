"""Password sign-in, rotating refresh tokens, the signed-in user, logout: what /auth/v1 does,
apart from HTTP. Every statement goes through the definer functions of migration
20261124000019_sign_in, on the API's pool. Failures are `GoTrueError`s.

Failed sign-ins are slowed per e-mail (`Backoff`: a growing wait, never a refusal, so
nobody can lock a victim out) and refused per client address after a threshold
(`Limiter`: 429 with Retry-After), with the counts in PostgreSQL (vital.auth.limiter).
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from psycopg.rows import class_row, dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from vital.auth import gotrue, pkce
from vital.auth.gotrue import GoTrueError, User
from vital.auth.limiter import Backoff, Limiter
from vital.auth.passwords import hash_password, needs_rehash, verify_password
from vital.auth.tokens import sign
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.settings import Settings

SQL = Queries(__name__)
LOGOUT_SCOPES = ("global", "local", "others")
_REFRESH_ERRORS = {
    "reused": ("refresh_token_already_used", "Invalid Refresh Token: Already Used"),
    "expired": ("session_expired", "Invalid Refresh Token: Session Expired"),
}


@dataclass(frozen=True)
class Candidate:
    user_id: UUID
    email: str
    password_hash: str | None
    tenant_role: str


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _inet(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None  # still counted by the limiter under its name, just not stored with the session


class SignIn:
    """Sign-in for every tenant of one API process (the tenant comes with each call)."""

    def __init__(self, pool: ConnectionPool, settings: Settings):
        self.pool, self.settings = pool, settings
        s = settings
        self.per_email = Backoff(
            Limiter(pool, "sign_in.email", limit=1, window=timedelta(seconds=s.auth_email_window_seconds)),
            base=s.auth_email_delay_seconds, cap=s.auth_email_delay_max_seconds)
        self.per_address = Limiter(pool, "sign_in.address", limit=s.auth_ip_max_failures,
                                   window=timedelta(seconds=s.auth_ip_window_seconds))

    # -- grants -------------------------------------------------------------------
    def admit(self, email: str, address: str) -> float:
        """Before a password is checked: 429 when the address failed too often, else the
        seconds to wait (the e-mail's growing delay), to be slept by the caller."""
        refused = self.per_address.over(address)
        if refused is not None:
            raise GoTrueError(429, "over_request_rate_limit", "Request rate limit reached",
                              retry_after=refused.seconds_left())
        return self.per_email.attempt(email)

    def password_grant(self, tenant_id: UUID, email: str, password: str, *, issuer: str, address: str,
                       user_agent: str | None) -> dict[str, Any]:
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(Candidate)) as cur:
            candidate = cur.execute(SQL("sessions.candidate"), {"tenant_id": tenant_id, "email": email}).fetchone()
        # Always one argon2 verification, whether or not the e-mail is a member here.
        if not verify_password(candidate.password_hash if candidate else None, password):
            self.per_address.hit(address)
            raise gotrue.invalid_credentials()
        self.per_email.reset(email)
        # Asked after the password check, so that it tells nothing to someone without the password.
        self.refuse_unless_sso_free(tenant_id, candidate.tenant_role)
        return self.open_session(tenant_id, candidate.user_id, issuer=issuer, address=address,
                                 user_agent=user_agent, method="password",
                                 rehash=hash_password(password) if needs_rehash(candidate.password_hash) else None)

    def refuse_unless_sso_free(self, tenant_id: UUID, role: str) -> None:
        """Single sign-on (migration 20261124000023_sso): a tenant that requires it refuses passwords,
        links and codes to everyone but its owners, in the password grant's shape."""
        with translate(), self.pool.connection() as conn:
            if conn.execute(SQL("sso.required"), {"tenant_id": tenant_id, "role": role}).fetchone()[0]:
                raise GoTrueError(422, "sso_required", "This organization requires single sign-on: "
                                  "sign in with your identity provider (signInWithSSO)")

    def open_session(self, tenant_id: UUID, user_id: UUID, *, issuer: str, address: str, user_agent: str | None,
                     method: str, rehash: str | None = None) -> dict[str, Any]:
        """A new session for a member whose credentials were checked by `method` (GoTrue's amr method:
        password, otp, magiclink, email/signup, recovery, invite, sso/oidc)."""
        refresh = secrets.token_urlsafe(32)
        with translate(), self.pool.connection() as conn:
            session_id, signed_in_at = conn.execute(SQL("sessions.start"), {
                "tenant_id": tenant_id, "user_id": user_id, "token_hash": _sha256(refresh),
                "expires_at": self._refresh_expiry(), "user_agent": user_agent, "ip": _inet(address),
                "rehash": rehash, "method": method,
            }).fetchone()
        return self._session(tenant_id, user_id, session_id, refresh, issuer=issuer,
                             amr={"method": method, "timestamp": int(signed_in_at.timestamp())})

    def refresh_grant(self, tenant_id: UUID, refresh_token: str, *, issuer: str) -> dict[str, Any]:
        fresh = secrets.token_urlsafe(32)
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            found = cur.execute(SQL("sessions.rotate"), {
                "tenant_id": tenant_id, "token_hash": _sha256(refresh_token), "new_hash": _sha256(fresh),
                "expires_at": self._refresh_expiry(),
                "reuse": timedelta(seconds=self.settings.refresh_reuse_seconds)}).fetchone()
        if found["outcome"] != "ok":
            code, msg = _REFRESH_ERRORS.get(
                found["outcome"], ("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found"))
            raise GoTrueError(400, code, msg)
        # As GoTrue: a refresh keeps the sign-in's method and time.
        return self._session(tenant_id, found["user_id"], found["session_id"], fresh, issuer=issuer, amr={
            "method": found["sign_in_method"], "timestamp": int(found["signed_in_at"].timestamp())})

    def pkce_grant(self, tenant_id: UUID, auth_code: Any, verifier: Any, *, issuer: str, address: str,
                   user_agent: str | None) -> dict[str, Any]:
        """`POST /token?grant_type=pkce`: the session of a PKCE flow's auth code, once."""
        user_id, method = pkce.exchange(self.pool, tenant_id, auth_code, verifier)
        member = self.member(tenant_id, user_id)
        if member is None:
            raise gotrue.invalid_credentials()
        if method != gotrue.SSO_METHOD:  # the tenant may have required single sign-on since the link
            self.refuse_unless_sso_free(tenant_id, member.tenant_role)
        return self.open_session(tenant_id, user_id, issuer=issuer, address=address, user_agent=user_agent,
                                 method=method)

    # -- the signed-in user ---------------------------------------------------------
    def user(self, tenant_id: UUID, claims: dict[str, Any]) -> User:
        """The user of a verified access token, while its session is open and they are a member."""
        user_id, session_id = claims.get("sub"), claims.get("session_id")
        if not user_id:
            raise GoTrueError(403, "bad_jwt", "invalid claim: missing sub claim")
        with translate(), self.pool.connection() as conn:
            if session_id is not None and not conn.execute(SQL("sessions.live"), {
                    "tenant_id": tenant_id, "user_id": user_id, "session_id": session_id}).fetchone()[0]:
                raise GoTrueError(403, "session_not_found", "Session from session_id claim in JWT does not exist")
        user = self.member(tenant_id, user_id)
        if user is None:
            raise GoTrueError(404, "user_not_found", "User from sub claim in JWT does not exist")
        return user

    def update_user(self, tenant_id: UUID, claims: dict[str, Any], changes: dict[str, Any]) -> User:
        user = self.user(tenant_id, claims)
        if "email" in changes or "phone" in changes:
            raise GoTrueError(422, "validation_failed", "Changing the e-mail or phone is not supported here")
        password, data = changes.get("password"), changes.get("data")
        if data is not None and not isinstance(data, dict):
            raise GoTrueError(400, "validation_failed", "data must be an object")
        if password is not None:
            self._check_new_password(tenant_id, user, password)
        with translate(), self.pool.connection() as conn, conn.transaction():
            if password is not None:
                conn.execute(SQL("sessions.set_password"), {"user_id": user.user_id, "hash": hash_password(password)})
                # As GoTrue: a new password ends the user's other sessions.
                conn.execute(SQL("sessions.end"), {"user_id": user.user_id, "session_id": claims.get("session_id"),
                                                   "scope": "others", "reason": "password_change"})
            if data:
                conn.execute(SQL("sessions.set_user_metadata"), {"user_id": user.user_id, "data": Jsonb(data)})
        return self.member(tenant_id, user.user_id)

    def logout(self, claims: dict[str, Any], scope: str) -> int:
        if scope not in LOGOUT_SCOPES:
            raise GoTrueError(400, "validation_failed", f"Unsupported logout scope {scope!r}")
        if not claims.get("sub"):
            raise GoTrueError(403, "bad_jwt", "invalid claim: missing sub claim")
        with translate(), self.pool.connection() as conn:
            return conn.execute(SQL("sessions.end"), {"user_id": claims["sub"], "session_id": claims.get("session_id"),
                                                      "scope": scope, "reason": "logout"}).fetchone()[0]

    # -- helpers --------------------------------------------------------------------
    def _check_new_password(self, tenant_id: UUID, user: User, password: str) -> None:
        if not isinstance(password, str) or len(password) < self.settings.auth_password_min_length:
            raise GoTrueError(422, "weak_password", f"Password should be at least "
                              f"{self.settings.auth_password_min_length} characters.",
                              extra={"weak_password": {"reasons": ["length"]}})
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(Candidate)) as cur:
            current = cur.execute(SQL("sessions.candidate"), {"tenant_id": tenant_id, "email": user.email}).fetchone()
        if current is not None and current.password_hash and verify_password(current.password_hash, password):
            raise GoTrueError(422, "same_password", "New password should be different from the old password.")

    def member(self, tenant_id: UUID, user_id) -> User | None:
        """The user while they are a member of the tenant, else None."""
        with translate(), self.pool.connection() as conn, conn.cursor(row_factory=class_row(User)) as cur:
            return cur.execute(SQL("sessions.user"), {"tenant_id": tenant_id, "user_id": user_id}).fetchone()

    def _session(self, tenant_id: UUID, user_id, session_id, refresh: str, *, issuer: str,
                 amr: dict[str, Any]) -> dict[str, Any]:
        user = self.member(tenant_id, user_id)
        if user is None:  # membership ended between the check and now
            raise gotrue.invalid_credentials()
        claims = gotrue.access_claims(user, tenant_id, session_id, issuer=issuer,
                                      lifetime=self.settings.auth_access_token_seconds, amr=amr)
        return gotrue.session_json(sign(self.settings, claims), refresh, claims, gotrue.user_json(user, tenant_id))

    def _refresh_expiry(self) -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=self.settings.auth_refresh_token_seconds)
