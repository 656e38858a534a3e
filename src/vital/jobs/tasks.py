"""What the jobs do. A tenant's job runs as that tenant: its transactions go through
`tenant_transaction` with the claims `vital.enqueue_job` recorded, so RLS applies as it did
to the request that queued it. Maintenance jobs run as vital_maintenance (`maintenance`).

Every task may run more than once (a retry, or its worker died mid-way): ingestion
skips the files already written (same bytes: `unchanged`) and re-embedding moves
only the chunks not yet on the model. The job row the user follows
(`rag_ingestion_jobs`) carries the outcome, and why the last attempt failed.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from procrastinate import BaseRetryStrategy, JobContext, RetryStrategy
from procrastinate.jobs import Job
from procrastinate.retry import RetryDecision

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.db.tenant import tenant_transaction
from vital.jobs import maintenance
from vital.jobs.app import MAINTENANCE, TENANTS, app
from vital.evaluation.runner import Evaluation
from vital.jobs.enqueue import ADVANCE, EVAL, INGEST, REEMBED, REPARSE, advance_later
from vital.knowledge import reembed as reembedding, reparse as reparsing
from vital.knowledge.ingest import FileInput, Ingestor
from vital.errors import NotFound
from vital.services.workflows import control
from vital.services.workflows.caps import TooManyRuns
from vital.services.workflows.engine import Engine
from vital.services.workflows.lease import LeaseBusy, SliceOver
from vital.tenancy import Caller

SQL = Queries(__name__)
KNOWLEDGE = Queries("vital.knowledge")  # the job rows' statements (knowledge/sql/ingest.sql)

# Transient failures (a database restart, a busy embedding endpoint) get four more tries, 2-32 s apart.
RETRY = RetryStrategy(max_attempts=4, exponential_wait=2)


def tenant_caller(tenant_id: str, claims: dict) -> Caller:
    """The caller that queued the job, from the claims recorded with it (by the database, not the caller)."""
    caller = Caller.from_claims(claims)
    if caller.tenant_id != UUID(tenant_id):
        raise ValueError("a job's claims name another tenant than the one recorded with it")
    return caller


@contextmanager
def outcome_recorded(context: JobContext, caller: Caller, job: str):
    """On the last attempt's failure, the job row says failed and why, and its staged files go."""
    rt = context.additional_context["vital"]
    try:
        yield rt
    except Exception as exc:
        if context.job.attempts >= (RETRY.max_attempts or 0):
            error = {"item": "job", "code": type(exc).__name__, "message": getattr(exc, "message", str(exc))[:500]}
            with tenant_transaction(rt.pool, caller) as conn:
                conn.execute(KNOWLEDGE("ingest.job_fail"), {"job": job, "errors": json.dumps([error])})
                conn.execute(SQL("enqueue.drop_files"), {"job": job})
        raise


@app.task(name=INGEST, queue=TENANTS, retry=RETRY, pass_context=True)
def ingest(context: JobContext, *, tenant_id: str, claims: dict, job: str, collection: str | None,
           domains: list[str], metadata: dict[str, Any], model: str) -> dict:
    """Parse, chunk, embed and write the files staged for ingestion job `job`."""
    caller = tenant_caller(tenant_id, claims)
    with outcome_recorded(context, caller, job) as rt:
        with tenant_transaction(rt.pool, caller) as conn:
            if one(conn, KNOWLEDGE("ingest.job_restart"), {"job": job}) is None:
                return {"status": "missing"}  # no such job row of this tenant (deleted since): nothing to do
            ref = rt.model(conn, model)
            files = many(conn, SQL("enqueue.staged_files"), {"job": job})
        inputs = [FileInput.from_bytes(f["name"], bytes(f["data"]), f["content_type"]) for f in files]
        report = Ingestor(rt.pool, caller, rt.settings, rt.embedder, ref).process(
            UUID(job), collection and UUID(collection), inputs, domains=domains, metadata=metadata)
        with tenant_transaction(rt.pool, caller) as conn:
            conn.execute(SQL("enqueue.drop_files"), {"job": job})
    return {"status": report.status, "chunks": report.chunks}


@app.task(name=REEMBED, queue=TENANTS, retry=RETRY, pass_context=True)
def reembed(context: JobContext, *, tenant_id: str, claims: dict, job: str, model: str, total: int = 0) -> dict:
    """Move the tenant's chunks to the model, batch by batch (the `embed` job row records progress)."""
    caller = tenant_caller(tenant_id, claims)
    rt = context.additional_context["vital"]
    with tenant_transaction(rt.pool, caller, read_only=True) as conn:
        ref = rt.model(conn, model)
    return reembedding.run(rt.pool, caller, rt.embedder, ref, UUID(job), total=total)


@app.task(name=REPARSE, queue=TENANTS, retry=RETRY, pass_context=True)
def reparse(context: JobContext, *, tenant_id: str, claims: dict, job: str, documents: list[str], model: str) -> dict:
    """Re-parse documents from their stored originals: same ids, new text and chunks (`kb reparse`)."""
    caller = tenant_caller(tenant_id, claims)
    with outcome_recorded(context, caller, job) as rt:
        with tenant_transaction(rt.pool, caller, read_only=True) as conn:
            ref = rt.model(conn, model)
        found = reparsing.run(rt.pool, caller, rt.settings, rt.embedder, ref, UUID(job), [UUID(d) for d in documents])
    return {"status": found["status"], "documents": len(found["documents"])}


