-- Storage (docs/api.md#storage): Supabase Storage's buckets and objects for each
-- tenant, served at /storage/v1, with the bytes in PostgreSQL (bytea), so one
-- database holds, backs up and restores everything.
-- The tables live in schema public, not in a `storage` schema as in Supabase:
-- there they obey every rule of SCHEMA.md with no new code — tenant_id, keys led
-- by it, RLS forced with tenant_isolation and their role class, carried by tenant
-- export and import, removed by erase, covered by the generated isolation tests
-- and the schema docs — because all of these read the one catalog of public.
-- /rest/v1 serves their rows under RLS like any table's; the bytes are meant for
-- /storage/v1.
-- A tenant's default bucket, `documents`, is made by vital.storage_default_bucket()
-- the first time the tenant uses storage (not by a trigger on tenants: a tenant
-- import then brings its own bucket row without a conflict).

-- == types ===================================================================

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.storage_buckets (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  name               text NOT NULL
                     CONSTRAINT storage_buckets_name_format CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  file_size_limit    bigint CONSTRAINT storage_buckets_file_size_limit_range CHECK (file_size_limit > 0),
  allowed_mime_types text[],
  metadata           jsonb NOT NULL DEFAULT '{}'::jsonb
                     CONSTRAINT storage_buckets_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT storage_buckets_name_key UNIQUE (tenant_id, name),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.storage_buckets IS 'A tenant''s storage buckets (Supabase Storage at /storage/v1); `documents` is every tenant''s default, and an upload into it is ingested into the knowledge base.';
COMMENT ON COLUMN public.storage_buckets.name IS 'The bucket''s name, which /storage/v1 calls its id (as Supabase Storage does): lower-case letters, digits, dot, dash, underscore; unique in the tenant.';
COMMENT ON COLUMN public.storage_buckets.file_size_limit IS 'Largest object in bytes; null: the deployment''s VITAL_STORAGE_MAX_OBJECT_BYTES.';
COMMENT ON COLUMN public.storage_buckets.allowed_mime_types IS 'MIME types an upload may have (type/* wildcards); null: any.';

CREATE TABLE IF NOT EXISTS public.storage_objects (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  bucket_id        uuid NOT NULL,
  name             text NOT NULL
                   CONSTRAINT storage_objects_name_format
                   CHECK (length(name) BETWEEN 1 AND 1024 AND name !~ '(^/|/$|//|(^|/)\.\.?(/|$)|[\x01-\x1f])'),
  mime_type        text NOT NULL DEFAULT 'application/octet-stream',
  data             bytea NOT NULL,
  size             bigint GENERATED ALWAYS AS (octet_length(data)) STORED,
  content_hash     text GENERATED ALWAYS AS (encode(sha256(data), 'hex')) STORED,
  metadata         jsonb NOT NULL DEFAULT '{}'::jsonb
                   CONSTRAINT storage_objects_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  document_id      uuid,
  ingestion_job_id uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT storage_objects_path_key UNIQUE (tenant_id, bucket_id, name),
  FOREIGN KEY (tenant_id, bucket_id) REFERENCES public.storage_buckets (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES public.rag_documents (tenant_id, id) ON DELETE SET NULL (document_id),
  FOREIGN KEY (tenant_id, ingestion_job_id) REFERENCES public.rag_ingestion_jobs (tenant_id, id)
    ON DELETE SET NULL (ingestion_job_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.storage_objects IS 'Files of the tenant''s buckets, bytes included (/storage/v1); the original of every ingested document is kept in the bucket `documents`.';
COMMENT ON COLUMN public.storage_objects.name IS 'The object''s path in its bucket (folders/file.pdf): no leading, trailing or double slash, no . or .. segment.';
COMMENT ON COLUMN public.storage_objects.data IS 'The bytes. Counted against the tier''s storage_bytes limit.';
COMMENT ON COLUMN public.storage_objects.size IS 'Bytes of data (generated).';
COMMENT ON COLUMN public.storage_objects.content_hash IS 'sha256 of data, hex (generated): the ETag, and how ingestion knows an original is already stored.';
COMMENT ON COLUMN public.storage_objects.metadata IS 'The uploader''s metadata (Supabase''s user_metadata).';
COMMENT ON COLUMN public.storage_objects.document_id IS 'The knowledge document this file is the original of; a member reads the object only when they may read that document.';
COMMENT ON COLUMN public.storage_objects.ingestion_job_id IS 'The ingestion job an upload into `documents` started (rag_ingestion_jobs: status, errors).';

-- == functions ===============================================================
-- The caller's tenant's default bucket, made on first use. Runs as its owner so
-- that any member (not only admins, who may write buckets) gets it; the tenant
-- comes from the claims, never from an argument, and nothing else is written.
CREATE OR REPLACE FUNCTION vital.storage_default_bucket()
  RETURNS void
  LANGUAGE plpgsql
  VOLATILE
  SECURITY DEFINER
  SET search_path = ''
  AS $$
DECLARE
  v_tenant uuid := auth.tenant_id();
BEGIN
  IF v_tenant IS NULL OR v_tenant = vital.platform_tenant_id() THEN
    RETURN;
  END IF;
  INSERT INTO public.storage_buckets (tenant_id, name, created_by)
  VALUES (v_tenant, 'documents', NULL)
  ON CONFLICT ON CONSTRAINT storage_buckets_name_key DO NOTHING;
END
$$;
COMMENT ON FUNCTION vital.storage_default_bucket() IS
  'Creates the caller''s tenant''s bucket `documents` if it does not exist yet (tenant from the claims).';
REVOKE ALL ON FUNCTION vital.storage_default_bucket() FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION vital.storage_default_bucket() TO authenticated, service_role;

-- == triggers ================================================================

-- == policies ================================================================
CALL vital.secure_tenant_table('public.storage_buckets');
CALL vital.secure_tenant_table('public.storage_objects');
-- Buckets are the tenant's settings (admins); objects are data (members write).
CALL vital.secure_table_roles('public.storage_buckets', 'admin');
CALL vital.secure_table_roles('public.storage_objects', 'data');
-- The original of a document is read only by those who may read the document
-- (rag_document_access); other objects (document_id null) by every member.
DROP POLICY IF EXISTS documents_readable ON public.storage_objects;
CREATE POLICY documents_readable ON public.storage_objects AS RESTRICTIVE FOR SELECT TO authenticated
  USING (document_id IS NULL OR document_id <> ALL (ARRAY(SELECT vital.rag_unreadable_documents())));

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS storage_buckets_created_by_idx ON public.storage_buckets (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS storage_objects_document_id_idx ON public.storage_objects (tenant_id, document_id);
CREATE INDEX IF NOT EXISTS storage_objects_ingestion_job_id_idx ON public.storage_objects (tenant_id, ingestion_job_id);
CREATE INDEX IF NOT EXISTS storage_objects_created_by_idx ON public.storage_objects (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS storage_objects_created_at_idx ON public.storage_objects (tenant_id, created_at);
