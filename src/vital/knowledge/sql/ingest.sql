-- Ingestion, run inside tenant_transaction: RLS applies to every statement, and
-- "own" rows are those of (SELECT auth.tenant_id()), the caller's tenant.

-- name: user_by_email
SELECT u.id
  FROM auth.users u
  JOIN public.profiles p ON p.user_id = u.id
 WHERE lower(u.email) = lower(%(email)s) AND p.tenant_id = %(tenant)s;

-- name: collection_find
SELECT id FROM public.knowledge_collections
 WHERE tenant_id = (SELECT auth.tenant_id()) AND slug = %(slug)s;

-- name: collection_create
INSERT INTO public.knowledge_collections (tenant_id, slug, name)
VALUES ((SELECT auth.tenant_id()), %(slug)s, %(name)s)
ON CONFLICT ON CONSTRAINT knowledge_collections_slug_key DO NOTHING
RETURNING id;

-- name: job_start
INSERT INTO public.rag_ingestion_jobs
  (tenant_id, kind, collection_id, embedding_model_tenant_id, embedding_model_id, status, items_total, started_at)
VALUES ((SELECT auth.tenant_id()), %(kind)s, %(collection)s, %(model_tenant)s, %(model)s, 'running', %(total)s,
        clock_timestamp())
RETURNING id;

-- name: job_claim
-- A queued job of this kind and model (one queued by a seed or an operator)
-- is taken over instead of starting another.
UPDATE public.rag_ingestion_jobs
   SET status = 'running', started_at = clock_timestamp(), items_total = %(total)s
 WHERE tenant_id = (SELECT auth.tenant_id())
   AND id = (SELECT j.id FROM public.rag_ingestion_jobs j
              WHERE j.tenant_id = (SELECT auth.tenant_id()) AND j.kind = %(kind)s AND j.status = 'queued'
                AND j.embedding_model_id = %(model)s
              ORDER BY j.created_at
              LIMIT 1
                FOR UPDATE SKIP LOCKED)
RETURNING id;

-- name: job_progress
UPDATE public.rag_ingestion_jobs
   SET items_done = items_done + %(done)s,
       items_failed = items_failed + %(failed)s,
       items_total = greatest(items_total, items_done + %(done)s + items_failed + %(failed)s),
       errors = errors || %(errors)s::jsonb
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s;

-- name: job_finish
UPDATE public.rag_ingestion_jobs
   SET status = CASE WHEN items_failed = 0 THEN 'succeeded' WHEN items_done = 0 THEN 'failed' ELSE 'partial' END,
       finished_at = greatest(clock_timestamp(), started_at)
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s
RETURNING status, items_total, items_done, items_failed, errors;

-- name: job_get
SELECT id, kind, status, items_total, items_done, items_failed, progress, errors, collection_id,
       embedding_model_id, started_at, finished_at, created_at
  FROM public.rag_ingestion_jobs
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s;

-- name: jobs_recent
SELECT id, kind, status, items_total, items_done, items_failed, progress, errors, collection_id,
       embedding_model_id, started_at, finished_at, created_at
  FROM public.rag_ingestion_jobs
 WHERE tenant_id = (SELECT auth.tenant_id())
 ORDER BY created_at DESC
 LIMIT %(limit)s;

-- name: document_matches
-- The documents a file may be: the same source (a new version of it) or the
-- same bytes (a duplicate, or a soft-deleted copy to restore). The collection
-- condition is inlined (`collection_id = <id>` or `collection_id IS NULL`) so
-- that both forms can use an index.
SELECT id, source_ref, content_hash, deleted_at IS NOT NULL AS deleted, version, title
  FROM public.rag_documents
 WHERE tenant_id = (SELECT auth.tenant_id()) AND {collection}
   AND (source_ref = %(source_ref)s OR content_hash = %(content_hash)s);

-- name: in_collection
collection_id = %(collection)s

-- name: in_no_collection
collection_id IS NULL

-- name: document_insert
INSERT INTO public.rag_documents
  (tenant_id, collection_id, source_ref, title, content, content_hash, mime_type, status, metadata)
VALUES ((SELECT auth.tenant_id()), %(collection)s, %(source_ref)s, %(title)s, %(content)s, %(content_hash)s,
        %(mime_type)s, 'ready', %(metadata)s::jsonb)
