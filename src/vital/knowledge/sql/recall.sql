-- Per-tenant HNSW indexes (recall.py): which exist, which partitions need one.

-- name: valid_indexes
SELECT c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
 WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY (%(names)s) AND i.indisvalid;

-- name: tenant_indexes
SELECT indexname FROM pg_catalog.pg_indexes
 WHERE schemaname = 'public' AND tablename = 'rag_knowledge_chunks' AND indexname LIKE %(prefix)s;

-- name: partitions
-- Vectors per tenant and model (owner connection: every tenant). Given a
-- tenant given, the btree (tenant_id, embedding_model_id) answers from the index.
SELECT c.tenant_id, c.embedding_model_id AS model_id, m.dimensions, count(*) AS vectors
  FROM public.rag_knowledge_chunks c
  JOIN public.embedding_models m ON m.tenant_id = c.embedding_model_tenant_id AND m.id = c.embedding_model_id
 WHERE c.embedding_model_id IS NOT NULL
   AND (%(tenant)s::uuid IS NULL OR c.tenant_id = %(tenant)s::uuid)
 GROUP BY c.tenant_id, c.embedding_model_id, m.dimensions;

-- name: work_mem
SET maintenance_work_mem = {memory};

-- name: index_drop
DROP INDEX CONCURRENTLY IF EXISTS public.{index};

-- name: index_create
-- The expression and the predicate are those search.sql's vector_hnsw uses,
-- so that the planner matches this index for exactly one tenant and model.
CREATE INDEX CONCURRENTLY {index} ON public.rag_knowledge_chunks
 USING hnsw ((embedding::extensions.vector({dims})) extensions.vector_cosine_ops)
  WITH (m = {m}, ef_construction = {ef_construction})
 WHERE embedding_model_id = {model}::uuid AND tenant_id = {tenant}::uuid;

-- name: index_comment
COMMENT ON INDEX public.{index} IS {comment};
