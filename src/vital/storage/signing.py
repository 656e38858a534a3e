"""Signed URLs: a JWT (HS256, the deployment's secret) naming one object of one tenant's bucket and
an expiry, with an audience of its own so that it never passes for a sign-in token, nor a sign-in
token for it. Whoever holds the URL reads that object until it expires, as the member who signed it
(still under RLS: a member since disabled, or a document since restricted, reads nothing)."""

from __future__ import annotations

import time
from uuid import UUID

import jwt

from vital.auth.secret import require_secret
from vital.errors import InvalidInput, PermissionDenied
from vital.settings import Settings
from vital.tenancy import Caller

AUDIENCE = "vital-storage-signed-url"
MAX_EXPIRY = 7 * 24 * 3600  # a week, like Supabase's longest


class InvalidSignature(PermissionDenied):
    code, status = "invalid_signature", 400


def sign(settings: Settings, caller: Caller, bucket: str, name: str, expires_in: int) -> str:
    if not 0 < expires_in <= MAX_EXPIRY:
        raise InvalidInput(f"expiresIn must be 1-{MAX_EXPIRY} seconds.")
    now = int(time.time())
    claims = {"aud": AUDIENCE, "url": f"{bucket}/{name}", "tenant_id": str(caller.tenant_id), "iat": now,
              "exp": now + expires_in}
    if caller.user_id:
        claims["sub"] = caller.user_id
    if caller.key_id:  # an API key signs as itself: the URL reads with the key's rights, never more
        claims["api_key_id"], claims["scopes"] = str(caller.key_id), sorted(caller.key_scopes)
    return jwt.encode(claims, require_secret(settings), algorithm="HS256")


def verify(settings: Settings, token: str, tenant_id: UUID, bucket: str, name: str) -> Caller:
    """The caller a signed URL reads as, when the token is ours, unexpired, and for exactly this object."""
    try:
        claims = jwt.decode(token, require_secret(settings), algorithms=["HS256"], audience=AUDIENCE,
                            options={"require": ["exp", "url", "tenant_id"]})
    except jwt.ExpiredSignatureError:
        raise InvalidSignature("The signed URL has expired.", hint="Ask for a new one (createSignedUrl).") from None
    except jwt.InvalidTokenError:
        raise InvalidSignature("The signed URL's token is invalid.") from None
    if claims["tenant_id"] != str(tenant_id) or claims["url"] != f"{bucket}/{name}":
        raise InvalidSignature("The signed URL's token is not for this object.")
    if claims.get("api_key_id"):
        return Caller.api_key(tenant_id, None, UUID(claims["api_key_id"]), claims.get("scopes") or (), claims.get("sub"))
    if not claims.get("sub"):
        raise InvalidSignature("The signed URL's token names no signer.")
    return Caller.member(tenant_id, claims["sub"])
