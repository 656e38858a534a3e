-- Synthetic benchmark volume (vital.schema.benchmark_data): the checks before,
-- and the COPY statements that write it.

-- name: taken
-- Generated tenants of this prefix that exist already.
SELECT count(*) AS taken FROM tenants WHERE subdomain LIKE %(pattern)s;

-- name: levels
SELECT id FROM agent_levels WHERE tenant_id = vital.platform_tenant_id() ORDER BY level;

-- name: embedding_model
SELECT id FROM embedding_models WHERE tenant_id = vital.platform_tenant_id()
AND dimensions = %(dims)s ORDER BY name LIMIT 1;

-- name: copy_tenants
COPY tenants (id, name, subdomain, tier) FROM STDIN;

-- name: copy_agents
COPY agents (id, tenant_id, slug, name, domain, subdomain, description, capabilities, system_prompt,
             status, level_tenant_id, level_id, tier) FROM STDIN;

-- name: copy_documents
COPY rag_documents (id, tenant_id, title, content_hash, status, metadata) FROM STDIN;

-- name: copy_chunks
COPY rag_knowledge_chunks (id, tenant_id, document_id, chunk_index, chunk_text, token_count) FROM STDIN;

-- name: copy_chunks_embedded
-- The same, with a vector of the platform's model.
COPY rag_knowledge_chunks (id, tenant_id, document_id, chunk_index, chunk_text, token_count,
                           embedding, embedding_model_tenant_id, embedding_model_id) FROM STDIN;
