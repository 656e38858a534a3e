-- Seed, Services: for each demo tenant a finished mode-1 Ask Expert session whose
-- answer cites the tenant's own onboarding SOP (chunk 0), an autonomous session
-- tied to the workflow run of 0012, and a panel (acme) or committee (pharmaco)
-- with members, contributions, votes and a synthesis. Agents and archetypes are
-- platform library rows. Services hold no platform rows: they are tenant-private.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.

-- == ask_expert_sessions =====================================================
INSERT INTO public.ask_expert_sessions (id, tenant_id, user_id, mode, agent_tenant_id, selected_agent_id,
                                        workflow_run_id, title, query, status, settings, budget_tokens,
                                        completed_at, created_by) VALUES
  (vital.seed_uuid('ask_expert_sessions', 'acme', 'training-before-edc-access'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('users', 'ada@acme.example'), 1,
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'training-specialist'),
   NULL, 'Training before EDC access',
   'Which training does a new clinical operations hire have to complete before being given access to the EDC system?',
   'completed', '{"retrieval": {"strategy": "hybrid", "k": 8}}', NULL,
   timestamptz '2026-11-17 10:12:40+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('ask_expert_sessions', 'acme', 'capa-temperature-excursions'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('users', 'ada@acme.example'), 3,
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-systems-architect'),
   vital.seed_uuid('workflow_runs', 'acme', 'capa-temperature-excursions'), 'CAPA for Q3 temperature excursions',
   'Draft a CAPA plan for the repeated temperature excursions in our Q3 clinical-supply shipments to the EU depots.',
   'completed', '{}', 60000,
   timestamptz '2026-11-18 14:09:47+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('ask_expert_sessions', 'acme', 'biomarker-cutoff'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('users', 'ada@acme.example'), 2,
   NULL, NULL,
   NULL, NULL,
   'How should we justify the PD-L1 cut-off for the enrichment strategy in our phase II protocol?',
   'active', '{}', NULL,
   NULL, vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'case-processing-rights'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('users', 'paul@pharmaco.example'), 1,
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-assurance-specialist'),
   NULL, 'Case-processing rights for a new associate',
   'What does a new drug safety associate have to complete before getting case-processing rights in the safety database?',
   'completed', '{"retrieval": {"strategy": "hybrid", "k": 8}}', NULL,
   timestamptz '2026-11-17 15:41:22+00', vital.seed_uuid('users', 'paul@pharmaco.example')),
  (vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'pcb214-hepatotoxicity-assessment'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('users', 'paul@pharmaco.example'), 4,
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'clinical-safety-monitor'),
   vital.seed_uuid('workflow_runs', 'pharmaco', 'pcb214-hepatotoxicity-assessment'), 'PCB-214 hepatic events and the PSUR',
   'Do the two new hepatotoxicity reports for PCB-214 change the benefit-risk conclusion of our next PSUR?',
   'waiting_approval', '{}', 80000,
   NULL, vital.seed_uuid('users', 'paul@pharmaco.example'))
ON CONFLICT DO NOTHING;

