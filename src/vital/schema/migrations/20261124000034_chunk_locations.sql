-- Where each chunk is in its file, for citations (docs/knowledge.md, "Locations"): the
-- heading path, the page or pages (PDF), the slide (PowerPoint), the sheet and the range
-- of rows (Excel, CSV), the table and its rows; and, for text read from a page image by
-- OCR, the mean confidence of the engine. Both are the tenant's own like the rest of the
-- row (RLS unchanged). Chunks written before this file have an empty location; search
-- falls back on their metadata's section and page.

-- == types ===================================================================

-- == tables ==================================================================
ALTER TABLE public.rag_knowledge_chunks ADD COLUMN IF NOT EXISTS location jsonb NOT NULL DEFAULT '{}'::jsonb
  CONSTRAINT rag_knowledge_chunks_location_is_object CHECK (jsonb_typeof(location) = 'object');
ALTER TABLE public.rag_knowledge_chunks ADD COLUMN IF NOT EXISTS ocr_confidence real
  CONSTRAINT rag_knowledge_chunks_ocr_confidence_range CHECK (ocr_confidence BETWEEN 0 AND 1);
COMMENT ON COLUMN public.rag_knowledge_chunks.location IS 'Where the chunk is in its file: section (heading path), page and page_end, slide and slide_end, sheet, table, rows [first, last], notes (speaker notes).';
COMMENT ON COLUMN public.rag_knowledge_chunks.ocr_confidence IS 'Mean OCR confidence (0..1) when the chunk''s text was read from a page image; null for a text layer.';

-- == functions ===============================================================

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
