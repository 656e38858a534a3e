"""`/api/v1/panels`: Ask Panel (six archetypes) and Ask Committee; people's turns in hybrid panels."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.services.panels.service import Panels
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1/panels", tags=["panels"])


class NewPanel(BaseModel):
    question: str = Field(min_length=1, max_length=8000)
    kind: Literal["panel", "committee"] = "panel"
    archetype: str | None = Field(None, description="structured, open, socratic, adversarial, delphi, hybrid "
                                                    "(or the tenant's own); a committee needs none.")
    agents: list[UUID] | None = Field(None, description="2-12 agents; left out, the system picks them.")
    size: int | None = Field(None, ge=2, le=12, description="How many agents the system picks.")
    chair: UUID | None = Field(None, description="Committee: the chair (default: the first agent).")
    roles: dict[UUID, Literal["member", "moderator", "chair", "advocate", "opponent"]] = Field(default_factory=dict)
    weights: dict[UUID, float] = Field(default_factory=dict, description="Vote weight per agent or person (> 0).")
    humans: list[UUID] = Field(default_factory=list, description="Hybrid panels: people of the tenant (user ids).")
    options: list[str] | None = Field(None, description="Positions to vote on; first = for, last = against.")
    rounds: int | None = Field(None, ge=1, le=10)
    context: str | None = Field(None, max_length=20000)
    run: bool = Field(True, description="Run at once (false: POST /{id}/start later).")


class Contribution(BaseModel):
    content: str = Field(min_length=1, max_length=8000)
    position: str | None = Field(None, description="Your vote for the coming round (one of the options).")


def _panels(request: Request, caller: Caller) -> Panels:
    return Panels(svc.source(request, caller), caller, svc.settings(request))


@router.post("", status_code=201, summary="Convene a panel or committee (and run it)")
async def create(body: NewPanel, request: Request, caller: Caller = Depends(authenticate)):
    as_text = lambda ids: [str(i) for i in ids]  # noqa: E731
    return await svc.call(
        _panels(request, caller).create, question=body.question, kind=body.kind,
        archetype=body.archetype, agents=as_text(body.agents) if body.agents else None, size=body.size,
        chair=str(body.chair) if body.chair else None, roles={str(k): v for k, v in body.roles.items()},
        weights={str(k): v for k, v in body.weights.items()}, humans=as_text(body.humans), options=body.options,
        rounds=body.rounds, context=body.context, run=body.run)


@router.get("", summary="Panels and committees, newest first")
async def list_panels(request: Request, limit: int = Query(50, ge=1, le=500),
                      caller: Caller = Depends(authenticate)) -> list[dict]:
    return await svc.call(_panels(request, caller).list, limit)


@router.get("/{panel_id}", summary="A panel: members, contributions by round, votes, syntheses")
async def get(panel_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).get, str(panel_id))


@router.get("/{panel_id}/report", summary="Recommendation, strength, consensus by round, tally and dissent")
async def report(panel_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).report, str(panel_id))


@router.post("/{panel_id}/contributions", status_code=201, summary="Hybrid panels: a person's contribution")
async def contribute(panel_id: UUID, body: Contribution, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).contribute, str(panel_id), body.content,
                          position=body.position)


@router.post("/{panel_id}/continue", summary="Hybrid panels: end the people's turn, run the next round(s)")
async def proceed(panel_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).proceed, str(panel_id))


@router.post("/{panel_id}/start", summary="Run a panel created with run=false, or resume an interrupted one")
async def start(panel_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).start, str(panel_id))


@router.post("/{panel_id}/cancel", summary="Stop the panel")
async def cancel(panel_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_panels(request, caller).cancel, str(panel_id))


@router.get("/{panel_id}/events", summary="The panel's run events as server-sent events")
async def events(panel_id: UUID, request: Request, after: int = Query(0, ge=0),
                 caller: Caller = Depends(authenticate)):
    panel = await svc.call(_panels(request, caller).get, str(panel_id))
    if not isinstance(panel, dict):
        return panel
    return await svc.run_events(request, caller, panel["workflow_run_id"], after)
