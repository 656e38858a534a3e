"""Putting a tenant's work on the queue, inside the tenant's own transaction.

The job, its staged files and the rows it concerns (the ingestion job row) commit
or roll back together: nothing is queued for rows that do not exist, and no row
waits for a job that was never queued. The tenant and the caller's claims are
recorded by `vital.enqueue_job` from the transaction's JWT, never from here.
"""

from __future__ import annotations

from typing import Sequence
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import one
from vital.knowledge.embeddings import ModelRef
from vital.knowledge.ingest import FileInput

SQL = Queries(__name__)

# the tenant tasks vital.enqueue_job accepts
INGEST, REEMBED, EVAL, REPARSE = "vital.ingest", "vital.reembed", "vital.eval", "vital.reparse"
ADVANCE = "vital.advance_run"


def enqueue(conn: psycopg.Connection, task: str, args: dict) -> int:
    """Queue `task` for the transaction's tenant; returns Procrastinate's job id."""
    return one(conn, SQL("enqueue.job"), {"task": task, "args": Jsonb(args)})["id"]


def ingest_later(conn: psycopg.Connection, job: UUID, collection_id: UUID | None, files: Sequence[FileInput], *,
                 domains: Sequence[str], metadata: dict, model: ModelRef) -> int:
    """Stage the files for the ingestion job row `job` and queue its ingestion."""
    for seq, f in enumerate(files):
        conn.execute(SQL("enqueue.stage_file"), {"job": job, "seq": seq, "name": f.name,
                                                 "content_type": f.content_type, "data": f.read()})
    return enqueue(conn, INGEST, {"job": str(job), "collection": collection_id and str(collection_id),
                                  "domains": list(domains), "metadata": metadata, "model": str(model.id)})


def reembed_later(conn: psycopg.Connection, job: UUID, model: ModelRef, total: int) -> int:
    """Queue the re-embedding the `embed` job row `job` follows."""
    return enqueue(conn, REEMBED, {"job": str(job), "model": str(model.id), "total": total})


def reparse_later(conn: psycopg.Connection, job: UUID, documents: Sequence[UUID], model: ModelRef) -> int:
    """Queue the re-parsing of `documents` from their stored originals, followed by the job row `job`."""
    return enqueue(conn, REPARSE, {"job": str(job), "documents": [str(d) for d in documents], "model": str(model.id)})


def eval_later(conn: psycopg.Connection, run: str) -> int:
    """Queue the evaluation run `run` (an eval_runs row of this transaction)."""
    return enqueue(conn, EVAL, {"run": str(run)})


def advance_later(conn: psycopg.Connection, run: str, ran_seconds: float = 0.0) -> int:
    """Queue the workflow run `run` to be carried on by a worker until it rests (its jobs run one at a
    time: the task's lock is the run, migration 20261124000046). `ran_seconds`: a run going on after its
    slice (vital.jobs.tasks.advance_run), how long it has executed so far."""
    return enqueue(conn, ADVANCE, {"run": str(run), **({"ran_seconds": ran_seconds} if ran_seconds else {})})
