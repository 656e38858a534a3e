-- Seed, Personas (part 5 of 5): one own, complete persona for each demo tenant,
-- with a row in every persona table: acme's CAR-T process engineer and pharmaco's
-- UK country medical director. They use their tenant's own org roles, functions and
-- skills and, through the <x>_tenant_id columns, platform library rows as well.
-- Column t of every VALUES list names the tenant, p the persona slug; created_by is
-- the tenant's demo user. Idempotent: fixed ids, ON CONFLICT DO NOTHING.

-- == personas ================================================================
INSERT INTO public.personas (id, tenant_id, slug, name, role_title, function_tenant_id, function_id,
                             description, seniority, years_experience, vpanes_scores, status, metadata, created_by)
SELECT vital.seed_uuid('personas', v.t, v.p), vital.seed_uuid('tenants', v.t), v.p, v.name, v.role_title,
       CASE v.ft WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.ft) END,
       vital.seed_uuid('org_functions', v.ft, v.fn),
       v.description, v.seniority, v.years, v.vpanes::jsonb, 'active', v.metadata::jsonb,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Lukas Brenner', 'CAR-T Process Engineer', 'acme', 'technical-operations',
   'Runs and improves the transduction and expansion steps of Acme''s autologous CAR-T process and investigates batch deviations at the Basel plant.',
   'mid', 4,
   '{"visibility": 3, "pain": 4, "actions": 3, "needs": 4, "emotions": 3, "scenarios": 3}',
   '{"site": "basel-cell-therapy-plant", "modality": "autologous CAR-T"}'),
  ('pharmaco', 'uk-country-medical-director', 'Fiona Gallagher', 'UK Country Medical Director', 'platform', 'medical',
   'Medical head of PharmaCo''s UK affiliate and final medical signatory for UK materials under the ABPI Code.',
   'principal', 15,
   '{"visibility": 2, "pain": 3, "actions": 2, "needs": 3, "emotions": 2, "scenarios": 2}',
   '{"country": "GB", "therapeutic_areas": ["cardiology", "rare-diseases"]}')
) AS v (t, p, name, role_title, ft, fn, description, seniority, years, vpanes, metadata)
ON CONFLICT DO NOTHING;

-- == typical day =============================================================
INSERT INTO public.persona_typical_day_activities (id, tenant_id, persona_id, sort_order, time_of_day,
                                                   duration_minutes, activity, activity_type, created_by)
SELECT vital.seed_uuid('persona_typical_day_activities', v.t, v.p, v.n::text), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), v.n, v.at::time, v.mins, v.activity, v.kind,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 1, '07:30', 30, 'Reviews overnight bioreactor trends for the lots in expansion.', 'review'),
  ('acme', 'car-t-process-engineer', 2, '08:15', 45, 'Joins the manufacturing huddle on lot status and vein-to-vein timelines.', 'meeting'),
  ('acme', 'car-t-process-engineer', 3, '09:15', 90, 'Analyses transduction efficiency across the last ten lots.', 'focused_work'),
  ('acme', 'car-t-process-engineer', 4, '11:00', 60, 'Writes the investigation report for a low cell viability deviation.', 'focused_work'),
  ('acme', 'car-t-process-engineer', 5, '13:30', 60, 'Reviews CAR expression results from flow cytometry with quality control.', 'review'),
  ('acme', 'car-t-process-engineer', 6, '15:00', 60, 'Plans a comparability study for a new culture media supplier.', 'planning'),
  ('acme', 'car-t-process-engineer', 7, '16:30', 30, 'Updates the change control record for an equipment upgrade.', 'administration'),
  ('pharmaco', 'uk-country-medical-director', 1, '08:00', 45, 'Certifies promotional materials for the UK cardiology brand.', 'review'),
  ('pharmaco', 'uk-country-medical-director', 2, '09:00', 60, 'Leads the UK medical team meeting on medical information trends.', 'meeting'),
  ('pharmaco', 'uk-country-medical-director', 3, '10:15', 60, 'Reviews the UK early access application for a rare disease therapy.', 'review'),
  ('pharmaco', 'uk-country-medical-director', 4, '11:30', 45, 'Discusses a prescribing question with a consultant cardiologist.', 'communication'),
  ('pharmaco', 'uk-country-medical-director', 5, '13:30', 90, 'Prepares the UK clinical input to a NICE submission with market access.', 'focused_work'),
  ('pharmaco', 'uk-country-medical-director', 6, '15:30', 45, 'Reports affiliate medical priorities to the Head of Medical, Europe.', 'meeting')
) AS v (t, p, n, at, mins, activity, kind)
ON CONFLICT DO NOTHING;

