"""`/api/v1/workflows`: definitions (graphs), runs, approvals, pause/resume/cancel, events."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.api.json_body import model_from_body, openapi_body
from vital.errors import InvalidInput
from vital.services.workflows import control, definitions as defs, runs as run_rows
from vital.services.workflows.engine import Engine
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1/workflows", tags=["workflows"])


class NewDefinition(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    graph: dict[str, Any] = Field(description='{"nodes": [{"id", "type", ...}], "edges": [{"from", "to", "condition"?}]}')
    description: str | None = None
    status: Literal["draft", "active", "deprecated", "archived"] = "active"
    input_schema: dict[str, Any] = Field(default_factory=dict)
    settings: dict[str, Any] = Field(default_factory=dict)


class NewRun(BaseModel):
    definition_id: UUID | None = None
    slug: str | None = Field(None, description="The caller's own active definition of that slug, else the platform's.")
    input: dict[str, Any] = Field(default_factory=dict)
    budget_tokens: int | None = Field(None, gt=0)


def _engine(request: Request, caller: Caller) -> Engine:
    return Engine(svc.source(request, caller), caller, svc.settings(request))


@router.get("/definitions", summary="Definitions the caller may run (own and platform), every version")
async def definitions(request: Request, caller: Caller = Depends(authenticate)) -> list[dict]:
    return await svc.call(defs.definitions, svc.source(request, caller), caller)


@router.post("/definitions", status_code=201, summary="A new definition, or the next version of an own slug",
             openapi_extra=openapi_body(NewDefinition))
async def create_definition(request: Request, caller: Caller = Depends(authenticate)):
    # The body is read here, after admission, and parsed off the event loop when large (vital.api.json_body);
    # its fields are passed as parsed: model_dump() would deep-copy the graph (32 ms for 8,000 nodes) before
    # the size check that refuses it.
    body = await model_from_body(request, NewDefinition)
    return await svc.call(defs.create_definition, svc.source(request, caller), caller,
                          **{name: getattr(body, name) for name in NewDefinition.model_fields})


@router.post("/runs", status_code=201, summary="Start a run: it is queued (pending) for a background-job worker, "
             "which executes it until it ends or waits for a person")
async def start(body: NewRun, request: Request, response: Response, caller: Caller = Depends(authenticate)):
    if (body.definition_id is None) == (body.slug is None):
        raise InvalidInput("Give definition_id or slug.")
    engine = _engine(request, caller)

    def run() -> dict:
        started = control.start_later(engine, input=body.input, slug=body.slug, budget_tokens=body.budget_tokens,
                                      definition_id=str(body.definition_id) if body.definition_id else None)
        return run_rows.run_view(engine.source, caller, started.id)
    view = await svc.call(run)
    if isinstance(view, dict):
        response.headers["Location"] = f"{router.prefix}/runs/{view['id']}"
    return view


@router.get("/runs", summary="Runs, newest first")
async def runs(request: Request, status: str | None = None, limit: int = Query(50, ge=1, le=500),
               caller: Caller = Depends(authenticate)) -> list[dict]:
    return await svc.call(run_rows.runs, svc.source(request, caller), caller, status=status, limit=limit)


@router.get("/runs/{run_id}", summary="A run with its steps and approvals")
async def run(run_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(run_rows.run_view, svc.source(request, caller), caller, str(run_id))


@router.get("/runs/{run_id}/events", summary="The run's timeline (JSON, or server-sent events until it rests)")
async def events(run_id: UUID, request: Request, after: int = Query(0, ge=0), caller: Caller = Depends(authenticate)):
    pool = svc.source(request, caller)
    if not svc.wants_stream(request, None):
        return await svc.call(run_rows.events, pool, caller, str(run_id), after)
    await svc.call(run_rows.run_view, pool, caller, str(run_id))  # 404 before the stream starts
    return await svc.run_events(request, caller, str(run_id), after)


def _act(action):
    async def endpoint(run_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
        engine = _engine(request, caller)
        return await svc.call(lambda: run_rows.run_view(engine.source, caller, action(engine, str(run_id)).id))
    return endpoint


router.add_api_route("/runs/{run_id}/pause", _act(control.pause), methods=["POST"],
                     summary="Stop before the next step")
router.add_api_route("/runs/{run_id}/resume", _act(control.resume_later), methods=["POST"],
                     summary="Queue a paused run, or one interrupted by a restart, to go on (pending)")
router.add_api_route("/runs/{run_id}/cancel", _act(control.cancel), methods=["POST"], summary="End the run")


@router.post("/runs/{run_id}/approvals", summary="Decide the run's pending approval; the run is queued to go on")
async def decide(run_id: UUID, body: svc.Decision, request: Request, caller: Caller = Depends(authenticate)):
    engine = _engine(request, caller)

    def act() -> dict:
        done = control.decide_later(engine, str(run_id), approved=body.approved, decision=body.decision,
                                    comment=body.comment)
        return run_rows.run_view(engine.source, caller, done.id)
    return await svc.call(act)
