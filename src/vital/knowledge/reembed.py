"""Switching models: re-embed a tenant's chunks with the current model, batch by batch, while search goes on.

Each batch is one UPDATE that moves its rows from the old model's index to the
new one's, so every chunk is searchable at every moment, through exactly one
model (search fuses the active models by rank meanwhile). Progress is the
`embed` job row. Documents' vectors follow at the end.
"""

from __future__ import annotations

import json
from typing import Callable
from uuid import UUID

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.db.tenant import tenant_transaction
from vital.knowledge.embeddings import Embedder, ModelRef, vector_literal
from vital.knowledge.embeddings.local import HASHING_NAME
from vital.knowledge.ingest import embedding_text
from vital.tenancy.caller import Caller

SQL = Queries(__name__)


def start(source, claims: Caller, model: ModelRef) -> tuple[UUID, int]:
    """The `embed` job (a queued one for this model, else a new one) for the caller's chunks not on `model`,
    and how many there are."""
    params = {"model": model.id, "model_tenant": model.tenant_id}
    with tenant_transaction(source, claims) as conn:
        total = one(conn, SQL("reembed.count"), params)["chunks"]
        values = {"kind": "embed", "collection": None, "total": total, **params}
        job = one(conn, SQL("ingest.job_claim"), values) or one(conn, SQL("ingest.job_start"), values)
    return job["id"], total


def run(source, claims: Caller, embedder: Embedder, model: ModelRef, job: UUID, *, total: int = 0, batch: int = 256,
        progress: Callable[[int, int], None] | None = None) -> dict:
    """Move the chunks batch by batch; the job records progress, and why it stopped if it failed."""
    params = {"model": model.id, "model_tenant": model.tenant_id}
    done = 0
    try:
        while True:
            with tenant_transaction(source, claims, read_only=True) as conn:
                rows = many(conn, SQL("reembed.batch"), {**params, "limit": batch})
            if not rows:
                break
            vectors = embedder.embed([embedding_text(r["title"], r["section"], r["chunk_text"]) for r in rows])
            with tenant_transaction(source, claims) as conn:
                moved = conn.execute(SQL("reembed.update"), {
                    **params, "ids": [r["id"] for r in rows], "vectors": [vector_literal(v) for v in vectors]}).rowcount
                _progress(conn, job, moved)
            done += moved
            if progress:
                progress(done, total)
    except Exception as exc:
        with tenant_transaction(source, claims) as conn:  # the job says why it stopped
            _progress(conn, job, 0, [{"item": "batch", "code": type(exc).__name__, "message": str(exc)[:500]}])
            conn.execute(SQL("ingest.job_finish"), {"job": job})
        raise
    with tenant_transaction(source, claims) as conn:
        conn.execute(SQL("reembed.documents"), params)
        conn.execute(SQL("ingest.job_finish"), {"job": job})
        finished = one(conn, SQL("ingest.job_get"), {"job": job})
    return {"job_id": str(job), "status": finished["status"], "chunks": done, "model": embedder.describe()}


def reembed(source, claims: Caller, embedder: Embedder, model: ModelRef, *, batch: int = 256,
            progress: Callable[[int, int], None] | None = None) -> dict:
    """Re-embed every chunk of the caller's tenant that is not on `model`; returns the finished job."""
    job, total = start(source, claims, model)
    return run(source, claims, embedder, model, job, total=total, batch=batch, progress=progress)


def reembed_fallback(source, claims: Caller, embedder: Embedder, model: ModelRef, *, batch: int = 256,
                     progress: Callable[[int, int], None] | None = None) -> dict | None:
    """After an upgrade to a semantic model: re-embed the caller's tenant if any of its chunks are still on the
    hashing fallback (None if none are, or if `embedder` is itself not semantic). The background job's step."""
    if not embedder.semantic:
        return None
    with tenant_transaction(source, claims, read_only=True) as conn:
        stale = one(conn, SQL("reembed.on_model"), {"provider": "local", "name": HASHING_NAME})["found"]
    return reembed(source, claims, embedder, model, batch=batch, progress=progress) if stale else None


def _progress(conn, job, done: int, errors: list | None = None) -> None:
    conn.execute(SQL("ingest.job_progress"), {"job": job, "done": done, "failed": 1 if errors else 0,
                                              "errors": json.dumps(errors or [])})
