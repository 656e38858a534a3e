"""Supabase Auth (GoTrue) shapes: its errors, its user object, its session and the claims
of its access tokens, plus the tenant VITAL adds (`tenant_id`, `tenant_role`, at the top
level and in `app_metadata`), so that the official clients work unchanged."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from vital.tenancy.caller import AUDIENCE


class GoTrueError(Exception):
    """An answer in GoTrue's error shape: {"code": 400, "error_code": "...", "msg": "..."}."""

    def __init__(self, status: int, error_code: str, msg: str, *, retry_after: int | None = None,
                 extra: dict[str, Any] | None = None):
        super().__init__(msg)
        self.status, self.error_code, self.msg = status, error_code, msg
        self.retry_after, self.extra = retry_after, extra or {}

    def body(self) -> dict[str, Any]:
        return {"code": self.status, "error_code": self.error_code, "msg": self.msg, **self.extra}


# The amr method of a single sign-on's sessions (GoTrue says "sso/saml" of its SAML sign-ons).
SSO_METHOD = "sso/oidc"


def invalid_credentials() -> GoTrueError:
    # One answer for unknown e-mail, wrong password, no password, and a member of another tenant.
    return GoTrueError(400, "invalid_credentials", "Invalid login credentials")


@dataclass(frozen=True)
class User:
    """A tenant's member as sign-in sees them (vital.sign_in_user)."""
    user_id: UUID
    email: str | None
    tenant_role: str
    app_metadata: dict[str, Any]
    user_metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    last_sign_in_at: datetime | None


def app_metadata(user: User, tenant_id: UUID) -> dict[str, Any]:
    # The host's tenant wins over any tenant_id stored with the user (their first tenant).
    return {**user.app_metadata, "provider": "email", "providers": ["email"], "tenant_id": str(tenant_id),
            "tenant_role": user.tenant_role}


def user_json(user: User, tenant_id: UUID) -> dict[str, Any]:
    created = user.created_at.isoformat()
    return {
        "id": str(user.user_id), "aud": AUDIENCE, "role": "authenticated", "email": user.email, "phone": "",
        # Users are created by operators and invitations, not by an unconfirmed sign-up.
        "email_confirmed_at": created, "confirmed_at": created,
        "last_sign_in_at": user.last_sign_in_at.isoformat() if user.last_sign_in_at else None,
        "app_metadata": app_metadata(user, tenant_id), "user_metadata": user.user_metadata,
        "identities": [], "created_at": created, "updated_at": user.updated_at.isoformat(),
        "is_anonymous": False,
    }


def access_claims(user: User, tenant_id: UUID, session_id: UUID, *, issuer: str, lifetime: int,
                  amr: dict[str, Any]) -> dict[str, Any]:
    """`amr` is GoTrue's entry of the session's sign-in: {"method": ..., "timestamp": epoch seconds}."""
    now = int(time.time())
    return {
        "iss": issuer, "aud": AUDIENCE, "sub": str(user.user_id), "iat": now, "exp": now + lifetime,
        "email": user.email, "phone": "", "role": "authenticated", "aal": "aal1",
        "amr": [amr], "session_id": str(session_id),
        "is_anonymous": False, "app_metadata": app_metadata(user, tenant_id), "user_metadata": user.user_metadata,
        # Top level too: auth.tenant_id() reads it first; the roles slice will read tenant_role.
        "tenant_id": str(tenant_id), "tenant_role": user.tenant_role,
    }


def session_json(access_token: str, refresh_token: str, claims: dict[str, Any], user: dict[str, Any]) -> dict:
    return {"access_token": access_token, "token_type": "bearer", "expires_in": claims["exp"] - claims["iat"],
            "expires_at": claims["exp"], "refresh_token": refresh_token, "user": user}
