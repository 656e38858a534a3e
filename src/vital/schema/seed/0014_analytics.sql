-- Seed, Analytics: for each demo tenant the events, daily roll-ups, ratings, model
-- calls and agent statistics that the sessions, panels and runs of 0012-0013
-- would have produced. Analytics are tenant-private: no platform rows.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.

-- == analytics_events ========================================================
INSERT INTO public.analytics_events (id, tenant_id, event_type, subject_type, subject_id, properties, occurred_at, created_by) VALUES
  (vital.seed_uuid('analytics_events', 'acme', 'session-started', 'training-before-edc-access'), vital.seed_uuid('tenants', 'acme'),
   'ask_expert.session_started', 'ask_expert_sessions',
   vital.seed_uuid('ask_expert_sessions', 'acme', 'training-before-edc-access'),
   '{"mode": 1, "agent": "training-specialist", "client": "web"}',
   timestamptz '2026-11-17 10:12:31+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('analytics_events', 'acme', 'answer-rated', 'training-before-edc-access'), vital.seed_uuid('tenants', 'acme'),
   'ask_expert.answer_rated', 'ask_expert_messages',
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'),
   '{"rating": 5}',
   timestamptz '2026-11-17 10:14:02+00', vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('analytics_events', 'acme', 'consensus-reached', 'acm101-seamless-design'), vital.seed_uuid('tenants', 'acme'),
   'panel.consensus_reached', 'panel_sessions',
   vital.seed_uuid('panel_sessions', 'acme', 'acm101-seamless-design'),
   '{"archetype": "structured", "rounds": 1, "consensus_level": 0.78}',
   timestamptz '2026-11-16 16:20:00+00', NULL),
  (vital.seed_uuid('analytics_events', 'pharmaco', 'session-started', 'case-processing-rights'), vital.seed_uuid('tenants', 'pharmaco'),
   'ask_expert.session_started', 'ask_expert_sessions',
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'case-processing-rights'),
   '{"mode": 1, "agent": "quality-assurance-specialist", "client": "web"}',
   timestamptz '2026-11-17 15:41:09+00', vital.seed_uuid('users', 'paul@pharmaco.example')),
  (vital.seed_uuid('analytics_events', 'pharmaco', 'approval-requested', 'pcb214-hepatotoxicity-assessment'), vital.seed_uuid('tenants', 'pharmaco'),
   'workflow.approval_requested', 'workflow_runs',
   vital.seed_uuid('workflow_runs', 'pharmaco', 'pcb214-hepatotoxicity-assessment'),
   '{"definition": "autonomous-expert", "node": "approve"}',
   timestamptz '2026-11-19 09:30:44+00', NULL)
ON CONFLICT DO NOTHING;

-- == usage_metrics ===========================================================
INSERT INTO public.usage_metrics (id, tenant_id, metric, day, value) VALUES
  (vital.seed_uuid('usage_metrics', 'acme', 'ask_expert_sessions', '2026-11-17'), vital.seed_uuid('tenants', 'acme'),
   'ask_expert_sessions', date '2026-11-17', 1),
  (vital.seed_uuid('usage_metrics', 'acme', 'ask_expert_sessions', '2026-11-18'), vital.seed_uuid('tenants', 'acme'),
   'ask_expert_sessions', date '2026-11-18', 1),
  (vital.seed_uuid('usage_metrics', 'acme', 'llm_tokens', '2026-11-18'), vital.seed_uuid('tenants', 'acme'),
   'llm_tokens', date '2026-11-18', 10690),
  (vital.seed_uuid('usage_metrics', 'acme', 'llm_cost_usd', '2026-11-18'), vital.seed_uuid('tenants', 'acme'),
   'llm_cost_usd', date '2026-11-18', 0.0025),
  (vital.seed_uuid('usage_metrics', 'pharmaco', 'ask_expert_sessions', '2026-11-17'), vital.seed_uuid('tenants', 'pharmaco'),
   'ask_expert_sessions', date '2026-11-17', 1),
  (vital.seed_uuid('usage_metrics', 'pharmaco', 'panel_sessions', '2026-11-19'), vital.seed_uuid('tenants', 'pharmaco'),
   'panel_sessions', date '2026-11-19', 1),
  (vital.seed_uuid('usage_metrics', 'pharmaco', 'workflow_runs', '2026-11-19'), vital.seed_uuid('tenants', 'pharmaco'),
   'workflow_runs', date '2026-11-19', 1)
ON CONFLICT DO NOTHING;

