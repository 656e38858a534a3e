"""The console's session: the person's access and refresh tokens, sealed in a cookie the browser
cannot read (HttpOnly) nor open (Fernet with a server key), plus the CSRF token of its forms.

The key is `<data dir>/console-session-key`, made on first use (0600, like the JWT secret and the
SSO key); it is its own key so that rotating it signs everyone out of the console and nothing else.
A session is bound to the tenant's host it was opened on: a cookie carried to another tenant's host
is not a session there (and its token would be refused by the API anyway)."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from starlette.requests import Request
from starlette.responses import Response

from vital.auth.secret import read_or_create
from vital.settings import Settings

COOKIE = "vital_console"
KEY_FILE = "console-session-key"
MAX_AGE = 30 * 24 * 3600   # the cookie's lifetime; the refresh token decides whether it still opens a session


@dataclass
class Session:
    tenant: str                      # the subdomain it was opened on
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    access_token: str | None = None
    refresh_token: str | None = None
    expires_at: int = 0
    email: str | None = None
    user_id: str | None = None
    role: str | None = None
    tenant_name: str | None = None
    pkce: dict | None = None         # a pending magic link / recovery / SSO: verifier and where it leads

    @property
    def signed_in(self) -> bool:
        return bool(self.access_token)

    def needs_refresh(self) -> bool:
        return bool(self.refresh_token) and self.expires_at - 60 < time.time()

    def signed_out(self) -> "Session":
        return Session(self.tenant)


@lru_cache(maxsize=8)
def _fernet(path: Path) -> Fernet:
    return Fernet(read_or_create(path, lambda: Fernet.generate_key().decode()).encode())


def fernet(settings: Settings) -> Fernet:
    return _fernet((settings.data_dir / KEY_FILE).resolve())


def load(request: Request, settings: Settings, tenant: str) -> Session | None:
    """The request's session at this tenant, or None (no cookie, tampered, or another tenant's)."""
    sealed = request.cookies.get(COOKIE)
    if not sealed:
        return None
    try:
        values = json.loads(fernet(settings).decrypt(sealed.encode(), ttl=MAX_AGE))
        session = Session(**values)
    except (InvalidToken, ValueError, TypeError):
        return None
    return session if session.tenant == tenant else None


def store(response: Response, request: Request, settings: Settings, session: Session) -> None:
    sealed = fernet(settings).encrypt(json.dumps(asdict(session)).encode()).decode()
    response.set_cookie(COOKIE, sealed, max_age=MAX_AGE, path="/", httponly=True, samesite="lax",
                        secure=is_https(request, settings))


def is_https(request: Request, settings: Settings) -> bool:
    if settings.trust_forwarded_host and request.headers.get("x-forwarded-proto", "").split(",")[0].strip() == "https":
        return True
    return request.url.scheme == "https"
