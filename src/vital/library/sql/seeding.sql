-- The platform library, written by the seeding owner into the platform tenant
-- (every tenant reads these rows through the library policies). Stable ids from
-- slugs (vital.seed_uuid), so a re-seed finds what it wrote before.

-- name: agents
SELECT slug FROM public.agents WHERE tenant_id = vital.platform_tenant_id();

-- name: source
INSERT INTO public.knowledge_sources (id, tenant_id, slug, name, kind, description, config)
VALUES (vital.seed_uuid('knowledge_sources', 'platform', 'vital-platform-library'), vital.platform_tenant_id(),
        'vital-platform-library', 'VITAL platform library', 'internal_wiki',
        'Plain explainers written by the VITAL team, each naming its public sources; shipped with the package.',
        '{"package_path": "vital/library/documents"}')
ON CONFLICT ON CONSTRAINT knowledge_sources_pkey DO UPDATE SET status = 'active'
RETURNING id;

-- name: collection
INSERT INTO public.knowledge_collections (id, tenant_id, slug, name, description, metadata)
VALUES (vital.seed_uuid('knowledge_collections', 'platform', %(slug)s), vital.platform_tenant_id(), %(slug)s,
        %(name)s, %(description)s, '{"library": true}')
ON CONFLICT ON CONSTRAINT knowledge_collections_pkey DO UPDATE SET status = 'active'
RETURNING id;

-- name: document_ids
SELECT s.slug, vital.seed_uuid('rag_documents', 'platform', s.slug) AS id
  FROM unnest(%(slugs)s::text[]) AS s (slug);

-- name: documents
-- What an earlier seed wrote: a document whose file and model are unchanged is left alone.
SELECT d.id, d.content_hash, d.embedding_model_id, d.deleted_at IS NOT NULL AS deleted
  FROM public.rag_documents d
 WHERE d.tenant_id = vital.platform_tenant_id() AND d.source_id = %(source)s;

-- name: document_upsert
-- A changed file updates the row in place: the versioning trigger raises `version` and keeps the old text.
INSERT INTO public.rag_documents
  (id, tenant_id, collection_id, source_id, source_ref, title, content, content_hash, mime_type, status, metadata,
   embedding_model_tenant_id, embedding_model_id)
VALUES (vital.seed_uuid('rag_documents', 'platform', %(slug)s), vital.platform_tenant_id(), %(collection)s,
        %(source)s, %(source_ref)s, %(title)s, %(content)s, %(content_hash)s, 'text/markdown', 'ready',
        %(metadata)s::jsonb, %(model_tenant)s, %(model)s)
ON CONFLICT ON CONSTRAINT rag_documents_pkey DO UPDATE
   SET collection_id = EXCLUDED.collection_id, source_ref = EXCLUDED.source_ref, title = EXCLUDED.title,
       content = EXCLUDED.content, content_hash = EXCLUDED.content_hash, metadata = EXCLUDED.metadata,
       status = 'ready', deleted_at = NULL,
       embedding_model_tenant_id = EXCLUDED.embedding_model_tenant_id,
       embedding_model_id = EXCLUDED.embedding_model_id
RETURNING id, version;

-- name: chunks_delete
DELETE FROM public.rag_knowledge_chunks
 WHERE tenant_id = vital.platform_tenant_id() AND document_id = %(document)s;

-- name: chunk_insert
INSERT INTO public.rag_knowledge_chunks
  (id, tenant_id, document_id, chunk_index, chunk_text, token_count, char_start, char_end, embedding,
   embedding_model_tenant_id, embedding_model_id, metadata)
VALUES (vital.seed_uuid('rag_knowledge_chunks', 'platform', %(slug)s, %(index)s::text), vital.platform_tenant_id(),
        %(document)s, %(index)s, %(text)s, %(tokens)s, %(start)s, %(end)s, %(embedding)s::extensions.vector,
        %(model_tenant)s, %(model)s, %(metadata)s::jsonb);

-- name: document_vector
-- The document's vector: the normalised mean of its chunks' vectors, as ingestion makes it.
UPDATE public.rag_documents
   SET embedding = (SELECT extensions.l2_normalize(avg(c.embedding)) FROM public.rag_knowledge_chunks c
                     WHERE c.tenant_id = vital.platform_tenant_id() AND c.document_id = %(document)s)
 WHERE tenant_id = vital.platform_tenant_id() AND id = %(document)s;

-- name: documents_remove
-- Documents whose file is gone (their chunks and versions go with them).
DELETE FROM public.rag_documents
 WHERE tenant_id = vital.platform_tenant_id() AND source_id = %(source)s AND NOT (id = ANY (%(keep)s))
RETURNING id;
