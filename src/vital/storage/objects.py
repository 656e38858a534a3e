"""Buckets and objects of the caller's tenant, on a connection inside `tenant_transaction`: every
statement runs as the caller under RLS (which decides who reads and who writes), so nothing here
names a tenant or checks a role.

Writes of bytes take the tenant's storage lock and count against the tier's `storage_bytes`
(the bytes of all its objects): a refused upload changes nothing.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import Conflict, InvalidInput, NotFound
from vital.services import limits

SQL = Queries(__name__)

DOCUMENTS = "documents"  # every tenant's default bucket; an upload into it is ingested (docs/knowledge.md)
STORED_AS = "storage_object"  # document metadata: the object an upload into `documents` ingested
SORTABLE = {"name": "e.name", "created_at": "e.created_at", "updated_at": "e.updated_at",
            "last_accessed_at": "e.updated_at"}
MAX_LIST = 1000
_BAD_SEGMENT = re.compile(r"(^|/)\.\.?(/|$)|//|[\x00-\x1f]")


class UnsupportedType(InvalidInput):
    """415: the bucket does not take files of this type."""
    code, status = "invalid_mime_type", 415


class TooLarge(InvalidInput):
    """413: larger than the bucket's or the deployment's largest object."""
    code, status = "entity_too_large", 413


@dataclass(frozen=True)
class Bucket:
    key: UUID                   # storage_buckets.id, what objects reference
    id: str                     # its name: what /storage/v1 and the clients call a bucket's id
    file_size_limit: int | None
    allowed_mime_types: list[str] | None

    def max_bytes(self, deployment_max: int) -> int:
        return min(self.file_size_limit or deployment_max, deployment_max)

    def check_type(self, mime_type: str) -> None:
        allowed = self.allowed_mime_types
        base = mime_type.split(";")[0].strip().lower()
        if allowed and not any(fnmatch.fnmatchcase(base, pattern.lower()) for pattern in allowed):
            raise UnsupportedType(f"mime type {base} is not supported by bucket '{self.id}'.",
                                  hint=f"The bucket takes {', '.join(allowed)}.")

    def check_size(self, size: int, deployment_max: int) -> None:
        limit = self.max_bytes(deployment_max)
        if size > limit:
            raise TooLarge(f"The object exceeded the maximum allowed size ({limit:,} bytes).",
                           hint="Upload a smaller file (VITAL_STORAGE_MAX_OBJECT_BYTES, or the bucket's "
                                "file_size_limit).")


def object_name(path: str) -> str:
    """An object's path as stored: no leading, trailing or doubled slash, no . or .. segment."""
    name = (path or "").strip("/")
    if not name or len(name) > 1024 or _BAD_SEGMENT.search(name):
        raise InvalidInput(f"'{path}' is not a valid object path.",
                           hint="Use names like folder/file.pdf: no empty, '.' or '..' segment, at most "
                                "1,024 characters.")
    return name


def buckets(conn: psycopg.Connection) -> list[dict]:
    conn.execute(SQL("objects.default_bucket"))
    return many(conn, SQL("objects.buckets"))


def bucket_row(conn: psycopg.Connection, bucket_id: str) -> dict:
    if bucket_id == DOCUMENTS:
        conn.execute(SQL("objects.default_bucket"))
    row = one(conn, SQL("objects.bucket"), {"name": bucket_id})
    if row is None:
        raise NotFound("Bucket not found.", hint=f"This tenant's buckets: GET /storage/v1/bucket ('{DOCUMENTS}' "
                                                 "is every tenant's).")
    return row


def bucket(conn: psycopg.Connection, bucket_id: str) -> Bucket:
    return _bucket(bucket_row(conn, bucket_id))


def _bucket(row: dict) -> Bucket:
    return Bucket(row["key"], row["id"], row["file_size_limit"], row["allowed_mime_types"])


def put(conn: psycopg.Connection, target: Bucket, name: str, data: bytes, mime_type: str, *,
        metadata: dict | None = None, upsert: bool = False, must_exist: bool = False,
        document_id=None) -> dict:
    """Store `data` at `name` (new, or replacing the object when upsert/must_exist); returns the row."""
    conn.execute(SQL("objects.lock"))
    existing = one(conn, SQL("objects.existing"), {"bucket": target.key, "name": name})
    if existing and not (upsert or must_exist):
        raise Conflict("The resource already exists.", hint="Upload with x-upsert: true to replace it, or "
                                                            "update it (PUT).")
    if must_exist and not existing:
        raise NotFound("Object not found.", hint="Upload it first (POST).")
    _check_quota(conn, len(data) - (existing["size"] if existing else 0))
    values = {"bucket": target.key, "name": name, "mime_type": mime_type, "data": data,
              "metadata": Jsonb(metadata or {}), "document": document_id}
    return one(conn, SQL("objects.replace" if existing else "objects.insert"), values)


