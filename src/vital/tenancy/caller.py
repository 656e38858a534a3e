"""Who is acting: one tenant's member, API key, service or anonymous caller.

A `Caller` is what `vital.db.tenant.tenant_transaction` needs to enter a tenant:
its database role and the JWT claims the policies read. The API builds one from
a verified token (whose claims it keeps as they were signed) or from an API key;
the CLI, the tests and the benchmarks build one with `member`, `service` or
`anonymous`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping
from uuid import UUID

from vital.db.tenant import ROLES
from vital.tenancy.claims import tenant_of_claims

AUDIENCE = "authenticated"  # what Supabase puts in `aud`; no policy reads it


@dataclass(frozen=True)
class Caller:
    tenant_id: UUID | None
    subdomain: str | None = None
    user_id: str | None = None
    role: str = "authenticated"          # the database role the transaction switches to
    key_id: UUID | None = None           # when the caller is an API key
    key_scopes: frozenset[str] = frozenset()
    email: str | None = None
    # The claims of a verified JWT, passed to the transaction unchanged (see `claims`).
    verified_claims: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown database role {self.role!r} (one of {', '.join(ROLES)})")
        if self.tenant_id is not None and not isinstance(self.tenant_id, UUID):
            object.__setattr__(self, "tenant_id", UUID(str(self.tenant_id)))
        if self.user_id is not None:
            object.__setattr__(self, "user_id", str(self.user_id))
        object.__setattr__(self, "key_scopes", frozenset(self.key_scopes))

    @classmethod
    def member(cls, tenant_id: UUID | str, user_id: UUID | str | None = None, *, subdomain: str | None = None,
               email: str | None = None, role: str = "authenticated") -> "Caller":
        """A tenant's user (or, without user_id, the tenant as a whole), under RLS."""
        return cls(tenant_id, subdomain, user_id, role, email=email)

    @classmethod
    def service(cls, tenant_id: UUID | str | None = None) -> "Caller":
        """Supabase's service_role: what registers platform-wide rows (embedding models, ...)."""
        return cls(tenant_id, role="service_role")

    @classmethod
    def anonymous(cls, tenant_id: UUID | str | None = None) -> "Caller":
        return cls(tenant_id, role="anon")

    @classmethod
    def api_key(cls, tenant_id: UUID, subdomain: str, key_id: UUID, scopes,
                created_by: UUID | str | None = None) -> "Caller":
        """An API key; with a creator it acts for them (`sub`), within the lesser of the key's scopes and
        their role (vital.tenant_role() decides, docs/roles.md)."""
        return cls(tenant_id, subdomain, created_by, key_id=key_id, key_scopes=frozenset(scopes))

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any], *, subdomain: str | None = None) -> "Caller":
        """The caller of a verified JWT; its claims go to the transaction as they were signed.

        Raises ValueError when the claims' role or tenant is not usable."""
        sub = claims.get("sub")
        return cls(tenant_of_claims(claims), subdomain, str(sub) if sub else None, claims.get("role", "anon"),
                   email=claims.get("email"), verified_claims=MappingProxyType(dict(claims)))

    @property
    def claims(self) -> dict[str, Any]:
        """The JWT claims for `request.jwt.claims` (what auth.jwt(), auth.uid() and auth.tenant_id() read)."""
        if self.verified_claims is not None:
            return dict(self.verified_claims)
        claims: dict[str, Any] = {"role": self.role, "aud": AUDIENCE}
        if self.tenant_id is not None:
            claims["tenant_id"] = str(self.tenant_id)
        if self.user_id is not None:
            claims["sub"] = self.user_id
        if self.email is not None:
            claims["email"] = self.email
        if self.key_id is not None:
            claims["api_key_id"] = str(self.key_id)
            claims["scopes"] = sorted(self.key_scopes)
        return claims

    @property
    def label(self) -> str:
        """Who, for the request log: the API key id, or the user id."""
        if self.key_id is not None:
            return f"api_key:{self.key_id}"
        if self.user_id:
            return self.user_id
        return self.role
