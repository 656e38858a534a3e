-- Knowledge search: the indexes the ingestion pipeline and tenant-filtered
-- vector search need beyond those of 20261124000010_knowledge (docs/knowledge.md).
-- Per-tenant HNSW indexes are not created here: they depend on how many
-- vectors a tenant has, and `vital kb tune` builds them CONCURRENTLY.

-- == functions ===============================================================
-- Search filters candidates by the in-tenant access rules. Calling
-- vital.rag_document_readable() per candidate costs ~0.1 ms each (a function
-- with its own search_path is never inlined), far too much for an exact scan of
-- thousands of chunks. Only a document that has access rows can be unreadable
-- (that function's second branch), so evaluating the one rule on those
-- documents alone, once per statement, gives the same answer.
CREATE OR REPLACE FUNCTION vital.rag_unreadable_documents() RETURNS SETOF uuid
  LANGUAGE sql STABLE
  SET search_path = ''
  AS $$
    SELECT DISTINCT a.document_id
      FROM public.rag_document_access a
     WHERE NOT vital.rag_document_readable(a.tenant_id, a.document_id)
  $$;
COMMENT ON FUNCTION vital.rag_unreadable_documents() IS
  'Ids of the caller''s tenant''s documents the caller may not read (vital.rag_document_readable false); runs with the caller''s rights.';
GRANT EXECUTE ON FUNCTION vital.rag_unreadable_documents() TO authenticated, service_role;

-- == indexes =================================================================
-- A tenant's vectors of one model: the exact (brute-force) search path for
-- tenants below the per-tenant index threshold, re-embedding (which chunks are
-- not yet on the new model) and `vital kb tune`'s counts.
CREATE INDEX IF NOT EXISTS rag_knowledge_chunks_tenant_model_idx
  ON public.rag_knowledge_chunks (tenant_id, embedding_model_id);

-- Re-ingesting a file finds its document by where it came from.
CREATE INDEX IF NOT EXISTS rag_documents_source_ref_idx
  ON public.rag_documents (tenant_id, collection_id, source_ref);
