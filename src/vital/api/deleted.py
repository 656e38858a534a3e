"""`/api/v1/deleted`: the caller's soft-deleted rows of the critical tables, and their restore.

Each request is one transaction as the caller (vital.db.tenant), under RLS: a
row of another tenant, a platform library row and a row that does not exist
all answer 404 alike.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from vital.api.auth import authenticate
from vital.db.tenant import tenant_transaction
from vital.ops import soft_delete
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1/deleted", tags=["soft delete"])


def _list(request: Request, caller: Caller, table: str | None, limit: int) -> list[dict[str, Any]]:
    with tenant_transaction(request.app.state.api.pool, caller, read_only=True) as conn:
        return soft_delete.list_deleted(conn, request.app.state.api.catalog, table, limit)


def _restore(request: Request, caller: Caller, table: str, row_id: UUID) -> dict[str, Any]:
    with tenant_transaction(request.app.state.api.pool, caller) as conn:
        return soft_delete.restore(conn, request.app.state.api.catalog, table, row_id)


@router.get("", summary="Soft-deleted rows of the critical tables, most recently deleted first")
async def list_deleted(request: Request, table: str | None = Query(None, description="Only this table."),
                       limit: int = Query(soft_delete.DEFAULT_LIMIT, ge=1, le=1000),
                       caller: Caller = Depends(authenticate)) -> list[dict[str, Any]]:
    return await run_in_threadpool(_list, request, caller, table, limit)


@router.post("/{table}/{row_id}/restore", summary="Restore one soft-deleted row (clears deleted_at)")
async def restore(table: str, row_id: UUID, request: Request,
                  caller: Caller = Depends(authenticate)) -> dict[str, Any]:
    return await run_in_threadpool(_restore, request, caller, table, row_id)
