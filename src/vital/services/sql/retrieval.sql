-- Retrieval (retrieval.py).

-- name: fulltext
-- Fallback retrieval (used until vital.knowledge provides search): full text over
-- the chunks the caller may read. OR of the question's lexemes, because a
-- question rarely has all its words in one passage; ts_rank_cd with
-- normalisation 32 maps the rank into 0..1. RLS limits the rows to the
-- caller's tenant and the platform library.
WITH q AS (
  SELECT nullif(replace(plainto_tsquery('english', %(query)s)::text, ' & ', ' | '), '')::tsquery AS tsq
)
SELECT c.tenant_id AS chunk_tenant_id, c.id AS chunk_id, c.document_id, d.title, c.chunk_index, c.chunk_text AS text,
       ts_rank_cd(c.search_vector, q.tsq, 32)::float8 AS score,
       CASE WHEN c.location <> '{}' THEN c.location
            ELSE jsonb_strip_nulls(jsonb_build_object('section', c.metadata->'section', 'page', c.metadata->'page'))
       END AS location,
       CASE WHEN c.ocr_confidence IS NOT NULL THEN jsonb_build_object('confidence', c.ocr_confidence) END AS ocr
  FROM q
  JOIN public.rag_knowledge_chunks c ON c.search_vector @@ q.tsq
  JOIN public.rag_documents d ON d.tenant_id = c.tenant_id AND d.id = c.document_id
 WHERE d.deleted_at IS NULL
   AND d.status = 'ready'
   AND vital.rag_document_readable(d.tenant_id, d.id)
 ORDER BY score DESC, c.id
 LIMIT %(k)s

-- name: caller_tenant
SELECT (SELECT auth.tenant_id()) AS tenant_id