def keep_original(conn: psycopg.Connection, name: str, data: bytes, mime_type: str | None, document_id,
                  metadata: dict | None = None) -> None:
    """The original file of an ingested document, in the tenant's `documents` bucket at its source
    name (replaced when its bytes changed), linked to the document so that it is read like it. A file
    that came from that bucket (metadata `storage_object`, set by the upload) is only linked: if it
    was removed or replaced while its ingestion waited, it is not brought back."""
    conn.execute(SQL("objects.default_bucket"))
    row = one(conn, SQL("objects.bucket"), {"name": DOCUMENTS})
    if row is None:  # the platform tenant keeps no files
        return
    target, key = _bucket(row), object_name(name)
    existing = one(conn, SQL("objects.existing"), {"bucket": target.key, "name": key})
    if existing and existing["content_hash"] == _sha256(data):
        conn.execute(SQL("objects.link_document"), {"bucket": target.key, "name": key, "document": document_id})
    elif not (metadata or {}).get(STORED_AS):
        put(conn, target, key, data, mime_type or "application/octet-stream", upsert=True, document_id=document_id)


def stored_as(name: str) -> dict:
    """The metadata an upload into `documents` gives its ingestion (and so its document)."""
    return {STORED_AS: f"{DOCUMENTS}/{name}"}


def link_job(conn: psycopg.Connection, target: Bucket, name: str, job) -> None:
    conn.execute(SQL("objects.link_job"), {"bucket": target.key, "name": name, "job": job})


def download(conn: psycopg.Connection, bucket_id: str, name: str) -> dict:
    found = one(conn, SQL("objects.download"), {"bucket": bucket(conn, bucket_id).key, "name": name})
    if found is None:
        raise NotFound("Object not found.")
    return found


def info(conn: psycopg.Connection, bucket_id: str, name: str) -> dict:
    found = one(conn, SQL("objects.info"), {"bucket": bucket(conn, bucket_id).key, "name": name})
    if found is None:
        raise NotFound("Object not found.")
    return found


def listing(conn: psycopg.Connection, bucket_id: str, *, prefix: str = "", search: str = "", limit: int = 100,
            offset: int = 0, sort_column: str = "name", sort_order: str = "asc") -> list[dict]:
    """One folder level, as Supabase's list: folders (id null) and files, `name` relative to the prefix."""
    key = bucket(conn, bucket_id).key
    if sort_column not in SORTABLE or sort_order.lower() not in ("asc", "desc"):
        raise InvalidInput(f"Cannot sort by {sort_column} {sort_order}.",
                           hint=f"sortBy.column is one of {', '.join(SORTABLE)}; order asc or desc.")
    if not 0 < limit <= MAX_LIST or offset < 0:
        raise InvalidInput(f"limit must be 1-{MAX_LIST} and offset 0 or more.")
    folder = prefix.strip("/")
    order = sql.SQL(f"{SORTABLE[sort_column]} {sort_order.upper()} NULLS LAST")
    return many(conn, SQL.composed("objects.list", order=order), {
        "bucket": key, "prefix": f"{folder}/" if folder else "", "search": search or "",
        "limit": limit, "offset": offset})


def move(conn: psycopg.Connection, bucket_id: str, source: str, destination: str) -> None:
    key = bucket(conn, bucket_id).key
    if one(conn, SQL("objects.move"), {"bucket": key, "from": source, "to": destination}) is None:
        raise NotFound("Object not found.", hint="sourceKey names no object of the bucket.")


def copy(conn: psycopg.Connection, bucket_id: str, source: str, destination: str) -> dict:
    key = bucket(conn, bucket_id).key
    conn.execute(SQL("objects.lock"))
    found = one(conn, SQL("objects.size_of"), {"bucket": key, "name": source})
    if found is None:
        raise NotFound("Object not found.", hint="sourceKey names no object of the bucket.")
    _check_quota(conn, found["size"])
    return one(conn, SQL("objects.copy"), {"bucket": key, "from": source, "to": destination})


def remove(conn: psycopg.Connection, bucket_id: str, names: list[str]) -> list[dict]:
    key = bucket(conn, bucket_id).key
    return many(conn, SQL("objects.remove"), {"bucket": key, "names": [n.strip("/") for n in names]})


def used_bytes(conn: psycopg.Connection) -> int:
    return one(conn, SQL("objects.used_bytes"))["used"]


def _check_quota(conn: psycopg.Connection, adding: int) -> None:
    if adding <= 0:
        return
    tier, numbers = limits.allowed(conn)
    cap, used = numbers["storage_bytes"], used_bytes(conn)
    if used + adding > cap:
        raise limits.LimitExceeded("storage_bytes", tier, cap, used, None)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
