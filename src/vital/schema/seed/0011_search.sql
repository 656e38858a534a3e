-- Seed, Search: a small platform knowledge graph around ICH E6, each demo
-- tenant's SOP linked into it, and one logged search with feedback per tenant.
-- Node ids: vital.seed_uuid('kg_nodes', <tenant>, <normalized_key>).
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.

INSERT INTO public.kg_nodes
  (id, tenant_id, kind, name, normalized_key, description, chunk_tenant_id, chunk_id,
   agent_tenant_id, agent_id, domain_tenant_id, domain_id, properties)
SELECT vital.seed_uuid('kg_nodes', n.tenant, n.kind || ':' || n.slug),
       CASE n.tenant WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', n.tenant) END,
       n.kind, n.name, n.kind || ':' || n.slug, n.description,
       CASE WHEN n.chunk_idx IS NOT NULL THEN
         CASE n.tenant WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', n.tenant) END END,
       CASE WHEN n.chunk_idx IS NOT NULL THEN
         vital.seed_uuid('rag_knowledge_chunks', n.tenant, n.chunk_doc, n.chunk_idx) END,
       CASE WHEN n.agent IS NOT NULL THEN vital.platform_tenant_id() END,
       CASE WHEN n.agent IS NOT NULL THEN vital.seed_uuid('agents', 'platform', n.agent) END,
       CASE WHEN n.domain IS NOT NULL THEN vital.platform_tenant_id() END,
       CASE WHEN n.domain IS NOT NULL THEN vital.seed_uuid('knowledge_domains', 'platform', n.domain) END,
       n.properties::jsonb
  FROM (VALUES
    ('platform', 'regulation', 'ich-e6', 'ICH E6 Good Clinical Practice',
     'The harmonised standard for designing, running and reporting interventional trials.',
     'ich-e6-overview', '0', NULL, 'clinical-development', '{"issuer": "ICH", "synonyms": ["GCP", "ICH GCP"]}'),
    ('platform', 'regulation', 'ich-e6-r2', 'ICH E6(R2)',
     'The 2016 addendum that introduced risk-based quality management.',
     'ich-e6-overview', '2', NULL, 'clinical-development', '{"issuer": "ICH", "year": 2016}'),
    ('platform', 'regulation', 'ich-e6-r3', 'ICH E6(R3)',
     'The third revision: principles for any trial design and data source.',
     'ich-e6-overview', '2', NULL, 'clinical-development', '{"issuer": "ICH"}'),
    ('platform', 'procedure', 'informed-consent', 'Informed consent',
     'Freely given, documented agreement of a participant before any trial-specific procedure.',
     'ich-e6-overview', '1', NULL, NULL, '{"codes": ["MeSH:D007258"]}'),
    ('platform', 'organization', 'institutional-review-board', 'Institutional review board / ethics committee',
     'Independent body that approves and oversees a trial for the protection of participants.',
     'ich-e6-overview', '1', NULL, NULL, '{"synonyms": ["IRB", "IEC", "ethics committee"]}'),
    ('platform', 'adverse_event', 'serious-adverse-event', 'Serious adverse event',
     'An adverse event that is fatal, life-threatening, needs or prolongs hospitalisation, or causes lasting harm.',
     'ich-e6-overview', '1', NULL, 'pharmacovigilance', '{"synonyms": ["SAE"]}'),
    ('platform', 'concept', 'risk-based-quality-management', 'Risk-based quality management',
     'Focusing quality control and monitoring on the processes and data that matter most.',
     'ich-e6-overview', '2', NULL, 'quality-management', '{"synonyms": ["RBQM", "risk-based monitoring"]}'),
    ('platform', 'agent', 'clinical-protocol-designer', 'Clinical Protocol Designer',
     'Expert agent for trial design and GCP-compliant protocols.',
     NULL, NULL, 'clinical-protocol-designer', NULL, '{}'),
    ('platform', 'knowledge_domain', 'clinical-development', 'Clinical development',
     'Knowledge domain of trial design and conduct.',
     NULL, NULL, NULL, 'clinical-development', '{}'),
    ('acme', 'procedure', 'sop-clo-014', 'SOP-CLO-014 Onboarding of clinical operations staff',
     'Acme procedure that prepares new clinical operations staff for unsupervised study work.',
     'onboarding-sop', '0', NULL, 'training-and-education', '{"sop_number": "SOP-CLO-014"}'),
    ('acme', 'procedure', 'gcp-training', 'GCP training',
     'Good Clinical Practice course every Acme clinical operations starter completes.',
     'onboarding-sop', '1', NULL, 'training-and-education', '{"due_within_working_days": 10}'),
    ('pharmaco', 'procedure', 'pv-sop-003', 'PV-SOP-003 Onboarding of drug safety associates',
     'PharmaCo procedure for supervised case processing before independent work.',
     'onboarding-sop', '0', NULL, 'pharmacovigilance', '{"sop_number": "PV-SOP-003"}'),
    ('pharmaco', 'procedure', 'expedited-reporting', 'Expedited safety reporting',
     'Reporting of serious unexpected reactions to authorities within the regulatory clock, counted from day zero.',
     'onboarding-sop', '1', NULL, 'pharmacovigilance', '{"clock_start": "day zero"}')
  ) AS n (tenant, kind, slug, name, description, chunk_doc, chunk_idx, agent, domain, properties)
