"""Supabase Storage at /storage/v1: the subset supabase-js and storage3 use, on the tenant's buckets
(docs/api.md#storage). Each request is one transaction as the caller under RLS (vital.storage.objects);
errors come in Storage's {statusCode, error, message} shape from vital.api.errors. An upload into the
`documents` bucket also queues its ingestion into the knowledge base, in the same transaction."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Depends, Query, Request
from starlette.datastructures import UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vital.api import service_calls as svc
from vital.api.auth import authenticate, resolve_tenant
from vital.db.queries import Queries
from vital.db.tenant import tenant_transaction
from vital.errors import InvalidInput
from vital.jobs import enqueue as jobs
from vital.knowledge import embeddings
from vital.knowledge.ingest import FileInput, Ingestor
from vital.storage import objects, signing
from vital.storage.objects import DOCUMENTS, TooLarge
from vital.tenancy import Caller

knowledge = Queries("vital.knowledge")  # the ingestion job rows' statements (knowledge/sql/ingest.sql)

router = APIRouter(prefix="/storage/v1", tags=["storage"])

DEFAULT_MIME = "application/octet-stream"


class SortBy(BaseModel):
    column: str = "name"
    order: str = "asc"


class ListBody(BaseModel):
    prefix: str = Field("", max_length=1024, description="The folder to list ('' for the bucket's root).")
    limit: int = Field(100, description="At most 1000.")
    offset: int = 0
    sortBy: SortBy = Field(default_factory=SortBy)
    search: str = Field("", max_length=1024, description="Only names starting with this (case-insensitive).")


class MoveBody(BaseModel):
    bucketId: str
    sourceKey: str
    destinationKey: str
    destinationBucket: str | None = None


class SignBody(BaseModel):
    expiresIn: int = Field(..., description="Seconds the URL stays valid (at most a week).")


class RemoveBody(BaseModel):
    prefixes: list[str] = Field(..., min_length=1, max_length=1000, description="Paths of the objects to remove.")


# -- buckets -----------------------------------------------------------------
@router.get("/bucket", summary="The tenant's buckets")
async def list_buckets(request: Request, caller: Caller = Depends(authenticate)) -> list[dict]:
    return [_public(b) for b in await _run(request, caller, objects.buckets)]


@router.get("/bucket/{bucket_id}", summary="One bucket")
async def get_bucket(bucket_id: str, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    return _public(await _run(request, caller, objects.bucket_row, bucket_id))


# -- objects: the fixed routes first, then /object/{bucket}/{path} ------------
@router.post("/object/list/{bucket_id}", summary="Files and folders under a prefix")
async def list_objects(bucket_id: str, request: Request, body: ListBody = Body(default_factory=ListBody),
                       caller: Caller = Depends(authenticate)) -> list[dict]:
    rows = await _run(request, caller, objects.listing, bucket_id, prefix=body.prefix, search=body.search,
                      limit=body.limit, offset=body.offset, sort_column=body.sortBy.column,
                      sort_order=body.sortBy.order)
    return [_entry(r) for r in rows]


@router.post("/object/move", summary="Rename an object within its bucket")
async def move_object(body: MoveBody, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    source, destination = _same_bucket(body)
    await _run(request, caller, objects.move, body.bucketId, source, destination)
    return {"message": "Successfully moved"}


@router.post("/object/copy", summary="Copy an object within its bucket")
async def copy_object(body: MoveBody, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    source, destination = _same_bucket(body)
    row = await _run(request, caller, objects.copy, body.bucketId, source, destination)
    return {"Key": f"{body.bucketId}/{destination}", "Id": str(row["id"])}


@router.post("/object/sign/{bucket_id}/{path:path}", summary="A URL that reads one object until it expires")
async def sign_object(bucket_id: str, path: str, body: SignBody, request: Request,
                      caller: Caller = Depends(authenticate)) -> dict:
    name = objects.object_name(path)
    await _run(request, caller, objects.info, bucket_id, name)  # only an object the caller can read
    token = signing.sign(svc.settings(request), caller, bucket_id, name, body.expiresIn)
    return {"signedURL": f"/object/sign/{quote(bucket_id)}/{quote(name)}?token={token}"}


@router.get("/object/sign/{bucket_id}/{path:path}", summary="Download through a signed URL (no credentials)")
async def signed_download(bucket_id: str, path: str, request: Request, token: str = Query(...),
                          download: str | None = Query(None)) -> Response:
    tenant = await resolve_tenant(request)
    name = objects.object_name(path)
    caller = signing.verify(svc.settings(request), token, tenant.id, bucket_id, name)
    return _file(await _run(request, caller, objects.download, bucket_id, name), name, download)


@router.get("/object/info/{bucket_id}/{path:path}", summary="An object's size, type, metadata and ingestion")
@router.get("/object/info/authenticated/{bucket_id}/{path:path}", include_in_schema=False)
async def object_info(bucket_id: str, path: str, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    row = await _run(request, caller, objects.info, bucket_id, objects.object_name(path))
    return _info(row, bucket_id)


@router.get("/object/authenticated/{bucket_id}/{path:path}", include_in_schema=False)
@router.get("/object/{bucket_id}/{path:path}", summary="Download an object")
async def download_object(bucket_id: str, path: str, request: Request, download: str | None = Query(None),
                          caller: Caller = Depends(authenticate)) -> Response:
    name = objects.object_name(path)
    return _file(await _run(request, caller, objects.download, bucket_id, name), name, download)


@router.post("/object/{bucket_id}/{path:path}", summary="Upload an object (multipart or raw; x-upsert: true "
                                                        "replaces)")
async def upload_object(bucket_id: str, path: str, request: Request, caller: Caller = Depends(authenticate)):
    upsert = request.headers.get("x-upsert", "").lower() == "true"
    return await _upload(request, caller, bucket_id, path, upsert=upsert, must_exist=False)


@router.put("/object/{bucket_id}/{path:path}", summary="Replace an existing object")
async def update_object(bucket_id: str, path: str, request: Request, caller: Caller = Depends(authenticate)):
    return await _upload(request, caller, bucket_id, path, upsert=False, must_exist=True)


@router.delete("/object/{bucket_id}", summary="Remove objects by path")
async def remove_objects(bucket_id: str, body: RemoveBody, request: Request,
                         caller: Caller = Depends(authenticate)) -> list[dict]:
    rows = await _run(request, caller, objects.remove, bucket_id, body.prefixes)
    return [_removed(r, bucket_id) for r in rows]


# -- uploads -----------------------------------------------------------------
async def _upload(request: Request, caller: Caller, bucket_id: str, path: str, *, upsert: bool, must_exist: bool):
    settings = svc.settings(request)
    name = objects.object_name(path)
    target = await _run(request, caller, objects.bucket, bucket_id)
    data, mime_type, metadata = await _body(request, target, settings.storage_max_object_bytes)
    target.check_type(mime_type)
    embedder = embeddings.current(settings) if target.id == DOCUMENTS else None

    def write():
        with tenant_transaction(svc.source(request, caller), caller) as conn:
            row = objects.put(conn, target, name, data, mime_type, metadata=metadata, upsert=upsert,
                              must_exist=must_exist)
            job = _queue_ingestion(conn, caller, settings, embedder, name, data, mime_type, metadata) \
                if embedder else None
        return row, job
    row, job = await run_in_threadpool(write)  # a tier-limit refusal: 429 from vital.api.errors
    answer = {"Key": f"{target.id}/{row['name']}", "Id": str(row["id"])}
    if job:
        answer["ingestion_job_id"] = str(job)
    return answer


def _queue_ingestion(conn, caller: Caller, settings, embedder, name: str, data: bytes, mime_type: str,
                     metadata: dict):
    """The object's ingestion as a background job (docs/knowledge.md), committed with the object."""
    model = embeddings.registered(conn, embedder)
    job, _ = Ingestor(conn, caller, settings, embedder, model).start(1)
    conn.execute(knowledge("ingest.job_queued"), {"job": job})
    jobs.ingest_later(conn, job, None, [FileInput.from_bytes(name, data, mime_type)], domains=[],
                      metadata={**metadata, **objects.stored_as(name)}, model=model)
    objects.link_job(conn, objects.bucket(conn, DOCUMENTS), name, job)
    return job


