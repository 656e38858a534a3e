"""What people do to a run: start it, decide its approval, pause, resume, cancel.

Two ways to carry a run on. `start`, `decide` and `resume` execute it here until it rests
(Ask Expert's autonomous modes and the panels, which answer in the request). `start_later`,
`decide_later` and `resume_later` record the change and queue the run for a background-job
worker in the same transaction (`/api/v1/workflows`): the worker's `carry_on` executes it,
and may do so more than once (a retry after a worker died) without repeating a finished step.
"""

from __future__ import annotations

import logging

import psycopg

from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import Conflict, InvalidInput, NotFound, VitalError
from vital.jobs.enqueue import advance_later
from vital.services.limits import LimitExceeded
from vital.services.text import is_uuid
from vital.services.workflows.caps import caps
from vital.services.workflows.engine import Engine
from vital.services.workflows.lease import LeaseBusy, admit
from vital.services.workflows.records import RunRecords, lock
from vital.services.workflows.runs import TERMINAL, Run

SQL = Queries(__name__)
log = logging.getLogger(__name__)


def start(engine: Engine, *, input: dict, slug: str | None = None, definition_id: str | None = None,
          budget_tokens: int | None = None) -> Run:
    run_id = engine.create(input=input, slug=slug, definition_id=definition_id, budget_tokens=budget_tokens)
    return engine.advance(run_id)


def decide(engine: Engine, run_id: str, *, approved: bool, decision: str | None = None,
           comment: str | None = None) -> Run:
    """Decide the run's pending approval and continue the run with that decision."""
    # The lease first: a decision is recorded only when this request can also carry the run on.
    with engine.leased(run_id):
        decision = decision or ("approved" if approved else "rejected")
        records = engine.records(run_id)
        with engine.tx() as conn:
            request = _record_decision(conn, records, run_id, approved, decision, comment)
        records.flush()
        return engine.advance(run_id, resume={"approved": approved, "decision": decision, "comment": comment},
                              request=request)


def _record_decision(conn: psycopg.Connection, records: RunRecords, run_id: str, approved: bool, decision: str,
                     comment: str | None) -> dict:
    """The pending approval decided (and its event), in the caller's transaction; the request decided on."""
    status = lock(conn, run_id) if is_uuid(run_id) else None
    if status is None:
        raise NotFound("No such workflow run.")
    if status != "waiting_approval":
        raise Conflict(f"The run is not waiting for a decision (status: {status}).")
    row = one(conn, SQL("approval_decide"), {"run_id": run_id, "approval_id": None, "comment": comment,
                                             "status": "approved" if approved else "rejected"})
    if row is None:
        raise Conflict("The run has no pending approval.")
    options = (row["request"] or {}).get("options") or []
    if options and decision not in options and decision != "rejected":
        raise InvalidInput(f"Unknown decision '{decision}'.", hint=f"Choose one of: {', '.join(options)}.")
    records.event("approval_decided", {"decision": decision, "approved": approved, "comment": comment}, conn=conn)
    return row["request"]


# -- queued for a worker ------------------------------------------------------
def start_later(engine: Engine, *, input: dict, slug: str | None = None, definition_id: str | None = None,
                budget_tokens: int | None = None) -> Run:
    """A pending run and its job, committed together: without a worker it stays pending, never half-made."""
    with engine.tx() as conn:
        run_id = engine.create(input=input, slug=slug, definition_id=definition_id, budget_tokens=budget_tokens,
                               conn=conn)
        advance_later(conn, run_id)
    return engine.get(run_id)


def decide_later(engine: Engine, run_id: str, *, approved: bool, decision: str | None = None,
                 comment: str | None = None) -> Run:
    """Record the decision and queue the run to go on with it (the worker reads it back: `carry_on`)."""
    decision = decision or ("approved" if approved else "rejected")
    records = engine.records(run_id)
    with engine.tx() as conn:
        _record_decision(conn, records, run_id, approved, decision, comment)
        _queue(conn, records, run_id)
    records.flush()
    return engine.get(run_id)


