"""Workflows: definitions (graphs as JSONB), runs, steps, approvals and events.

The engine (engine.py) is the one that Ask Expert modes 3-4 and panels use; the
functions here are what the API offers on top of it: start, follow, decide,
pause, resume, cancel.
"""

from __future__ import annotations

from psycopg.types.json import Jsonb

from vital.errors import Conflict, InvalidInput, NotFound
from vital.services.queries import plain, q
from vital.services.scope import Scope
from vital.services.text import is_uuid
from vital.services.workflows.engine import TERMINAL, Engine, Run, load_run
from vital.services.workflows.records import RunRecords, lock

__all__ = ["Engine", "Run", "cancel", "create_definition", "decide", "definitions", "events", "pause",
           "resume", "run_view", "runs"]


def definitions(scope: Scope) -> list[dict]:
    with scope.tx(read_only=True) as conn:
        rows = conn.execute(q("wf_definitions_list")).fetchall()
    return [_definition(row) for row in rows]


def create_definition(scope: Scope, *, slug: str, name: str, graph: dict, description: str | None = None,
                      status: str = "active", input_schema: dict | None = None, settings: dict | None = None) -> dict:
    """A new definition of the caller's tenant, or the next version of its slug (the graph is checked by the database)."""
    with scope.tx() as conn:
        row = conn.execute(q("wf_definition_insert"), {
            "slug": slug, "name": name, "description": description, "status": status, "graph": Jsonb(graph),
            "input_schema": Jsonb(input_schema or {}), "settings": Jsonb(settings or {})}).fetchone()
    return _definition(row)


def runs(scope: Scope, *, status: str | None = None, limit: int = 50) -> list[dict]:
    keys = ("id", "status", "current_node", "definition", "version", "input", "created_at", "started_at",
            "finished_at")
    with scope.tx(read_only=True) as conn:
        rows = conn.execute(q("wf_runs_list"), {"status": status, "limit": limit}).fetchall()
    return [plain(dict(zip(keys, row))) for row in rows]


def run_view(scope: Scope, run_id: str) -> dict:
    """A run with its steps, approvals and the definition it runs."""
    with scope.tx(read_only=True) as conn:
        run = load_run(conn, run_id)
        steps = conn.execute(q("wf_steps"), {"run_id": run_id}).fetchall()
        approvals = conn.execute(q("wf_approvals"), {"run_id": run_id}).fetchall()
    step_keys = ("id", "sequence", "node", "status", "attempt", "input", "output", "error", "started_at",
                 "finished_at", "duration_ms")
    approval_keys = ("id", "step_id", "request", "status", "decided_by", "decided_at", "comment", "created_at")
    return plain({
        "id": run.id, "status": run.status, "current_node": run.current_node, "thread_id": run.thread_id,
        "definition": {"id": run.definition.id, "slug": run.definition.slug, "version": run.definition.version,
                       "name": run.definition.name},
        "input": run.input, "output": run.output, "error": run.error, "budget_tokens": run.budget_tokens,
        "created_at": run.created_at, "started_at": run.started_at, "finished_at": run.finished_at,
        "steps": [plain(dict(zip(step_keys, s))) for s in steps],
        "approvals": [plain(dict(zip(approval_keys, a))) for a in approvals],
    })


def events(scope: Scope, run_id: str, after: int = 0) -> list[dict]:
    with scope.tx(read_only=True) as conn:
        if not is_uuid(run_id) or conn.execute(q("wf_run_status"), {"run_id": run_id}).fetchone() is None:
            raise NotFound("No such workflow run.")
        rows = conn.execute(q("wf_events"), {"run_id": run_id, "after": after}).fetchall()
    return [{"sequence": s, "event": e, "payload": p, "step_id": str(st) if st else None, "at": at.isoformat()}
            for s, e, p, st, at in rows]


def start(engine: Engine, *, input: dict, slug: str | None = None, definition_id: str | None = None,
          budget_tokens: int | None = None) -> Run:
    run_id = engine.create(input=input, slug=slug, definition_id=definition_id, budget_tokens=budget_tokens)
    return engine.advance(run_id)


def decide(engine: Engine, run_id: str, *, approved: bool, decision: str | None = None,
           comment: str | None = None) -> Run:
    """Decide the run's pending approval and continue the run with that decision."""
    decision = decision or ("approved" if approved else "rejected")
    records = RunRecords(engine.scope, run_id, engine.sink)
    with engine.scope.tx() as conn:
        status = lock(conn, run_id) if is_uuid(run_id) else None
        if status is None:
            raise NotFound("No such workflow run.")
        if status != "waiting_approval":
            raise Conflict(f"The run is not waiting for a decision (status: {status}).")
        row = conn.execute(q("wf_approval_decide"), {"run_id": run_id, "approval_id": None, "comment": comment,
                                                     "status": "approved" if approved else "rejected"}).fetchone()
        if row is None:
            raise Conflict("The run has no pending approval.")
        options = (row[1] or {}).get("options") or []
        if options and decision not in options and decision != "rejected":
            raise InvalidInput(f"Unknown decision '{decision}'.", hint=f"Choose one of: {', '.join(options)}.")
        records.event("approval_decided", {"decision": decision, "approved": approved, "comment": comment}, conn=conn)
    records.flush()
    return engine.advance(run_id, resume={"approved": approved, "decision": decision, "comment": comment},
                          request=row[1])


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
    records = RunRecords(engine.scope, run_id, engine.sink)
    with engine.scope.tx() as conn:
        status = lock(conn, run_id) if is_uuid(run_id) else None
        if status is None:
            raise NotFound("No such workflow run.")
        if status in TERMINAL:
            raise Conflict(f"The run has already ended ({status}).")
        conn.execute(q("wf_approval_decide"), {"run_id": run_id, "approval_id": None, "status": "rejected",
                                               "comment": "run cancelled"})
        records.set_status("cancelled", event="run_cancelled", conn=conn)
    records.flush()
    return engine.get(run_id)


def _transition(engine: Engine, run_id: str, status: str, event: str, *, allowed: tuple[str, ...]) -> None:
    records = RunRecords(engine.scope, run_id, engine.sink)
    with engine.scope.tx() as conn:
        current = lock(conn, run_id) if is_uuid(run_id) else None
        if current is None:
            raise NotFound("No such workflow run.")
        if current not in allowed:
            raise Conflict(f"A {current} run cannot be {status}.")
        records.set_status(status, event=event, conn=conn)
    records.flush()


def _definition(row) -> dict:
    keys = ("id", "tenant_id", "slug", "name", "description", "version", "status", "graph", "input_schema",
            "settings", "created_at")
    return plain(dict(zip(keys, row)))