-- == evidence sources ========================================================
INSERT INTO public.persona_evidence_sources (id, tenant_id, persona_id, sort_order, source_type, citation,
                                             url, publication_year, sample_size, relevance, created_by)
SELECT vital.seed_uuid('persona_evidence_sources', v.t, v.p, v.n::text), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), v.n, v.kind, v.citation, v.url, v.yr, v.sample, v.relevance,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 1, 'regulatory_guidance', 'FDA guidance, Considerations for the Development of Chimeric Antigen Receptor (CAR) T Cell Products',
   'https://www.fda.gov', 2024, NULL::int, 'CMC expectations for the process the persona runs.'),
  ('acme', 'car-t-process-engineer', 2, 'regulatory_guidance', 'EudraLex Volume 4, Part IV: GMP requirements for advanced therapy medicinal products',
   NULL, 2017, NULL, 'GMP rules of the Basel plant.'),
  ('acme', 'car-t-process-engineer', 3, 'professional_body', 'International Society for Cell & Gene Therapy, process development resources',
   NULL, NULL, NULL, 'Shared practice in cell therapy manufacturing.'),
  ('acme', 'car-t-process-engineer', 4, 'internal_data', 'Acme batch records and deviation log of the Basel CAR-T process, last twelve months',
   NULL, 2026, NULL, 'Where lots fail and how long investigations take.'),
  ('acme', 'car-t-process-engineer', 5, 'interview', 'Acme internal interviews with process engineers and manufacturing supervisors',
   NULL, 2026, 6, 'Daily work and data handling on the floor.'),
  ('pharmaco', 'uk-country-medical-director', 1, 'regulatory_guidance', 'ABPI Code of Practice for the Pharmaceutical Industry',
   NULL, 2024, NULL, 'The code under which the persona certifies materials.'),
  ('pharmaco', 'uk-country-medical-director', 2, 'regulatory_guidance', 'MHRA Blue Guide: Advertising and Promotion of Medicines in the UK',
   'https://www.gov.uk', NULL, NULL, 'Statutory rules behind the industry code.'),
  ('pharmaco', 'uk-country-medical-director', 3, 'professional_body', 'Faculty of Pharmaceutical Medicine, professional standards for pharmaceutical physicians',
   NULL, NULL, NULL, 'Standards expected of a medical signatory.'),
  ('pharmaco', 'uk-country-medical-director', 4, 'regulatory_guidance', 'NICE health technology evaluations: the manual',
   'https://www.nice.org.uk', 2022, NULL, 'The process the UK clinical input must serve.'),
  ('pharmaco', 'uk-country-medical-director', 5, 'internal_data', 'PharmaCo UK medical information enquiry log, last four quarters',
   NULL, 2026, NULL, 'What UK clinicians ask about PharmaCo medicines.')
) AS v (t, p, n, kind, citation, url, yr, sample, relevance)
ON CONFLICT DO NOTHING;

