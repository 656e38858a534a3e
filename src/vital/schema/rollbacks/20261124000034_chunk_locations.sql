-- Rollback of 20261124000034_chunk_locations.
ALTER TABLE public.rag_knowledge_chunks DROP COLUMN IF EXISTS ocr_confidence;
ALTER TABLE public.rag_knowledge_chunks DROP COLUMN IF EXISTS location;
