"""Who is calling, from the request's headers: the tenant from the host, the caller from a JWT or an API key.

Only the HTTP part lives here. Tokens are verified by vital.auth.tokens, the
tenant is found by vital.tenancy (Rule.SERVING, through the directory's cache),
and the result is a vital.tenancy.Caller. API keys (`<prefix>.<secret>`) are
looked up by prefix and sha256 hash. Either credential may come as
`Authorization: Bearer ...` or in the `apikey` header, the way supabase-js and
supabase-py send them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from vital.api.directory import Directory
from vital.api.errors import ClaimsRejected, Forbidden, MissingCredentials, TenantNotFound, Unauthorized
from vital.auth.tokens import InvalidToken, RejectedClaims, verify_token
from vital.settings import Settings
from vital.tenancy import Caller, Tenant, request_host, subdomain_from_host, tenant_of_claims

_KEY_PREFIX = re.compile(r"^[A-Za-z0-9]{8,16}$")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def presented_token(headers) -> str | None:
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get("apikey", "").strip() or None


def verify_jwt(token: str, settings: Settings) -> dict[str, Any]:
    """The token's claims; 401 when it does not verify."""
    try:
        return verify_token(token, settings)
    except RejectedClaims as exc:
        raise ClaimsRejected(exc.message, hint=exc.hint) from None
    except InvalidToken as exc:
        raise Unauthorized(exc.message, hint=exc.hint) from None


def caller_from_jwt(claims: dict[str, Any], tenant: Tenant) -> Caller:
    role = claims.get("role")
    if role == "anon":
        raise Unauthorized("An anonymous token gives access to nothing here.",
                           hint="Send a signed-in user's token or an API key.")
    if role != "authenticated":
        raise Forbidden(f"Tokens of role '{role}' are not accepted by the API.",
                        hint="The API runs every request as 'authenticated' under row-level security.")
    try:
        named = tenant_of_claims(claims)
    except ValueError:
        raise ClaimsRejected("The token's tenant_id is not a uuid.") from None
    if named is None:
        raise Forbidden("The token names no tenant.",
                        hint="Put tenant_id in the token's claims or in app_metadata (a Supabase custom claim).")
    if named != tenant.id:
        raise Forbidden("The token is not valid for this tenant.",
                        hint=f"Call the API on the subdomain of the token's tenant, not '{tenant.subdomain}'.")
    if not claims.get("sub") and not claims.get("api_key_id"):
        # In SQL a tenant token naming nobody is the tenant itself (owner rights,
        # vital.tenant_role()): the operators' tools use it directly, never over HTTP.
        raise Unauthorized("The token names no user.",
                           hint="Send a signed-in user's token (with `sub`) or an API key.")
    return Caller.from_claims(claims, subdomain=tenant.subdomain)


async def caller_from_api_key(key: str, directory: Directory, tenant: Tenant) -> Caller:
    prefix = key.partition(".")[0]
    if not _KEY_PREFIX.match(prefix):
        raise Unauthorized("The credentials are neither a JWT nor an API key.")
    lookup = (tenant.id, prefix, hash_key(key))
    found = directory.peek(("api_key", *lookup))
    if directory.missed(found):
        found = await run_in_threadpool(directory.api_key, *lookup)
    if found is None:
        raise Unauthorized("Unknown, revoked or expired API key.")
    return Caller.api_key(tenant.id, tenant.subdomain, found.key_id, found.scopes, found.created_by)


async def resolve_tenant(request: Request) -> Tenant:
    """The tenant named by the request's host; 404 alike for unknown, suspended and deleted."""
    api = request.app.state.api
    host = request_host(request.headers, trust_forwarded=api.settings.trust_forwarded_host)
    subdomain = subdomain_from_host(host, api.settings.tenant_domains)
    tenant = None
    if subdomain is not None:
        tenant = api.directory.peek(("tenant", subdomain))
        if api.directory.missed(tenant):
            tenant = await run_in_threadpool(api.directory.tenant, subdomain)
    if tenant is None:
        raise TenantNotFound("No tenant is served at this address.",
                             hint=f"Tenants are served at <subdomain>.{api.settings.base_domain}.")
    request.state.tenant = subdomain
    return tenant


async def authenticate(request: Request) -> Caller:
    """FastAPI dependency: the verified caller of this request, for its tenant."""
    admitted = request.scope.get("state", {}).get("caller")
    if admitted is not None:  # found and admitted before the body was read (vital.api.admission)
        return admitted
    tenant = await resolve_tenant(request)
    token = presented_token(request.headers)
    if token is None:
        raise MissingCredentials("This request needs credentials.",
                                 hint="Send Authorization: Bearer <token> (`vital token` mints one) or an API key.")
    if token.count(".") == 2:
        caller = caller_from_jwt(verify_jwt(token, request.app.state.api.settings), tenant)
    else:
        caller = await caller_from_api_key(token, request.app.state.api.directory, tenant)
    request.state.user = caller.label
    await request.app.state.api.fairness.admit(request, caller)  # 429 beyond the tenant's fair share
    return caller
