-- Rollback of 20261124000016_knowledge_search.
DROP INDEX IF EXISTS public.rag_documents_source_ref_idx;
DROP INDEX IF EXISTS public.rag_knowledge_chunks_tenant_model_idx;
DROP FUNCTION IF EXISTS vital.rag_unreadable_documents();
