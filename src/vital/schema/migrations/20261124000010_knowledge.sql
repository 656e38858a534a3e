-- Domain 6, Knowledge (10 tables): embedding_models, knowledge_sources,
-- knowledge_collections, rag_documents, rag_document_versions,
-- rag_knowledge_chunks, rag_ingestion_jobs, rag_extracted_entities,
-- rag_document_domains, rag_document_access.
-- Vectors live in pgvector beside the rows they describe, so search obeys RLS.
-- Embedding design (docs/domains/knowledge.md): vector columns have no fixed
-- dimension; each vector names the model that made it, and every model gets
-- its own partial HNSW index on embedding::vector(<its dimensions>).

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.embedding_models (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  provider    text NOT NULL
              CONSTRAINT embedding_models_provider_check CHECK (provider IN ('local', 'openai_compatible')),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  dimensions  integer NOT NULL
              CONSTRAINT embedding_models_dimensions_range CHECK (dimensions BETWEEN 1 AND 2000),
  is_active   boolean NOT NULL DEFAULT true,
  max_input_tokens integer CHECK (max_input_tokens > 0),
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT embedding_models_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT embedding_models_model_key UNIQUE (tenant_id, provider, name, dimensions),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.embedding_models IS 'The embedding models whose vectors are stored; every vector names its model. Registering a model builds its HNSW indexes (vital.ensure_embedding_indexes).';
COMMENT ON COLUMN public.embedding_models.provider IS 'local (in-process model, e.g. all-MiniLM-L6-v2) | openai_compatible (any /v1/embeddings endpoint).';
COMMENT ON COLUMN public.embedding_models.name IS 'The model name as the provider knows it (text-embedding-3-small).';
COMMENT ON COLUMN public.embedding_models.dimensions IS 'Length of every vector this model makes; fixed once registered. 2000 is the HNSW limit of type vector.';
COMMENT ON COLUMN public.embedding_models.is_active IS 'Vectors of this model are searched. Two models are active while a tenant switches models; false once its vectors are gone.';
COMMENT ON COLUMN public.embedding_models.settings IS 'Non-secret settings (base_url, normalize, query/document prefixes). Keys live in the deployment config, never here.';

CREATE TABLE IF NOT EXISTS public.knowledge_sources (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  slug           text NOT NULL
                 CONSTRAINT knowledge_sources_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name           text NOT NULL CHECK (length(btrim(name)) > 0),
  kind           text NOT NULL
                 CONSTRAINT knowledge_sources_kind_check
                 CHECK (kind IN ('upload', 'web', 'regulatory_feed', 'literature', 'internal_wiki', 'api')),
  uri            text,
  description    text,
  config         jsonb NOT NULL DEFAULT '{}'::jsonb
                 CONSTRAINT knowledge_sources_config_is_object CHECK (jsonb_typeof(config) = 'object')
                 CONSTRAINT knowledge_sources_config_no_secrets
                 CHECK (NOT (config ?| ARRAY['password', 'api_key', 'secret', 'token', 'client_secret'])),
  status         text NOT NULL DEFAULT 'active'
                 CONSTRAINT knowledge_sources_status_check CHECK (status IN ('active', 'paused', 'archived')),
  last_synced_at timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT knowledge_sources_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.knowledge_sources IS 'Where documents come from (uploads, a regulator''s guidance feed, a wiki, a literature search); the connector''s provenance for rag_documents.';
COMMENT ON COLUMN public.knowledge_sources.uri IS 'Base location of the source (URL, share path); a document keeps its own source_ref within it.';
COMMENT ON COLUMN public.knowledge_sources.config IS 'Connector settings (filters, schedule); credentials are refused by a CHECK and live in the deployment secrets.';

CREATE TABLE IF NOT EXISTS public.knowledge_collections (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT knowledge_collections_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text NOT NULL CHECK (length(btrim(name)) > 0),
  description text,
  status      text NOT NULL DEFAULT 'active'
              CONSTRAINT knowledge_collections_status_check CHECK (status IN ('active', 'archived')),
  metadata    jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT knowledge_collections_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT knowledge_collections_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.knowledge_collections IS 'Named sets of documents that a search or an agent can be scoped to (SOPs, guidance, literature).';

CREATE TABLE IF NOT EXISTS public.rag_documents (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  collection_id uuid,
  source_id     uuid,
  source_ref    text,
  title         text NOT NULL CHECK (length(btrim(title)) > 0),
  content       text NOT NULL DEFAULT '',
  content_hash  text NOT NULL
                CONSTRAINT rag_documents_content_hash_sha256 CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  version       integer NOT NULL DEFAULT 1
                CONSTRAINT rag_documents_version_positive CHECK (version >= 1),
  mime_type     text NOT NULL DEFAULT 'text/plain'
                CONSTRAINT rag_documents_mime_type_format
                CHECK (mime_type ~ '^[a-z]+/[a-z0-9][a-z0-9.+-]*$'),
  language      text NOT NULL DEFAULT 'en'
                CONSTRAINT rag_documents_language_format CHECK (language ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
  status        text NOT NULL DEFAULT 'pending'
                CONSTRAINT rag_documents_status_check
                CHECK (status IN ('pending', 'processing', 'ready', 'failed', 'archived')),
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb
                CONSTRAINT rag_documents_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  embedding     extensions.vector,
  embedding_model_tenant_id uuid,
  embedding_model_id        uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  deleted_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  -- Soft-deleted rows count too: re-uploading deleted content restores that row.
  CONSTRAINT rag_documents_content_hash_key UNIQUE NULLS NOT DISTINCT (tenant_id, collection_id, content_hash),
  -- No cascade: a collection that still holds documents cannot be deleted.
  FOREIGN KEY (tenant_id, collection_id) REFERENCES public.knowledge_collections (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES public.knowledge_sources (tenant_id, id)
    ON DELETE SET NULL (source_id),
  FOREIGN KEY (embedding_model_tenant_id, embedding_model_id) REFERENCES public.embedding_models (tenant_id, id),
  CONSTRAINT rag_documents_embedding_model_tenant_check
    CHECK (embedding_model_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT rag_documents_embedding_model_pair
    CHECK ((embedding_model_id IS NULL) = (embedding_model_tenant_id IS NULL)),
  CONSTRAINT rag_documents_embedding_model_required
    CHECK (embedding IS NULL OR embedding_model_id IS NOT NULL),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_documents IS 'Documents of the knowledge base; platform rows are the library every tenant reads. Soft-deleted (deleted_at); each content change is kept in rag_document_versions.';
COMMENT ON COLUMN public.rag_documents.collection_id IS 'The collection holding the document; null means the tenant''s general library.';
COMMENT ON COLUMN public.rag_documents.source_ref IS 'Where in its source the document was found (URL, file path, PubMed id).';
COMMENT ON COLUMN public.rag_documents.content IS 'Extracted plain text of the current version (the chunks are cut from it).';
COMMENT ON COLUMN public.rag_documents.content_hash IS 'sha256 hex of the uploaded bytes: one copy per tenant and collection (de-duplication).';
COMMENT ON COLUMN public.rag_documents.version IS 'Current version; raised by a trigger whenever content or content_hash changes.';
COMMENT ON COLUMN public.rag_documents.mime_type IS 'Format of the original upload (application/pdf, text/markdown...).';
COMMENT ON COLUMN public.rag_documents.status IS 'pending | processing | ready (chunked, searchable) | failed | archived.';
COMMENT ON COLUMN public.rag_documents.embedding IS 'Whole-document vector (title and summary); any dimension, that of embedding_model_id.';
COMMENT ON COLUMN public.rag_documents.deleted_at IS 'Soft delete: set = hidden from search and normal reads (filter deleted_at IS NULL); clear it to restore.';
COMMENT ON COLUMN public.rag_documents.embedding_model_id IS 'The model that made embedding (own or platform model); its partial HNSW index serves the search.';

CREATE TABLE IF NOT EXISTS public.rag_document_versions (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  document_id  uuid NOT NULL,
  version      integer NOT NULL
               CONSTRAINT rag_document_versions_version_positive CHECK (version >= 1),
  title        text NOT NULL,
  content      text NOT NULL,
  content_hash text NOT NULL
               CONSTRAINT rag_document_versions_content_hash_sha256 CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  mime_type    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_document_versions_version_key UNIQUE (tenant_id, document_id, version),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_document_versions IS 'Content history of a document, one row per version, written by a trigger on rag_documents.';

CREATE TABLE IF NOT EXISTS public.rag_knowledge_chunks (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  document_id   uuid NOT NULL,
  chunk_index   integer NOT NULL
                CONSTRAINT rag_knowledge_chunks_chunk_index_range CHECK (chunk_index >= 0),
  chunk_text    text NOT NULL CHECK (length(btrim(chunk_text)) > 0),
  token_count   integer NOT NULL DEFAULT 0
                CONSTRAINT rag_knowledge_chunks_token_count_range CHECK (token_count >= 0),
  char_start    integer,
  char_end      integer,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', chunk_text)) STORED,
  embedding     extensions.vector,
  embedding_model_tenant_id uuid,
  embedding_model_id        uuid,
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb
                CONSTRAINT rag_knowledge_chunks_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_knowledge_chunks_document_index_key UNIQUE (tenant_id, document_id, chunk_index),
  CONSTRAINT rag_knowledge_chunks_char_range
    CHECK (char_start IS NULL AND char_end IS NULL OR 0 <= char_start AND char_start < char_end),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (embedding_model_tenant_id, embedding_model_id) REFERENCES public.embedding_models (tenant_id, id),
  CONSTRAINT rag_knowledge_chunks_embedding_model_tenant_check
    CHECK (embedding_model_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT rag_knowledge_chunks_embedding_model_pair
    CHECK ((embedding_model_id IS NULL) = (embedding_model_tenant_id IS NULL)),
  CONSTRAINT rag_knowledge_chunks_embedding_model_required
    CHECK (embedding IS NULL OR embedding_model_id IS NOT NULL),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_knowledge_chunks IS 'Retrieval units cut from a document: text, full-text vector and embedding. Platform chunks are library rows that tenants search and cite.';
COMMENT ON COLUMN public.rag_knowledge_chunks.chunk_index IS 'Position of the chunk in its document, from 0.';
COMMENT ON COLUMN public.rag_knowledge_chunks.token_count IS 'Tokens of chunk_text as counted by the tokenizer of the chunker.';
COMMENT ON COLUMN public.rag_knowledge_chunks.char_start IS 'Offset of the chunk''s first character in rag_documents.content (0-based); char_end is exclusive.';
COMMENT ON COLUMN public.rag_knowledge_chunks.search_vector IS 'English full-text vector of chunk_text, generated; the keyword half of hybrid search.';
COMMENT ON COLUMN public.rag_knowledge_chunks.embedding IS 'Chunk vector of any dimension, that of embedding_model_id; null until embedded. Search it as embedding::extensions.vector(<dims>) WHERE embedding_model_id = <model> (see docs).';
COMMENT ON COLUMN public.rag_knowledge_chunks.embedding_model_id IS 'The model that made embedding; selects the per-model partial HNSW index.';
COMMENT ON COLUMN public.rag_knowledge_chunks.metadata IS 'Chunk position details (page, section heading) shown with citations.';

CREATE TABLE IF NOT EXISTS public.rag_ingestion_jobs (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  kind          text NOT NULL DEFAULT 'ingest'
                CONSTRAINT rag_ingestion_jobs_kind_check CHECK (kind IN ('ingest', 'sync', 'embed', 'delete')),
  document_id   uuid,
  source_id     uuid,
  collection_id uuid,
  embedding_model_tenant_id uuid,
  embedding_model_id        uuid,
  status        text NOT NULL DEFAULT 'queued'
                CONSTRAINT rag_ingestion_jobs_status_check
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'partial')),
  items_total   integer NOT NULL DEFAULT 0,
  items_done    integer NOT NULL DEFAULT 0,
  items_failed  integer NOT NULL DEFAULT 0,
  progress      numeric(5, 4) GENERATED ALWAYS AS (
                  CASE WHEN items_total > 0
                       THEN round((items_done + items_failed)::numeric / items_total, 4) END
                ) STORED,
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb
                CONSTRAINT rag_ingestion_jobs_errors_shape
                CHECK (jsonb_typeof(errors) = 'array'
                       AND NOT jsonb_path_exists(errors, '$[*] ? (@.type() != "object")')),
  started_at    timestamptz,
  finished_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_ingestion_jobs_counts_check
    CHECK (items_total >= 0 AND items_done >= 0 AND items_failed >= 0
           AND items_done + items_failed <= items_total),
  CONSTRAINT rag_ingestion_jobs_time_order CHECK (finished_at >= started_at),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id)
    ON DELETE SET NULL (document_id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES public.knowledge_sources (tenant_id, id)
    ON DELETE SET NULL (source_id),
  FOREIGN KEY (tenant_id, collection_id) REFERENCES public.knowledge_collections (tenant_id, id)
    ON DELETE SET NULL (collection_id),
  FOREIGN KEY (embedding_model_tenant_id, embedding_model_id) REFERENCES public.embedding_models (tenant_id, id),
  CONSTRAINT rag_ingestion_jobs_embedding_model_tenant_check
    CHECK (embedding_model_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT rag_ingestion_jobs_embedding_model_pair
    CHECK ((embedding_model_id IS NULL) = (embedding_model_tenant_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_ingestion_jobs IS 'Background work on the knowledge base: ingest a document, sync a source, (re-)embed with a model, purge.';
COMMENT ON COLUMN public.rag_ingestion_jobs.kind IS 'ingest (extract, chunk, embed one document) | sync (pull a source) | embed (write vectors of embedding_model_id) | delete.';
COMMENT ON COLUMN public.rag_ingestion_jobs.embedding_model_id IS 'Model the job embeds with; for kind embed, the model being switched to.';
COMMENT ON COLUMN public.rag_ingestion_jobs.status IS 'queued | running | succeeded | failed | partial (finished, some items failed).';
COMMENT ON COLUMN public.rag_ingestion_jobs.items_total IS 'Units of work (documents or chunks); 0 while unknown.';
COMMENT ON COLUMN public.rag_ingestion_jobs.progress IS 'Share of items processed (done or failed), 0-1; null while items_total is unknown.';
COMMENT ON COLUMN public.rag_ingestion_jobs.errors IS 'Array of error objects, e.g. {"item": "...", "code": "...", "message": "..."}.';

CREATE TABLE IF NOT EXISTS public.rag_extracted_entities (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  chunk_id      uuid NOT NULL,
  entity_text   text NOT NULL CHECK (length(btrim(entity_text)) > 0),
  normalized_text text NOT NULL,
  entity_type   text NOT NULL
                CONSTRAINT rag_extracted_entities_entity_type_check
                CHECK (entity_type IN ('drug', 'disease', 'gene', 'protein', 'biomarker', 'adverse_event',
                                       'procedure', 'endpoint', 'organization', 'regulation', 'person',
                                       'location', 'other')),
  start_offset  integer NOT NULL,
  end_offset    integer NOT NULL,
  confidence    real
                CONSTRAINT rag_extracted_entities_confidence_range CHECK (confidence BETWEEN 0 AND 1),
  ontology_code text,
  extractor     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_extracted_entities_offset_range CHECK (0 <= start_offset AND start_offset < end_offset),
  FOREIGN KEY (tenant_id, chunk_id) REFERENCES public.rag_knowledge_chunks (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_extracted_entities IS 'Named entities found in a chunk (drugs, diseases, regulations...), the raw material of the knowledge graph.';
COMMENT ON COLUMN public.rag_extracted_entities.normalized_text IS 'Lower-cased canonical form used to merge mentions into one kg_nodes row.';
COMMENT ON COLUMN public.rag_extracted_entities.start_offset IS 'Offset of the mention in chunk_text (0-based); end_offset is exclusive.';
COMMENT ON COLUMN public.rag_extracted_entities.ontology_code IS 'Code in a controlled vocabulary, prefixed by it: MeSH:D003924, MedDRA:10019211.';
COMMENT ON COLUMN public.rag_extracted_entities.extractor IS 'The model or rule set that found the entity.';

CREATE TABLE IF NOT EXISTS public.rag_document_domains (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  document_id      uuid NOT NULL,
  domain_tenant_id uuid NOT NULL,
  domain_id        uuid NOT NULL,
  relevance        real NOT NULL DEFAULT 1
                   CONSTRAINT rag_document_domains_relevance_range CHECK (relevance BETWEEN 0 AND 1),
  is_primary       boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_document_domains_key UNIQUE (tenant_id, document_id, domain_tenant_id, domain_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (domain_tenant_id, domain_id) REFERENCES public.knowledge_domains (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT rag_document_domains_domain_tenant_check
    CHECK (domain_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_document_domains IS 'Which knowledge domains (own or platform taxonomy) a document belongs to; scopes search by domain and agent.';
COMMENT ON COLUMN public.rag_document_domains.relevance IS 'How central the domain is to the document, 0-1.';

CREATE TABLE IF NOT EXISTS public.rag_document_access (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  document_id    uuid NOT NULL,
  principal_type text NOT NULL
                 CONSTRAINT rag_document_access_principal_type_check CHECK (principal_type IN ('user', 'team')),
  user_id        uuid,
  team_id        uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT rag_document_access_principal_match
    CHECK (principal_type = 'user' AND user_id IS NOT NULL AND team_id IS NULL
        OR principal_type = 'team' AND team_id IS NOT NULL AND user_id IS NULL),
  CONSTRAINT rag_document_access_key UNIQUE NULLS NOT DISTINCT (tenant_id, document_id, user_id, team_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES public.profiles (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, team_id) REFERENCES public.org_teams (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.rag_document_access IS 'Restricts a tenant document to listed members or teams; a document without rows is open to the whole tenant. Checked by vital.rag_document_readable().';
COMMENT ON COLUMN public.rag_document_access.user_id IS 'The member (auth user id, a profile of this tenant) allowed to read, when principal_type = user.';
COMMENT ON COLUMN public.rag_document_access.team_id IS 'The team (org_teams) whose members may read, when principal_type = team.';

-- == functions ===============================================================
-- Builds the partial HNSW index of one model on every embedding column. The cast
-- gives the index the fixed dimension HNSW needs; the predicate keeps each index
-- to the vectors of its model. Definer: registering a model is done by the service
-- role, which does not own the tables.
CREATE OR REPLACE FUNCTION vital.ensure_embedding_indexes(model_id uuid) RETURNS void
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = ''
  AS $$
  DECLARE
    dims integer;
    tbl text;
  BEGIN
    SELECT m.dimensions INTO dims FROM public.embedding_models m WHERE m.id = model_id;
    IF dims IS NULL THEN
      RAISE EXCEPTION 'embedding model % does not exist', model_id USING ERRCODE = 'no_data_found';
    END IF;
    FOREACH tbl IN ARRAY ARRAY['rag_documents', 'rag_knowledge_chunks'] LOOP
      EXECUTE format(
        'CREATE INDEX IF NOT EXISTS %I ON public.%I USING hnsw '
        '((embedding::extensions.vector(%s)) extensions.vector_cosine_ops) WHERE embedding_model_id = %L::uuid',
        tbl || '_hnsw_' || replace(model_id::text, '-', ''), tbl, dims, model_id);
    END LOOP;
  END
  $$;
COMMENT ON FUNCTION vital.ensure_embedding_indexes(uuid) IS
  'Creates (if missing) the per-model partial HNSW indexes <table>_hnsw_<model id hex> on rag_documents and rag_knowledge_chunks.';
GRANT EXECUTE ON FUNCTION vital.ensure_embedding_indexes(uuid) TO service_role;

-- A model's dimension is part of its index definitions and of every stored
-- vector, so it cannot change: a different dimension is a different model.
CREATE OR REPLACE FUNCTION vital.embedding_model_registered() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND NEW.dimensions <> OLD.dimensions THEN
      RAISE EXCEPTION 'the dimensions of embedding model % are fixed; register a new model', OLD.name
        USING ERRCODE = 'check_violation', CONSTRAINT = 'embedding_models_dimensions_fixed';
    END IF;
    PERFORM vital.ensure_embedding_indexes(NEW.id);
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.embedding_model_registered() IS
  'Trigger: builds the HNSW indexes of a newly registered embedding model; refuses a change of dimensions.';

-- Runs as the caller: the model it reads is one the row may reference (own or
-- platform), which RLS lets the caller see.
CREATE OR REPLACE FUNCTION vital.check_embedding_dimensions() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    dims integer;
  BEGIN
    IF NEW.embedding IS NULL OR NEW.embedding_model_id IS NULL THEN
      RETURN NEW;
    END IF;
    SELECT m.dimensions INTO dims FROM public.embedding_models m
     WHERE m.tenant_id = NEW.embedding_model_tenant_id AND m.id = NEW.embedding_model_id;
    IF dims IS NOT NULL AND extensions.vector_dims(NEW.embedding) <> dims THEN
      RAISE EXCEPTION 'embedding has % dimensions, model % makes %',
          extensions.vector_dims(NEW.embedding), NEW.embedding_model_id, dims
        USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_embedding_dimensions';
    END IF;
    RETURN NEW;
  END
  $$;
COMMENT ON FUNCTION vital.check_embedding_dimensions() IS
  'Trigger: a vector must have the dimension of the model it names (constraint <table>_embedding_dimensions).';

-- Version history cannot be skipped by a writer: BEFORE UPDATE raises the
-- version when the content changes, AFTER INSERT/UPDATE stores that version.
CREATE OR REPLACE FUNCTION vital.rag_document_versioning() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    IF TG_WHEN = 'BEFORE' THEN
      IF NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash THEN
        NEW.version := OLD.version + 1;
      ELSE
        NEW.version := OLD.version;
      END IF;
      RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.version <> OLD.version THEN
      INSERT INTO public.rag_document_versions (tenant_id, document_id, version, title, content, content_hash, mime_type)
      VALUES (NEW.tenant_id, NEW.id, NEW.version, NEW.title, NEW.content, NEW.content_hash, NEW.mime_type)
      ON CONFLICT (tenant_id, document_id, version) DO NOTHING;
    END IF;
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.rag_document_versioning() IS
  'Trigger on rag_documents: numbers content changes and copies each version into rag_document_versions.';

-- The one place the in-tenant restriction of rag_document_access is decided;
-- search and document reads call it (RLS itself only isolates tenants).
CREATE OR REPLACE FUNCTION vital.rag_document_readable(doc_tenant_id uuid, doc_id uuid) RETURNS boolean
  LANGUAGE sql STABLE
  SET search_path = ''
  AS $$
    SELECT doc_tenant_id = vital.platform_tenant_id()
        OR NOT EXISTS (SELECT FROM public.rag_document_access a
                        WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id)
        OR EXISTS (SELECT FROM public.rag_document_access a
                    WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id
                      AND a.principal_type = 'user' AND a.user_id = auth.uid())
        OR EXISTS (SELECT FROM public.rag_document_access a
                     JOIN public.org_team_members tm
                       ON tm.tenant_id = a.tenant_id AND tm.org_team_id = a.team_id
                    WHERE a.tenant_id = doc_tenant_id AND a.document_id = doc_id
                      AND a.principal_type = 'team' AND tm.user_id = auth.uid()
                      AND (tm.left_on IS NULL OR tm.left_on > current_date))
        OR EXISTS (SELECT FROM public.tenant_members m
                    WHERE m.tenant_id = doc_tenant_id AND m.user_id = auth.uid()
                      AND m.role IN ('owner', 'admin'))
  $$;
COMMENT ON FUNCTION vital.rag_document_readable(uuid, uuid) IS
  'True when the caller may read the document: platform document, no access rows, listed user, member of a listed team, or tenant owner/admin.';
GRANT EXECUTE ON FUNCTION vital.rag_document_readable(uuid, uuid) TO authenticated, service_role;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER embedding_model_registered AFTER INSERT OR UPDATE OF dimensions ON public.embedding_models
  FOR EACH ROW EXECUTE FUNCTION vital.embedding_model_registered();
CREATE OR REPLACE TRIGGER check_embedding_dimensions BEFORE INSERT OR UPDATE OF embedding, embedding_model_id
  ON public.rag_documents
  FOR EACH ROW EXECUTE FUNCTION vital.check_embedding_dimensions();
CREATE OR REPLACE TRIGGER check_embedding_dimensions BEFORE INSERT OR UPDATE OF embedding, embedding_model_id
  ON public.rag_knowledge_chunks
  FOR EACH ROW EXECUTE FUNCTION vital.check_embedding_dimensions();
CREATE OR REPLACE TRIGGER rag_document_version_bump BEFORE UPDATE ON public.rag_documents
  FOR EACH ROW EXECUTE FUNCTION vital.rag_document_versioning();
CREATE OR REPLACE TRIGGER rag_document_version_snapshot AFTER INSERT OR UPDATE ON public.rag_documents
  FOR EACH ROW EXECUTE FUNCTION vital.rag_document_versioning();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.rag_documents
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.embedding_models', library => true);
-- Registering a model builds indexes on shared tables: a deployment operation
-- (service role), not something a tenant session does. Tenants may still switch
-- their own models on and off.
REVOKE INSERT ON public.embedding_models FROM authenticated;
CALL vital.secure_tenant_table('public.knowledge_sources', library => true);
CALL vital.secure_tenant_table('public.knowledge_collections', library => true);
CALL vital.secure_tenant_table('public.rag_documents', library => true);
CALL vital.secure_tenant_table('public.rag_document_versions', library => true);
CALL vital.secure_tenant_table('public.rag_knowledge_chunks', library => true);
CALL vital.secure_tenant_table('public.rag_ingestion_jobs');
CALL vital.secure_tenant_table('public.rag_extracted_entities', library => true);
CALL vital.secure_tenant_table('public.rag_document_domains', library => true);
CALL vital.secure_tenant_table('public.rag_document_access');

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS embedding_models_created_by_idx ON public.embedding_models (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS knowledge_sources_created_by_idx ON public.knowledge_sources (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS knowledge_sources_status_idx ON public.knowledge_sources (tenant_id, status);

CREATE INDEX IF NOT EXISTS knowledge_collections_created_by_idx ON public.knowledge_collections (tenant_id, created_by);

-- (tenant_id, collection_id) leads rag_documents_content_hash_key.
CREATE INDEX IF NOT EXISTS rag_documents_source_id_idx ON public.rag_documents (tenant_id, source_id);
CREATE INDEX IF NOT EXISTS rag_documents_embedding_model_idx
  ON public.rag_documents (embedding_model_tenant_id, embedding_model_id);
CREATE INDEX IF NOT EXISTS rag_documents_created_by_idx ON public.rag_documents (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS rag_documents_status_idx ON public.rag_documents (tenant_id, status);
CREATE INDEX IF NOT EXISTS rag_documents_created_at_idx ON public.rag_documents (tenant_id, created_at);
CREATE INDEX IF NOT EXISTS rag_documents_metadata_idx ON public.rag_documents USING gin (metadata);

CREATE INDEX IF NOT EXISTS rag_document_versions_created_by_idx ON public.rag_document_versions (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS rag_knowledge_chunks_embedding_model_idx
  ON public.rag_knowledge_chunks (embedding_model_tenant_id, embedding_model_id);
CREATE INDEX IF NOT EXISTS rag_knowledge_chunks_created_by_idx ON public.rag_knowledge_chunks (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS rag_knowledge_chunks_search_vector_idx
  ON public.rag_knowledge_chunks USING gin (search_vector);

CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_document_id_idx ON public.rag_ingestion_jobs (tenant_id, document_id);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_source_id_idx ON public.rag_ingestion_jobs (tenant_id, source_id);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_collection_id_idx ON public.rag_ingestion_jobs (tenant_id, collection_id);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_embedding_model_idx
  ON public.rag_ingestion_jobs (embedding_model_tenant_id, embedding_model_id);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_created_by_idx ON public.rag_ingestion_jobs (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_status_idx ON public.rag_ingestion_jobs (tenant_id, status);
CREATE INDEX IF NOT EXISTS rag_ingestion_jobs_created_at_idx ON public.rag_ingestion_jobs (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS rag_extracted_entities_chunk_id_idx ON public.rag_extracted_entities (tenant_id, chunk_id);
CREATE INDEX IF NOT EXISTS rag_extracted_entities_created_by_idx ON public.rag_extracted_entities (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS rag_extracted_entities_normalized_idx
  ON public.rag_extracted_entities (tenant_id, entity_type, normalized_text);

-- (tenant_id, document_id) leads rag_document_domains_key.
CREATE INDEX IF NOT EXISTS rag_document_domains_domain_idx ON public.rag_document_domains (domain_tenant_id, domain_id);
CREATE INDEX IF NOT EXISTS rag_document_domains_created_by_idx ON public.rag_document_domains (tenant_id, created_by);

-- (tenant_id, document_id) leads rag_document_access_key.
CREATE INDEX IF NOT EXISTS rag_document_access_user_id_idx ON public.rag_document_access (tenant_id, user_id);
CREATE INDEX IF NOT EXISTS rag_document_access_team_id_idx ON public.rag_document_access (tenant_id, team_id);
CREATE INDEX IF NOT EXISTS rag_document_access_created_by_idx ON public.rag_document_access (tenant_id, created_by);

-- Per-model HNSW indexes: normally built when a model is registered; re-run
-- here so that a database restored without them, or a re-applied migration,
-- gets back every model's index.
DO $$
BEGIN
  PERFORM vital.ensure_embedding_indexes(m.id) FROM public.embedding_models m;
END $$;
