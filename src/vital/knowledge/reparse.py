"""Re-parsing: documents ingested by older parsers (tables flattened, scans skipped) parsed again from
their stored originals, keeping their ids and history (docs/knowledge.md, "Re-parsing").

Per document, like ingestion: read the original (the object in storage whose bytes are the document's,
`storage.keep_original`), parse, chunk and embed outside any transaction, then one transaction as the
tenant writes the new text into the same `rag_documents` row (the versioning trigger keeps the old text
as a version when it changed) and replaces the chunks, the document's vector and its graph entities.
A document without a stored original (ingested before originals were kept) is reported and left alone;
one whose bytes changed meanwhile (a new upload) is left to that upload. Progress is an `ingest` job row.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Sequence
from uuid import UUID

import psycopg

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.db.tenant import tenant_transaction
from vital.errors import VitalError
from vital.knowledge.embeddings import Embedder, ModelRef
from vital.knowledge.ingest import Ingestor, skipped_pages_notes
from vital.services import limits
from vital.settings import Settings
from vital.tenancy.caller import Caller

SQL = Queries(__name__)

NO_ORIGINAL = "no_original"


def candidates(conn: psycopg.Connection, document: UUID | None = None) -> list[dict]:
    """The caller's documents to re-parse (one, or all), each with `has_original`."""
    return many(conn, SQL("reparse.candidates"), {"document": document})


def no_original(row: dict) -> dict:
    """The note for a document that cannot be re-parsed because its original was never kept."""
    return {"item": row["source_ref"], "document_id": str(row["id"]), "code": NO_ORIGINAL,
            "message": f"'{row['title']}' has no stored original (it was ingested before originals were kept); "
                       "it was left as it is.",
            "hint": "Upload the file again under the same name: it becomes a new version of the same document."}


def start(conn: psycopg.Connection, model: ModelRef, total: int) -> UUID:
    """The job row (queued) the re-parse follows, in the caller's transaction (queue it in the same one)."""
    job = one(conn, SQL("ingest.job_start"), {"kind": "ingest", "collection": None, "model_tenant": model.tenant_id,
                                              "model": model.id, "total": total})["id"]
    conn.execute(SQL("ingest.job_queued"), {"job": job})
    return job


def run(source, caller: Caller, settings: Settings, embedder: Embedder, model: ModelRef, job: UUID,
        documents: Sequence[UUID]) -> dict:
    """Re-parse the documents one by one (a failure is recorded and the rest carry on); the job says how it went.
    Safe to run again (a retry): a document re-parsed already gets the same text, so no new version."""
    with tenant_transaction(source, caller) as conn:
        if one(conn, SQL("ingest.job_restart"), {"job": job}) is None:
            return {"job_id": str(job), "status": "missing", "documents": []}
    ingestor = Ingestor(source, caller, settings, embedder, model)
    outcomes = []
    for document in documents:
        try:
            outcome, notes = _one(ingestor, document)
            done, failed = 1, 0
        except VitalError as exc:
            outcome = {"document_id": str(document), "status": "failed"}
            code = getattr(exc, "reason", None) or exc.code  # a parse error's reason (over_budget, empty...)
            notes = [{"item": str(document), "document_id": str(document), "code": code, "message": exc.message,
                      **({"hint": exc.hint} if exc.hint else {})}]
            done, failed = 0, 1
        with tenant_transaction(source, caller) as conn:
            conn.execute(SQL("ingest.job_progress"), {"job": job, "done": done, "failed": failed,
                                                      "errors": json.dumps(notes)})
        outcomes.append(outcome)
    with tenant_transaction(source, caller) as conn:
        status = one(conn, SQL("ingest.job_finish"), {"job": job})["status"]
    return {"job_id": str(job), "status": status, "documents": outcomes}


def _one(ingestor: Ingestor, document: UUID) -> tuple[dict, list[dict]]:
    started = time.perf_counter()
    with tenant_transaction(ingestor.source, ingestor.claims, read_only=True) as conn:
        row = one(conn, SQL("reparse.original"), {"id": document})
        tier = limits.allowed(conn)[1]
    if row is None:  # deleted (or not readable) since it was queued
        return {"document_id": str(document), "status": "missing"}, [{
            "item": str(document), "document_id": str(document), "code": "not_found",
            "message": "The document no longer exists; nothing was re-parsed."}]
    if row["data"] is None:
        return {"document_id": str(document), "status": NO_ORIGINAL}, [no_original(row)]
    data = bytes(row["data"])
    parsed, chunks, vectors = ingestor.parse_and_embed(row["source_ref"], data, row["mime_type"], tier, started)
    meta = {**parsed.metadata, "format": parsed.mime_type, "bytes": len(data), "chunks": len(chunks),
            "reparsed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with tenant_transaction(ingestor.source, ingestor.claims) as conn:
        written = one(conn, SQL("reparse.document_update"), {
            "id": document, "content_hash": row["content_hash"], "title": parsed.title[:500],
            "content": parsed.content, "mime_type": parsed.mime_type, "metadata": json.dumps(meta)})
        if written is None:  # a new upload replaced the bytes meanwhile: its own ingestion parsed them
            return {"document_id": str(document), "status": "changed"}, []
        conn.execute(SQL("ingest.chunks_delete"), {"document": document})
        ingestor.write_content(conn, document, chunks, vectors, list(row["domains"]))
    return ({"document_id": str(document), "status": "reparsed", "version": written["version"],
             "previous_version": row["version"], "chunks": len(chunks)},
            skipped_pages_notes(row["source_ref"], parsed.metadata.get("skipped_pages")))
