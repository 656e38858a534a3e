-- Re-embedding the caller's chunks with another model (reembed.py).

-- name: count
SELECT count(*) AS chunks FROM public.rag_knowledge_chunks
 WHERE tenant_id = (SELECT auth.tenant_id()) AND embedding_model_id IS DISTINCT FROM %(model)s;

-- name: on_model
-- Whether any of the caller's chunks are still on the named model (the hashing fallback, after an upgrade).
SELECT EXISTS (SELECT 1 FROM public.rag_knowledge_chunks c
                 JOIN public.embedding_models m
                   ON m.tenant_id = c.embedding_model_tenant_id AND m.id = c.embedding_model_id
                WHERE c.tenant_id = (SELECT auth.tenant_id()) AND m.provider = %(provider)s
                  AND m.name = %(name)s) AS found;

-- name: batch
SELECT c.id, c.chunk_text, c.metadata ->> 'section' AS section, d.title
  FROM public.rag_knowledge_chunks c
  JOIN public.rag_documents d ON d.tenant_id = c.tenant_id AND d.id = c.document_id
 WHERE c.tenant_id = (SELECT auth.tenant_id()) AND c.embedding_model_id IS DISTINCT FROM %(model)s
 ORDER BY c.id
 LIMIT %(limit)s;

-- name: update
-- One statement per batch: each row leaves the old model's index and enters
-- the new one's atomically. A row re-embedded meanwhile is left alone.
UPDATE public.rag_knowledge_chunks c
   SET embedding = v.embedding::extensions.vector,
       embedding_model_tenant_id = %(model_tenant)s, embedding_model_id = %(model)s
  FROM unnest(%(ids)s::uuid[], %(vectors)s::text[]) AS v(id, embedding)
 WHERE c.tenant_id = (SELECT auth.tenant_id()) AND c.id = v.id
   AND c.embedding_model_id IS DISTINCT FROM %(model)s;

-- name: documents
-- A document's vector is the normalised mean of its chunks' (pgvector avg, l2_normalize).
UPDATE public.rag_documents d
   SET embedding = extensions.l2_normalize(s.mean),
       embedding_model_tenant_id = %(model_tenant)s, embedding_model_id = %(model)s
  FROM (SELECT c.document_id, extensions.avg(c.embedding) AS mean
          FROM public.rag_knowledge_chunks c
         WHERE c.tenant_id = (SELECT auth.tenant_id()) AND c.embedding_model_id = %(model)s
         GROUP BY c.document_id) s
 WHERE d.tenant_id = (SELECT auth.tenant_id()) AND d.id = s.document_id
   AND d.embedding_model_id IS DISTINCT FROM %(model)s;
