"""What a run leaves behind: its status, steps, events and approvals, one short transaction each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.db.rows import many, one
from vital.services.workflows.runs import event_of
from vital.tenancy import Caller

SQL = Queries(__name__)

EventSink = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Step:
    id: str
    sequence: int
    attempt: int


class RunRecords:
    """Writes for one run. `sink` sees every event as it is recorded (live streams)."""

    def __init__(self, source: Source, caller: Caller, run_id: str, sink: EventSink | None = None):
        self.source, self.caller = source, caller
        self.run_id = run_id
        self.sink = sink
        self._unsent: list[dict[str, Any]] = []

    def flush(self) -> None:
        """Hand committed events to the sink (never from inside a transaction: the sink may act on the run)."""
        unsent, self._unsent = self._unsent, []
        if self.sink:
            for event in unsent:
                self.sink(event)

    def _tx(self, *, read_only: bool = False):
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    # -- run -------------------------------------------------------------------
    def set_status(self, status: str | None, *, event: str | None = None, payload: dict | None = None,
                   current_node: str | None = None, output: dict | None = None, error: str | None = None,
                   conn: psycopg.Connection | None = None, step_id: str | None = None) -> None:
        def write(c: psycopg.Connection) -> None:
            lock(c, self.run_id)
            c.execute(SQL("run_update"), {"run_id": self.run_id, "status": status, "current_node": current_node,
                                          "output": Jsonb(output) if output is not None else None,
                                          "error": error})
            if event:
                self._event(c, event, payload or {}, step_id)
        self._in(conn, write)

    def event(self, event_type: str, payload: dict | None = None, *, step_id: str | None = None,
              conn: psycopg.Connection | None = None) -> None:
        def write(c: psycopg.Connection) -> None:
            lock(c, self.run_id)
            self._event(c, event_type, payload or {}, step_id)
        self._in(conn, write)

    # -- steps -----------------------------------------------------------------
    def start_step(self, node_key: str, node_input: dict) -> Step:
        step = self._start_step(node_key, node_input)
        self.flush()
        return step

    def _start_step(self, node_key: str, node_input: dict) -> Step:
        with self._tx() as conn:
            lock(conn, self.run_id)
            row = one(conn, SQL("step_waiting"), {"run_id": self.run_id, "node_key": node_key})
            resumed = row is not None
            if row is None:
                row = one(conn, SQL("step_start"), {"run_id": self.run_id, "node_key": node_key,
                                                    "input": Jsonb(node_input)})
            step = Step(str(row["id"]), row["sequence"], row["attempt"])
            conn.execute(SQL("run_update"), {"run_id": self.run_id, "status": None, "current_node": node_key,
                                             "output": None, "error": None})
            if not resumed:
                kind = "step_retried" if step.attempt > 1 else "step_started"
                self._event(conn, kind, {"node": node_key, "attempt": step.attempt}, step.id)
        return step

    def finish_step(self, step: Step, node_key: str, status: str, output: dict | None = None,
                    error: str | None = None) -> None:
        event = {"succeeded": "step_succeeded", "failed": "step_failed",
                 "waiting_approval": "approval_requested", "cancelled": None}[status]
        with self._tx() as conn:
            lock(conn, self.run_id)
            conn.execute(SQL("step_finish"), {"step_id": step.id, "status": status, "error": error,
                                              "output": Jsonb(output) if output is not None else None})
            if event:
                payload = {"node": node_key, **({"error": error} if error else {}), **(output or {})}
                self._event(conn, event, _brief(payload), step.id)
        self.flush()

    def abandon_steps(self) -> int:
        """Mark steps a dead process left running as failed; returns how many."""
        with self._tx() as conn:
            lock(conn, self.run_id)
            rows = many(conn, SQL("steps_abandon"), {"run_id": self.run_id})
            for row in rows:
                self._event(conn, "step_failed", {"node": row["node_key"], "error": "interrupted by a restart"},
                            str(row["id"]))
        self.flush()
        return len(rows)

    # -- approvals -------------------------------------------------------------
    def request_approval(self, step_id: str | None, request: dict) -> None:
        with self._tx() as conn:
            lock(conn, self.run_id)
            conn.execute(SQL("approval_insert"), {"run_id": self.run_id, "step_id": step_id,
                                                  "request": Jsonb(request)})
            conn.execute(SQL("run_update"), {"run_id": self.run_id, "status": "waiting_approval",
                                             "current_node": None, "output": None, "error": None})
        self.flush()

    # -- helpers ---------------------------------------------------------------
    def _event(self, conn: psycopg.Connection, event_type: str, payload: dict, step_id: str | None) -> None:
        row = one(conn, SQL("event_insert"), {"run_id": self.run_id, "step_id": step_id,
                                              "event_type": event_type, "payload": Jsonb(payload)})
        self._unsent.append(event_of(row))

    def _in(self, conn: psycopg.Connection | None, write: Callable[[psycopg.Connection], None]) -> None:
        """In the caller's transaction (its events wait for the next flush), or in one of our own."""
        if conn is not None:
            write(conn)
            return
        with self._tx() as c:
            write(c)
        self.flush()


def lock(conn: psycopg.Connection, run_id: str) -> str | None:
    """Lock the run row for the rest of the transaction; its status, or None if not visible."""
    row = one(conn, SQL("run_lock"), {"run_id": run_id})
    return row["status"] if row else None


def _brief(payload: dict) -> dict:
    """Event payloads stay small: long texts are cut, big lists summarised."""
    out = {}
    for key, value in payload.items():
        if isinstance(value, str) and len(value) > 300:
            value = value[:300] + "…"
        elif isinstance(value, list) and len(value) > 10:
            value = f"{len(value)} items"
        out[key] = value
    return out
