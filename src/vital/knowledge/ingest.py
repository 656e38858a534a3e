"""Ingestion: files in, versioned documents with embedded chunks out, tracked by a job row.

Per file: read and hash the bytes; skip it when nothing changed or the same
bytes are already in the collection; parse, chunk, embed (outside any
transaction, on one worker thread that runs ahead of the writes: see `process`);
then one transaction as the tenant writes the document (a new
version when its source was seen before), replaces its chunks (COPY into a
session-private stage, then one INSERT under RLS), links its domains, extracts
its entities into the graph, and moves the job's counters. A file that fails is
recorded in the job's `errors` and the rest carry on. A file that would add a
document (new, or a deleted one restored) counts against the tier's `documents`
limit; once it is reached such files fail with `tier_limit_exceeded`, while
updates of stored documents still go in.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence
from uuid import UUID

from psycopg import sql

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.db.tenant import tenant_transaction
from vital.errors import InvalidInput, VitalError
from vital.knowledge import graph
from vital.knowledge.chunking import Chunk, chunk
from vital.knowledge.embeddings import Embedder, ModelRef, vector_literal
from vital.knowledge.labels import visible
from vital.knowledge.parse import LEGACY, MIME_BY_SUFFIX, Budget, ParseError, parse
from vital.knowledge.parsed import Parsed
from vital.services import limits
from vital.storage import objects as storage
from vital.settings import Settings
from vital.tenancy.caller import Caller

SQL = Queries(__name__)


@dataclass
class FileInput:
    name: str                           # becomes source_ref: a path relative to the ingest root, or a file name
    read: Callable[[], bytes]
    content_type: str | None = None

    def __post_init__(self) -> None:
        self.name = visible(self.name, "upload")  # every entry (API, CLI) passes here

    @classmethod
    def from_bytes(cls, name: str, data: bytes, content_type: str | None = None) -> "FileInput":
        return cls(name, lambda: data, content_type)


@dataclass
class FileOutcome:
    name: str
    status: str                         # created | updated | unchanged | duplicate | restored | failed
    document_id: UUID | None = None
    version: int | None = None
    title: str | None = None
    chunks: int = 0
    error: dict | None = None
    skipped_pages: list | None = None   # pages nothing could be read from (no text layer, OCR found none)


@dataclass
class Timings:
    parse: float = 0.0
    embed: float = 0.0
    write: float = 0.0


@dataclass
class IngestReport:
    job_id: UUID
    status: str
    files: list[FileOutcome]
    timings: Timings
    model: dict
    collection_id: UUID | None = None
    refused: VitalError | None = None   # the tier limit, when it refused every file

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self.files)

    def as_dict(self) -> dict:
        return {"job_id": str(self.job_id), "status": self.status, "collection_id": self.collection_id and
                str(self.collection_id), "chunks": self.chunks, "embedding": self.model,
                "timings_s": {k: round(v, 3) for k, v in vars(self.timings).items()},
                "files": [{**vars(f), "document_id": f.document_id and str(f.document_id)} for f in self.files]}


def files_under(paths: Iterable[Path]) -> tuple[list[FileInput], list[Path]]:
    """The files to ingest (folders walked for supported formats) and the folder entries skipped."""
    inputs, skipped = [], []
    for path in paths:
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if f.suffix.lower() in MIME_BY_SUFFIX or f.suffix.lower() in LEGACY:  # legacy: refused, listed
                    inputs.append(FileInput(f.relative_to(path).as_posix(), f.read_bytes))
                else:
                    skipped.append(f)
        else:
            inputs.append(FileInput(path.name, path.read_bytes))
    return inputs, skipped


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise InvalidInput(f"'{name}' cannot name a collection.")
    return slug


class Ingestor:
    """Ingests files into one tenant as the given caller (RLS applies to every write)."""

    def __init__(self, source, claims: Caller, settings: Settings, embedder: Embedder, model: ModelRef):
        self.source, self.claims, self.settings = source, claims, settings
        self.embedder, self.model = embedder, model
        self.timings = Timings()
        # Which names and contents this run's writes touched, and when (a count of writes): a look made
        # ahead of a file's turn stands unless a write since touched its name or its bytes.
        self._writes, self._touched = 0, {}

    def run(self, files: Sequence[FileInput], *, collection: str | None = None, domains: Sequence[str] = (),
            metadata: dict | None = None, on_file: Callable[[FileOutcome], None] | None = None,
            extract_graph: bool = True) -> IngestReport:
        job, collection_id = self.start(len(files), collection=collection, domains=domains)
        return self.process(job, collection_id, files, domains=domains, metadata=metadata, on_file=on_file,
                            extract_graph=extract_graph)

    def start(self, total: int, *, collection: str | None = None, domains: Sequence[str] = ()) -> tuple[UUID, UUID]:
        """The job row (running), after checking the request: a bad domain fails before any work."""
        if self.settings.chunk_overlap_tokens >= self.settings.chunk_tokens:
            raise InvalidInput("VITAL_CHUNK_OVERLAP_TOKENS must be smaller than VITAL_CHUNK_TOKENS.")
        with tenant_transaction(self.source, self.claims) as conn:
            collection_id = self._collection(conn, collection) if collection else None
            self._check_domains(conn, domains)
            job = one(conn, SQL("ingest.job_start"), {
                "kind": "ingest", "collection": collection_id, "model_tenant": self.model.tenant_id,
                "model": self.model.id, "total": total})["id"]
        return job, collection_id

    def process(self, job: UUID, collection_id: UUID | None, files: Sequence[FileInput], *,
                domains: Sequence[str] = (), metadata: dict | None = None,
                on_file: Callable[[FileOutcome], None] | None = None, extract_graph: bool = True) -> IngestReport:
        """Ingest the files in order (a failure is recorded and skipped), then close the job.

        Embedding is most of the time, so it overlaps the rest: while file N is written, files N+1.. are
        read, looked up (read only) and, when they will need vectors, parsed and embedded on one worker
        thread, at most LOOKAHEAD files ahead. Each file is still decided, written and reported in order,
        from the database as the earlier files left it: its look-up ahead is looked up again only if an
        earlier file's write since touched its name or its bytes (a tier's room is checked again at the
        write); what ran ahead is only used when that decision is to parse the same bytes (else it is
        dropped), so outcomes are those of one file at a time."""
        outcomes, refusal = [], None
        ahead: dict[int, _Ahead] = {}
        worker = ThreadPoolExecutor(1, thread_name_prefix="vital-embed")
        try:
            for i, f in enumerate(files):
                for j in range(i + 1, min(i + 1 + LOOKAHEAD, len(files))):
                    if j not in ahead:
                        ahead[j] = self._run_ahead(worker, files[j], collection_id)
                outcome, failure = self._attempt(f, ahead.pop(i, None), worker, job, collection_id, domains,
                                                 metadata, extract_graph)
                refusal = failure if isinstance(failure, limits.LimitExceeded) else refusal
                outcomes.append(outcome)
                if on_file:
                    on_file(outcome)
        finally:
            worker.shutdown(wait=True, cancel_futures=True)
        with tenant_transaction(self.source, self.claims) as conn:
            status = one(conn, SQL("ingest.job_finish"), {"job": job})["status"]
        refused = all(o.error and o.error["code"] == limits.LimitExceeded.code for o in outcomes)
        return IngestReport(job, status, outcomes, self.timings, self.embedder.describe(), collection_id,
                            refusal if refused else None)

    def _attempt(self, f: FileInput, ahead: "_Ahead | None", worker, job, collection_id, domains, metadata,
                 extract_graph) -> tuple[FileOutcome, Exception | None]:
        """One file's outcome; a failure is recorded on the job (and returned) rather than raised."""
        try:
            return self._one(f, ahead, worker, job, collection_id, list(domains), metadata or {},
                             extract_graph), None
        except (VitalError, OSError) as exc:
            code = getattr(exc, "reason", None) or getattr(exc, "code", None) or "io_error"
            error = {"item": f.name, "code": code, "message": getattr(exc, "message", None) or str(exc)}
            if getattr(exc, "hint", None):
                error["hint"] = exc.hint
            with tenant_transaction(self.source, self.claims) as conn:
                self._progress(conn, job, failed=1, errors=[error])
            return FileOutcome(f.name, "failed", error=error), exc

    def _run_ahead(self, worker: ThreadPoolExecutor, f: FileInput, collection_id) -> "_Ahead | None":
        """Read a later file and, if the database says now that it will need vectors, start parsing and
        embedding it on the worker. Anything that goes wrong here is left for the file's turn to meet."""
        try:
            data = f.read()
            if len(data) > self.settings.knowledge_max_upload_bytes:
                return _Ahead(data)
            digest = hashlib.sha256(data).hexdigest()
            seen = self._writes
            look = self._look(f.name, digest, collection_id)
        except (VitalError, OSError):
            return None
        current, same, tier = look
        if _action(current, same, digest) != "parse":
            return _Ahead(data, look=look, seen=seen)
        return _Ahead(data, self._submit(worker, f, data, tier), look, seen)

    def _submit(self, worker: ThreadPoolExecutor, f: FileInput, data: bytes, tier: dict) -> Future:
        return worker.submit(lambda: self.parse_and_embed(f.name, data, f.content_type, tier, time.perf_counter()))

    # -- one file ----------------------------------------------------------------
    def _one(self, f: FileInput, ahead: "_Ahead | None", worker: ThreadPoolExecutor, job, collection_id, domains,
             metadata, extract_graph) -> FileOutcome:
        data = ahead.data if ahead else f.read()
        if len(data) > self.settings.knowledge_max_upload_bytes:
            raise ParseError("too_large", f"{len(data):,} bytes is more than the "
                                          f"{self.settings.knowledge_max_upload_bytes:,} allowed.")
        digest = hashlib.sha256(data).hexdigest()
        if ahead and ahead.look and not self._touched_since(ahead.seen, f.name, digest):
            current, same, tier = ahead.look
        else:
            current, same, tier = self._look(f.name, digest, collection_id)
        action = _action(current, same, digest)
        if action in ("restore", "parse"):  # before the write: a failed one may have touched them too
            self._touch(f.name, digest, current["content_hash"] if current else None)
        if action != "parse" and ahead and ahead.embedding:
            ahead.embedding.cancel()  # an earlier file took its name or bytes meanwhile: not needed after all
        if action == "unchanged":
            return self._skip(job, FileOutcome(f.name, "unchanged", current["id"], current["version"],
                                               current["title"]))
        if action == "duplicate":
            return self._skip(job, FileOutcome(f.name, "duplicate", same["id"], same["version"], same["title"]))
        if action == "restore":  # the same bytes were deleted: bring that document back
            with tenant_transaction(self.source, self.claims) as conn:
                limits.check_documents(conn)
                restored = one(conn, SQL("ingest.document_restore"), {"id": same["id"], "source_ref": f.name})
                self._progress(conn, job, done=1)
            return FileOutcome(f.name, "restored", restored["id"], restored["version"], same["title"])
        if action == "deleted":
            raise InvalidInput(f"The content is that of a deleted document ({same['id']}); "
                               "restore or purge that one first.")

        # Parsed and embedded ahead if the file was seen to need it then; otherwise now, on the same worker.
        embedding = ahead.embedding if ahead and ahead.embedding else self._submit(worker, f, data, tier)
        parsed, chunks, vectors = embedding.result()
        _test_delay()
        started = time.perf_counter()
        doc_meta = {**parsed.metadata, **metadata, "format": parsed.mime_type, "bytes": len(data),
                    "chunks": len(chunks)}
        values = {"collection": collection_id, "source_ref": f.name, "title": parsed.title[:500],
                  "content": parsed.content, "content_hash": digest, "mime_type": parsed.mime_type,
                  "metadata": json.dumps(doc_meta)}
        with tenant_transaction(self.source, self.claims) as conn:
            if current:
                written = one(conn, SQL("ingest.document_update"), {**values, "id": current["id"]})
                conn.execute(SQL("ingest.chunks_delete"), {"document": written["id"]})
            else:
                limits.check_documents(conn)  # again, under the lock: another upload may have taken the room
                written = one(conn, SQL("ingest.document_insert"), values)
            doc, version = written["id"], written["version"]
            if domains:
                conn.execute(SQL("ingest.domains_link"), {"document": doc, "slugs": domains, "primary": domains[0]})
            self.write_content(conn, doc, chunks, vectors, domains if extract_graph else None)
            storage.keep_original(conn, f.name, data, f.content_type or parsed.mime_type, doc, metadata)
            self._progress(conn, job, done=1,
                           errors=skipped_pages_notes(f.name, parsed.metadata.get("skipped_pages")))
        self.timings.write += time.perf_counter() - started
        return FileOutcome(f.name, "updated" if current else "created", doc, version, parsed.title, len(chunks),
                           skipped_pages=parsed.metadata.get("skipped_pages"))

    def _touch(self, name: str, *digests: str | None) -> None:
        self._writes += 1
        for key in [("name", name), *(("bytes", d) for d in digests if d)]:
            self._touched[key] = self._writes

    def _touched_since(self, seen: int, name: str, digest: str) -> bool:
        return any(self._touched.get(key, 0) > seen for key in (("name", name), ("bytes", digest)))

    def _look(self, name: str, digest: str, collection_id) -> tuple[dict | None, dict | None, dict]:
        """The stored document under this name, one with these bytes (maybe deleted), and the tier's parsing
        budget (OCR pages, table cells, sheet rows); read only. A file that would add a document is refused
        here if the tier has no room, to spare its parsing and embedding."""
        with tenant_transaction(self.source, self.claims, read_only=True) as conn:
            matches = many(conn, _matches_query(collection_id), {
                "collection": collection_id, "source_ref": name, "content_hash": digest})
            tier = limits.allowed(conn)[1]
            current = next((m for m in matches if m["source_ref"] == name and not m["deleted"]), None)
            same = next((m for m in matches if m["content_hash"] == digest), None)
            if current is None and same is None:
                limits.check_documents(conn)
        return current, same, tier

    def parse_and_embed(self, name: str, data: bytes, content_type: str | None, tier: dict,
                        started: float) -> tuple[Parsed, list[Chunk], list]:
        """Parse within the tier's budget (over it, this file fails with over_budget), chunk, embed: no
        transaction held. Also what `reparse` does to a stored original."""
        budget = Budget.of(self.settings, tier)
        parsed = parse(name, data, content_type, budget, ocr_engine=self.settings.ocr_engine,
                       ocr_dpi=self.settings.ocr_dpi)
        chunks = chunk(parsed, self.embedder.count_tokens, max_tokens=self.settings.chunk_tokens,
                       overlap_tokens=self.settings.chunk_overlap_tokens)
        budget.check_chunks(len(chunks))
        self.timings.parse += time.perf_counter() - started

        started = time.perf_counter()
        vectors = self.embedder.embed([embedding_text(parsed.title, c.section, c.text) for c in chunks])
        self.timings.embed += time.perf_counter() - started
        return parsed, chunks, vectors

    def write_content(self, conn, doc: UUID, chunks: list[Chunk], vectors, graph_domains: list | None) -> None:
        """The document's chunks (those it had already gone), its vector and, unless graph_domains is None,
        its entities in the graph; inside the caller's write transaction."""
        ids = self._write_chunks(conn, doc, chunks, vectors)
        if vectors:
            conn.execute(SQL("ingest.document_vector"), {
                "id": doc, "embedding": vector_literal(_mean(vectors)), "model_tenant": self.model.tenant_id,
                "model": self.model.id})
        if graph_domains is not None:
            graph.link_document(conn, doc, [(i, c.text) for i, c in zip(ids, chunks)], graph_domains)

    def _write_chunks(self, conn, doc: UUID, chunks: list[Chunk], vectors) -> list[UUID]:
        ids = [uuid.uuid4() for _ in chunks]
        conn.execute(SQL("ingest.stage_create"))
        with conn.cursor().copy(SQL("ingest.stage_copy")) as copy:
            for cid, c, v in zip(ids, chunks, vectors):
                meta = {k: val for k, val in (("section", c.section), ("page", c.page)) if val is not None}
                copy.write_row((cid, doc, c.index, c.text, c.token_count, c.char_start, c.char_end,
                                vector_literal(v), json.dumps(meta), json.dumps(c.location), c.ocr))
        conn.execute(SQL("ingest.chunks_from_stage"), {"model_tenant": self.model.tenant_id, "model": self.model.id})
        return ids

    def _skip(self, job, outcome: FileOutcome) -> FileOutcome:
        with tenant_transaction(self.source, self.claims) as conn:
            self._progress(conn, job, done=1)
        return outcome

    @staticmethod
    def _progress(conn, job, *, done: int = 0, failed: int = 0, errors: list | None = None) -> None:
        conn.execute(SQL("ingest.job_progress"),
                     {"job": job, "done": done, "failed": failed, "errors": json.dumps(errors or [])})

    @staticmethod
    def _collection(conn, name: str) -> UUID:
        slug = slugify(name)
        row = one(conn, SQL("ingest.collection_find"), {"slug": slug}) or \
            one(conn, SQL("ingest.collection_create"), {"slug": slug, "name": name}) or \
            one(conn, SQL("ingest.collection_find"), {"slug": slug})
        return row["id"]

    @staticmethod
    def _check_domains(conn, domains: Sequence[str]) -> None:
        if not domains:
            return
        known = {r["slug"] for r in many(conn, SQL("ingest.domains_known"), {"slugs": list(domains)})}
        unknown = sorted(set(domains) - known)
        if unknown:
            raise InvalidInput(f"Unknown knowledge domain(s): {', '.join(unknown)}.",
                               hint="Use the slugs of knowledge_domains (own or platform taxonomy).")