-- == ask_expert_messages =====================================================
INSERT INTO public.ask_expert_messages (id, tenant_id, session_id, seq, role, agent_tenant_id, agent_id, content, metadata) VALUES
  (vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_sessions', 'acme', 'training-before-edc-access'), 1, 'user', NULL, NULL,
   'Which training does a new clinical operations hire have to complete before being given access to the EDC system?',
   '{}'),
  (vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_sessions', 'acme', 'training-before-edc-access'), 2, 'assistant',
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'training-specialist'),
   'The onboarding SOP covers every new clinical operations starter, CRAs, study start-up specialists and clinical '
   'trial managers alike, employed or contracted [1]. Within the first ten working days they complete GCP training '
   '(ICH E6, the standard regulators expect trial data to meet [3]), read the trial master file index and the '
   'current monitoring and deviation-handling SOPs, and sign the training record for each. The line manager '
   'requests the EDC account only once that record is complete and the quality assurance lead has countersigned '
   'it [2].',
   jsonb_build_object(
     'citations', jsonb_build_array(
       jsonb_build_object('rank', 1, 'document', 'onboarding-sop',
                          'chunk_tenant_id', vital.seed_uuid('tenants', 'acme'),
                          'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '0')),
       jsonb_build_object('rank', 2, 'document', 'onboarding-sop',
                          'chunk_tenant_id', vital.seed_uuid('tenants', 'acme'),
                          'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'acme', 'onboarding-sop', '1')),
       jsonb_build_object('rank', 3, 'document', 'ich-e6-overview',
                          'chunk_tenant_id', vital.platform_tenant_id(),
                          'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'platform', 'ich-e6-overview', '0'))),
     'confidence', 0.82, 'model', 'extractive', 'latency_ms', 412)),
  (vital.seed_uuid('ask_expert_messages', 'acme', 'capa-temperature-excursions', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_sessions', 'acme', 'capa-temperature-excursions'), 1, 'user', NULL, NULL,
   'Draft a CAPA plan for the repeated temperature excursions in our Q3 clinical-supply shipments to the EU depots.',
   '{}'),
  (vital.seed_uuid('ask_expert_messages', 'acme', 'capa-temperature-excursions', '2'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_sessions', 'acme', 'capa-temperature-excursions'), 2, 'assistant',
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-systems-architect'),
   'Root cause: the passive shippers are qualified for 72 hours, but weekend customs holds at the Lyon depot reached '
   '80 hours; seven of the nine Q3 excursions were Friday dispatches on the Frankfurt-Lyon lane. Corrective action: no '
   'Friday dispatch on that lane until the shipper is requalified. Preventive actions: requalify the shipper for 96 '
   'hours (Packaging Engineering, by 31 January 2027) and add data-logger review at depot receipt before release to '
   'site (Depot QA, by 15 December 2026). Effectiveness check: zero excursions on the lane over the next two quarters.',
   '{"citations": [], "confidence": 0.74, "workflow": "autonomous-expert"}'),
  (vital.seed_uuid('ask_expert_messages', 'acme', 'biomarker-cutoff', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_sessions', 'acme', 'biomarker-cutoff'), 1, 'user', NULL, NULL,
   'How should we justify the PD-L1 cut-off for the enrichment strategy in our phase II protocol?',
   '{}'),
  (vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'case-processing-rights'), 1, 'user', NULL, NULL,
   'What does a new drug safety associate have to complete before getting case-processing rights in the safety database?',
   '{}'),
  (vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '2'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'case-processing-rights'), 2, 'assistant',
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-assurance-specialist'),
   'Case-processing rights come at the end of a supervised onboarding, not on the first day [1]. The associate '
   'shadows a senior colleague on at least twenty cases drawn from spontaneous, literature and clinical-trial sources, '
   'codes events in the current MedDRA version and shows that they apply the day-zero clock for expedited reports '
   'correctly. The pharmacovigilance physician then reviews a sample of their first independent cases and signs off '
   'the onboarding record, which is kept as inspection evidence [2].',
   jsonb_build_object(
     'citations', jsonb_build_array(
       jsonb_build_object('rank', 1, 'document', 'onboarding-sop',
                          'chunk_tenant_id', vital.seed_uuid('tenants', 'pharmaco'),
                          'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '0')),
       jsonb_build_object('rank', 2, 'document', 'onboarding-sop',
                          'chunk_tenant_id', vital.seed_uuid('tenants', 'pharmaco'),
                          'chunk_id', vital.seed_uuid('rag_knowledge_chunks', 'pharmaco', 'onboarding-sop', '1'))),
     'confidence', 0.77, 'model', 'extractive', 'latency_ms', 388)),
  (vital.seed_uuid('ask_expert_messages', 'pharmaco', 'pcb214-hepatotoxicity-assessment', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'pcb214-hepatotoxicity-assessment'), 1, 'user', NULL, NULL,
   'Do the two new hepatotoxicity reports for PCB-214 change the benefit-risk conclusion of our next PSUR?',
   '{}'),
  (vital.seed_uuid('ask_expert_messages', 'pharmaco', 'pcb214-hepatotoxicity-assessment', '2'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'pcb214-hepatotoxicity-assessment'), 2, 'assistant',
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'clinical-safety-monitor'),
   'I have drafted a four-step plan: summarise the two case reports, compare the hepatic event rate with the reference '
   'safety information and the last PSUR, check Hy''s law criteria in the pooled trial data, then state whether the '
   'benefit-risk conclusion changes. Please approve it, or tell me what to change, before I start.',
   '{"awaiting": "plan_approval"}')
ON CONFLICT DO NOTHING;

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

-- == panel_sessions ==========================================================
INSERT INTO public.panel_sessions (id, tenant_id, kind, archetype_tenant_id, archetype_id, question, context, status,
                                   consensus_threshold, consensus_level, max_rounds, current_round, completed_at, created_by) VALUES
  (vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'), vital.seed_uuid('tenants', 'acme'),
   'panel', vital.platform_tenant_id(), vital.seed_uuid('panel_archetypes', 'platform', 'structured'),
   'Should the phase II study ACM-101 in second-line NSCLC become a seamless phase II/III design?',
   'Enrolment is at 40% of the phase II target; the interim look is planned at 60 events. Budget approval for phase III is due in Q2.',
   'completed', 0.70, 0.780, 3, 1, timestamptz '2026-11-16 16:20:00+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'), vital.seed_uuid('tenants', 'pharmaco'),
   'committee', NULL, NULL,
   'Should PharmaCo propose a hepatic safety label update for PCB-214 now, rather than wait for the next PSUR cycle?',
   'Two spontaneous reports of ALT above 5x ULN with jaundice, one with positive dechallenge; PSUR data lock point in five months.',
   'completed', 0.75, 0.833, 2, 1, timestamptz '2026-11-19 11:05:00+00', vital.seed_uuid('users', 'paul@pharmaco.example'))
ON CONFLICT DO NOTHING;

-- == panel_members ===========================================================
INSERT INTO public.panel_members (id, tenant_id, panel_id, agent_tenant_id, agent_id, user_id, role, weight, seat) VALUES
  (vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'project-manager'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'project-manager'), NULL, 'moderator', 1, 1),
  (vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'clinical-protocol-designer'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'clinical-protocol-designer'), NULL, 'member', 1, 2),
  (vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'biostatistician'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'biostatistician'), NULL, 'member', 1, 3),
  (vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'fda-regulatory-strategist'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'fda-regulatory-strategist'), NULL, 'member', 1, 4),
  (vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'ada@acme.example'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   NULL, NULL, vital.seed_uuid('users', 'ada@acme.example'), 'member', 1, 5),
  (vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'clinical-safety-monitor'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'clinical-safety-monitor'), NULL, 'chair', 1, 1),
  (vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'fda-regulatory-strategist'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'fda-regulatory-strategist'), NULL, 'member', 1, 2),
  (vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'biostatistician'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'biostatistician'), NULL, 'member', 1, 3),
  (vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'medical-writer'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'medical-writer'), NULL, 'member', 1, 4),
  (vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'regulatory-intelligence-analyst'), NULL, 'opponent', 1, 5)
