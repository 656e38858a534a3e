"""JWTs: minted for a tenant's member (`vital token`), verified for each API request.

HS256 with the configured secret and audience, Supabase-shaped: `sub`, `role`,
`exp`, and the tenant both as a top-level `tenant_id` claim and in
`app_metadata.tenant_id` (vital.tenancy.tenant_of_claims reads either).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any
from uuid import UUID

import jwt

from vital.auth.secret import require_secret
from vital.errors import PermissionDenied
from vital.settings import Settings

ALGORITHM = "HS256"
# The project keys (`vital keys`) are stable for a secret, like Supabase's: fixed
# issue time, ten years' validity. Rotating the secret is what revokes them.
KEY_ROLES = ("anon", "service_role")
_KEY_ISSUED_AT = 1767225600  # 2026-01-01T00:00:00Z
_KEY_LIFETIME = 10 * 365 * 24 * 3600


class InvalidToken(PermissionDenied):
    """The token is not one of ours: bad signature, malformed, wrong algorithm."""
    code = "invalid_token"


class RejectedClaims(InvalidToken):
    """The token is signed by us but its claims are not acceptable (expired, audience, missing claim)."""
    code = "rejected_claims"


def mint_token(settings: Settings, *, tenant_id: UUID | str, user_id: UUID | str, email: str | None = None,
               expires_in: int = 3600) -> str:
    """A Supabase-shaped user token for a tenant (what `vital token` prints)."""
    now = int(time.time())
    claims = {"sub": str(user_id), "role": "authenticated", "aud": settings.jwt_audience, "iat": now,
              "exp": now + expires_in, "tenant_id": str(tenant_id), "app_metadata": {"tenant_id": str(tenant_id)}}
    if email:
        claims["email"] = email
    return sign(settings, claims)


def sign(settings: Settings, claims: dict[str, Any]) -> str:
    return jwt.encode(claims, require_secret(settings), algorithm=ALGORITHM)


def mint_key(settings: Settings, role: str) -> str:
    """The project's `anon` or `service_role` key: a JWT naming no user and no tenant."""
    if role not in KEY_ROLES:
        raise ValueError(f"keys are {' or '.join(KEY_ROLES)}, not {role!r}")
    return sign(settings, {"iss": "vital", "role": role, "aud": settings.jwt_audience, "iat": _KEY_ISSUED_AT,
                           "exp": _KEY_ISSUED_AT + _KEY_LIFETIME})


class _Verified:
    """Tokens whose signature and audience were checked, until they expire: a client sends
    the same token with every request, and checking it again costs more than the lookup."""

    def __init__(self, size: int = 4096):
        self._claims: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, token: str) -> dict[str, Any] | None:
        with self._lock:
            claims = self._claims.get(token)
        if claims is not None and claims["exp"] > time.time():
            return claims
        return None

    def put(self, token: str, claims: dict[str, Any]) -> None:
        with self._lock:
            self._claims[token] = claims
            if len(self._claims) > self._size:
                self._claims.popitem(last=False)


_verified = _Verified()


def verify_token(token: str, settings: Settings) -> dict[str, Any]:
    """The claims of a token signed with the deployment's secret for its audience, not expired."""
    secret = require_secret(settings)
    key = f"{secret}\x00{settings.jwt_audience}\x00{token}"
    claims = _verified.get(key)
    if claims is not None:
        return claims
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM],
                            audience=settings.jwt_audience, options={"require": ["exp"]})
    except jwt.ExpiredSignatureError:
        raise RejectedClaims("The token has expired.", hint="Sign in again, or mint a new one with `vital token`.")
    except jwt.InvalidAudienceError:
        raise RejectedClaims(f"The token's audience is not '{settings.jwt_audience}'.")
    except jwt.MissingRequiredClaimError as exc:
        raise RejectedClaims(f"The token has no '{exc.claim}' claim.")
    except jwt.InvalidTokenError:
        raise InvalidToken("The token is invalid (bad signature or malformed).",
                           hint="Tokens are HS256 JWTs signed with the deployment's JWT secret.")
    if isinstance(claims.get("exp"), (int, float)):
        _verified.put(key, claims)
    return claims