@app.task(name=EVAL, queue=TENANTS, retry=RETRY, pass_context=True)
def evaluate(context: JobContext, *, tenant_id: str, claims: dict, run: str) -> dict:
    """Answer and judge the run's pending questions (a retry goes on where the last attempt stopped)."""
    caller = tenant_caller(tenant_id, claims)
    rt = context.additional_context["vital"]
    evaluation = Evaluation(rt.pool, caller, rt.settings)
    try:
        found = evaluation.execute(run)
    except Exception as exc:
        if context.job.attempts >= (RETRY.max_attempts or 0):  # the last attempt: the run says failed, and why
            evaluation.finish(run, error=f"{type(exc).__name__}: {getattr(exc, 'message', str(exc))}"[:500])
        raise
    return {"status": found["status"], "questions": found["questions_done"]}


class AdvanceRetry(BaseRetryStrategy):
    """A run another execution holds is tried again when that lease runs out (its executor may have died:
    a killed worker's lease is renewed no more), one refused at the tenant's cap when a place may be free;
    anything else as the other tasks (RETRY)."""

    waits = 60  # tries at a busy run or a full cap: the lease's lifetime is two minutes unless renewed

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, (LeaseBusy, TooManyRuns)):
            if job.attempts >= self.waits:
                return None  # vital.resume_runs still finds the run once it is idle
            return RetryDecision(retry_in={"seconds": exception.retry_after})
        return RETRY.get_retry_decision(exception=exception, job=job)


@app.task(name=ADVANCE, queue=TENANTS, retry=AdvanceRetry(), pass_context=True)
def advance_run(context: JobContext, *, tenant_id: str, claims: dict, run: str, ran_seconds: float = 0.0) -> dict:
    """Carry the workflow run on until it rests (ends, waits for a person, pauses), as the person who started
    or decided it; a second attempt goes on from the last finished step (control.carry_on). After
    VITAL_WORKER_SLICE_SECONDS the run makes way: a new job, queued behind the other work (and behind other
    tenants' first: migration 20261124000047), carries it on."""
    rt = context.additional_context["vital"]
    caller = tenant_caller(tenant_id, claims)
    try:
        done = control.carry_on(Engine(rt.pool, caller, rt.settings), run,
                                slice_seconds=rt.settings.worker_slice_seconds, ran_seconds=ran_seconds)
    except NotFound:
        return {"status": "missing"}  # deleted since, or not this tenant's
    except SliceOver as over:
        with tenant_transaction(rt.pool, caller) as conn:
            advance_later(conn, run, over.ran_seconds)
        return {"status": "running", "ran_seconds": round(over.ran_seconds, 1)}
    return {"status": done.status}


@app.periodic(cron="*/10 * * * *")
@app.task(name="vital.expire_tokens", queue=MAINTENANCE, queueing_lock="vital.expire_tokens", pass_context=True)
def expire_tokens(context: JobContext, timestamp: int) -> dict:
    return maintenance.expire_tokens(context.additional_context["vital"].pool)


@app.periodic(cron="* * * * *")
@app.task(name="vital.resume_runs", queue=MAINTENANCE, queueing_lock="vital.resume_runs", pass_context=True)
def resume_runs(context: JobContext, timestamp: int) -> dict:
    rt = context.additional_context["vital"]
    return maintenance.resume_runs(rt.pool, rt.settings)


@app.periodic(cron="7 * * * *")
@app.task(name="vital.rollup_analytics", queue=MAINTENANCE, queueing_lock="vital.rollup_analytics",
          pass_context=True)
def rollup_analytics(context: JobContext, timestamp: int) -> dict:
    """Hourly: every tenant's analytics of yesterday and today (reads of /api/v1/analytics also roll up)."""
    return maintenance.rollup_analytics(context.additional_context["vital"].pool)


@app.periodic(cron="17 3 * * *")
@app.task(name="vital.kb_tune", queue=MAINTENANCE, queueing_lock="vital.kb_tune", pass_context=True)
def kb_tune(context: JobContext, timestamp: int) -> dict:
    """Daily at 03:17 UTC: per-tenant vector indexes by partition size (`vital kb tune`)."""
    rt = context.additional_context["vital"]
    return maintenance.kb_tune(rt.db, rt.settings)


@app.periodic(cron="37 * * * *")
@app.task(name="vital.pitr_base_backup", queue=MAINTENANCE, queueing_lock="vital.pitr_base_backup",
          pass_context=True)
def pitr_base_backup(context: JobContext, timestamp: int) -> dict:
    """Hourly check: a base backup when the last is VITAL_PITR_BASE_BACKUP_HOURS old (off by default)."""
    rt = context.additional_context["vital"]
    return maintenance.pitr_base_backup(rt.db, rt.settings)