ON CONFLICT DO NOTHING;

-- == panel_contributions =====================================================
INSERT INTO public.panel_contributions (id, tenant_id, panel_id, member_id, round, turn, content, stance, confidence, citations) VALUES
  (vital.seed_uuid('panel_contributions', 'acme', 'acm101-seamless-design', 'project-manager', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'project-manager'), 1, 1,
   'Options on the table: adopt the seamless design now, adopt it on conditions, or keep the separate phase III. '
   'Criteria: time to a phase III readout, control of the type I error, regulatory acceptance, and cost.',
   NULL, NULL, '[]'),
  (vital.seed_uuid('panel_contributions', 'acme', 'acm101-seamless-design', 'clinical-protocol-designer', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'clinical-protocol-designer'), 1, 1,
   'A seamless design saves the start-up of a second study, roughly nine to twelve months, and keeps the sites we '
   'already trained. The phase II endpoint (ORR) and the phase III endpoint (OS) can share one protocol if the '
   'dose selection happens at the interim.',
   'support', 0.800, '[]'),
  (vital.seed_uuid('panel_contributions', 'acme', 'acm101-seamless-design', 'biostatistician', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'biostatistician'), 1, 1,
   'Feasible, but only with a pre-specified combination test and simulations showing the familywise error stays at '
   '2.5% one-sided across the selection rules. Patients from stage 1 can count in the final analysis only if the '
   'interim decision rule is fixed before unblinding.',
   'undecided', 0.650, '[]'),
  (vital.seed_uuid('panel_contributions', 'acme', 'acm101-seamless-design', 'fda-regulatory-strategist', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'fda-regulatory-strategist'), 1, 1,
   'FDA accepts adaptive seamless designs when the adaptation rules and error control are agreed up front. Request '
   'a Type C meeting with the simulation report before the protocol amendment goes to the IRBs.',
   'support', 0.700, '[]'),
  (vital.seed_uuid('panel_contributions', 'acme', 'acm101-seamless-design', 'ada@acme.example', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'ada@acme.example'), 1, 1,
   'Operationally we can amend in Q1; I will not vote until Finance confirms the phase III budget can move forward.',
   'neutral', NULL, '[]'),
  (vital.seed_uuid('panel_contributions', 'pharmaco', 'pcb214-label-update', 'clinical-safety-monitor', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'clinical-safety-monitor'), 1, 1,
   'Both cases meet the biochemical criteria for potential drug-induced liver injury, one with positive dechallenge and '
   'no alternative cause found. That is enough to propose a warning now; waiting five months for the PSUR leaves '
   'prescribers without guidance on liver monitoring.',
   'support', 0.850, '[]'),
  (vital.seed_uuid('panel_contributions', 'pharmaco', 'pcb214-label-update', 'fda-regulatory-strategist', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'fda-regulatory-strategist'), 1, 1,
   'A proactive safety labelling change is viewed more favourably than one requested by the agency. File the '
   'supplement with both narratives and a liver-test monitoring recommendation.',
   'support', 0.800, '[]'),
  (vital.seed_uuid('panel_contributions', 'pharmaco', 'pcb214-label-update', 'biostatistician', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'biostatistician'), 1, 1,
   'Two cases in roughly 18,000 patient-years cannot give a stable rate, but the pooled trials show three ALT '
   'elevations above 3x ULN on drug against none on placebo. The direction is consistent.',
   'support', 0.600, '[]'),
  (vital.seed_uuid('panel_contributions', 'pharmaco', 'pcb214-label-update', 'medical-writer', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'medical-writer'), 1, 1,
   'Draft wording for section 4.4 is ready: baseline liver tests, repeat at weeks 4 and 12, stop treatment on '
   'jaundice or ALT above 5x ULN.',
   'support', 0.750, '[]'),
  (vital.seed_uuid('panel_contributions', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst'), 1, 1,
   'Arguing the other side: two spontaneous reports are a weak basis, and an early label change in one region '
   'without the others creates inconsistent prescribing information. Evaluating the signal in the PSUR would let '
   'all regions act on the same analysis.',
   'oppose', 0.550, '[]')
ON CONFLICT DO NOTHING;

-- == panel_votes =============================================================
INSERT INTO public.panel_votes (id, tenant_id, panel_id, member_id, round, position, abstain, weight, confidence, rationale) VALUES
  (vital.seed_uuid('panel_votes', 'acme', 'acm101-seamless-design', 'clinical-protocol-designer', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'clinical-protocol-designer'), 1,
   'adopt', false, 1, 0.800, 'Time saved outweighs the amendment effort.'),
  (vital.seed_uuid('panel_votes', 'acme', 'acm101-seamless-design', 'biostatistician', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'biostatistician'), 1,
   'adopt-with-conditions', false, 1, 0.650, 'Only with simulations and a pre-specified combination test.'),
  (vital.seed_uuid('panel_votes', 'acme', 'acm101-seamless-design', 'fda-regulatory-strategist', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'fda-regulatory-strategist'), 1,
   'adopt-with-conditions', false, 1, 0.700, 'Subject to FDA feedback at a Type C meeting.'),
  (vital.seed_uuid('panel_votes', 'acme', 'acm101-seamless-design', 'ada@acme.example', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'ada@acme.example'), 1,
   NULL, true, 1, NULL, 'Waiting for the budget decision.'),
  (vital.seed_uuid('panel_votes', 'pharmaco', 'pcb214-label-update', 'clinical-safety-monitor', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'clinical-safety-monitor'), 1,
   'propose-now', false, 1, 0.850, 'Patient safety: prescribers need monitoring guidance now.'),
  (vital.seed_uuid('panel_votes', 'pharmaco', 'pcb214-label-update', 'fda-regulatory-strategist', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'fda-regulatory-strategist'), 1,
   'propose-now', false, 1, 0.800, 'A proactive change is the stronger regulatory position.'),
  (vital.seed_uuid('panel_votes', 'pharmaco', 'pcb214-label-update', 'biostatistician', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'biostatistician'), 1,
   'propose-now', false, 1, 0.600, 'Trial data point the same way as the spontaneous reports.'),
  (vital.seed_uuid('panel_votes', 'pharmaco', 'pcb214-label-update', 'medical-writer', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'medical-writer'), 1,
   'propose-now', false, 1, 0.750, 'Wording is ready.'),
  (vital.seed_uuid('panel_votes', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'),
   vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst'), 1,
   'wait-for-psur', false, 1, 0.550, 'One analysis for all regions in the PSUR.')
ON CONFLICT DO NOTHING;

-- == panel_syntheses =========================================================
-- acme: the three votes cast all favour the seamless design, two on conditions, which
-- the moderator scores at 2/3 each: (1 + 2/3 + 2/3) / 3 = 0.78 >= 0.70, moderate.
-- pharmaco: chair counted double, 5 of 6 for proposing now, 0.833 >= 0.75: strong.
INSERT INTO public.panel_syntheses (id, tenant_id, panel_id, round, consensus_level, threshold, recommendation,
                                    recommendation_strength, tally, dissent) VALUES
  (vital.seed_uuid('panel_syntheses', 'acme', 'acm101-seamless-design', '1'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'), 1, 0.780, 0.70,
   'Convert ACM-101 to a seamless phase II/III design, on two conditions: simulations showing familywise error '
   'control across the interim selection rules, and FDA agreement at a Type C meeting before the amendment is filed.',
   'moderate',
   '{"adopt": 1, "adopt-with-conditions": 2, "keep-current-design": 0, "abstain": 1}',
   jsonb_build_array(jsonb_build_object(
     'member_id', vital.seed_uuid('panel_members', 'acme', 'acm101-seamless-design', 'biostatistician'),
     'position', 'adopt-with-conditions',
     'reason', 'Without pre-specified error control the phase II patients cannot count towards the phase III analysis.'))),
  (vital.seed_uuid('panel_syntheses', 'pharmaco', 'pcb214-label-update', '1'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'), 1, 0.833, 0.75,
   'Propose the hepatic safety label update now, with liver-test monitoring at baseline, week 4 and week 12, and '
   'present the full signal evaluation again in the next PSUR.',
   'strong',
   '{"propose-now": 5, "wait-for-psur": 1, "abstain": 0}',
   jsonb_build_array(jsonb_build_object(
     'member_id', vital.seed_uuid('panel_members', 'pharmaco', 'pcb214-label-update', 'regulatory-intelligence-analyst'),
     'position', 'wait-for-psur',
     'reason', 'An early change in one region risks inconsistent prescribing information across regions.')))
ON CONFLICT DO NOTHING;
