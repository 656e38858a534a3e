"""`/api/v1/analytics` and `/api/v1/feedback`: daily usage, agent performance, tier limits, ratings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.db.tenant import tenant_transaction
from vital.errors import InvalidInput
from vital.services import analytics, limits
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1", tags=["analytics"])
MAX_DAYS = 92


class Feedback(BaseModel):
    message_id: UUID | None = None
    synthesis_id: UUID | None = None
    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(None, max_length=4000)
    reasons: list[str] = Field(default_factory=list)


@router.post("/feedback", status_code=201, summary="Rate an answer: an Ask Expert message or a panel synthesis")
async def feedback(body: Feedback, request: Request, caller: Caller = Depends(authenticate)):
    pool = svc.source(request, caller)

    def rate() -> dict:
        with tenant_transaction(pool, caller) as conn:
            return analytics.feedback(conn, rating=body.rating, comment=body.comment, reasons=body.reasons,
                                      message_id=str(body.message_id) if body.message_id else None,
                                      synthesis_id=str(body.synthesis_id) if body.synthesis_id else None)
    return await svc.call(rate)


def _days(since: date | None, until: date | None) -> tuple[date, date]:
    until = until or datetime.now(timezone.utc).date()
    if since is None and until < date.min + timedelta(days=6):
        raise InvalidInput(f"'until' is too early: give a date after {date.min + timedelta(days=6)}.")
    since = since or until - timedelta(days=6)
    if since > until or (until - since).days >= MAX_DAYS:
        raise InvalidInput(f"Give since <= until, at most {MAX_DAYS} days apart.")
    return since, until


def _rolled_up(request: Request, caller: Caller, since: date, until: date, read):
    """Roll the days up first (cheap, idempotent), then read them: figures are never stale."""
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller) as conn:
            day = since
            while day <= until:
                analytics.rollup(conn, day)
                day += timedelta(days=1)
            return read(conn, since, until)
    return run


@router.get("/analytics/usage", summary="Daily usage per metric (UTC days; default the last 7)")
async def usage(request: Request, since: date | None = Query(None), until: date | None = Query(None),
                caller: Caller = Depends(authenticate)) -> list[dict]:
    first, last = _days(since, until)
    return await svc.call(_rolled_up(request, caller, first, last, analytics.usage))


@router.get("/analytics/agents", summary="Agent performance per day: answers, ratings, latency, spend")
async def agents(request: Request, since: date | None = Query(None), until: date | None = Query(None),
                 caller: Caller = Depends(authenticate)) -> list[dict]:
    first, last = _days(since, until)
    return await svc.call(_rolled_up(request, caller, first, last, analytics.agent_performance))


@router.get("/analytics/limits", summary="The tenant's tier, its limits, today's use and when each resets")
async def tier_limits(request: Request, caller: Caller = Depends(authenticate)) -> dict:
    pool = svc.source(request, caller)

    def read() -> dict:
        with tenant_transaction(pool, caller, read_only=True) as conn:
            tier, rows = limits.usage(conn)
        return {"tier": tier, "limits": [{"limit": u.limit, "allowed": u.allowed, "used": u.used,
                                          "resets_at": u.resets_at.isoformat() if u.resets_at else None}
                                         for u in rows]}
    return await svc.call(read)
