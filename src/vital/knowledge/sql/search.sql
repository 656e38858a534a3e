-- Search, as fragments that search.py composes into ONE statement per search:
-- one candidate list per strategy (and per model and partition for vectors),
-- fused by reciprocal rank, then joined to chunks and documents. Runs inside
-- tenant_transaction: RLS limits every table to the caller's tenant and the
-- platform library. The partition ({partition}) and model ({model}) are
-- literals, so that the planner can match a per-tenant partial index.

-- name: eligible
-- A chunk counts only if its document is live, ready and readable by the
-- caller, and passes the request's filters. Readable: the in-tenant access
-- rules of vital.rag_document_readable, applied through
-- vital.rag_unreadable_documents() (once per statement, a hashed set).
EXISTS (SELECT 1 FROM public.rag_documents d
         WHERE d.tenant_id = c.tenant_id AND d.id = c.document_id
           AND d.deleted_at IS NULL AND d.status = 'ready'
           AND d.id NOT IN (SELECT vital.rag_unreadable_documents()) {filters})

-- name: in_collections
-- The request's filters, each added to {filters} of `eligible` when asked for.
AND d.collection_id = ANY (%(collections)s::uuid[])

-- name: in_domains
AND EXISTS (SELECT 1 FROM public.rag_document_domains dd
             WHERE dd.tenant_id = d.tenant_id AND dd.document_id = d.id AND dd.domain_id = ANY (%(domains)s::uuid[]))

-- name: with_metadata
AND d.metadata @> %(metadata)s::jsonb

-- name: vector_exact
-- Exact: every vector of the partition, sorted. "+ 0" keeps the planner off
-- HNSW indexes, whose ordering would be filtered afterwards (recall.py). Ties
-- go by id here and in every list below: the order of equal scores is otherwise
-- whatever the plan read first, and the plan changes when autovacuum analyzes a
-- table, so the same question would get another answer (docs/knowledge.md,
-- "Confidence", round 4).
SELECT c.tenant_id, c.id, c.embedding::extensions.vector({dims}) <=> {q}::extensions.vector({dims}) AS distance
  FROM public.rag_knowledge_chunks c
 WHERE c.tenant_id = {partition} AND c.embedding_model_id = {model} AND {eligible}
 ORDER BY (c.embedding::extensions.vector({dims}) <=> {q}::extensions.vector({dims})) + 0, c.id
 LIMIT {fetch}

-- name: vector_hnsw
-- The partition's own HNSW index: the expression and the predicate match it.
SELECT c.tenant_id, c.id, c.embedding::extensions.vector({dims}) <=> {q}::extensions.vector({dims}) AS distance
  FROM public.rag_knowledge_chunks c
 WHERE c.tenant_id = {partition} AND c.embedding_model_id = {model} AND {eligible}
 ORDER BY c.embedding::extensions.vector({dims}) <=> {q}::extensions.vector({dims})
 LIMIT {fetch}

-- name: vector_given
-- Candidates found by a statement of their own (a per-tenant index, see search.py).
SELECT g.tenant_id, g.id, g.distance
  FROM unnest({t}::uuid[], {i}::uuid[], {d}::double precision[]) AS g(tenant_id, id, distance)

-- name: index_walk_on
-- Planner settings for a per-tenant HNSW statement (search.py): walk the index
-- in distance order and look each candidate's document up by its key, instead
-- of sorting the partition or hashing (or materialising) all its documents.
-- Returns what to restore.
SELECT ARRAY[current_setting('enable_sort'), current_setting('enable_hashjoin'),
             current_setting('enable_mergejoin'), current_setting('enable_material')] AS previous,
       set_config('enable_sort', 'off', true), set_config('enable_hashjoin', 'off', true),
       set_config('enable_mergejoin', 'off', true), set_config('enable_material', 'off', true);

-- name: index_walk_off
SELECT set_config('enable_sort', (%(previous)s::text[])[1], true),
       set_config('enable_hashjoin', (%(previous)s::text[])[2], true),
       set_config('enable_mergejoin', (%(previous)s::text[])[3], true),
       set_config('enable_material', (%(previous)s::text[])[4], true);

-- name: fulltext
-- Per partition too: with the tenant as a literal the planner can choose the
-- GIN index or the tenant's rows, instead of matching every tenant's chunks.
SELECT c.tenant_id, c.id, ts_rank_cd(c.search_vector, q.query) AS score
  FROM public.rag_knowledge_chunks c, ({tsquery}) AS q(query)
 WHERE c.tenant_id = {partition} AND c.search_vector @@ q.query AND {eligible}
 ORDER BY score DESC, c.id
 LIMIT {fetch}

-- name: tsquery_strict
-- A query written with operators ("phrase", -word, or): web search syntax as typed.
SELECT websearch_to_tsquery('english', %(text)s)

-- name: tsquery_loose
-- A plain question: any of its words may match (websearch would demand all of
-- them); ts_rank_cd ranks chunks holding more of them, closer together, first.
SELECT coalesce(string_agg(quote_literal(l), ' | '), '')::tsquery
  FROM unnest(tsvector_to_array(to_tsvector('english', %(text)s))) AS l

-- name: ranked
-- One candidate list: its rows ranked by its own measure (ties: by key, see vector_exact).
SELECT {list}::text AS list, tenant_id, id,
       row_number() OVER (ORDER BY {order}, tenant_id, id) AS rank, {raw}::double precision AS raw
  FROM ({union}) candidates

