"""`/api/v1/ask-expert`: sessions in the four modes, questions and answers (JSON or server-sent
events), plan approval for the autonomous modes. Ratings go to /api/v1/feedback."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.services.ask_expert.service import AskExpert
from vital.tenancy import Caller

router = APIRouter(prefix="/api/v1/ask-expert", tags=["ask expert"])


class NewSession(BaseModel):
    mode: Literal[1, 2, 3, 4] = Field(description="1 you pick the agent; 2 the system picks; 3/4 the same, autonomous.")
    query: str = Field(min_length=1, max_length=8000, description="The question (the first message in modes 1-2).")
    agent_id: UUID | None = Field(None, description="Modes 1 and 3: the agent to ask.")
    mission_template: str | None = Field(None, description="Modes 3-4: a mission template's id or slug.")
    title: str | None = None
    budget_tokens: int | None = Field(None, gt=0, description="Modes 3-4: stop executing steps at this spend.")
    settings: dict[str, Any] = Field(default_factory=dict)
    stream: bool = Field(False, description="Modes 1-2: answer as server-sent events.")


class Question(BaseModel):
    content: str = Field(min_length=1, max_length=8000)
    stream: bool = False


def _service(request: Request, caller: Caller) -> AskExpert:
    return AskExpert(svc.source(request, caller), caller, svc.settings(request))


@router.post("/sessions", status_code=201, summary="Start a session; modes 1-2 answer the query at once")
async def create_session(body: NewSession, request: Request, caller: Caller = Depends(authenticate)):
    service = _service(request, caller)
    session = await svc.call(service.create, mode=body.mode, query=body.query, title=body.title,
                             agent_id=str(body.agent_id) if body.agent_id else None, settings=body.settings,
                             mission_template=body.mission_template, budget_tokens=body.budget_tokens)
    if not isinstance(session, dict) or body.mode in (3, 4):
        return session
    if svc.wants_stream(request, body.stream):
        return await svc.sse(_with_session(session, service.ask_stream(session["id"], body.query)))
    answered = await svc.call(service.ask, session["id"], body.query)
    return answered if not isinstance(answered, dict) else await svc.call(service.get, session["id"])


def _with_session(session: dict, events):
    yield {"event": "session", "data": {k: session[k] for k in ("id", "mode", "status", "query")}}
    yield from events


@router.get("/sessions", summary="The caller's tenant's sessions, newest first")
async def list_sessions(request: Request, limit: int = Query(50, ge=1, le=500),
                        caller: Caller = Depends(authenticate)) -> list[dict]:
    return await svc.call(_service(request, caller).list, limit)


@router.get("/sessions/{session_id}", summary="A session with its messages, citations and run")
async def get_session(session_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_service(request, caller).get, str(session_id))


@router.post("/sessions/{session_id}/messages", summary="Ask a question (modes 1-2); SSE when streaming")
async def ask(session_id: UUID, body: Question, request: Request, caller: Caller = Depends(authenticate)):
    service = _service(request, caller)
    if svc.wants_stream(request, body.stream):
        return await svc.sse(service.ask_stream(str(session_id), body.content))
    return await svc.call(service.ask, str(session_id), body.content)


@router.post("/sessions/{session_id}/approve", summary="Modes 3-4: approve, reject or ask changes to the plan")
async def approve(session_id: UUID, body: svc.Decision, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_service(request, caller).decide, str(session_id), approved=body.approved,
                          decision=body.decision, comment=body.comment)


@router.post("/sessions/{session_id}/resume", summary="Modes 3-4: continue a run stopped by a pause or a restart")
async def resume(session_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_service(request, caller).resume, str(session_id))


@router.post("/sessions/{session_id}/cancel", summary="End the session (and its run)")
async def cancel(session_id: UUID, request: Request, caller: Caller = Depends(authenticate)):
    return await svc.call(_service(request, caller).cancel, str(session_id))


@router.get("/sessions/{session_id}/events", summary="Modes 3-4: the run's events as server-sent events")
async def events(session_id: UUID, request: Request, after: int = Query(0, ge=0),
                 caller: Caller = Depends(authenticate)):
    service = _service(request, caller)
    session = await svc.call(service.get, str(session_id))
    if not isinstance(session, dict) or not session.get("workflow_run_id"):
        return await svc.sse(iter([{"event": "end", "data": {"after": after}}]))
    return await svc.run_events(request, caller, session["workflow_run_id"], after)
