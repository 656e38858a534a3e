SELECT count(*) FROM public.rag_documents WHERE tenant_id = (SELECT auth.tenant_id()) AND deleted_at IS NULL
