"""A tenant's single sign-on settings, as its admins see and change them: on a connection in
the caller's tenant transaction (vital.db.tenant), so that the database decides who may (the
functions of migration 20261124000023_sso check vital.tenant_role()). The client secret is
sealed here before it reaches SQL and is never read back: `show` says only whether one is set."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.rows import dict_row

from vital.auth.roles import SSO_ROLES as ROLES
from vital.auth.sealing import seal
from vital.auth.secret import is_loopback
from vital.db.queries import Queries
from vital.errors import InvalidInput
from vital.settings import Settings

SQL = Queries(__name__)
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
FIELDS = ("issuer", "client_id", "client_secret", "domains", "default_role", "require_sso", "redirect_urls")


def show(conn: psycopg.Connection) -> dict[str, Any] | None:
    with conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL("sso.settings")).fetchone()
    if row is None:
        return None
    return {**row, "provider_id": str(row["provider_id"]), "updated_at": row["updated_at"].isoformat(),
            "callback_path": "/auth/v1/sso/callback"}


def put(conn: psycopg.Connection, settings: Settings, values: dict[str, Any]) -> dict[str, Any]:
    """Registers or replaces the provider; a missing client_secret keeps the stored one."""
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise InvalidInput(f"Unknown SSO setting(s): {', '.join(unknown)}.", hint=f"Known: {', '.join(FIELDS)}.")
    secret = values.get("client_secret")
    if secret is not None and (not isinstance(secret, str) or not secret.strip()):
        raise InvalidInput("client_secret must be a non-empty string (omit it to keep the stored one).")
    conn.execute(SQL("sso.set"), {
        "issuer": _issuer(values.get("issuer")), "client_id": _text(values.get("client_id"), "client_id"),
        "secret_sealed": seal(settings, secret) if secret else None,
        "domains": _domains(values.get("domains")), "default_role": _role(values.get("default_role", "member")),
        "require_sso": _flag(values.get("require_sso", False)),
        "redirect_urls": [_url(u, "redirect_urls") for u in _list(values.get("redirect_urls", []), "redirect_urls")],
    })
    return show(conn)


def remove(conn: psycopg.Connection) -> bool:
    return conn.execute(SQL("sso.remove")).fetchone()[0]


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{name} is required.")
    return value.strip()


def _url(value: Any, name: str) -> str:
    url = _text(value, name)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.fragment:
        raise InvalidInput(f"{name}: {url!r} is not an http(s) URL without a fragment.")
    return url


def _issuer(value: Any) -> str:
    url = _url(value, "issuer")
    host = urlsplit(url).hostname or ""
    # OpenID Connect requires https; plain http is allowed on loopback for development and tests.
    if urlsplit(url).scheme != "https" and not is_loopback(host):
        raise InvalidInput(f"issuer: {url!r} must use https.")
    return url


def _list(value: Any, name: str) -> list:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        raise InvalidInput(f"{name} must be a list.")
    return value


def _domains(value: Any) -> list[str]:
    domains = [d.strip().lower().lstrip("@") for d in _list(value, "domains") if isinstance(d, str)]
    bad = [d for d in domains if not _DOMAIN.match(d)]
    if not domains or bad:
        raise InvalidInput(f"domains must list the e-mail domains the provider vouches for"
                           f"{': not a domain: ' + ', '.join(bad) if bad else ''}.")
    return domains


def _role(value: Any) -> str:
    if value not in ROLES:
        raise InvalidInput(f"default_role must be one of {', '.join(ROLES)}.")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput("require_sso must be true or false.")
    return value
