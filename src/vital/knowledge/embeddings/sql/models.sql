-- Embedding models: registration (service role or owner) and the models a tenant searches.

-- name: register
-- Deployment models are platform rows, shared by every tenant. Inserting one
-- builds its HNSW indexes (trigger embedding_model_registered).
INSERT INTO public.embedding_models (tenant_id, provider, name, dimensions, is_active, max_input_tokens, settings)
VALUES (vital.platform_tenant_id(), %(provider)s, %(name)s, %(dimensions)s, true, %(max_input_tokens)s,
        %(settings)s::jsonb)
ON CONFLICT ON CONSTRAINT embedding_models_model_key
  DO UPDATE SET settings = public.embedding_models.settings || EXCLUDED.settings, is_active = true
  WHERE NOT (public.embedding_models.settings @> EXCLUDED.settings AND public.embedding_models.is_active)
RETURNING tenant_id, id, provider, name, dimensions;

-- name: find
SELECT tenant_id, id, provider, name, dimensions
  FROM public.embedding_models
 WHERE tenant_id = vital.platform_tenant_id() AND provider = %(provider)s AND name = %(name)s
   AND dimensions = %(dimensions)s;

-- name: active
-- The active models (RLS: own and platform) that made vectors the caller can
-- read: embedding a query for a model with no vectors here would be wasted.
-- Two probes of the (tenant_id, embedding_model_id) index per model.
SELECT m.tenant_id, m.id, m.provider, m.name, m.dimensions
  FROM public.embedding_models m
 WHERE m.is_active
   AND (EXISTS (SELECT 1 FROM public.rag_knowledge_chunks c
                 WHERE c.tenant_id = (SELECT auth.tenant_id()) AND c.embedding_model_id = m.id)
        OR EXISTS (SELECT 1 FROM public.rag_knowledge_chunks c
                    WHERE c.tenant_id = vital.platform_tenant_id() AND c.embedding_model_id = m.id))
 ORDER BY m.tenant_id = vital.platform_tenant_id(), m.name;