-- name: fused
-- Reciprocal rank fusion: score = sum over lists of weight / (k + rank).
SELECT l.tenant_id, l.id,
       sum(w.weight / (%(rrf_k)s + l.rank)) AS rrf,
       max(l.raw) FILTER (WHERE w.single) AS single_raw,
       jsonb_object_agg(l.list, jsonb_build_object('rank', l.rank, 'score', round(l.raw::numeric, 6))) AS lists
  FROM ({lists}) l
  JOIN (SELECT * FROM unnest(%(list_names)s::text[], %(list_weights)s::double precision[], %(single)s::boolean[]))
       AS w(list, weight, single) ON w.list = l.list
 GROUP BY l.tenant_id, l.id

-- name: results
-- The best k fused candidates, then their chunk and document: a snippet is
-- made for those k only.
WITH top AS (
  SELECT f.tenant_id, f.id, coalesce(f.single_raw, f.rrf) AS score, f.rrf, f.lists
    FROM ({fused}) f
   ORDER BY score DESC, f.rrf DESC, f.tenant_id, f.id
   LIMIT %(k)s
)
SELECT r.tenant_id, r.id, r.score, r.lists, r.document_id, r.chunk_index, r.chunk_text, r.char_start,
       r.char_end, r.chunk_metadata, r.location, r.ocr_confidence, r.title, r.source_ref, r.version, r.mime_type, r.metadata, r.collection_id,
       r.slug AS collection,
       ts_headline('english', r.chunk_text, ({tsquery}),
                   'StartSel=<mark>, StopSel=</mark>, MaxWords=40, MinWords=15, MaxFragments=2, '
                   'FragmentDelimiter=" … "') AS snippet
  FROM ({rows}) r
 ORDER BY r.score DESC, r.rrf DESC, r.tenant_id, r.id

-- name: result_rows
-- One partition's top rows with their chunk and document. Each lookup is a
-- LATERAL subquery with LIMIT 1 (a row by its primary key) so that the planner
-- cannot reorder the joins: misled by the policy's own tenant test, it would
-- otherwise read every document of the tenant first. The tenant is a literal
-- for the same reason.
SELECT t.tenant_id, t.id, t.score, t.rrf, t.lists, c.document_id, c.chunk_index, c.chunk_text, c.char_start,
       c.char_end, c.metadata AS chunk_metadata, c.location, c.ocr_confidence, d.title, d.source_ref, d.version,
       d.mime_type, d.metadata, d.collection_id, k.slug
  FROM top t
  CROSS JOIN LATERAL (SELECT c.document_id, c.chunk_index, c.chunk_text, c.char_start, c.char_end, c.metadata,
                             c.location, c.ocr_confidence
                        FROM public.rag_knowledge_chunks c
                       WHERE c.tenant_id = {partition} AND c.id = t.id
                       LIMIT 1) c
  CROSS JOIN LATERAL (SELECT d.title, d.source_ref, d.version, d.mime_type, d.metadata, d.collection_id
                        FROM public.rag_documents d
                       WHERE d.tenant_id = {partition} AND d.id = c.document_id
                       LIMIT 1) d
  LEFT JOIN LATERAL (SELECT k.slug FROM public.knowledge_collections k
                      WHERE k.tenant_id = {partition} AND k.id = d.collection_id
                      LIMIT 1) k ON true
 WHERE t.tenant_id = {partition}

-- name: settings
-- For this transaction only. A search's one write is its search_logs row: not
-- worth waiting for a WAL flush (a crash may lose the last few log rows, never data).
SELECT set_config('hnsw.ef_search', %(ef_search)s, true),
       set_config('hnsw.iterative_scan', 'strict_order', true),
       set_config('pg_trgm.similarity_threshold', '0.5', true),
       set_config('synchronous_commit', 'off', true);

-- name: collection_ids
SELECT id FROM public.knowledge_collections WHERE slug = ANY (%(slugs)s);

-- name: domain_ids
-- The named domains and their subtrees (path holds the ids from the root down).
SELECT sub.id
  FROM public.knowledge_domains top
  JOIN public.knowledge_domains sub ON sub.tenant_id = top.tenant_id AND sub.path @> ARRAY[top.id]
 WHERE top.slug = ANY (%(slugs)s);

-- name: log
-- Bookkeeping: written through its SECURITY DEFINER function (docs/roles.md).
SELECT vital.log_search(%(query)s, %(strategy)s, %(model_tenant)s, %(model)s, %(filters)s::jsonb,
                        %(results)s::jsonb, %(latency)s::integer) AS id;

-- name: feedback
INSERT INTO public.search_feedback
  (tenant_id, search_log_id, chunk_tenant_id, chunk_id, rating, is_relevant, comment)
VALUES ((SELECT auth.tenant_id()), %(search)s, %(chunk_tenant)s, %(chunk)s, %(rating)s, %(relevant)s, %(comment)s)
ON CONFLICT ON CONSTRAINT search_feedback_key
  DO UPDATE SET rating = EXCLUDED.rating, is_relevant = EXCLUDED.is_relevant, comment = EXCLUDED.comment
RETURNING id;

-- name: chunk_tenant
SELECT tenant_id FROM public.rag_knowledge_chunks WHERE id = %(chunk)s;
