-- Seed, Search: a small platform knowledge graph around ICH E6, each demo
-- tenant's SOP linked into it, and one logged search with feedback per tenant.
-- Node ids: vital.seed_uuid('kg_nodes', <tenant>, <normalized_key>).
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

WITH tenant (tenant, tid) AS (VALUES
  ('platform', vital.platform_tenant_id()),
  ('acme', vital.seed_uuid('tenants', 'acme')),
  ('pharmaco', vital.seed_uuid('tenants', 'pharmaco'))
)
INSERT INTO public.kg_edges
  (id, tenant_id, source_tenant_id, source_node_id, relation, target_tenant_id, target_node_id, weight,
   evidence_chunk_tenant_id, evidence_chunk_id)
SELECT vital.seed_uuid('kg_edges', e.tenant, e.source_key, e.relation, e.target_key),
       t.tid, st.tid, vital.seed_uuid('kg_nodes', e.source_tenant, e.source_key),
       e.relation,
       tt.tid, vital.seed_uuid('kg_nodes', e.target_tenant, e.target_key),
       e.weight,
       CASE WHEN e.chunk_idx IS NOT NULL THEN t.tid END,
       CASE WHEN e.chunk_idx IS NOT NULL THEN vital.seed_uuid('rag_knowledge_chunks', e.tenant, e.chunk_doc, e.chunk_idx) END
  FROM (VALUES
    ('platform', 'platform', 'regulation:ich-e6', 'requires', 'platform', 'procedure:informed-consent', 1.0::real, 'ich-e6-overview', '1'),
    ('platform', 'platform', 'regulation:ich-e6', 'requires', 'platform', 'organization:institutional-review-board', 1.0, 'ich-e6-overview', '1'),
    ('platform', 'platform', 'regulation:ich-e6-r2', 'part_of', 'platform', 'regulation:ich-e6', 1.0, 'ich-e6-overview', '2'),
    ('platform', 'platform', 'regulation:ich-e6-r3', 'part_of', 'platform', 'regulation:ich-e6', 1.0, 'ich-e6-overview', '2'),
    ('platform', 'platform', 'regulation:ich-e6-r3', 'supersedes', 'platform', 'regulation:ich-e6-r2', 1.0, 'ich-e6-overview', '2'),
    ('platform', 'platform', 'regulation:ich-e6-r2', 'requires', 'platform', 'concept:risk-based-quality-management', 0.9, 'ich-e6-overview', '2'),
    ('platform', 'platform', 'regulation:ich-e6', 'requires', 'platform', 'adverse_event:serious-adverse-event', 0.8, 'ich-e6-overview', '1'),
    ('platform', 'platform', 'regulation:ich-e6', 'applies_to', 'platform', 'knowledge_domain:clinical-development', 1.0, NULL, NULL),
    ('platform', 'platform', 'agent:clinical-protocol-designer', 'expert_in', 'platform', 'regulation:ich-e6', 0.9, NULL, NULL),
    -- Tenant edges: their own SOPs hang off the platform graph.
    ('acme', 'acme', 'procedure:sop-clo-014', 'requires', 'acme', 'procedure:gcp-training', 1.0, 'onboarding-sop', '1'),
    ('acme', 'acme', 'procedure:gcp-training', 'applies_to', 'platform', 'regulation:ich-e6', 0.9, 'onboarding-sop', '1'),
    ('pharmaco', 'pharmaco', 'procedure:pv-sop-003', 'requires', 'pharmaco', 'procedure:expedited-reporting', 1.0, 'onboarding-sop', '1'),
    ('pharmaco', 'pharmaco', 'procedure:expedited-reporting', 'applies_to', 'platform', 'adverse_event:serious-adverse-event', 0.8, 'onboarding-sop', '1')
  ) AS e (tenant, source_tenant, source_key, relation, target_tenant, target_key, weight, chunk_doc, chunk_idx)
  JOIN tenant t ON t.tenant = e.tenant
  JOIN tenant st ON st.tenant = e.source_tenant
  JOIN tenant tt ON tt.tenant = e.target_tenant
ON CONFLICT DO NOTHING;