-- == one row per tenant in each single-text child table ======================
INSERT INTO public.persona_motivations (id, tenant_id, persona_id, sort_order, motivation, motivation_type, created_by)
SELECT vital.seed_uuid('persona_motivations', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.motivation, v.kind,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Getting each patient''s own cells back to them as a working therapy.', 'intrinsic'),
  ('pharmaco', 'uk-country-medical-director', 'UK patients and prescribers getting accurate, balanced information about PharmaCo medicines.', 'intrinsic')
) AS v (t, p, motivation, kind)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_values (id, tenant_id, persona_id, sort_order, value_name, description, created_by)
SELECT vital.seed_uuid('persona_values', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.value_name, v.description,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Right first time', 'Fixes the process rather than reworking lots.'),
  ('pharmaco', 'uk-country-medical-director', 'Compliance by conviction', 'Signs only what is fair, balanced and can be substantiated.')
) AS v (t, p, value_name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_frustrations (id, tenant_id, persona_id, sort_order, frustration, frequency, created_by)
SELECT vital.seed_uuid('persona_frustrations', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.frustration, v.frequency,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Copying instrument readings into batch records by hand.', 'constant'),
  ('pharmaco', 'uk-country-medical-director', 'Materials sent for certification on the day they are needed.', 'frequent')
) AS v (t, p, frustration, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_goals (id, tenant_id, persona_id, sort_order, goal, time_horizon, created_by)
SELECT vital.seed_uuid('persona_goals', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.goal, v.horizon,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Raise the manufacturing success rate above 95% this year.', 'medium_term'),
  ('pharmaco', 'uk-country-medical-director', 'No complaint upheld against the UK affiliate this year.', 'medium_term')
) AS v (t, p, goal, horizon)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_pain_points (id, tenant_id, persona_id, sort_order, pain_point, severity, impact, created_by)
SELECT vital.seed_uuid('persona_pain_points', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.pain_point, v.severity, v.impact,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Process data sit in separate instrument systems.', 'high', 'Deviation investigations take weeks instead of days.'),
  ('pharmaco', 'uk-country-medical-director', 'The certification queue peaks before every launch.', 'high', 'Launch materials are late and signatories overloaded.')
) AS v (t, p, pain_point, severity, impact)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_challenges (id, tenant_id, persona_id, sort_order, challenge, category, created_by)
SELECT vital.seed_uuid('persona_challenges', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.challenge, v.category,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Patient starting material varies widely from lot to lot.', 'scientific'),
  ('pharmaco', 'uk-country-medical-director', 'Tiny UK rare disease populations leave the local evidence thin.', 'scientific')
) AS v (t, p, challenge, category)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_responsibilities (id, tenant_id, persona_id, sort_order, responsibility, time_share_pct, created_by)
SELECT vital.seed_uuid('persona_responsibilities', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.responsibility, v.pct,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Monitors and improves the transduction and expansion steps.', 50),
  ('pharmaco', 'uk-country-medical-director', 'Final medical signatory for UK promotional and non-promotional materials.', 35)
) AS v (t, p, responsibility, pct)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_tools_used (id, tenant_id, persona_id, sort_order, tool_name, vendor, tool_category, usage_frequency, created_by)
SELECT vital.seed_uuid('persona_tools_used', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.tool, v.vendor, v.category, v.frequency,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'JMP', 'JMP Statistical Discovery', 'statistics', 'weekly'),
  ('pharmaco', 'uk-country-medical-director', 'Veeva Vault PromoMats', 'Veeva Systems', 'document_management', 'daily')
) AS v (t, p, tool, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_stakeholders (id, tenant_id, persona_id, sort_order, stakeholder_role, relationship,
                                         influence, interaction_frequency, notes, created_by)
SELECT vital.seed_uuid('persona_stakeholders', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.who, v.relationship, v.influence, v.frequency, v.notes,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Site quality head', 'internal_partner', 'high', 'daily', 'Approves deviations and releases lots.'),
  ('pharmaco', 'uk-country-medical-director', 'Head of Medical, Europe', 'manager', 'high', 'weekly', 'Sets European medical priorities.')
) AS v (t, p, who, relationship, influence, frequency, notes)
ON CONFLICT DO NOTHING;

-- == skills and org roles: own rows and platform library rows ================
INSERT INTO public.persona_skills (id, tenant_id, persona_id, skill_tenant_id, skill_id, proficiency, is_core, created_by)
SELECT vital.seed_uuid('persona_skills', v.t, v.p, v.st, v.skill), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p),
       CASE v.st WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.st) END,
       vital.seed_uuid('skills', v.st, v.skill), v.proficiency, v.core,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'acme', 'flow-cytometry-data-review', 'advanced', true),
  ('acme', 'car-t-process-engineer', 'platform', 'capa-management', 'intermediate', false),
  ('pharmaco', 'uk-country-medical-director', 'platform', 'stakeholder-management', 'expert', true),
  ('pharmaco', 'uk-country-medical-director', 'pharmaco', 'orphan-designation-applications', 'intermediate', false)
) AS v (t, p, st, skill, proficiency, core)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_roles (id, tenant_id, persona_id, role_tenant_id, role_id, is_primary, created_by)
SELECT vital.seed_uuid('persona_roles', v.t, v.p, v.rt, v.role), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p),
       CASE v.rt WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.rt) END,
       vital.seed_uuid('org_roles', v.rt, v.role), v.is_primary,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'acme', 'car-t-process-engineer', true),
  ('pharmaco', 'uk-country-medical-director', 'pharmaco', 'uk-country-medical-director', true),
  ('pharmaco', 'uk-country-medical-director', 'platform', 'chief-medical-officer', false)
) AS v (t, p, rt, role, is_primary)
ON CONFLICT DO NOTHING;

