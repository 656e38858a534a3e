"""Maintenance jobs: one transaction as vital_maintenance, the one role they run as.

vital_maintenance can only execute the maintenance functions of migration
20261124000029 (expiry, runs to resume); the workers' login may switch to it,
the API's login may not. Work for a tenant found this way (a workflow run to
resume) is then done as that tenant, under RLS.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

import psycopg
from psycopg_pool import ConnectionPool

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import VitalError
from vital.services.workflows import control
from vital.services.workflows.engine import Engine
from vital.settings import Settings
from vital.tenancy import Caller

SQL = Queries(__name__)
log = logging.getLogger("vital.jobs")


@contextmanager
def maintenance_transaction(pool: ConnectionPool) -> Iterator[psycopg.Connection]:
    """One transaction as vital_maintenance (set_config(..., true): it ends with the transaction)."""
    with translate(), pool.connection() as conn, conn.transaction():
        conn.execute(SQL("maintenance.become"))
        yield conn


def expire_tokens(pool: ConnectionPool) -> dict:
    """Delete one-time tokens a day past expiry; mark invitations past expiry expired."""
    with maintenance_transaction(pool) as conn:
        done = one(conn, SQL("maintenance.expire_tokens"))
    log.info("expired sign-in tokens", extra={"tokens": done["tokens"], "invitations": done["invitations"]})
    return done


def resume_runs(pool: ConnectionPool, settings: Settings) -> dict:
    """Resume the workflow runs a stopped process left pending or running, each as its tenant and user.
    A run another process is executing right now refuses the lease (409) and is left to it."""
    with maintenance_transaction(pool) as conn:
        stranded = many(conn, SQL("maintenance.runs_to_resume"), {"idle": settings.worker_resume_idle_seconds})
    resumed, skipped = 0, 0
    for run in stranded:
        caller = Caller.member(run["tenant_id"], run["user_id"])
        try:
            control.resume(Engine(pool, caller, settings), str(run["run_id"]))
            resumed += 1
        except VitalError as exc:  # busy, ended meanwhile, or its graph unknown here: the run says why
            skipped += 1
            log.warning("workflow run not resumed", extra={"run": str(run["run_id"]), "reason": exc.message})
    return {"resumed": resumed, "skipped": skipped}
