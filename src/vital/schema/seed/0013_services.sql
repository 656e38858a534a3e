-- Seed, Services: for each demo tenant a finished mode-1 Ask Expert session whose
-- answer cites the tenant's own onboarding SOP (chunk 0), an autonomous session
-- tied to the workflow run of 0012, and a panel (acme) or committee (pharmaco)
-- with members, contributions, votes and a synthesis. Agents and archetypes are
-- platform library rows. Services hold no platform rows: they are tenant-private.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

-- == ask_expert_citations ====================================================
-- quote keeps the cited text as shown, read from the chunks of the knowledge seed;
-- acme's third citation is a platform library chunk.
INSERT INTO public.ask_expert_citations (id, tenant_id, message_id, chunk_tenant_id, chunk_id, rank, score, quote) VALUES
  (vital.seed_uuid('ask_expert_citations', 'acme', 'training-before-edc-access', '2', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'),
   vital.seed_uuid('tenants', 'acme'), vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '0'),
   1, 0.87,
   (SELECT chunk_text FROM public.rag_knowledge_chunks
     WHERE tenant_id = vital.seed_uuid('tenants', 'acme')
       AND id = vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '0'))),
  (vital.seed_uuid('ask_expert_citations', 'acme', 'training-before-edc-access', '2', '2'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'),
   vital.seed_uuid('tenants', 'acme'), vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '1'),
   2, 0.93,
   (SELECT chunk_text FROM public.rag_knowledge_chunks
     WHERE tenant_id = vital.seed_uuid('tenants', 'acme')
       AND id = vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '1'))),
  (vital.seed_uuid('ask_expert_citations', 'acme', 'training-before-edc-access', '2', '3'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'),
   vital.platform_tenant_id(), vital.seed_uuid('rag_knowledge_chunks', 'platform', 'ich-e6-overview', '0'),
   3, 0.61,
   (SELECT chunk_text FROM public.rag_knowledge_chunks
     WHERE tenant_id = vital.platform_tenant_id()
       AND id = vital.seed_uuid('rag_knowledge_chunks', 'platform', 'ich-e6-overview', '0'))),
  (vital.seed_uuid('ask_expert_citations', 'pharmaco', 'case-processing-rights', '2', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '2'),
   vital.seed_uuid('tenants', 'pharmaco'), vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '0'),
   1, 0.81,
   (SELECT chunk_text FROM public.rag_knowledge_chunks
     WHERE tenant_id = vital.seed_uuid('tenants', 'pharmaco')
       AND id = vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '0'))),
  (vital.seed_uuid('ask_expert_citations', 'pharmaco', 'case-processing-rights', '2', '2'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '2'),
   vital.seed_uuid('tenants', 'pharmaco'), vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '1'),
   2, 0.90,
   (SELECT chunk_text FROM public.rag_knowledge_chunks
     WHERE tenant_id = vital.seed_uuid('tenants', 'pharmaco')
       AND id = vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '1')))
ON CONFLICT DO NOTHING;
