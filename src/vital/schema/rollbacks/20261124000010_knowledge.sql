-- Rollback of 20261124000010_knowledge.
-- The per-model HNSW indexes go with their tables.
DROP TABLE IF EXISTS public.rag_document_access;
DROP TABLE IF EXISTS public.rag_document_domains;
DROP TABLE IF EXISTS public.rag_extracted_entities;
DROP TABLE IF EXISTS public.rag_ingestion_jobs;
DROP TABLE IF EXISTS public.rag_knowledge_chunks;
DROP TABLE IF EXISTS public.rag_document_versions;
DROP TABLE IF EXISTS public.rag_documents;
DROP TABLE IF EXISTS public.knowledge_collections;
DROP TABLE IF EXISTS public.knowledge_sources;
DROP TABLE IF EXISTS public.embedding_models;
DROP FUNCTION IF EXISTS vital.rag_document_readable(uuid, uuid);
DROP FUNCTION IF EXISTS vital.rag_document_versioning();
DROP FUNCTION IF EXISTS vital.check_embedding_dimensions();
DROP FUNCTION IF EXISTS vital.embedding_model_registered();
DROP FUNCTION IF EXISTS vital.ensure_embedding_indexes(uuid);
