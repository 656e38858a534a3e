-- Buckets and objects of the caller's tenant (vital.storage.objects), always under RLS:
-- no statement names a tenant, tenant_isolation adds it. A bucket is found by its name
-- (what /storage/v1 calls its id); objects by its key (%(bucket)s, a uuid) and their name.

-- name: default_bucket
SELECT vital.storage_default_bucket()

-- name: buckets
SELECT b.id AS key, b.name AS id, b.name, coalesce(b.created_by::text, '') AS owner, false AS public, 'STANDARD' AS type,
       b.file_size_limit, b.allowed_mime_types, b.created_at, b.updated_at
  FROM public.storage_buckets b
 ORDER BY b.name

-- name: bucket
SELECT b.id AS key, b.name AS id, b.name, coalesce(b.created_by::text, '') AS owner, false AS public, 'STANDARD' AS type,
       b.file_size_limit, b.allowed_mime_types, b.created_at, b.updated_at
  FROM public.storage_buckets b
 WHERE b.name = %(name)s

-- name: lock
-- One tenant's writes of bytes, one at a time (until commit): two uploads cannot both take the last room.
SELECT pg_advisory_xact_lock(hashtextextended('vital.storage:' || (SELECT auth.tenant_id())::text, 0))

-- name: used_bytes
SELECT coalesce(sum(o.size), 0)::bigint AS used FROM public.storage_objects o

-- name: existing
SELECT o.id, o.size, o.content_hash FROM public.storage_objects o WHERE o.bucket_id = %(bucket)s AND o.name = %(name)s

-- name: insert
INSERT INTO public.storage_objects (tenant_id, bucket_id, name, mime_type, data, metadata, document_id)
VALUES ((SELECT auth.tenant_id()), %(bucket)s, %(name)s, %(mime_type)s, %(data)s, %(metadata)s, %(document)s)
RETURNING id, name, size, content_hash

-- name: replace
UPDATE public.storage_objects
   SET mime_type = %(mime_type)s, data = %(data)s, metadata = %(metadata)s,
       document_id = coalesce(%(document)s, document_id), ingestion_job_id = NULL
 WHERE bucket_id = %(bucket)s AND name = %(name)s
RETURNING id, name, size, content_hash

-- name: link_document
UPDATE public.storage_objects SET document_id = %(document)s
 WHERE bucket_id = %(bucket)s AND name = %(name)s AND document_id IS DISTINCT FROM %(document)s

-- name: link_job
UPDATE public.storage_objects SET ingestion_job_id = %(job)s WHERE bucket_id = %(bucket)s AND name = %(name)s

-- name: download
SELECT o.data, o.mime_type, o.size, o.content_hash, o.updated_at
  FROM public.storage_objects o
 WHERE o.bucket_id = %(bucket)s AND o.name = %(name)s

-- name: info
SELECT o.id, o.name, o.mime_type, o.size, o.content_hash, o.metadata, o.created_at, o.updated_at,
       o.created_by, o.document_id, o.ingestion_job_id, j.status AS ingestion_status, j.errors AS ingestion_errors
  FROM public.storage_objects o
  LEFT JOIN public.rag_ingestion_jobs j ON j.tenant_id = o.tenant_id AND j.id = o.ingestion_job_id
 WHERE o.bucket_id = %(bucket)s AND o.name = %(name)s

-- name: list
-- One level under a folder (prefix '' or 'a/b/'), as Supabase lists: the files there and
-- the folders below it (folders first), filtered by a name prefix; {order} is chosen in Python.
WITH under AS (
  SELECT o.*, substr(o.name, length(%(prefix)s) + 1) AS rest
    FROM public.storage_objects o
   WHERE o.bucket_id = %(bucket)s AND starts_with(o.name, %(prefix)s)
), entries AS (
  SELECT split_part(u.rest, '/', 1) AS name, true AS folder, NULL::uuid AS id, NULL::timestamptz AS created_at,
         NULL::timestamptz AS updated_at, NULL::bigint AS size, NULL::text AS mime_type, NULL::text AS content_hash,
         NULL::uuid AS ingestion_job_id
    FROM under u WHERE position('/' IN u.rest) > 0
   GROUP BY 1
  UNION ALL
  SELECT u.rest, false, u.id, u.created_at, u.updated_at, u.size, u.mime_type, u.content_hash, u.ingestion_job_id
    FROM under u WHERE position('/' IN u.rest) = 0
)
SELECT e.*, j.status AS ingestion_status
  FROM entries e
  LEFT JOIN public.rag_ingestion_jobs j ON j.id = e.ingestion_job_id
 WHERE starts_with(lower(e.name), lower(%(search)s))
 ORDER BY e.folder DESC, {order}, e.name
 LIMIT %(limit)s OFFSET %(offset)s

-- name: move
UPDATE public.storage_objects SET name = %(to)s
 WHERE bucket_id = %(bucket)s AND name = %(from)s
RETURNING id

-- name: copy
INSERT INTO public.storage_objects (tenant_id, bucket_id, name, mime_type, data, metadata)
SELECT o.tenant_id, o.bucket_id, %(to)s, o.mime_type, o.data, o.metadata
  FROM public.storage_objects o
 WHERE o.bucket_id = %(bucket)s AND o.name = %(from)s
RETURNING id, size

-- name: size_of
SELECT o.size FROM public.storage_objects o WHERE o.bucket_id = %(bucket)s AND o.name = %(name)s

-- name: remove
DELETE FROM public.storage_objects o
 WHERE o.bucket_id = %(bucket)s AND o.name = ANY (%(names)s)
RETURNING o.id, o.name, o.size, o.mime_type, o.content_hash, o.metadata, o.created_at, o.updated_at