-- == education, certifications, metrics, triggers, aspirations ===============
INSERT INTO public.persona_education (id, tenant_id, persona_id, sort_order, degree, level, field_of_study, prevalence, created_by)
SELECT vital.seed_uuid('persona_education', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.degree, v.level, v.field, v.prevalence,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'MSc', 'master', 'Bioprocess or chemical engineering', 'common'),
  ('pharmaco', 'uk-country-medical-director', 'MBBS', 'professional_doctorate', 'Medicine', 'required')
) AS v (t, p, degree, level, field, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_certifications (id, tenant_id, persona_id, sort_order, certification, issuing_body, prevalence, created_by)
SELECT vital.seed_uuid('persona_certifications', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.certification, v.body, v.prevalence,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Six Sigma Green Belt', 'American Society for Quality', 'preferred'),
  ('pharmaco', 'uk-country-medical-director', 'Registration with a licence to practise', 'General Medical Council', 'required')
) AS v (t, p, certification, body, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_success_metrics (id, tenant_id, persona_id, sort_order, metric, target, created_by)
SELECT vital.seed_uuid('persona_success_metrics', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.metric, v.target,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Lots released within specification', 'Above 95%'),
  ('pharmaco', 'uk-country-medical-director', 'Materials certified within the agreed turnaround', 'Five working days')
) AS v (t, p, metric, target)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_buying_triggers (id, tenant_id, persona_id, sort_order, trigger_event, urgency, created_by)
SELECT vital.seed_uuid('persona_buying_triggers', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.trigger_event, v.urgency,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'A run of out-of-specification lots at the same process step.', 'high'),
  ('pharmaco', 'uk-country-medical-director', 'A complaint upheld against the affiliate.', 'high')
) AS v (t, p, trigger_event, urgency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_aspirations (id, tenant_id, persona_id, sort_order, aspiration, created_by)
SELECT vital.seed_uuid('persona_aspirations', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.aspiration,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Lead process development for Acme''s next-generation allogeneic platform.'),
  ('pharmaco', 'uk-country-medical-director', 'Become Head of Medical, Europe.')
) AS v (t, p, aspiration)
ON CONFLICT DO NOTHING;

-- == conferences, publications, social channels, traits ======================
INSERT INTO public.persona_conferences (id, tenant_id, persona_id, sort_order, conference_name, organizer,
                                        typical_month, participation, created_by)
SELECT vital.seed_uuid('persona_conferences', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.conference, v.organizer, v.month, v.participation,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'ISCT Annual Meeting', 'International Society for Cell & Gene Therapy', 5, 'attendee'),
  ('pharmaco', 'uk-country-medical-director', 'ESC Congress', 'European Society of Cardiology', 8, 'attendee')
) AS v (t, p, conference, organizer, month, participation)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_publications (id, tenant_id, persona_id, sort_order, title, publisher, publication_type, url, created_by)
SELECT vital.seed_uuid('persona_publications', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.title, v.publisher, v.kind, v.url,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Cytotherapy', 'International Society for Cell & Gene Therapy and Elsevier', 'journal', NULL),
  ('pharmaco', 'uk-country-medical-director', 'PMCPA case reports', 'Prescription Medicines Code of Practice Authority', 'guidance_feed', NULL)
) AS v (t, p, title, publisher, kind, url)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_social_channels (id, tenant_id, persona_id, sort_order, channel_name, channel_type, usage_level, purpose, created_by)
SELECT vital.seed_uuid('persona_social_channels', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.channel, v.kind, v.usage, v.purpose,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'LinkedIn', 'professional_network', 'low', 'Follows cell therapy manufacturing news.'),
  ('pharmaco', 'uk-country-medical-director', 'LinkedIn', 'professional_network', 'medium', 'Follows UK health policy and NICE decisions.')
) AS v (t, p, channel, kind, usage, purpose)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_personality_traits (id, tenant_id, persona_id, sort_order, trait, description, intensity, created_by)
SELECT vital.seed_uuid('persona_personality_traits', v.t, v.p, '1'), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('personas', v.t, v.p), 1, v.trait, v.description, v.intensity,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', 'Hands-on', 'Would rather be on the manufacturing floor than in a meeting.', 4),
  ('pharmaco', 'uk-country-medical-director', 'Conscientious', 'Checks every claim against its reference before signing.', 5)
) AS v (t, p, trait, description, intensity)
ON CONFLICT DO NOTHING;

-- == VPANES assessments ======================================================
-- Copies the persona's scores, so the current assessment always matches.
INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor,
                                               assessed_at, created_by)
SELECT vital.seed_uuid('persona_vpanes_assessments', v.t, v.p, v.at), p.tenant_id, p.id, p.vpanes_scores,
       v.rationale, 'self_assessment', v.assessor, v.at::timestamptz,
       vital.seed_uuid('users', CASE v.t WHEN 'acme' THEN 'ada@acme.example' ELSE 'paul@pharmaco.example' END)
FROM (VALUES
  ('acme', 'car-t-process-engineer', '2026-11-10', 'Acme process engineering team',
   'A persona for Acme''s own tooling: the pain is real but confined to one site and one team.'),
  ('pharmaco', 'uk-country-medical-director', '2026-11-12', 'PharmaCo UK medical team',
   'A narrow UK remit with established certification processes, so the needs are modest.')
) AS v (t, p, at, assessor, rationale)
JOIN public.personas AS p ON p.tenant_id = vital.seed_uuid('tenants', v.t) AND p.slug = v.p
ON CONFLICT DO NOTHING;
