"""`/api/v1/admin/invitations`: invite by e-mail with a role, list, revoke. Each statement runs
as the caller under RLS, so the database refuses anyone but the tenant's admins and owners
(nothing here checks a role). The invitee's message goes out after the commit: its link
(`/auth/v1/verify?type=invite`) makes them a member with that role, once
(vital.auth.links, migration 20261124000021_mail_links)."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from psycopg.rows import dict_row
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vital.api.auth import authenticate
from vital.api.errors import Forbidden
from vital.api.gotrue import _address
from vital.api.links import links_of
from vital.auth.links import Site
from vital.db.queries import Queries
from vital.db.tenant import tenant_transaction
from vital.errors import NotFound
from vital.tenancy import Caller

SQL = Queries(__name__)
router = APIRouter(prefix="/api/v1/admin/invitations", tags=["admin"])


class Invitation(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    role: Literal["admin", "member", "viewer"] = "member"
    redirect_to: str | None = Field(None, description="Where the link leads after acceptance (allow-list).")


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, UUID) else v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in row.items()}


def _create(request: Request, caller: Caller, invitation: Invitation) -> dict[str, Any]:
    links = links_of(request)
    site = Site(caller.tenant_id, caller.subdomain or "", f"{request.url.scheme}://{request.headers.get('host', '')}",
                _address(request))
    links.redirect(site, invitation.redirect_to)  # refuse a bad target before anything is stored
    token, token_hash, expires = links.invitation_token()
    email = invitation.email.strip().lower()
    with tenant_transaction(request.app.state.api.pool, caller) as conn, conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL("invitations.create"), {"tenant_id": caller.tenant_id, "email": email,
                                                      "role": invitation.role, "token_hash": token_hash,
                                                      "expires_at": expires}).fetchone()
    mail = links.send_invitation(site, email, invitation.role, token, invitation.redirect_to)
    return {**_json(row), "mail": mail}


def _list(request: Request, caller: Caller, limit: int) -> list[dict[str, Any]]:
    with tenant_transaction(request.app.state.api.pool, caller, read_only=True) as conn, \
            conn.cursor(row_factory=dict_row) as cur:
        return [_json(row) for row in cur.execute(SQL("invitations.list"), {"limit": limit})]


def _revoke(request: Request, caller: Caller, invitation_id: UUID) -> dict[str, Any]:
    with tenant_transaction(request.app.state.api.pool, caller) as conn, conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL("invitations.revoke"), {"id": invitation_id}).fetchone()
    if row is None:
        raise NotFound("No pending invitation with this id.")
    return _json(row)


@router.post("", status_code=201, summary="Invite someone by e-mail with a role (admins and owners)")
async def create(invitation: Invitation, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    if not caller.can_write:
        raise Forbidden("This API key may only read.")
    return await run_in_threadpool(_create, request, caller, invitation)


@router.get("", summary="The tenant's invitations, newest first")
async def list_invitations(request: Request, limit: int = Query(100, ge=1, le=1000),
                           caller: Caller = Depends(authenticate)) -> list[dict[str, Any]]:
    return await run_in_threadpool(_list, request, caller, limit)


@router.delete("/{invitation_id}", summary="Revoke a pending invitation")
async def revoke(invitation_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    if not caller.can_write:
        raise Forbidden("This API key may only read.")
    return await run_in_threadpool(_revoke, request, caller, invitation_id)