RETURNING id, version;

-- name: document_update
-- A changed file: the versioning trigger raises `version` and keeps the old one.
UPDATE public.rag_documents
   SET title = %(title)s, content = %(content)s, content_hash = %(content_hash)s, mime_type = %(mime_type)s,
       metadata = metadata || %(metadata)s::jsonb, status = 'ready', deleted_at = NULL
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(id)s
RETURNING id, version;

-- name: document_restore
UPDATE public.rag_documents
   SET deleted_at = NULL, source_ref = %(source_ref)s
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(id)s
RETURNING id, version;

-- name: document_vector
UPDATE public.rag_documents
   SET embedding = %(embedding)s::extensions.vector,
       embedding_model_tenant_id = %(model_tenant)s, embedding_model_id = %(model)s
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(id)s;

-- name: chunks_delete
DELETE FROM public.rag_knowledge_chunks
 WHERE tenant_id = (SELECT auth.tenant_id()) AND document_id = %(document)s;

-- name: stage_create
-- COPY cannot write into a table under RLS; it fills this session-private
-- table, and one INSERT ... SELECT moves the rows, checked by the policies.
CREATE TEMP TABLE IF NOT EXISTS chunk_stage (
  id uuid, document_id uuid, chunk_index integer, chunk_text text, token_count integer,
  char_start integer, char_end integer, embedding text, metadata jsonb, location jsonb, ocr_confidence real
) ON COMMIT DROP;

-- name: stage_copy
COPY pg_temp.chunk_stage (id, document_id, chunk_index, chunk_text, token_count, char_start, char_end,
                          embedding, metadata, location, ocr_confidence) FROM STDIN;

-- name: chunks_from_stage
INSERT INTO public.rag_knowledge_chunks
  (id, tenant_id, document_id, chunk_index, chunk_text, token_count, char_start, char_end, embedding,
   embedding_model_tenant_id, embedding_model_id, metadata, location, ocr_confidence)
SELECT s.id, (SELECT auth.tenant_id()), s.document_id, s.chunk_index, s.chunk_text, s.token_count,
       s.char_start, s.char_end, s.embedding::extensions.vector,
       CASE WHEN s.embedding IS NOT NULL THEN %(model_tenant)s::uuid END,
       CASE WHEN s.embedding IS NOT NULL THEN %(model)s::uuid END, s.metadata, s.location, s.ocr_confidence
  FROM pg_temp.chunk_stage s;

-- name: domains_link
-- Own taxonomy first, then the platform's, for each slug.
INSERT INTO public.rag_document_domains (tenant_id, document_id, domain_tenant_id, domain_id, is_primary)
SELECT (SELECT auth.tenant_id()), %(document)s, k.tenant_id, k.id, k.slug = %(primary)s
  FROM (SELECT DISTINCT ON (slug) tenant_id, id, slug
          FROM public.knowledge_domains
         WHERE slug = ANY (%(slugs)s)
         ORDER BY slug, tenant_id = vital.platform_tenant_id()) k
ON CONFLICT ON CONSTRAINT rag_document_domains_key DO NOTHING
RETURNING domain_id;

-- name: domains_known
SELECT DISTINCT slug FROM public.knowledge_domains WHERE slug = ANY (%(slugs)s);

-- name: job_restart
-- A background job run again (a retry, or its worker died): its counters start over;
-- files the earlier attempt wrote come out `unchanged`.
UPDATE public.rag_ingestion_jobs
   SET status = 'running', items_done = 0, items_failed = 0, errors = '[]'::jsonb,
       started_at = clock_timestamp(), finished_at = NULL
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s
RETURNING id;

-- name: job_fail
-- A background job that gave up (its last attempt failed): failed, with why.
UPDATE public.rag_ingestion_jobs
   SET status = 'failed', errors = errors || %(errors)s::jsonb,
       finished_at = greatest(clock_timestamp(), started_at)
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s;

-- name: job_queued
-- An upload ingested by a background job: queued until a worker takes it (job_restart).
UPDATE public.rag_ingestion_jobs SET status = 'queued', started_at = NULL
 WHERE tenant_id = (SELECT auth.tenant_id()) AND id = %(job)s;
