"""`/api/v1/admin/invitations`: invite by e-mail with a role, list, revoke. Each statement runs
as the caller under RLS, so the database refuses anyone but the tenant's admins and owners
(nothing here checks a role). The invitee's message goes out after the commit: its link
(`/auth/v1/verify?type=invite`) makes them a member with that role, once
(vital.auth.invitations, vital.auth.links, migration 20261124000021_mail_links)."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vital.api.auth import authenticate
from vital.api.links import links_of, site_of
from vital.auth import invitations
from vital.tenancy import Caller, Tenant

router = APIRouter(prefix="/api/v1/admin/invitations", tags=["admin"])


class Invitation(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    role: Literal["admin", "member", "viewer"] = "member"
    redirect_to: str | None = Field(None, description="Where the link leads once accepted (the tenant's allow-list).")


def _create(request: Request, caller: Caller, invitation: Invitation) -> dict[str, Any]:
    links = links_of(request)
    site = site_of(request, Tenant(caller.tenant_id, caller.subdomain or "", None, "active"))
    target = links.redirect(site, invitation.redirect_to)  # refused before anything is stored
    row, token = invitations.create(request.app.state.api.pool, caller, invitation.email, invitation.role,
                                    days=links.settings.auth_invite_days)
    return {**row, "mail": links.mailer.send(invitations.message(site, row, token, target))}


@router.post("", status_code=201, summary="Invite someone by e-mail with a role (admins and owners)")
async def create(invitation: Invitation, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    return await run_in_threadpool(_create, request, caller, invitation)


@router.get("", summary="The tenant's invitations, newest first")
async def list_invitations(request: Request, limit: int = Query(100, ge=1, le=1000),
                           caller: Caller = Depends(authenticate)) -> list[dict[str, Any]]:
    return await run_in_threadpool(invitations.listed, request.app.state.api.pool, caller, limit)


@router.delete("/{invitation_id}", summary="Revoke a pending invitation")
async def revoke(invitation_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    return await run_in_threadpool(invitations.revoke, request.app.state.api.pool, caller, invitation_id)
