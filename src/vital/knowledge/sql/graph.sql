-- The knowledge graph in Postgres (kg_nodes, kg_edges), under RLS: a tenant sees
-- its own nodes and edges and the platform's. Writes are always the caller's own
-- rows; an edge may end at a platform node (the library pattern).

-- name: entities_insert
INSERT INTO public.rag_extracted_entities
  (tenant_id, chunk_id, entity_text, normalized_text, entity_type, start_offset, end_offset, confidence, extractor)
SELECT (SELECT auth.tenant_id()), e.chunk_id, e.entity_text, e.normalized_text, e.entity_type, e.start_offset,
       e.end_offset, e.confidence, %(extractor)s
  FROM unnest(%(chunks)s::uuid[], %(texts)s::text[], %(normalized)s::text[], %(types)s::text[],
              %(starts)s::integer[], %(ends)s::integer[], %(confidences)s::real[])
       AS e(chunk_id, entity_text, normalized_text, entity_type, start_offset, end_offset, confidence);

-- name: nodes_upsert
-- Each wanted node resolves to the caller's own node with that key, else the
-- platform's, else a new own node. Returns (tenant_id, id, key) for all.
WITH wanted AS (
  SELECT DISTINCT ON (w.key) w.*
    FROM unnest(%(kinds)s::text[], %(names)s::text[], %(keys)s::text[], %(chunks)s::uuid[],
                %(agent_tenants)s::uuid[], %(agents)s::uuid[], %(domain_tenants)s::uuid[], %(domains)s::uuid[])
         AS w(kind, name, key, chunk_id, agent_tenant_id, agent_id, domain_tenant_id, domain_id)
   ORDER BY w.key
),
existing AS (
  SELECT DISTINCT ON (n.normalized_key) n.tenant_id, n.id, n.normalized_key
    FROM public.kg_nodes n
    JOIN wanted w ON n.normalized_key = w.key
   WHERE n.tenant_id IN ((SELECT auth.tenant_id()), vital.platform_tenant_id())
   ORDER BY n.normalized_key, n.tenant_id = vital.platform_tenant_id()
),
created AS (
  INSERT INTO public.kg_nodes (tenant_id, kind, name, normalized_key, chunk_tenant_id, chunk_id,
                               agent_tenant_id, agent_id, domain_tenant_id, domain_id)
  SELECT (SELECT auth.tenant_id()), w.kind, w.name, w.key,
         CASE WHEN w.chunk_id IS NOT NULL THEN (SELECT auth.tenant_id()) END, w.chunk_id,
         w.agent_tenant_id, w.agent_id, w.domain_tenant_id, w.domain_id
    FROM wanted w
   WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.normalized_key = w.key)
  ON CONFLICT ON CONSTRAINT kg_nodes_normalized_key DO NOTHING
  RETURNING tenant_id, id, normalized_key
)
SELECT tenant_id, id, normalized_key FROM existing
UNION ALL
SELECT tenant_id, id, normalized_key FROM created;

-- name: edges_insert
INSERT INTO public.kg_edges (tenant_id, source_tenant_id, source_node_id, target_tenant_id, target_node_id,
                             relation, weight, evidence_chunk_tenant_id, evidence_chunk_id)
SELECT (SELECT auth.tenant_id()), e.source_tenant_id, e.source_node_id, e.target_tenant_id, e.target_node_id,
       e.relation, e.weight, CASE WHEN e.chunk_id IS NOT NULL THEN (SELECT auth.tenant_id()) END, e.chunk_id
  FROM unnest(%(source_tenants)s::uuid[], %(sources)s::uuid[], %(target_tenants)s::uuid[], %(targets)s::uuid[],
              %(relations)s::text[], %(weights)s::real[], %(chunks)s::uuid[])
       AS e(source_tenant_id, source_node_id, target_tenant_id, target_node_id, relation, weight, chunk_id)
ON CONFLICT ON CONSTRAINT kg_edges_key DO NOTHING;

-- name: domains_with_agents
-- The documents' domains (own taxonomy before the platform's) and the active
-- agents expert in them.
WITH dom AS (
  SELECT DISTINCT ON (k.slug) k.tenant_id, k.id, k.slug, k.name
    FROM public.knowledge_domains k
   WHERE k.slug = ANY (%(slugs)s)
   ORDER BY k.slug, k.tenant_id = vital.platform_tenant_id()
)
SELECT dom.tenant_id AS domain_tenant_id, dom.id AS domain_id, dom.slug AS domain_slug, dom.name AS domain_name,
       a.tenant_id AS agent_tenant_id, a.id AS agent_id, a.slug AS agent_slug, a.name AS agent_name
  FROM dom
  LEFT JOIN public.agent_knowledge_domains akd
         ON akd.domain_tenant_id = dom.tenant_id AND akd.domain_id = dom.id
  LEFT JOIN public.agents a
         ON a.tenant_id = akd.tenant_id AND a.id = akd.agent_id AND a.deleted_at IS NULL AND a.status = 'active'
 ORDER BY dom.slug, a.slug;

-- name: seeds
-- Nodes a query names: by the extractor's keys, or by trigram similarity of a
-- few words of the query to node names (pg_trgm, kg_nodes_name_trgm_idx).
SELECT n.tenant_id, n.id
  FROM public.kg_nodes n
 WHERE n.tenant_id IN ((SELECT auth.tenant_id()), vital.platform_tenant_id())
   AND n.normalized_key = ANY (%(keys)s)
