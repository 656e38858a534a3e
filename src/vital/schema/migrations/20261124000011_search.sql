-- Domain 11, Search (4 tables): kg_nodes, kg_edges, search_logs, search_feedback.
-- The knowledge graph lives in Postgres (walked with recursive queries) so that
-- it obeys the same RLS as the documents it was extracted from. The graph is
-- library: platform nodes and edges are read by every tenant, and a tenant's
-- edges may attach its own facts to platform nodes. Search logs and feedback
-- are tenant-private.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.kg_nodes (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  kind             text NOT NULL
                   CONSTRAINT kg_nodes_kind_check
                   CHECK (kind IN ('drug', 'disease', 'gene', 'protein', 'biomarker', 'adverse_event',
                                   'procedure', 'endpoint', 'organization', 'regulation', 'guideline',
                                   'trial', 'concept', 'agent', 'knowledge_domain')),
  name             text NOT NULL CHECK (length(btrim(name)) > 0),
  normalized_key   text NOT NULL,
  description      text,
  chunk_tenant_id  uuid,
  chunk_id         uuid,
  agent_tenant_id  uuid,
  agent_id         uuid,
  domain_tenant_id uuid,
  domain_id        uuid,
  properties       jsonb NOT NULL DEFAULT '{}'::jsonb
                   CONSTRAINT kg_nodes_properties_is_object CHECK (jsonb_typeof(properties) = 'object'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT kg_nodes_normalized_key UNIQUE (tenant_id, normalized_key),
  -- The kind prefix makes one key space per tenant serve every kind:
  -- regulation:ich-e6 and concept:ich-e6 are different nodes.
  CONSTRAINT kg_nodes_normalized_key_format
    CHECK (normalized_key ~ ('^' || kind || ':[a-z0-9][a-z0-9._/()+-]*$')),
  FOREIGN KEY (chunk_tenant_id, chunk_id) REFERENCES public.rag_knowledge_chunks (tenant_id, id)
    ON DELETE SET NULL (chunk_tenant_id, chunk_id),
  CONSTRAINT kg_nodes_chunk_tenant_check CHECK (chunk_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT kg_nodes_chunk_pair CHECK ((chunk_tenant_id IS NULL) = (chunk_id IS NULL)),
  FOREIGN KEY (agent_tenant_id, agent_id) REFERENCES public.agents (tenant_id, id)
    ON DELETE SET NULL (agent_tenant_id, agent_id),
  CONSTRAINT kg_nodes_agent_tenant_check CHECK (agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT kg_nodes_agent_pair CHECK ((agent_tenant_id IS NULL) = (agent_id IS NULL)),
  FOREIGN KEY (domain_tenant_id, domain_id) REFERENCES public.knowledge_domains (tenant_id, id)
    ON DELETE SET NULL (domain_tenant_id, domain_id),
  CONSTRAINT kg_nodes_domain_tenant_check CHECK (domain_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT kg_nodes_domain_pair CHECK ((domain_tenant_id IS NULL) = (domain_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.kg_nodes IS 'Knowledge-graph nodes: entities (drugs, regulations, concepts...) merged from extracted mentions, plus nodes standing for agents and knowledge domains.';
COMMENT ON COLUMN public.kg_nodes.kind IS 'Entity kind; also the prefix of normalized_key.';
COMMENT ON COLUMN public.kg_nodes.normalized_key IS '<kind>:<lower-case slug>, unique per tenant: the merge key for mentions of the same entity.';
COMMENT ON COLUMN public.kg_nodes.chunk_id IS 'A chunk (own or platform) that best defines the entity; optional.';
COMMENT ON COLUMN public.kg_nodes.agent_id IS 'For kind agent: the expert agent (own or platform) the node stands for.';
COMMENT ON COLUMN public.kg_nodes.domain_id IS 'For kind knowledge_domain, or the domain an entity belongs to: a knowledge_domains row (own or platform).';
COMMENT ON COLUMN public.kg_nodes.properties IS 'Free attributes of the entity (synonyms, codes, approval year).';

CREATE TABLE IF NOT EXISTS public.kg_edges (
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id               uuid NOT NULL REFERENCES public.tenants (id),
  source_tenant_id        uuid NOT NULL,
  source_node_id          uuid NOT NULL,
  target_tenant_id        uuid NOT NULL,
  target_node_id          uuid NOT NULL,
  relation                text NOT NULL
                          CONSTRAINT kg_edges_relation_check
                          CHECK (relation IN ('is_a', 'part_of', 'related_to', 'treats', 'causes', 'indicates',
                                              'contraindicated_with', 'interacts_with', 'measured_by',
                                              'regulates', 'requires', 'supersedes', 'applies_to',
                                              'mentions', 'expert_in')),
  weight                  real NOT NULL DEFAULT 1
                          CONSTRAINT kg_edges_weight_range CHECK (weight > 0 AND weight <= 1),
  evidence_chunk_tenant_id uuid,
  evidence_chunk_id       uuid,
  properties              jsonb NOT NULL DEFAULT '{}'::jsonb
                          CONSTRAINT kg_edges_properties_is_object CHECK (jsonb_typeof(properties) = 'object'),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  created_by              uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT kg_edges_key
    UNIQUE (tenant_id, source_tenant_id, source_node_id, relation, target_tenant_id, target_node_id),
  CONSTRAINT kg_edges_no_self_loop
    CHECK (source_tenant_id <> target_tenant_id OR source_node_id <> target_node_id),
  FOREIGN KEY (source_tenant_id, source_node_id) REFERENCES public.kg_nodes (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT kg_edges_source_tenant_check CHECK (source_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (target_tenant_id, target_node_id) REFERENCES public.kg_nodes (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT kg_edges_target_tenant_check CHECK (target_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (evidence_chunk_tenant_id, evidence_chunk_id) REFERENCES public.rag_knowledge_chunks (tenant_id, id)
    ON DELETE SET NULL (evidence_chunk_tenant_id, evidence_chunk_id),
  CONSTRAINT kg_edges_evidence_chunk_tenant_check
    CHECK (evidence_chunk_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT kg_edges_evidence_chunk_pair CHECK ((evidence_chunk_tenant_id IS NULL) = (evidence_chunk_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.kg_edges IS 'Directed, typed relations between nodes. An edge belongs to one tenant; either end may be a platform node, so a tenant can link its own facts to the library graph.';
COMMENT ON COLUMN public.kg_edges.relation IS 'Relation type read from source to target: <source> treats <target>.';
COMMENT ON COLUMN public.kg_edges.weight IS 'Confidence or strength of the relation, (0, 1]; graph walks multiply weights along a path.';
COMMENT ON COLUMN public.kg_edges.evidence_chunk_id IS 'The chunk (own or platform) the relation was read from; shown as the edge''s citation.';

CREATE TABLE IF NOT EXISTS public.search_logs (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  query        text NOT NULL,
  strategy     text NOT NULL
               CONSTRAINT search_logs_strategy_check
               CHECK (strategy IN ('vector', 'fulltext', 'hybrid', 'graph', 'fusion')),
  embedding_model_tenant_id uuid,
  embedding_model_id        uuid,
  filters      jsonb NOT NULL DEFAULT '{}'::jsonb
               CONSTRAINT search_logs_filters_is_object CHECK (jsonb_typeof(filters) = 'object'),
  results      jsonb NOT NULL DEFAULT '[]'::jsonb
               CONSTRAINT search_logs_results_shape
               CHECK (jsonb_typeof(results) = 'array'
                      AND NOT jsonb_path_exists(results, '$[*] ? (@.type() != "object")')),
  result_count integer NOT NULL DEFAULT 0
               CONSTRAINT search_logs_result_count_range CHECK (result_count >= 0),
  latency_ms   integer NOT NULL
               CONSTRAINT search_logs_latency_range CHECK (latency_ms >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (embedding_model_tenant_id, embedding_model_id) REFERENCES public.embedding_models (tenant_id, id),
  CONSTRAINT search_logs_embedding_model_tenant_check
    CHECK (embedding_model_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT search_logs_embedding_model_pair
    CHECK ((embedding_model_tenant_id IS NULL) = (embedding_model_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.search_logs IS 'One row per knowledge search: what was asked, how it was searched, how long it took, what came back. created_by is the searching user.';
COMMENT ON COLUMN public.search_logs.strategy IS 'vector (HNSW) | fulltext (tsvector) | hybrid (both, reciprocal rank fusion) | graph (kg walk) | fusion (hybrid plus graph).';
COMMENT ON COLUMN public.search_logs.embedding_model_id IS 'The model that embedded the query, for vector strategies.';
COMMENT ON COLUMN public.search_logs.filters IS 'The filters applied (collection, domains, document metadata), as the API received them.';
COMMENT ON COLUMN public.search_logs.results IS 'Ranked hits as [{"rank", "chunk_tenant_id", "chunk_id", "score"}], kept for evaluation against search_feedback.';
COMMENT ON COLUMN public.search_logs.latency_ms IS 'Server time of the search in milliseconds, embedding of the query included.';

CREATE TABLE IF NOT EXISTS public.search_feedback (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  search_log_id   uuid NOT NULL,
  chunk_tenant_id uuid,
  chunk_id        uuid,
  rating          smallint
                  CONSTRAINT search_feedback_rating_range CHECK (rating BETWEEN 1 AND 5),
  is_relevant     boolean,
  comment         text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT search_feedback_has_judgement CHECK (rating IS NOT NULL OR is_relevant IS NOT NULL),
  -- One judgement per user, search and hit (chunk null: the result list as a whole).
  CONSTRAINT search_feedback_key
    UNIQUE NULLS NOT DISTINCT (tenant_id, search_log_id, chunk_tenant_id, chunk_id, created_by),
  FOREIGN KEY (tenant_id, search_log_id) REFERENCES public.search_logs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (chunk_tenant_id, chunk_id) REFERENCES public.rag_knowledge_chunks (tenant_id, id)
    ON DELETE SET NULL (chunk_tenant_id, chunk_id),
  CONSTRAINT search_feedback_chunk_tenant_check CHECK (chunk_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT search_feedback_chunk_pair CHECK ((chunk_tenant_id IS NULL) = (chunk_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.search_feedback IS 'Users'' judgements of search results (a hit or the whole list): relevance labels for evaluating and tuning retrieval.';
COMMENT ON COLUMN public.search_feedback.chunk_id IS 'The judged hit (own or platform chunk); null when the judgement is on the result list as a whole.';
COMMENT ON COLUMN public.search_feedback.rating IS 'Usefulness 1-5; is_relevant is the binary label. At least one of them is given.';

-- == policies ================================================================
CALL vital.secure_tenant_table('public.kg_nodes', library => true);
CALL vital.secure_tenant_table('public.kg_edges', library => true);
CALL vital.secure_tenant_table('public.search_logs');
CALL vital.secure_tenant_table('public.search_feedback');

-- == indexes =================================================================
-- (tenant_id, normalized_key) is kg_nodes_normalized_key.
CREATE INDEX IF NOT EXISTS kg_nodes_kind_idx ON public.kg_nodes (tenant_id, kind);
CREATE INDEX IF NOT EXISTS kg_nodes_chunk_idx ON public.kg_nodes (chunk_tenant_id, chunk_id);
CREATE INDEX IF NOT EXISTS kg_nodes_agent_idx ON public.kg_nodes (agent_tenant_id, agent_id);
CREATE INDEX IF NOT EXISTS kg_nodes_domain_idx ON public.kg_nodes (domain_tenant_id, domain_id);
CREATE INDEX IF NOT EXISTS kg_nodes_created_by_idx ON public.kg_nodes (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS kg_nodes_properties_idx ON public.kg_nodes USING gin (properties);
-- Graph search starts by matching query words to node names, typos included.
CREATE INDEX IF NOT EXISTS kg_nodes_name_trgm_idx ON public.kg_nodes USING gin (name extensions.gin_trgm_ops);

-- Walks go both ways: out of a node (source) and into it (target).
CREATE INDEX IF NOT EXISTS kg_edges_source_idx ON public.kg_edges (source_tenant_id, source_node_id);
CREATE INDEX IF NOT EXISTS kg_edges_target_idx ON public.kg_edges (target_tenant_id, target_node_id);
CREATE INDEX IF NOT EXISTS kg_edges_evidence_chunk_idx ON public.kg_edges (evidence_chunk_tenant_id, evidence_chunk_id);
CREATE INDEX IF NOT EXISTS kg_edges_created_by_idx ON public.kg_edges (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS search_logs_embedding_model_idx
  ON public.search_logs (embedding_model_tenant_id, embedding_model_id);
CREATE INDEX IF NOT EXISTS search_logs_created_by_idx ON public.search_logs (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS search_logs_created_at_idx ON public.search_logs (tenant_id, created_at);

-- (tenant_id, search_log_id) leads search_feedback_key.
CREATE INDEX IF NOT EXISTS search_feedback_chunk_idx ON public.search_feedback (chunk_tenant_id, chunk_id);
CREATE INDEX IF NOT EXISTS search_feedback_created_by_idx ON public.search_feedback (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS search_feedback_created_at_idx ON public.search_feedback (tenant_id, created_at);
