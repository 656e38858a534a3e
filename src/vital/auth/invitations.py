"""Invitations: an admin's row in `tenant_invitations`, written as the caller under RLS (the
database refuses anyone but the tenant's admins and owners), and the message with its link.
The link's secret is returned once, to be mailed; the table keeps its sha256. Used by
`/api/v1/admin/invitations` and `vital invite`."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row

from vital.auth.links import Site, sha256, verify_link
from vital.auth.mail import Message
from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.errors import NotFound
from vital.tenancy import Caller

SQL = Queries(__name__)


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, UUID) else v.isoformat() if isinstance(v, datetime) else v)
            for k, v in row.items()}


def create(source: Source, caller: Caller, email: str, role: str, *, days: int) -> tuple[dict[str, Any], str]:
    """The new invitation (as JSON) and its link's secret (shown nowhere but in the message)."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(timezone.utc) + timedelta(days=days)
    with tenant_transaction(source, caller) as conn, conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL("invitations.create"), {
            "tenant_id": caller.tenant_id, "email": email.strip().lower(), "role": role,
            "token_hash": sha256(token), "expires_at": expires}).fetchone()
    return _json(row), token


def listed(source: Source, caller: Caller, limit: int) -> list[dict[str, Any]]:
    with tenant_transaction(source, caller, read_only=True) as conn, conn.cursor(row_factory=dict_row) as cur:
        return [_json(row) for row in cur.execute(SQL("invitations.list"), {"limit": limit})]


def revoke(source: Source, caller: Caller, invitation_id: UUID) -> dict[str, Any]:
    with tenant_transaction(source, caller) as conn, conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL("invitations.revoke"), {"id": invitation_id}).fetchone()
    if row is None:  # another tenant's, not pending, or hidden by RLS: alike
        raise NotFound("No pending invitation with this id.")
    return _json(row)


def message(site: Site, invitation: dict[str, Any], token: str, redirect_to: str) -> Message:
    return Message(site.tenant_id, site.subdomain, invitation["email"], "invite",
                   verify_link(site, token, "invite", redirect_to), role=invitation["role"])
