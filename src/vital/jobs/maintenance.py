"""Maintenance jobs: one transaction as vital_maintenance, the one role they run as.

vital_maintenance can only execute the maintenance functions granted to it
(expiry, runs to resume, tenants to roll up); the workers' login may switch to it,
the API's login may not. Work for a tenant found this way (a workflow run to
resume, a tenant's analytics) is then done as that tenant, under RLS.

Two jobs cannot be a role's work (docs/operations.md, "Background jobs"): per-tenant
index builds (`kb_tune`: PostgreSQL lets only a table's owner CREATE INDEX, and
CONCURRENTLY cannot run inside a function) use the owner's login the worker was
configured with, exactly as `vital kb tune` does; PITR base backups are the
embedded server's files over a replication connection (`vital db pitr`).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import Iterator

import psycopg
from psycopg_pool import ConnectionPool

from vital.db.connection import Database
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.db.tenant import tenant_transaction
from vital.errors import VitalError
from vital.jobs.enqueue import advance_later
from vital.knowledge import recall
from vital.ops import pitr
from vital.services import analytics
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
    """Queue again the workflow runs a stopped process left pending or running (and no job carries on), each
    as its tenant and user: a worker then executes it in slices, in its tenant's turn (vital.jobs.tasks)."""
    with maintenance_transaction(pool) as conn:
        stranded = many(conn, SQL("maintenance.runs_to_resume"), {"idle": settings.worker_resume_idle_seconds})
    resumed, skipped = 0, 0
    for run in stranded:
        try:
            with tenant_transaction(pool, Caller.member(run["tenant_id"], run["user_id"])) as conn:
                advance_later(conn, str(run["run_id"]))
            resumed += 1
        except VitalError as exc:  # its tenant or user gone meanwhile: the run stays as it is
            skipped += 1
            log.warning("workflow run not resumed", extra={"run": str(run["run_id"]), "reason": exc.message})
    return {"resumed": resumed, "skipped": skipped}


def rollup_analytics(pool: ConnectionPool, today: date | None = None) -> dict:
    """Recompute yesterday's (now final) and today's usage_metrics and agent_performance of every active
    tenant, each as that tenant (the roll-up functions write only the caller's tenant)."""
    today = today or datetime.now(timezone.utc).date()
    with maintenance_transaction(pool) as conn:
        tenants = [row["tenant_id"] for row in many(conn, SQL("maintenance.tenants_to_roll_up"))]
    failed = 0
    for tenant in tenants:
        try:
            with tenant_transaction(pool, Caller.member(tenant)) as conn:  # the tenant itself, no user
                for day in (today - timedelta(days=1), today):
                    analytics.rollup(conn, day)
        except VitalError as exc:  # one tenant's failure spares the others; the next round tries again
            failed += 1
            log.warning("analytics not rolled up", extra={"tenant": str(tenant), "reason": exc.message})
    return {"tenants": len(tenants) - failed, "failed": failed}


def kb_tune(db: Database, settings: Settings) -> dict:
    """`vital kb tune` on a schedule: per-tenant HNSW indexes built or dropped by partition size, CONCURRENTLY.
    The owner's login: only a table's owner may build its indexes (module docstring)."""
    with db.session(autocommit=True) as conn:
        actions = recall.plan(conn, settings.search_tenant_index_min_chunks)
        if actions:
            recall.apply(conn, actions)
    for action in actions:
        log.info("per-tenant index %s", action.verb, extra={"index": action.partition.index})
    return {verb: sum(a.verb == verb for a in actions) for verb in ("create", "drop")}


def pitr_base_backup(db: Database, settings: Settings, now: datetime | None = None) -> dict:
    """A base backup of the embedded server when the last one is VITAL_PITR_BASE_BACKUP_HOURS old. Off unless
    the operator set VITAL_WAL_ARCHIVE_DIR and turned archiving on (`vital db pitr enable`)."""
    if not settings.pitr_base_backup_hours or settings.wal_archive_dir is None:
        return {"skipped": "off (VITAL_WAL_ARCHIVE_DIR unset or VITAL_PITR_BASE_BACKUP_HOURS 0)"}
    if db.server is None:
        return {"skipped": "an external database: use its own point-in-time recovery"}
    if not (pitr.archive_dir(db) / "wal").is_dir():
        return {"skipped": "WAL archiving is not on (`vital db pitr enable`)"}
    now = now or datetime.now(timezone.utc)
    backups = pitr.base_backups(db)
    if backups and now - backups[-1].finished_at < timedelta(hours=settings.pitr_base_backup_hours):
        return {"skipped": "the last base backup is recent"}
    done = pitr.base_backup(db)
    log.info("PITR base backup taken", extra={"path": str(done.path)})
    return {"base_backup": str(done.path)}