ON CONFLICT DO NOTHING;

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

-- Demo searches by each tenant's user; results point at the tenant's SOP chunk
-- and, for acme, at the platform primer too.
INSERT INTO public.search_logs
  (id, tenant_id, query, strategy, embedding_model_tenant_id, embedding_model_id, filters, results,
   result_count, latency_ms, created_at, created_by)
VALUES
  (vital.seed_uuid('search_logs', 'acme', 'cra-training-before-edc'), vital.seed_uuid('tenants', 'acme'),
   'What training must a new CRA finish before getting EDC access?', 'hybrid',
   vital.platform_tenant_id(), vital.seed_uuid('embedding_models', 'platform', 'all-minilm-l6-v2'),
   '{"collections": ["clinical-operations-sops", "gcp-essentials"]}',
   jsonb_build_array(
     jsonb_build_object('rank', 1, 'score', 0.0325, 'chunk_tenant_id', vital.seed_uuid('tenants', 'acme'),
                        'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '1')),
     jsonb_build_object('rank', 2, 'score', 0.0159, 'chunk_tenant_id', vital.platform_tenant_id(),
                        'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'platform', 'ich-e6-overview', '0'))),
   2, 84, timestamptz '2026-11-21 09:12:30+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('search_logs', 'pharmaco', 'day-zero-expedited'), vital.seed_uuid('tenants', 'pharmaco'),
   'day zero clock expedited ICSR', 'fulltext', NULL, NULL,
   '{"collections": ["pharmacovigilance-sops"]}',
   jsonb_build_array(
     jsonb_build_object('rank', 1, 'score', 0.2431, 'chunk_tenant_id', vital.seed_uuid('tenants', 'pharmaco'),
                        'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '1'))),
   1, 12, timestamptz '2026-11-21 14:03:05+00', vital.seed_uuid('users', 'paul@pharmaco.example'))
ON CONFLICT DO NOTHING;

INSERT INTO public.search_feedback
  (id, tenant_id, search_log_id, chunk_tenant_id, chunk_id, rating, is_relevant, comment, created_by)
VALUES
  (vital.seed_uuid('search_feedback', 'acme', 'cra-training-before-edc', 'onboarding-sop', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('search_logs', 'acme', 'cra-training-before-edc'),
   vital.seed_uuid('tenants', 'acme'), vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '1'),
   5, true, 'Exactly the section I needed.', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('search_feedback', 'pharmaco', 'day-zero-expedited', 'onboarding-sop', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('search_logs', 'pharmaco', 'day-zero-expedited'),
   vital.seed_uuid('tenants', 'pharmaco'), vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '1'),
   4, true, 'Relevant, but the reporting timelines themselves are in the PV work instructions.',
   vital.seed_uuid('users', 'paul@pharmaco.example'))
ON CONFLICT DO NOTHING;
