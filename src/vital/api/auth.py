"""Who is calling: the tenant from the host, the caller from a JWT or an API key.

JWTs are HS256 with the configured secret and audience, Supabase-shaped: `sub`,
`role`, `exp`, and the tenant as a top-level `tenant_id` claim or in
`app_metadata.tenant_id`. API keys (`<prefix>.<secret>`) are looked up by prefix
and sha256 hash. Either may come as `Authorization: Bearer ...` or in the
`apikey` header, the way supabase-js and supabase-py send them.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import jwt
from fastapi import Request
from starlette.concurrency import run_in_threadpool

from vital.api.directory import Directory
from vital.api.errors import ClaimsRejected, Forbidden, MissingCredentials, TenantNotFound, Unauthorized
from vital.api.tenancy import request_host, subdomain_from_host
from vital.errors import NotFound
from vital.settings import Settings

ALGORITHM = "HS256"
IDENTITY_SQL = (Path(__file__).parent / "sql" / "identity.sql").read_text()
WRITE_SCOPES = {"write", "all", "*"}
_KEY_PREFIX = re.compile(r"^[A-Za-z0-9]{8,16}$")


@dataclass(frozen=True)
class Caller:
    tenant_id: UUID
    subdomain: str
    claims: dict[str, Any]  # what the transaction gets as request.jwt.claims
    user_id: str | None
    can_write: bool

    @property
    def label(self) -> str:
        """Who, for the request log: the user id, or the API key id."""
        return self.user_id or f"api_key:{self.claims.get('api_key_id')}"


def mint_token(settings: Settings, *, tenant_id: UUID | str, user_id: UUID | str, email: str | None = None,
               expires_in: int = 3600) -> str:
    """A Supabase-shaped user token for a tenant (what `vital token` prints)."""
    now = int(time.time())
    claims = {"sub": str(user_id), "role": "authenticated", "aud": settings.jwt_audience, "iat": now,
              "exp": now + expires_in, "tenant_id": str(tenant_id), "app_metadata": {"tenant_id": str(tenant_id)}}
    if email:
        claims["email"] = email
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=ALGORITHM)


def identity_for(conn, subdomain: str, email: str | None = None) -> tuple[UUID, UUID, str]:
    """(tenant id, user id, email) of a tenant's member, for a development token. Runs as the owner."""
    row = conn.execute(IDENTITY_SQL, {"subdomain": subdomain, "email": email}).fetchone()
    if row is None:
        who = f"member '{email}'" if email else "member"
        raise NotFound(f"Tenant '{subdomain}' has no {who}.",
                       hint="`vital db seed` creates the demo tenants acme and pharmaco with one user each.")
    return row


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def presented_token(headers) -> str | None:
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("apikey", "").strip() or None


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


def verify_jwt(token: str, settings: Settings) -> dict[str, Any]:
    key = f"{settings.jwt_secret.get_secret_value()}\x00{settings.jwt_audience}\x00{token}"
    claims = _verified.get(key)
    if claims is not None:
        return claims
    try:
        claims = jwt.decode(token, settings.jwt_secret.get_secret_value(), algorithms=[ALGORITHM],
                            audience=settings.jwt_audience, options={"require": ["exp"]})
    except jwt.ExpiredSignatureError:
        raise ClaimsRejected("The token has expired.", hint="Sign in again, or mint a new one with `vital token`.")
    except jwt.InvalidAudienceError:
        raise ClaimsRejected(f"The token's audience is not '{settings.jwt_audience}'.")
    except jwt.MissingRequiredClaimError as exc:
        raise ClaimsRejected(f"The token has no '{exc.claim}' claim.")
    except jwt.InvalidTokenError:
        raise Unauthorized("The token is invalid (bad signature or malformed).",
                           hint="Tokens are HS256 JWTs signed with the deployment's JWT secret.")
    if isinstance(claims.get("exp"), (int, float)):
        _verified.put(key, claims)
    return claims