LOOKAHEAD = 2  # files read and embedded ahead of the one being written: bounds the memory held


@dataclass
class _Ahead:
    """A later file's bytes, and its parsing and embedding if they were started ahead of its turn."""

    data: bytes
    embedding: Future | None = None
    look: tuple | None = None   # what _look found ahead, and the run's write count then
    seen: int = 0


def _action(current: dict | None, same: dict | None, digest: str) -> str:
    """What a file's bytes call for, given the document under its name and one with the same bytes."""
    if current and current["content_hash"] == digest:
        return "unchanged"
    if same and not same["deleted"]:
        return "duplicate"
    if same and current is None:
        return "restore"
    if same:
        return "deleted"    # the bytes of a deleted document, under the name of another live one
    return "parse"


def _test_delay() -> None:
    """VITAL_TEST_INGEST_DELAY (seconds, tests only): a pause before each file's write, so that a test can
    kill a worker mid-ingestion (tests/jobs). Unset in every deployment."""
    delay = float(os.environ.get("VITAL_TEST_INGEST_DELAY") or 0)
    if delay > 0:
        time.sleep(delay)


def skipped_pages_notes(name: str, skipped: list | None) -> list[dict]:
    """The job's note of pages left out of a document that went in (the file is not failed for them)."""
    if not skipped:
        return []
    pages = ", ".join(str(s["page"]) for s in skipped)
    return [{"item": name, "code": "pages_skipped", "pages": skipped,
             "message": f"{len(skipped)} page(s) could not be read and were left out: {pages}.",
             "hint": "Upload a clearer scan (300 dpi) or a PDF with a text layer for those pages."}]


def _matches_query(collection_id) -> sql.Composed:
    condition = SQL("ingest.in_collection" if collection_id else "ingest.in_no_collection")
    return SQL.composed("ingest.document_matches", collection=sql.SQL(condition))


def embedding_text(title: str, section: str | None, text: str) -> str:
    """What a chunk is embedded as: its heading path (or the title) gives context its sentences leave implicit."""
    return f"{section or title}\n{text}"


def _mean(vectors: list[list[float]]) -> list[float]:
    """The document's vector: the normalised mean of its chunks' vectors."""
    total = [sum(col) for col in zip(*vectors)]
    norm = sum(x * x for x in total) ** 0.5 or 1.0
    return [x / norm for x in total]