-- == feedback ================================================================
INSERT INTO public.feedback (id, tenant_id, message_id, synthesis_id, rating, reasons, comment, created_by) VALUES
  (vital.seed_uuid('feedback', 'acme', 'training-before-edc-access', '2', 'ada@acme.example'), vital.seed_uuid('tenants', 'acme'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'), NULL,
   5, '{accurate,well_cited}', 'Exactly what I needed to plan the new CRA''s first two weeks.',
   vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('feedback', 'acme', 'acm101-seamless-design', '1', 'ada@acme.example'), vital.seed_uuid('tenants', 'acme'),
   NULL, vital.seed_uuid('panel_syntheses', 'acme', 'acm101-seamless-design', '1'),
   4, '{helpful}', 'Good summary of the conditions; I would have liked the cost comparison too.',
   vital.seed_uuid('users', 'ada@acme.example')),
  (vital.seed_uuid('feedback', 'pharmaco', 'case-processing-rights', '2', 'paul@pharmaco.example'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '2'), NULL,
   4, '{helpful,well_cited}', 'Clear and sourced; a link to the MedDRA coding conventions the SOP relies on would help.',
   vital.seed_uuid('users', 'paul@pharmaco.example'))
ON CONFLICT DO NOTHING;

-- == llm_usage ===============================================================
-- gpt-4o-mini priced at 0.15 / 0.60 USD per million prompt / completion tokens.
INSERT INTO public.llm_usage (id, tenant_id, provider, model, operation, status, prompt_tokens, completion_tokens,
                              cost_usd, latency_ms, session_id, message_id, panel_id, workflow_run_id) VALUES
  (vital.seed_uuid('llm_usage', 'acme', 'training-before-edc-access', '2'), vital.seed_uuid('tenants', 'acme'),
   'extractive', 'extractive-v1', 'chat', 'succeeded', 0, 0, 0, 412,
   vital.seed_uuid('ask_expert_sessions', 'acme', 'training-before-edc-access'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'training-before-edc-access', '2'), NULL, NULL),
  (vital.seed_uuid('llm_usage', 'acme', 'capa-temperature-excursions', 'plan'), vital.seed_uuid('tenants', 'acme'),
   'openai', 'gpt-4o-mini', 'chat', 'succeeded', 1850, 420, 0.000530, 6120,
   vital.seed_uuid('ask_expert_sessions', 'acme', 'capa-temperature-excursions'), NULL, NULL,
   vital.seed_uuid('workflow_runs', 'acme', 'capa-temperature-excursions')),
  (vital.seed_uuid('llm_usage', 'acme', 'capa-temperature-excursions', 'synthesise'), vital.seed_uuid('tenants', 'acme'),
   'openai', 'gpt-4o-mini', 'chat', 'succeeded', 6900, 1520, 0.001947, 18400,
   vital.seed_uuid('ask_expert_sessions', 'acme', 'capa-temperature-excursions'),
   vital.seed_uuid('ask_expert_messages', 'acme', 'capa-temperature-excursions', '2'), NULL,
   vital.seed_uuid('workflow_runs', 'acme', 'capa-temperature-excursions')),
  (vital.seed_uuid('llm_usage', 'pharmaco', 'case-processing-rights', '2'), vital.seed_uuid('tenants', 'pharmaco'),
   'extractive', 'extractive-v1', 'chat', 'succeeded', 0, 0, 0, 388,
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'case-processing-rights'),
   vital.seed_uuid('ask_expert_messages', 'pharmaco', 'case-processing-rights', '2'), NULL, NULL),
  (vital.seed_uuid('llm_usage', 'pharmaco', 'pcb214-label-update', 'round-1'), vital.seed_uuid('tenants', 'pharmaco'),
   'openai', 'gpt-4o-mini', 'chat', 'succeeded', 11200, 2650, 0.003270, 24800,
   NULL, NULL, vital.seed_uuid('panel_sessions', 'pharmaco', 'pcb214-label-update'), NULL),
  (vital.seed_uuid('llm_usage', 'pharmaco', 'pcb214-hepatotoxicity-assessment', 'plan'), vital.seed_uuid('tenants', 'pharmaco'),
   'openai', 'gpt-4o-mini', 'chat', 'succeeded', 2100, 510, 0.000621, 7300,
   vital.seed_uuid('ask_expert_sessions', 'pharmaco', 'pcb214-hepatotoxicity-assessment'), NULL, NULL,
   vital.seed_uuid('workflow_runs', 'pharmaco', 'pcb214-hepatotoxicity-assessment'))
ON CONFLICT DO NOTHING;

-- == agent_performance =======================================================
INSERT INTO public.agent_performance (id, tenant_id, agent_tenant_id, agent_id, day, answers, rated_answers, avg_rating,
                                      p50_latency_ms, p95_latency_ms, total_tokens, cost_usd) VALUES
  (vital.seed_uuid('agent_performance', 'acme', 'training-specialist', '2026-11-17'), vital.seed_uuid('tenants', 'acme'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'training-specialist'), date '2026-11-17',
   1, 1, 5.00, 412, 412, 0, 0),
  (vital.seed_uuid('agent_performance', 'acme', 'quality-systems-architect', '2026-11-18'), vital.seed_uuid('tenants', 'acme'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-systems-architect'), date '2026-11-18',
   1, 0, NULL, 456000, 456000, 10690, 0.002477),
  (vital.seed_uuid('agent_performance', 'pharmaco', 'quality-assurance-specialist', '2026-11-17'), vital.seed_uuid('tenants', 'pharmaco'),
   vital.platform_tenant_id(), vital.seed_uuid('agents', 'platform', 'quality-assurance-specialist'), date '2026-11-17',
   1, 1, 4.00, 388, 388, 0, 0)
ON CONFLICT DO NOTHING;
