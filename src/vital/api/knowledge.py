"""Knowledge over HTTP: upload documents, follow jobs, re-embed, search (`/api/v1/search`), give
feedback, walk the graph (`/api/v1/graph/...`). Everything runs as the caller under RLS
(docs/knowledge.md)."""

from __future__ import annotations

import json
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.api.errors import BodyTooLarge
from vital.db.queries import Queries
from vital.db.tenant import tenant_transaction
from vital.db.rows import many, one
from vital.errors import Conflict, InvalidInput, NotFound
from vital.jobs import enqueue as jobs
from vital.knowledge import embeddings, graph, reembed, reparse
from vital.knowledge.ingest import FileInput, Ingestor
from vital.knowledge.search import STRATEGIES, SearchRequest, feedback, search
from vital.tenancy import Caller

query = Queries("vital.knowledge")  # knowledge's named statements (src/vital/knowledge/sql/)

router = APIRouter(tags=["knowledge"])


class SearchBody(BaseModel):
    query: str = Field(min_length=1, max_length=4000, description="Words, a question, or web-search syntax.")
    strategy: Literal[STRATEGIES] = Field("hybrid", description="vector, fulltext, hybrid (both, fused by "
                                                                "reciprocal rank), graph, or fusion (all three).")
    k: int = Field(10, ge=1, le=100, description="Results to return.")
    collections: list[str] = Field(default_factory=list, description="Only these collections (slugs).")
    domains: list[str] = Field(default_factory=list, description="Only documents of these knowledge domains.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Document metadata must contain this.")
    weights: dict[Literal["vector", "fulltext", "graph"], float] = Field(
        default_factory=dict, description="Fusion weights of the lists (default from the settings).")


class FeedbackBody(BaseModel):
    chunk_id: UUID | None = Field(None, description="The judged hit; omit to judge the whole result list.")
    rating: int | None = Field(None, ge=1, le=5)
    relevant: bool | None = None
    comment: str | None = Field(None, max_length=4000)


@router.post("/api/v1/search", summary="Search the tenant's documents and the platform library, with citations")
async def search_knowledge(body: SearchBody, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    pool, settings = svc.source(request, caller), svc.settings(request)

    def run():
        with tenant_transaction(pool, caller) as conn:  # not read-only: the search is logged
            return search(conn, caller.tenant_id, SearchRequest(**body.model_dump()), settings)
    return await svc.call(run)


@router.post("/api/v1/search/{search_id}/feedback", status_code=201, summary="Judge a hit or a whole result list")
async def search_feedback(search_id: UUID, body: FeedbackBody, request: Request,
                          caller: Caller = Depends(authenticate)) -> dict:
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller) as conn:
            return {"id": str(feedback(conn, search_id, chunk_id=body.chunk_id, rating=body.rating,
                                       relevant=body.relevant, comment=body.comment))}
    return await svc.call(run)


@router.post("/api/v1/knowledge/documents", summary="Upload documents (text, Markdown, HTML, PDF, Word, PowerPoint, Excel, CSV) for ingestion",
             responses={202: {"description": "background=true: the job was queued (a worker runs it)"}})
async def upload_documents(request: Request, files: list[UploadFile] = File(..., description="One or more files."),
                           collection: str | None = Form(None, description="Collection name or slug (created)."),
                           domains: list[str] = Form(default_factory=list, description="Knowledge domain slugs."),
                           metadata: str | None = Form(None, description="Document metadata, a JSON object."),
                           background: bool = Query(False, description="Answer 202 at once; a worker ingests "
                                                                       "the files; follow the job."),
                           caller: Caller = Depends(authenticate)):
    pool, settings = svc.source(request, caller), svc.settings(request)
    meta = _metadata(metadata)
    inputs = [FileInput.from_bytes(f.filename or "upload", await _read(f, settings.knowledge_max_upload_bytes),
                                   f.content_type) for f in files]
    embedder = embeddings.current(settings)
    if background:
        def queue():  # the job row, the files and the queued job commit together
            with tenant_transaction(pool, caller) as conn:
                model = embeddings.registered(conn, embedder)
                job, collection_id = Ingestor(conn, caller, settings, embedder, model).start(
                    len(inputs), collection=collection, domains=domains)
                conn.execute(query("ingest.job_queued"), {"job": job})
                jobs.ingest_later(conn, job, collection_id, inputs, domains=domains, metadata=meta, model=model)
            return job
        job = await svc.call(queue)
        return JSONResponse({"job_id": str(job), "status": "queued"}, status_code=202)

    def begin():
        with tenant_transaction(pool, caller, read_only=True) as conn:
            model = embeddings.registered(conn, embedder)
        ingestor = Ingestor(pool, caller, settings, embedder, model)
        return ingestor, *ingestor.start(len(inputs), collection=collection, domains=domains)

    ingestor, job, collection_id = await svc.call(begin)

    def process():
        return ingestor.process(job, collection_id, inputs, domains=domains, metadata=meta)
    report = await svc.call_heavy(request, process)
    if report.refused:  # nothing went in because the tier is full: 429 like every other limit
        return svc.limited(report.refused)
    return JSONResponse(report.as_dict(), status_code=201 if report.status != "failed" else 422)