def resume_later(engine: Engine, run_id: str) -> Run:
    """Queue a paused run, or one whose executor stopped, to go on from its last checkpoint."""
    records = engine.records(run_id)
    with engine.tx() as conn:
        state = one(conn, SQL("lease.state"), {"run_id": run_id}) if is_uuid(run_id) else None
        if state is None:
            raise NotFound("No such workflow run.")
        if state["status"] not in ("paused", "running", "pending"):
            raise Conflict(f"Only a paused or interrupted run can be resumed (status: {state['status']}).")
        if state["live"] and state["lease_holder"]:
            raise LeaseBusy(max(1, int(state["remaining"] or 1)))
        _queue(conn, records, run_id)
    records.flush()
    return engine.get(run_id)


def _queue(conn: psycopg.Connection, records: RunRecords, run_id: str) -> None:
    """The run `pending` (it counts towards the tenant's cap from now: 429 here, and nothing recorded) and its
    job queued, in the caller's transaction."""
    admit(conn, caps(conn), run_id)
    records.set_status("pending", conn=conn)
    advance_later(conn, run_id)


def carry_on(engine: Engine, run_id: str, *, slice_seconds: float | None = None, ran_seconds: float = 0.0) -> Run:
    """A worker's job: execute the run until it rests, from wherever it stands. A run that rests already
    (ended, paused, waiting for a person) is left as it is; a decision recorded and not yet acted on is
    applied; a run another execution holds raises LeaseBusy, one the cap refuses TooManyRuns (try later),
    one whose slice of time is over SliceOver (Engine.advance). An outcome the run records (it failed, or
    paused at a token limit) is returned, not raised."""
    run = engine.get(run_id)
    if run.status not in ("pending", "running"):
        return run
    with engine.tx(read_only=True) as conn:
        due = one(conn, SQL("decision_due"), {"run_id": run_id})
    sliced = {"slice_seconds": slice_seconds, "ran_seconds": ran_seconds}
    try:
        if due is None:
            return engine.advance(run_id, **sliced)
        return engine.advance(run_id, resume=due["decision"], request=due["request"], **sliced)
    except (LeaseBusy, LimitExceeded) as exc:
        if isinstance(exc, LimitExceeded) and engine.get(run_id).status == "paused":
            return engine.get(run_id)  # a token limit: the run paused, and says why
        raise
    except VitalError as exc:
        after = engine.get(run_id)
        if after.status in ("pending", "running"):
            raise  # nothing recorded: the job tries again
        log.info("workflow run %s rests after an error", run_id, extra={"reason": exc.message})
        return after


def pause(engine: Engine, run_id: str) -> Run:
    """Stop before the next step; a step under way finishes first."""
    _transition(engine, run_id, "paused", "run_paused", allowed=("pending", "running", "waiting_approval"))
    return engine.get(run_id)


def resume(engine: Engine, run_id: str) -> Run:
    """Continue a paused run, or one whose process stopped (a restart) from its last checkpoint."""
    run = engine.get(run_id)
    if run.status not in ("paused", "running", "pending"):
        raise Conflict(f"Only a paused or interrupted run can be resumed (status: {run.status}).")
    return engine.advance(run_id)


def cancel(engine: Engine, run_id: str) -> Run:
    """End the run for good; a pending approval is closed as rejected."""
    records = engine.records(run_id)
    with engine.tx() as conn:
        status = lock(conn, run_id) if is_uuid(run_id) else None
        if status is None:
            raise NotFound("No such workflow run.")
        if status in TERMINAL:
            raise Conflict(f"The run has already ended ({status}).")
        conn.execute(SQL("approval_decide"), {"run_id": run_id, "approval_id": None, "status": "rejected",
                                              "comment": "run cancelled"})
        records.set_status("cancelled", event="run_cancelled", conn=conn)
    records.flush()
    return engine.get(run_id)


def _transition(engine: Engine, run_id: str, status: str, event: str, *, allowed: tuple[str, ...]) -> None:
    records = engine.records(run_id)
    with engine.tx() as conn:
        current = lock(conn, run_id) if is_uuid(run_id) else None
        if current is None:
            raise NotFound("No such workflow run.")
        if current not in allowed:
            raise Conflict(f"A {current} run cannot be {status}.")
        records.set_status(status, event=event, conn=conn)
    records.flush()
