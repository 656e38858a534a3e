"""Runs as rows: a run and the definition it runs, the listing, a run's view and its events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg
from psycopg_pool import AsyncConnectionPool

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_read, tenant_transaction
from vital.errors import Conflict, NotFound
from vital.db.rows import many, one, plain
from vital.services.text import is_uuid
from vital.tenancy import Caller

SQL = Queries(__name__)

TERMINAL = ("succeeded", "failed", "cancelled")
MOVING = ("pending", "running")  # queued for a worker, or executing: not at rest


@dataclass(frozen=True)
class Definition:
    id: str
    tenant_id: str
    slug: str
    name: str
    version: int
    graph: dict
    settings: dict


@dataclass(frozen=True)
class Run:
    id: str
    thread_id: str
    status: str
    current_node: str | None
    input: dict
    output: dict
    error: str | None
    budget_tokens: int | None
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime
    created_by: str | None
    definition: Definition


def run_of(record: dict, missing: str) -> str:
    """The workflow run behind a session or a panel row; a Conflict saying `missing` when it has none."""
    if not record["workflow_run_id"]:
        raise Conflict(missing)
    return record["workflow_run_id"]


def load_run(conn: psycopg.Connection, run_id: str) -> Run:
    row = one(conn, SQL("run_get"), {"run_id": run_id}) if is_uuid(run_id) else None
    if row is None:
        raise NotFound("No such workflow run.")
    definition = Definition(str(row["definition_id"]), str(row["definition_tenant_id"]), row["definition_slug"],
                            row["definition_name"], row["definition_version"], row["definition_graph"],
                            row["definition_settings"] or {})
    return Run(str(row["id"]), row["thread_id"], row["status"], row["current_node"], row["input"] or {},
               row["output"] or {}, row["error"], row["budget_tokens"], row["started_at"], row["finished_at"],
               row["created_at"], str(row["created_by"]) if row["created_by"] else None, definition)


def runs(source: Source, caller: Caller, *, status: str | None = None, limit: int = 50) -> list[dict]:
    """Runs, newest first."""
    with tenant_transaction(source, caller, read_only=True) as conn:
        return [plain(row) for row in many(conn, SQL("runs_list"), {"status": status, "limit": limit})]


def run_view(source: Source, caller: Caller, run_id: str) -> dict:
    """A run with its steps, approvals and the definition it runs."""
    with tenant_transaction(source, caller, read_only=True) as conn:
        run = load_run(conn, run_id)
        steps = many(conn, SQL("steps"), {"run_id": run_id})
        approvals = many(conn, SQL("approvals"), {"run_id": run_id})
    return plain({
        "id": run.id, "status": run.status, "current_node": run.current_node, "thread_id": run.thread_id,
        "definition": {"id": run.definition.id, "slug": run.definition.slug, "version": run.definition.version,
                       "name": run.definition.name},
        "input": run.input, "output": run.output, "error": run.error, "budget_tokens": run.budget_tokens,
        "created_at": run.created_at, "started_at": run.started_at, "finished_at": run.finished_at,
        "steps": [plain(s) for s in steps],
        "approvals": [plain(a) for a in approvals],
    })


def events(source: Source, caller: Caller, run_id: str, after: int = 0) -> list[dict]:
    """The run's timeline after a sequence number."""
    with tenant_transaction(source, caller, read_only=True) as conn:
        if not is_uuid(run_id) or one(conn, SQL("run_status"), {"run_id": run_id}) is None:
            raise NotFound("No such workflow run.")
        rows = many(conn, SQL("events"), {"run_id": run_id, "after": after})
    return [event_of(row) for row in rows]


POLL_EVENTS = 500  # poll.sql's limit: a full batch means there may be more


async def poll(pool: AsyncConnectionPool, caller: Caller, run_id: str, after: int = 0) -> tuple[list[dict], bool]:
    """A stream's poll: the run's events after `after` and whether it rests (no more to come), in one read on the
    event loop (no thread, one round trip)."""
    found = (await tenant_read(pool, caller, [(SQL("poll"), {"run_id": run_id, "after": after})]))[0] \
        if is_uuid(run_id) else None
    if found is None:
        raise NotFound("No such workflow run.")
    view = found[0]  # its events as event_of() shapes them (poll.sql)
    return view["events"], view["status"] not in MOVING and len(view["events"]) < POLL_EVENTS


def event_of(row: dict) -> dict:
    """An event as the API and live streams show it (events.sql, event_insert.sql)."""
    return {"sequence": row["sequence"], "event": row["event_type"], "payload": row["payload"],
            "step_id": str(row["step_id"]) if row["step_id"] else None, "at": row["created_at"].isoformat()}
