-- The functions a Supabase builder calls with .rpc() (docs/api.md, "Remote procedure
-- calls"): vector recall over the knowledge base (match_chunks, match_documents), full
-- text fused with vectors (hybrid_search) and a JTBD's ODI opportunity landscape
-- (opportunity_landscape). All are SECURITY INVOKER with an empty search_path: they
-- run as the caller, so row-level security decides which chunks, documents and
-- outcomes exist (the caller's tenant and the platform library, readable documents
-- only). No table is created.

-- == functions ================================================================
-- The recall strategy of docs/knowledge.md: never one shared HNSW index filtered by
-- tenant. Each partition the caller reads (its own tenant, the platform library) is
-- searched on its own, exactly, through the btree (tenant_id, embedding_model_id),
-- and the two are merged by distance ("+ 0" keeps the planner off the model-wide
-- HNSW indexes, whose order RLS would then filter). Recall 1 by construction. A
-- partition with its own HNSW index (vital kb tune, 10,000+ vectors) is searched by
-- that index only through /api/v1/search, which inlines the literals the partial
-- index needs. Vectors are compared only with vectors of an active model of the
-- query's dimensions. `filter`: containment on the document's metadata.
CREATE OR REPLACE FUNCTION public.match_chunks(
    query_embedding extensions.vector, match_count integer DEFAULT 10, filter jsonb DEFAULT '{}'::jsonb)
  RETURNS TABLE (id uuid, tenant_id uuid, document_id uuid, chunk_index integer, content text, metadata jsonb,
                 title text, document_metadata jsonb, similarity double precision)
  LANGUAGE sql STABLE PARALLEL SAFE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
    WITH models AS (
      SELECT m.id FROM public.embedding_models AS m
       WHERE m.is_active AND m.dimensions = extensions.vector_dims(match_chunks.query_embedding)
    ), docs AS MATERIALIZED (
      -- The live, ready documents the caller reads (RLS) that pass the filter, read once and joined
      -- to the chunks: looked up per chunk, the planner (misled by the policies' tenant test) read
      -- a tenant's documents again for every chunk, 3-5 times slower (docs/knowledge.md).
      SELECT d.tenant_id, d.id FROM public.rag_documents AS d
       WHERE d.deleted_at IS NULL AND d.status = 'ready'
         AND d.metadata @> coalesce(match_chunks.filter, '{}'::jsonb)
    ), partitions AS (
      SELECT DISTINCT p.tenant_id
        FROM unnest(ARRAY[(SELECT auth.tenant_id()), vital.platform_tenant_id()]) AS p(tenant_id)
       WHERE p.tenant_id IS NOT NULL
    ), candidates AS (
      SELECT best.tenant_id, best.id, best.distance
        FROM partitions AS p
        CROSS JOIN LATERAL (
          SELECT c.tenant_id, c.id,
                 c.embedding OPERATOR(extensions.<=>) match_chunks.query_embedding AS distance
            FROM public.rag_knowledge_chunks AS c
            JOIN docs ON docs.tenant_id = c.tenant_id AND docs.id = c.document_id
           WHERE c.tenant_id = p.tenant_id
             AND c.embedding_model_id = ANY (ARRAY(SELECT models.id FROM models))
           ORDER BY (c.embedding OPERATOR(extensions.<=>) match_chunks.query_embedding) + 0
           LIMIT greatest(least(match_chunks.match_count, 1000), 0)) AS best
    )
    SELECT c.id, c.tenant_id, c.document_id, c.chunk_index, c.chunk_text, c.metadata,
           d.title, d.metadata, 1 - k.distance
      FROM candidates AS k
      JOIN public.rag_knowledge_chunks AS c ON c.tenant_id = k.tenant_id AND c.id = k.id
      JOIN public.rag_documents AS d ON d.tenant_id = c.tenant_id AND d.id = c.document_id
     ORDER BY k.distance, k.tenant_id, k.id
     LIMIT greatest(least(match_chunks.match_count, 1000), 0)
  $$;
COMMENT ON FUNCTION public.match_chunks(extensions.vector, integer, jsonb) IS
  'The match_count chunks nearest to query_embedding (cosine similarity) of the caller''s tenant and the platform library, documents filtered by metadata containment; RLS decides what is readable.';

-- Supabase's match_documents: the best chunk of each of the match_count nearest
-- documents, with the document's title and metadata.
CREATE OR REPLACE FUNCTION public.match_documents(
    query_embedding extensions.vector, match_count integer DEFAULT 10, filter jsonb DEFAULT '{}'::jsonb)
  RETURNS TABLE (id uuid, tenant_id uuid, document_id uuid, title text, content text, metadata jsonb,
                 similarity double precision)
  LANGUAGE sql STABLE PARALLEL SAFE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
    SELECT b.id, b.tenant_id, b.document_id, b.title, b.content, b.document_metadata, b.similarity
      FROM (SELECT DISTINCT ON (m.tenant_id, m.document_id) m.*
              FROM public.match_chunks(match_documents.query_embedding,
                                       least(greatest(match_documents.match_count, 0) * 5, 1000),
                                       match_documents.filter) AS m
             ORDER BY m.tenant_id, m.document_id, m.similarity DESC) AS b
     ORDER BY b.similarity DESC, b.tenant_id, b.id
     LIMIT greatest(least(match_documents.match_count, 1000), 0)
  $$;
COMMENT ON FUNCTION public.match_documents(extensions.vector, integer, jsonb) IS
  'The match_count documents nearest to query_embedding, each with its best chunk (content) and similarity; the caller''s tenant and the platform library, under RLS.';

-- Full text and vectors fused by reciprocal rank, as /api/v1/search's hybrid
-- strategy: score = full_text_weight / (rrf_k + text rank) + semantic_weight /
-- (rrf_k + vector rank). Each list holds up to 4 x match_count candidates
-- (40-200); full text ranks by ts_rank_cd on the english configuration, the query
-- in web-search syntax.
CREATE OR REPLACE FUNCTION public.hybrid_search(
    query_text text, query_embedding extensions.vector, match_count integer DEFAULT 10,
    filter jsonb DEFAULT '{}'::jsonb, full_text_weight double precision DEFAULT 1,
    semantic_weight double precision DEFAULT 1, rrf_k integer DEFAULT 60)
  RETURNS TABLE (id uuid, tenant_id uuid, document_id uuid, chunk_index integer, content text, metadata jsonb,
                 title text, document_metadata jsonb, score double precision, vector_rank bigint, text_rank bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
    WITH q AS (
      SELECT websearch_to_tsquery('english', hybrid_search.query_text) AS query,
             least(greatest(4 * hybrid_search.match_count, 40), 200) AS fetch
    ), semantic AS (
      SELECT m.tenant_id, m.id, row_number() OVER (ORDER BY m.similarity DESC, m.tenant_id, m.id) AS rank
        FROM q, public.match_chunks(hybrid_search.query_embedding, q.fetch, hybrid_search.filter) AS m
    ), docs AS MATERIALIZED (  -- as in match_chunks
      SELECT d.tenant_id, d.id FROM public.rag_documents AS d
       WHERE d.deleted_at IS NULL AND d.status = 'ready'
         AND d.metadata @> coalesce(hybrid_search.filter, '{}'::jsonb)
    ), partitions AS (
      SELECT DISTINCT p.tenant_id
        FROM unnest(ARRAY[(SELECT auth.tenant_id()), vital.platform_tenant_id()]) AS p(tenant_id)
       WHERE p.tenant_id IS NOT NULL
    ), textual AS (
      SELECT t.tenant_id, t.id, row_number() OVER (ORDER BY t.rank DESC, t.tenant_id, t.id) AS rank
        FROM q, partitions AS p
        CROSS JOIN LATERAL (
          SELECT c.tenant_id, c.id, ts_rank_cd(c.search_vector, q.query) AS rank
            FROM public.rag_knowledge_chunks AS c
            JOIN docs ON docs.tenant_id = c.tenant_id AND docs.id = c.document_id
           WHERE c.tenant_id = p.tenant_id AND c.search_vector @@ q.query
           ORDER BY rank DESC
           LIMIT q.fetch) AS t
    ), fused AS (
      SELECT coalesce(s.tenant_id, t.tenant_id) AS tenant_id, coalesce(s.id, t.id) AS id,
             coalesce(hybrid_search.semantic_weight / (hybrid_search.rrf_k + s.rank), 0)
             + coalesce(hybrid_search.full_text_weight / (hybrid_search.rrf_k + t.rank), 0) AS score,
             s.rank AS vector_rank, t.rank AS text_rank
        FROM semantic AS s
        FULL JOIN textual AS t ON t.tenant_id = s.tenant_id AND t.id = s.id
    )
    SELECT c.id, c.tenant_id, c.document_id, c.chunk_index, c.chunk_text, c.metadata, d.title, d.metadata,
           f.score, f.vector_rank, f.text_rank
      FROM fused AS f
      JOIN public.rag_knowledge_chunks AS c ON c.tenant_id = f.tenant_id AND c.id = f.id
      JOIN public.rag_documents AS d ON d.tenant_id = c.tenant_id AND d.id = c.document_id
     ORDER BY f.score DESC, f.tenant_id, f.id
     LIMIT greatest(least(hybrid_search.match_count, 1000), 0)
  $$;
COMMENT ON FUNCTION public.hybrid_search(text, extensions.vector, integer, jsonb, double precision,
                                         double precision, integer) IS
  'Full-text and vector search over the caller''s tenant and the platform library, fused by reciprocal rank (weights and rrf_k as arguments); RLS decides what is readable.';

-- A JTBD's desired outcomes with the ODI scores of SCHEMA.md: opportunity =
-- importance + max(importance - satisfaction, 0) and its band (>= 15 extreme,
-- >= 12 high, >= 10 moderate, else table stakes), the generated columns of
-- jtbd_desired_outcomes, most underserved first. A JTBD id may name a platform
-- JTBD and the caller's fork of it: the caller's own is taken first.
CREATE OR REPLACE FUNCTION public.opportunity_landscape(jtbd_id uuid)
  RETURNS TABLE (id uuid, tenant_id uuid, outcome_statement text, direction text, importance numeric,
                 satisfaction numeric, opportunity_score numeric, opportunity_band text, is_overserved boolean,
                 score_source text, respondent_count integer, opportunity_rank bigint)
  LANGUAGE sql STABLE PARALLEL SAFE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
    SELECT o.id, o.tenant_id, o.outcome_statement, o.direction, o.importance_score, o.satisfaction_score,
           o.opportunity_score, o.opportunity_band, o.is_overserved, o.score_source, o.respondent_count,
           rank() OVER (ORDER BY o.opportunity_score DESC)
      FROM public.jtbd_desired_outcomes AS o
     WHERE o.jtbd_id = opportunity_landscape.jtbd_id
       AND o.tenant_id = (SELECT j.tenant_id FROM public.jtbds AS j
                           WHERE j.id = opportunity_landscape.jtbd_id
                           ORDER BY j.tenant_id IS NOT DISTINCT FROM (SELECT auth.tenant_id()) DESC,
                                    j.tenant_id
                           LIMIT 1)
     ORDER BY o.opportunity_score DESC, o.position, o.id
  $$;
COMMENT ON FUNCTION public.opportunity_landscape(uuid) IS
  'The desired outcomes of a JTBD (the caller''s fork before the platform''s) with importance, satisfaction, the ODI opportunity score and band, most underserved first.';

-- Members call them through /rest/v1/rpc as `authenticated`; service_role for
-- servers. Not anon: anonymous callers read nothing here.
REVOKE ALL ON FUNCTION public.match_chunks(extensions.vector, integer, jsonb),
                       public.match_documents(extensions.vector, integer, jsonb),
                       public.hybrid_search(text, extensions.vector, integer, jsonb, double precision,
                                            double precision, integer),
                       public.opportunity_landscape(uuid)
  FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.match_chunks(extensions.vector, integer, jsonb),
                          public.match_documents(extensions.vector, integer, jsonb),
                          public.hybrid_search(text, extensions.vector, integer, jsonb, double precision,
                                               double precision, integer),
                          public.opportunity_landscape(uuid)
  TO authenticated, service_role;