UNION
SELECT m.tenant_id, m.id
  FROM unnest(%(phrases)s::text[]) AS p(phrase)
  CROSS JOIN LATERAL (
    SELECT n.tenant_id, n.id FROM public.kg_nodes n
     WHERE n.name OPERATOR(extensions.%%) p.phrase
     ORDER BY extensions.similarity(n.name, p.phrase) DESC
     LIMIT 3) m;

-- name: seed_node
-- One node to walk from (neighbourhood).
SELECT {tenant}::uuid AS tenant_id, {id}::uuid AS id

-- name: walk
-- Breadth-first, both directions, at most {depth} hops and {fanout} edges per
-- node (heaviest first); strength multiplies edge weights along the path.
WITH RECURSIVE seeds AS ({seeds}),
walk (tenant_id, id, depth, strength, path, via, edge_chunk_tenant_id, edge_chunk_id) AS (
  SELECT s.tenant_id, s.id, 0, 1.0::real, ARRAY[s.id], NULL::text, NULL::uuid, NULL::uuid FROM seeds s
  UNION ALL
  SELECT nb.tenant_id, nb.id, w.depth + 1, (w.strength * nb.weight)::real, w.path || nb.id, nb.relation,
         nb.chunk_tenant_id, nb.chunk_id
    FROM walk w
    CROSS JOIN LATERAL (
      SELECT x.* FROM (
        SELECT e.target_tenant_id AS tenant_id, e.target_node_id AS id, e.weight, e.relation,
               e.evidence_chunk_tenant_id AS chunk_tenant_id, e.evidence_chunk_id AS chunk_id
          FROM public.kg_edges e
         WHERE e.source_tenant_id = w.tenant_id AND e.source_node_id = w.id
        UNION ALL
        SELECT e.source_tenant_id, e.source_node_id, e.weight, e.relation,
               e.evidence_chunk_tenant_id, e.evidence_chunk_id
          FROM public.kg_edges e
         WHERE e.target_tenant_id = w.tenant_id AND e.target_node_id = w.id) x
      ORDER BY x.weight DESC
      LIMIT {fanout}) nb
   WHERE w.depth < {depth} AND NOT nb.id = ANY (w.path)
)
SELECT * FROM walk

-- name: chunks
-- Graph candidates for fusion: chunks that are the evidence of an edge walked,
-- define a reached node, or mention one; closer and stronger count more.
WITH walked AS ({walk})
SELECT c.tenant_id, c.id, sum(h.strength / (1 + h.depth)) AS score
  FROM (
    SELECT w.edge_chunk_tenant_id AS tenant_id, w.edge_chunk_id AS id, w.strength, w.depth
      FROM walked w
     WHERE w.edge_chunk_id IS NOT NULL
    UNION ALL
    SELECT n.chunk_tenant_id, n.chunk_id, w.strength, w.depth
      FROM walked w
      JOIN public.kg_nodes n ON n.tenant_id = w.tenant_id AND n.id = w.id
     WHERE n.chunk_id IS NOT NULL
    UNION ALL
    SELECT e.tenant_id, e.chunk_id, w.strength, w.depth
      FROM walked w
      JOIN public.kg_nodes n ON n.tenant_id = w.tenant_id AND n.id = w.id
      JOIN public.rag_extracted_entities e
        ON e.tenant_id IN ((SELECT auth.tenant_id()), vital.platform_tenant_id())
       AND e.entity_type = ANY (CASE n.kind WHEN 'concept' THEN ARRAY['other', 'person', 'location']
                                            ELSE ARRAY[n.kind] END)
       AND e.normalized_text = lower(n.name)
  ) h
  JOIN public.rag_knowledge_chunks c ON c.tenant_id = h.tenant_id AND c.id = h.id
 WHERE {eligible}
 GROUP BY c.tenant_id, c.id
 ORDER BY score DESC, c.tenant_id, c.id
 LIMIT {fetch}

-- name: find_nodes
SELECT n.tenant_id, n.id, n.kind, n.name, n.normalized_key AS key, n.description,
       n.tenant_id = vital.platform_tenant_id() AS library,
       extensions.similarity(n.name, %(q)s) AS similarity
  FROM public.kg_nodes n
 WHERE (%(q)s::text IS NULL OR n.name OPERATOR(extensions.%%) %(q)s OR n.normalized_key = ANY (%(keys)s))
   AND (%(kind)s::text IS NULL OR n.kind = %(kind)s)
 ORDER BY similarity DESC NULLS LAST, n.name
 LIMIT %(limit)s;

-- name: node
SELECT n.tenant_id, n.id, n.kind, n.name, n.normalized_key AS key, n.description, n.properties,
       n.tenant_id = vital.platform_tenant_id() AS library,
       n.chunk_id, n.agent_id, n.domain_id
  FROM public.kg_nodes n
 WHERE n.tenant_id IN ((SELECT auth.tenant_id()), vital.platform_tenant_id()) AND n.id = %(id)s;

-- name: neighbourhood
-- The nodes within {depth} hops and the edges walked, with their evidence chunks.
SELECT w.depth, w.strength, w.via, w.path, n.tenant_id, n.id, n.kind, n.name, n.normalized_key AS key,
       n.tenant_id = vital.platform_tenant_id() AS library, w.edge_chunk_id AS chunk_id,
       c.document_id, c.chunk_index, left(c.chunk_text, 300) AS text
  FROM ({walk}) AS w
  JOIN public.kg_nodes n ON n.tenant_id = w.tenant_id AND n.id = w.id
  LEFT JOIN public.rag_knowledge_chunks c ON c.tenant_id = w.edge_chunk_tenant_id AND c.id = w.edge_chunk_id
 ORDER BY w.depth, w.strength DESC, n.name
 LIMIT %(limit)s;
