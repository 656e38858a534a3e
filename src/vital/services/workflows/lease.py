"""A run's lease: which execution may advance it, held in the run's row, not on a connection.

One execution at a time holds a run's lease (`lease_holder`, `lease_until`); it is renewed
before each step and after each model call, each time in a short transaction of its
own, and released when the run rests. Between those transactions the run holds no
connection, so a tenant's runs cannot take the pool. A process that dies leaves a lease
that expires (`workflow_lease_seconds`), after which another process may resume the run.
Taking a place under the tenant's concurrent-run cap happens in the same transaction
as the claim (or the run's creation), under a per-tenant lock.
"""

from __future__ import annotations

import time

import psycopg

from vital.db.queries import Queries
from vital.db.rows import one
from vital.db.tenant import Source, tenant_transaction
from vital.errors import Conflict, NotFound, VitalError
from vital.services.text import is_uuid
from vital.services.workflows.caps import Caps, RunLimitReached, TooManyRuns, caps
from vital.services.workflows.runs import TERMINAL
from vital.tenancy import Caller

SQL = Queries(__name__)

#: Retry-After of a refusal at the concurrent-run cap, at most (a run usually ends sooner than its lease)
RETRY_AFTER_MAX = 10


class LeaseBusy(Conflict):
    """409: another execution holds the run's lease; `retry_after`: seconds until it expires unless renewed
    (a worker's job tries again then: that execution may have died)."""

    def __init__(self, retry_after: int):
        super().__init__("The run is being executed right now.", hint="Wait for it, or pause it first.")
        self.retry_after = retry_after


class LeaseLost(Exception):
    """Another execution took the run over (ours had expired): this one stops before its next step."""


def admit(conn: psycopg.Connection, limit: Caps, run_id: str | None = None) -> None:
    """Refuse (429) when the tenant's runs executing or queued now, other than `run_id`, fill its cap.

    Call in the transaction that then takes the place (a claim, or a new run's reservation)."""
    conn.execute(SQL("lease.tenant_lock"))
    row = one(conn, SQL("lease.live"), {"run_id": run_id})
    if row["live"] >= limit["concurrent_runs"]:
        wait = int(row["wait_seconds"] or 1)
        raise TooManyRuns(limit, row["live"], max(1, min(wait, RETRY_AFTER_MAX)))


class SliceOver(Exception):
    """The execution's slice of time is over: it stops before the next step and the run goes on in a new job
    (vital.jobs.tasks.advance_run), so that one tenant's long runs cannot keep the worker from other work."""

    def __init__(self, run_id: str, ran_seconds: float):
        super().__init__(run_id)
        self.run_id, self.ran_seconds = run_id, ran_seconds


class Lease:
    """One execution's hold on one run; `depth` lets one engine take it again while it holds it."""

    def __init__(self, source: Source, caller: Caller, run_id: str, holder: str, seconds: float):
        self.source, self.caller = source, caller
        self.run_id, self.holder, self.seconds = run_id, holder, seconds
        self.caps: Caps | None = None
        self.started = time.monotonic()
        self.ran_before = 0.0  # seconds the run executed in earlier slices since it last rested
        self.slice_ends: float | None = None
        self.depth = 0

    def _tx(self):
        return tenant_transaction(self.source, self.caller)

    def claim(self) -> None:
        """Take the run, or refuse: 404 unknown, 409 executed elsewhere, 429 at the tenant's cap."""
        with self._tx() as conn:
            state = one(conn, SQL("lease.state"), {"run_id": self.run_id}) if is_uuid(self.run_id) else None
            if state is None:
                raise NotFound("No such workflow run.")
            self.caps = caps(conn)
            holder = str(state["lease_holder"]) if state["lease_holder"] else None
            if state["live"] and holder not in (None, self.holder):
                raise LeaseBusy(max(1, int(state["remaining"] or 1)))
            if not state["live"] and state["status"] not in TERMINAL:
                admit(conn, self.caps, self.run_id)
            conn.execute(SQL("lease.claim"), self._params())
        self.started = time.monotonic()

    def renew(self, conn: psycopg.Connection | None = None) -> dict:
        """Still ours: renewed; the run's status and step count. Otherwise LeaseLost."""
        if conn is None:
            with self._tx() as c:
                return self.renew(c)
        row = one(conn, SQL("lease.renew"), self._params())
        if row is None:
            raise LeaseLost(self.run_id)
        return row

    def check(self, steps: int) -> None:
        """Refuse the next step past the tenant's step or run-time cap (the run ends failed), or stop before it
        when this execution's slice is over (SliceOver)."""
        limit = self.caps
        if limit is None:
            return
        if steps >= limit["steps_per_run"]:
            raise RunLimitReached("steps_per_run", limit["steps_per_run"],
                                  f"The run was stopped: step limit {limit['steps_per_run']} reached "
                                  f"({limit.tier} tier). Does the graph loop without reaching its end?")
        elapsed = self.elapsed()
        if elapsed > limit["run_seconds"]:
            raise RunLimitReached("run_seconds", limit["run_seconds"],
                                  f"The run was stopped: run time limit of {limit['run_seconds']} s reached "
                                  f"({limit.tier} tier) after {int(elapsed)} s.")
        if self.slice_ends is not None and time.monotonic() >= self.slice_ends:
            raise SliceOver(self.run_id, elapsed)

    def slice(self, seconds: float | None, ran_before: float = 0.0) -> None:
        """This execution stops before the first step after `seconds` (None: never); `ran_before`: how long the
        run executed in earlier slices, which count towards its run-time cap."""
        self.ran_before = ran_before
        self.slice_ends = self.started + seconds if seconds else None

    def elapsed(self) -> float:
        """Seconds the run has executed since it last rested, over all its slices."""
        return self.ran_before + time.monotonic() - self.started

    def release(self) -> None:
        try:
            with self._tx() as conn:
                conn.execute(SQL("lease.release"), self._params())
        except (psycopg.Error, VitalError):
            pass  # the lease expires by itself

    def _params(self) -> dict:
        return {"run_id": self.run_id, "holder": self.holder, "seconds": self.seconds}
