-- Rollback of 20261124000011_search.
DROP TABLE IF EXISTS public.search_feedback;
DROP TABLE IF EXISTS public.search_logs;
DROP TABLE IF EXISTS public.kg_edges;
DROP TABLE IF EXISTS public.kg_nodes;
