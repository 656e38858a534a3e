DROP FUNCTION IF EXISTS public.opportunity_landscape(uuid);
DROP FUNCTION IF EXISTS public.hybrid_search(text, extensions.vector, integer, jsonb, double precision,
                                             double precision, integer);
DROP FUNCTION IF EXISTS public.match_documents(extensions.vector, integer, jsonb);
DROP FUNCTION IF EXISTS public.match_chunks(extensions.vector, integer, jsonb);
