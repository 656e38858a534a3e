"""`/api/v1/admin`: members, API keys, the audit trail, the tenant's settings and its model settings.

Every request is one transaction as the caller (vital.db.tenant), under RLS: the
database decides who may change what (docs/roles.md), never this module. An UPDATE
or DELETE the policies refuse touches no row; it is answered 403 when the caller
can read the row and 404 when it cannot (vital.db.errors.nothing_changed). The
membership guard's refusals (own role, owners, last owner) keep their own answers.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import string
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from vital.api.auth import authenticate, hash_key
from vital.db.errors import nothing_changed
from vital.db.queries import Queries
from vital.db.tenant import tenant_transaction
from vital.services.llm import allowance
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])
SQL = Queries(__name__)

_ALPHANUMERIC = string.ascii_letters + string.digits
_AUDIT_COLUMNS = ("id", "created_at", "table_name", "action", "row_id", "actor_id", "old_data", "new_data")


class MemberChange(BaseModel):
    role: Literal["owner", "admin", "member", "viewer"] | None = None
    status: Literal["active", "disabled"] | None = None


class NewKey(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[Literal["read", "write", "all"]] = Field(min_length=1)
    expires_at: datetime | None = None


def _run(request: Request, caller: Caller, statement: str, params: dict | None = None, *, many: bool = False,
         read_only: bool = False):
    with tenant_transaction(request.app.state.api.pool, caller, read_only=read_only) as conn, \
            conn.cursor(row_factory=dict_row) as cur:
        cur.execute(SQL(statement), params or {})
        return cur.fetchall() if many else cur.fetchone()


def _change(request: Request, caller: Caller, statement: str, check: str, params: dict, what: str):
    """One UPDATE or DELETE; no row touched is a refusal or a missing row (see the module)."""
    with tenant_transaction(request.app.state.api.pool, caller) as conn, conn.cursor(row_factory=dict_row) as cur:
        row = cur.execute(SQL(statement), params).fetchone()
        if row is None:
            raise nothing_changed(what, visible=cur.execute(SQL(check), params).fetchone()["visible"])
        return row


def _call(fn, *args, **kw):
    return run_in_threadpool(fn, *args, **kw)


# -- members -----------------------------------------------------------------
@router.get("/members", summary="The tenant's members: role, status, e-mail")
async def members(request: Request, caller: Caller = Depends(authenticate)) -> list[dict[str, Any]]:
    return await _call(_run, request, caller, "admin.members", many=True, read_only=True)


@router.patch("/members/{user_id}", summary="Change a member's role or status (active | disabled)")
async def change_member(user_id: UUID, change: MemberChange, request: Request,
                        caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    params = {"user_id": user_id, "role": change.role, "status": change.status}
    return await _call(_change, request, caller, "admin.member_update", "admin.member_visible", params,
                       "membership")


@router.delete("/members/{user_id}", summary="Remove a member from the tenant", status_code=204)
async def remove_member(user_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> Response:
    await _call(_change, request, caller, "admin.member_delete", "admin.member_visible", {"user_id": user_id},
                "membership")
    return Response(status_code=204)


# -- API keys ----------------------------------------------------------------
@router.get("/api-keys", summary="The tenant's API keys (never their secrets)")
async def api_keys(request: Request, caller: Caller = Depends(authenticate)) -> list[dict[str, Any]]:
    return await _call(_run, request, caller, "admin.keys", many=True, read_only=True)


@router.post("/api-keys", summary="A new API key; its secret is in this answer and never again", status_code=201)
async def create_key(new: NewKey, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    prefix = "".join(secrets.choice(_ALPHANUMERIC) for _ in range(12))
    key = f"{prefix}.{secrets.token_urlsafe(32)}"  # what vital.api.auth looks up: prefix, sha256 of it all
    row = await _call(_run, request, caller, "admin.key_create", {
        "name": new.name, "prefix": prefix, "key_hash": hash_key(key), "scopes": sorted(set(new.scopes)),
        "expires_at": new.expires_at})
    return {**row, "key": key}


@router.delete("/api-keys/{key_id}", summary="Revoke an API key")
async def revoke_key(key_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    return await _call(_change, request, caller, "admin.key_revoke", "admin.key_visible", {"id": key_id},
                       "API key")


# -- audit trail -------------------------------------------------------------
@router.get("/audit", summary="The tenant's audit trail, newest first (Accept: text/csv for a CSV export)")
async def audit(request: Request, table: str | None = Query(None), action: str | None = Query(None),
                actor: UUID | None = Query(None), since: datetime | None = Query(None),
                until: datetime | None = Query(None), limit: int = Query(1000, ge=1, le=100_000),
                caller: Caller = Depends(authenticate)):
    rows = await _call(_run, request, caller, "admin.audit", {
        "table": table, "action": action.upper() if action else None, "actor": actor, "since": since,
        "until": until, "limit": limit}, many=True, read_only=True)
    if "text/csv" in request.headers.get("accept", ""):
        return Response(_csv(rows), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="audit.csv"'})
    return rows


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_AUDIT_COLUMNS)
    for row in rows:
        writer.writerow([json.dumps(row[c]) if isinstance(row[c], (dict, list)) else
                         ("" if row[c] is None else row[c]) for c in _AUDIT_COLUMNS])
    return out.getvalue()


# -- settings ----------------------------------------------------------------
_SETTINGS = {"signup_open": False, "redirect_urls": []}  # what an admin may change (docs/auth.md)


@router.get("/settings", summary="The tenant settings an admin may change")
async def settings(request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    row = await _call(_run, request, caller, "admin.settings", read_only=True)
    stored = row["settings"] if row else {}
    return {key: stored.get(key, default) for key, default in _SETTINGS.items()}


@router.patch("/settings", summary="Change signup_open or redirect_urls (owners and admins)")
async def change_settings(changes: dict[str, Any], request: Request,
                          caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    row = await _call(_run, request, caller, "admin.settings_update", {"changes": Jsonb(changes)})
    return {key: row["settings"].get(key, default) for key, default in _SETTINGS.items()}


# -- model settings ----------------------------------------------------------
@router.get("/llm", summary="The tenant's model settings in effect, and which of them its admins may change")
async def llm(request: Request, caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    row = await _call(_run, request, caller, "admin.settings", read_only=True)
    return allowance.view(request.app.state.api.settings, (row or {}).get("settings") or {})


@router.patch("/llm", summary="Change the model settings the operator allows (owners and admins; null: "
                              "back to the operator's)")
async def change_llm(changes: dict[str, Any], request: Request,
                     caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    row = await _call(_run, request, caller, "admin.llm_update", {"changes": Jsonb(changes)})
    return allowance.view(request.app.state.api.settings, row["settings"])