@router.post("/api/v1/knowledge/reembed", status_code=202, summary="Re-embed the tenant's chunks with the "
                                                                   "configured model, in a background job")
async def reembed_chunks(request: Request, caller: Caller = Depends(authenticate)) -> dict:
    pool, settings = svc.source(request, caller), svc.settings(request)
    embedder = embeddings.current(settings)

    def queue():  # the job row and the queued job commit together
        with tenant_transaction(pool, caller) as conn:
            model = embeddings.registered(conn, embedder)
            job, total = reembed.start(conn, caller, model)
            jobs.reembed_later(conn, job, model, total)
        return job, total

    job, total = await svc.call(queue)
    return {"job_id": str(job), "status": "queued", "chunks": total, "embedding": embedder.describe()}


@router.post("/api/v1/knowledge/documents/{document_id}/reparse", status_code=202,
             summary="Re-parse a document from its stored original with today's parsers, in a background job")
async def reparse_document(document_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    pool, settings = svc.source(request, caller), svc.settings(request)
    embedder = embeddings.current(settings)

    def queue():  # the job row and the queued job commit together
        with tenant_transaction(pool, caller) as conn:
            found = reparse.candidates(conn, document_id)
            if not found:
                raise NotFound("No such document.", hint="GET /rest/v1/rag_documents lists the tenant's documents.")
            if not found[0]["has_original"]:
                note = reparse.no_original(found[0])
                raise Conflict(note["message"], hint=note["hint"])
            model = embeddings.registered(conn, embedder)
            job = reparse.start(conn, model, 1)
            jobs.reparse_later(conn, job, [document_id], model)
        return job

    job = await svc.call(queue)
    return {"job_id": str(job), "status": "queued", "document_id": str(document_id)}


@router.get("/api/v1/knowledge/jobs", summary="Ingestion and embedding jobs, newest first")
async def list_jobs(request: Request, limit: int = Query(20, ge=1, le=500),
                    caller: Caller = Depends(authenticate)) -> list[dict]:
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller, read_only=True) as conn:
            return many(conn, query("ingest.jobs_recent"), {"limit": limit})  # fields as ingest.sql names them
    return await svc.call(run)


@router.get("/api/v1/knowledge/jobs/{job_id}", summary="One job: status, progress, per-file errors")
async def get_job(job_id: UUID, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller, read_only=True) as conn:
            job = one(conn, query("ingest.job_get"), {"job": job_id})
        if job is None:
            raise NotFound("No such job.")
        return job
    return await svc.call(run)


@router.get("/api/v1/graph/nodes", summary="Knowledge-graph nodes whose names match (typos tolerated)")
async def find_nodes(request: Request, q: str | None = Query(None, max_length=500), kind: str | None = None,
                     limit: int = Query(20, ge=1, le=200), caller: Caller = Depends(authenticate)) -> list[dict]:
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller, read_only=True) as conn:
            return graph.find_nodes(conn, q, kind, limit)
    return await svc.call(run)


@router.get("/api/v1/graph/nodes/{node_id}/neighbourhood",
            summary="A node and what lies within `depth` hops (both directions), with evidence chunks")
async def neighbourhood(node_id: UUID, request: Request, depth: int = Query(2, ge=1, le=graph.MAX_DEPTH),
                        limit: int = Query(200, ge=1, le=2000), caller: Caller = Depends(authenticate)) -> dict:
    pool = svc.source(request, caller)

    def run():
        with tenant_transaction(pool, caller, read_only=True) as conn:
            found = graph.neighbourhood(conn, node_id, depth, limit)
        if found is None:
            raise NotFound("No such node.")
        return found
    return await svc.call(run)


async def _read(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise BodyTooLarge(f"{upload.filename} is larger than {limit:,} bytes.",
                           hint="Raise VITAL_KNOWLEDGE_MAX_UPLOAD_BYTES, or ingest it with `vital kb ingest`.")
    return data


def _metadata(text: str | None) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput("metadata must be a JSON object.", details=str(exc)) from exc
    if not isinstance(value, dict):
        raise InvalidInput("metadata must be a JSON object.")
    return value
