"""Evaluation over HTTP: start a run of a golden set in the background (`POST /api/v1/eval/runs`,
202 + the run's id and status URL), follow it, read its metrics and per-question results, compare
two runs. Runs as the caller under RLS: members start runs, viewers read them. The questions
themselves are rows of `eval_questions`, edited through `/rest/v1` (docs/knowledge.md#evaluation)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.db.tenant import tenant_transaction
from vital.evaluation.compare import compare
from vital.evaluation.runner import MAX_K, Evaluation, RunRequest
from vital.jobs import enqueue as jobs
from vital.tenancy import Caller

router = APIRouter(tags=["evaluation"])


class RunBody(BaseModel):
    set: Literal["golden", "dev", "heldout", "all"] = Field("golden", description="Questions of this tag.")
    mode: Literal[1, 2] = Field(2, description="Ask Expert mode: 1 (name the agent) or 2 (the system picks).")
    k: int = Field(5, ge=1, le=MAX_K, description="Retrieval hit@k: the expected document among the first k.")
    eval_set: str | None = Field(None, max_length=100, description="Only this golden set (slug); default: "
                                                                   "every set the tenant reads.")
    agent: str | None = Field(None, max_length=200, description="Mode 1: the agent's slug.")


@router.post("/api/v1/eval/runs", status_code=202, summary="Start an evaluation run (a background job)")
async def start_run(body: RunBody, request: Request, caller: Caller = Depends(authenticate)):
    pool, settings = svc.source(request, caller), svc.settings(request)
    evaluation = Evaluation(pool, caller, settings)

    def queue():  # the run, its questions and the queued job commit together
        with tenant_transaction(pool, caller) as conn:
            run = evaluation.create_in(conn, RunRequest(tag=body.set, mode=body.mode, k=body.k,
                                                        eval_set=body.eval_set, agent=body.agent))
            jobs.eval_later(conn, run)
        return run

    run = await svc.call(queue)
    return JSONResponse({"run_id": run, "status": "queued", "status_url": f"/api/v1/eval/runs/{run}"},
                        status_code=202, headers={"Location": f"/api/v1/eval/runs/{run}"})


@router.get("/api/v1/eval/runs", summary="Evaluation runs, newest first")
async def list_runs(request: Request, limit: int = Query(20, ge=1, le=200),
                    caller: Caller = Depends(authenticate)) -> list[dict]:
    evaluation = Evaluation(svc.source(request, caller), caller, svc.settings(request))
    return await svc.call(evaluation.list, limit)


@router.get("/api/v1/eval/runs/{run_id}", summary="One run: progress while it runs, metrics when done")
async def get_run(run_id: UUID, request: Request, results: bool = Query(False, description="Include the "
                  "per-question results."), compare_to: UUID | None = Query(None, description="Another run: "
                  "the difference per metric and the questions that changed."),
                  caller: Caller = Depends(authenticate)) -> dict:
    evaluation = Evaluation(svc.source(request, caller), caller, svc.settings(request))

    def run():
        found = evaluation.get(str(run_id), results=results or compare_to is not None)
        if compare_to is not None:
            found["comparison"] = compare(found, evaluation.get(str(compare_to), results=True))
            if not results:
                del found["results"]
        return found
    return await svc.call(run)
