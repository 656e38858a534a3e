"""What people do to a run: start it, decide its approval, pause, resume, cancel."""

from __future__ import annotations

from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import Conflict, InvalidInput, NotFound
from vital.services.text import is_uuid
from vital.services.workflows.engine import Engine
from vital.services.workflows.records import lock
from vital.services.workflows.runs import TERMINAL, Run

SQL = Queries(__name__)


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
            records.event("approval_decided", {"decision": decision, "approved": approved, "comment": comment},
                          conn=conn)
        records.flush()
        return engine.advance(run_id, resume={"approved": approved, "decision": decision, "comment": comment},
                              request=row["request"])


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