def claims_tenant(claims: dict[str, Any]) -> UUID:
    """The tenant of the claims, with the precedence of auth.tenant_id()."""
    meta = claims.get("app_metadata")
    raw = claims.get("tenant_id") or (meta.get("tenant_id") if isinstance(meta, dict) else None)
    if not raw:
        raise Forbidden("The token names no tenant.",
                        hint="Put tenant_id in the token's claims or in app_metadata (a Supabase custom claim).")
    try:
        return UUID(str(raw))
    except ValueError:
        raise ClaimsRejected("The token's tenant_id is not a uuid.") from None


def caller_from_jwt(claims: dict[str, Any], tenant_id: UUID, subdomain: str) -> Caller:
    role = claims.get("role")
    if role == "anon":
        raise Unauthorized("An anonymous token gives access to nothing here.",
                           hint="Send a signed-in user's token or an API key.")
    if role != "authenticated":
        raise Forbidden(f"Tokens of role '{role}' are not accepted by the API.",
                        hint="The API runs every request as 'authenticated' under row-level security.")
    if claims_tenant(claims) != tenant_id:
        raise Forbidden("The token is not valid for this tenant.",
                        hint=f"Call the API on the subdomain of the token's tenant, not '{subdomain}'.")
    sub = claims.get("sub")
    return Caller(tenant_id, subdomain, claims, str(sub) if sub else None, can_write=True)


async def caller_from_api_key(key: str, directory: Directory, tenant_id: UUID, subdomain: str,
                              settings: Settings) -> Caller:
    prefix = key.partition(".")[0]
    if not _KEY_PREFIX.match(prefix):
        raise Unauthorized("The credentials are neither a JWT nor an API key.")
    lookup = (tenant_id, prefix, hash_key(key))
    found = directory.peek(("api_key", *lookup))
    if directory.missed(found):
        found = await run_in_threadpool(directory.api_key, *lookup)
    if found is None:
        raise Unauthorized("Unknown, revoked or expired API key.")
    claims = {"role": "authenticated", "aud": settings.jwt_audience, "tenant_id": str(tenant_id),
              "api_key_id": str(found.id), "scopes": list(found.scopes)}
    return Caller(tenant_id, subdomain, claims, None, can_write=bool(WRITE_SCOPES & set(found.scopes)))


async def resolve_tenant(request: Request) -> tuple[UUID, str]:
    """The tenant named by the request's host; 404 alike for unknown, suspended and deleted."""
    api = request.app.state.api
    host = request_host(request.headers, trust_forwarded=api.settings.trust_forwarded_host)
    subdomain = subdomain_from_host(host, api.settings.tenant_domains)
    tenant_id = None
    if subdomain is not None:
        tenant_id = api.directory.peek(("tenant", subdomain))
        if api.directory.missed(tenant_id):
            tenant_id = await run_in_threadpool(api.directory.tenant_id, subdomain)
    if tenant_id is None:
        raise TenantNotFound("No tenant is served at this address.",
                             hint=f"Tenants are served at <subdomain>.{api.settings.base_domain}.")
    request.state.tenant = subdomain
    return tenant_id, subdomain


async def authenticate(request: Request) -> Caller:
    """FastAPI dependency: the verified caller of this request, for its tenant."""
    tenant_id, subdomain = await resolve_tenant(request)
    token = presented_token(request.headers)
    if token is None:
        raise MissingCredentials("This request needs credentials.",
                                 hint="Send Authorization: Bearer <token> (`vital token` mints one) or an API key.")
    settings = request.app.state.api.settings
    if token.count(".") == 2:
        caller = caller_from_jwt(verify_jwt(token, settings), tenant_id, subdomain)
    else:
        caller = await caller_from_api_key(token, request.app.state.api.directory, tenant_id, subdomain, settings)
    request.state.user = caller.label
    return caller