async def _body(request: Request, target: objects.Bucket, deployment_max: int) -> tuple[bytes, str, dict]:
    """The object's bytes, type and metadata, from a multipart form (storage3, supabase-js with a Blob) or
    a raw body (supabase-js with a Buffer): a raw body is refused as soon as it passes the bucket's limit."""
    content_type = request.headers.get("content-type") or DEFAULT_MIME
    limit = target.max_bytes(deployment_max)
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        files = [v for v in form.values() if isinstance(v, UploadFile)]
        if len(files) != 1:
            raise InvalidInput("A multipart upload carries exactly one file.")
        data = await files[0].read(limit + 1)
        target.check_size(len(data), deployment_max)
        metadata = _metadata(form.get("metadata"))
        return data, files[0].content_type or DEFAULT_MIME, metadata
    target.check_type(content_type)  # before a byte is read
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise TooLarge(f"The object exceeded the maximum allowed size ({limit:,} bytes).",
                           hint="Upload a smaller file (VITAL_STORAGE_MAX_OBJECT_BYTES, or the bucket's "
                                "file_size_limit).")
    return bytes(received), content_type, _metadata(_header_metadata(request.headers.get("x-metadata")))


def _header_metadata(header: str | None) -> str | None:
    """supabase-js sends a raw upload's metadata as base64 JSON in x-metadata."""
    if not header:
        return None
    try:
        return base64.b64decode(header, validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("x-metadata must be a base64-encoded JSON object.") from None


def _metadata(text: Any) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        value = None
    if not isinstance(value, dict):
        raise InvalidInput("metadata must be a JSON object.")
    return value


# -- helpers -----------------------------------------------------------------
async def _run(request: Request, caller: Caller, fn, *args, read_only: bool = False, **kwargs):
    def run():
        with tenant_transaction(svc.source(request, caller), caller, read_only=read_only) as conn:
            return fn(conn, *args, **kwargs)
    return await run_in_threadpool(run)


def _public(bucket: dict) -> dict:
    """A bucket as Supabase shows it: its name is its id (the uuid key stays inside)."""
    return {k: v for k, v in bucket.items() if k != "key"}


def _same_bucket(body: MoveBody) -> tuple[str, str]:
    if body.destinationBucket not in (None, body.bucketId):
        raise InvalidInput("Objects move and copy within one bucket.", hint="Leave destinationBucket out.")
    return objects.object_name(body.sourceKey), objects.object_name(body.destinationKey)


def _file(row: dict, name: str, download: str | None) -> Response:
    headers = {"ETag": f'"{row["content_hash"]}"', "Cache-Control": "no-cache",
               "Last-Modified": row["updated_at"].strftime("%a, %d %b %Y %H:%M:%S GMT")}
    if download is not None:
        filename = download or name.rsplit("/", 1)[-1]
        headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(bytes(row["data"]), media_type=row["mime_type"], headers=headers)


def _file_metadata(row: dict) -> dict:
    return {"eTag": f'"{row["content_hash"]}"', "size": row["size"], "mimetype": row["mime_type"],
            "cacheControl": "no-cache", "lastModified": row["updated_at"], "contentLength": row["size"],
            "httpStatusCode": 200}


def _ingestion(row: dict) -> dict | None:
    if not row.get("ingestion_job_id"):
        return None
    return {"job_id": str(row["ingestion_job_id"]), "status": row["ingestion_status"]}


def _entry(row: dict) -> dict:
    if row["folder"]:
        return {"name": row["name"], "id": None, "updated_at": None, "created_at": None, "last_accessed_at": None,
                "metadata": None}
    return {"name": row["name"], "id": str(row["id"]), "updated_at": row["updated_at"],
            "created_at": row["created_at"], "last_accessed_at": row["updated_at"],
            "metadata": _file_metadata(row), "ingestion": _ingestion(row)}


def _info(row: dict, bucket_id: str) -> dict:
    return {"id": str(row["id"]), "name": row["name"], "bucket_id": bucket_id, "version": row["content_hash"],
            "size": row["size"], "content_type": row["mime_type"], "etag": f'"{row["content_hash"]}"',
            "cache_control": "no-cache", "metadata": row["metadata"], "created_at": row["created_at"],
            "last_modified": row["updated_at"], "created_by": row["created_by"] and str(row["created_by"]),
            "document_id": row["document_id"] and str(row["document_id"]), "ingestion": _ingestion(row)}


def _removed(row: dict, bucket_id: str) -> dict:
    return {"name": row["name"], "bucket_id": bucket_id, "id": str(row["id"]), "updated_at": row["updated_at"],
            "created_at": row["created_at"], "last_accessed_at": row["updated_at"], "metadata": _file_metadata(row)}
