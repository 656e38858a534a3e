-- Seed, Personas (part 1 of 5): platform personas regulatory-affairs-director,
-- clinical-operations-manager and medical-science-liaison, each a complete profile
-- (6-13 typical-day activities, 5-10 evidence sources, a VPANES score with its
-- assessment, at least one row in every child table).
-- Idempotent: fixed ids from vital.seed_uuid(<table>, 'platform', <persona slug>, <n>),
-- ON CONFLICT DO NOTHING. Column p of every VALUES list is the persona slug.

-- == personas ================================================================
INSERT INTO public.personas (id, tenant_id, slug, name, role_title, function_tenant_id, function_id,
                             description, seniority, years_experience, vpanes_scores, status, metadata)
SELECT vital.seed_uuid('personas', 'platform', v.p), vital.platform_tenant_id(), v.p, v.name, v.role_title,
       vital.platform_tenant_id(), vital.seed_uuid('org_functions', 'platform', v.fn),
       v.description, v.seniority, v.years, v.vpanes::jsonb, 'active', v.metadata::jsonb
FROM (VALUES
  ('regulatory-affairs-director', 'Renata Okoye', 'Director, Regulatory Affairs', 'regulatory',
   'Leads global regulatory strategy for a mid-stage oncology and immunology portfolio and owns every interaction with FDA and EMA from pre-IND to approval.',
   'principal', 14,
   '{"visibility": 9, "pain": 9, "actions": 8, "needs": 9, "emotions": 7, "scenarios": 9}',
   '{"regions": ["us", "eu"], "therapeutic_areas": ["oncology", "immunology"]}'),
  ('clinical-operations-manager', 'Marcus Lindgren', 'Clinical Operations Manager', 'clinical',
   'Runs two to four global phase 2-3 studies through CROs and is answerable for enrolment, budget and inspection readiness.',
   'senior', 8,
   '{"visibility": 8, "pain": 9, "actions": 8, "needs": 9, "emotions": 7, "scenarios": 8}',
   '{"regions": ["us", "eu", "apac"], "therapeutic_areas": ["cardiology", "neurology"]}'),
  ('medical-science-liaison', 'Priya Raman', 'Medical Science Liaison', 'medical',
   'Field-based PhD or PharmD who builds peer relationships with key opinion leaders and brings clinical insights back to medical affairs.',
   'senior', 6,
   '{"visibility": 6, "pain": 6, "actions": 5, "needs": 7, "emotions": 5, "scenarios": 6}',
   '{"regions": ["us"], "therapeutic_areas": ["oncology"]}')
) AS v (p, name, role_title, fn, description, seniority, years, vpanes, metadata)
ON CONFLICT DO NOTHING;

-- == typical day =============================================================
INSERT INTO public.persona_typical_day_activities (id, tenant_id, persona_id, sort_order, time_of_day,
                                                   duration_minutes, activity, activity_type)
SELECT vital.seed_uuid('persona_typical_day_activities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.at::time, v.mins, v.activity, v.kind
FROM (VALUES
  ('regulatory-affairs-director', 1, '07:30', 30, 'Reads overnight FDA, EMA and MHRA announcements and flags anything that touches the portfolio.', 'learning'),
  ('regulatory-affairs-director', 2, '08:30', 60, 'Chairs the weekly global regulatory team meeting for the lead oncology asset.', 'meeting'),
  ('regulatory-affairs-director', 3, '09:45', 90, 'Reviews the draft briefing package for an upcoming end-of-phase-2 meeting.', 'review'),
  ('regulatory-affairs-director', 4, '11:30', 45, 'Aligns clinical and CMC leads on open questions before a submission date is committed.', 'meeting'),
  ('regulatory-affairs-director', 5, '13:00', 60, 'Negotiates labelling wording and post-marketing commitments with the agency project manager.', 'communication'),
  ('regulatory-affairs-director', 6, '14:30', 90, 'Writes the regulatory section of the updated target product profile.', 'focused_work'),
  ('regulatory-affairs-director', 7, '16:15', 45, 'Approves submission-ready documents in the RIM system and checks the publishing calendar.', 'administration'),
  ('regulatory-affairs-director', 8, '17:15', 30, 'Briefs the CMO on agency feedback and what it means for the filing date.', 'communication'),
  ('clinical-operations-manager', 1, '07:45', 30, 'Checks the CTMS dashboard for enrolment, screen failures and overdue visit reports.', 'review'),
  ('clinical-operations-manager', 2, '08:30', 45, 'Runs the weekly study team call with the CRO project manager and lead CRA.', 'meeting'),
  ('clinical-operations-manager', 3, '09:30', 60, 'Works through site escalations: stalled contracts, drug supply gaps, protocol deviations.', 'communication'),
  ('clinical-operations-manager', 4, '11:00', 60, 'Updates the study budget forecast and accruals with finance.', 'administration'),
  ('clinical-operations-manager', 5, '13:00', 90, 'Reviews monitoring visit reports and chases open action items with sites.', 'review'),
  ('clinical-operations-manager', 6, '14:45', 60, 'Plans country and site selection for the next protocol amendment.', 'planning'),
  ('clinical-operations-manager', 7, '16:00', 45, 'Walks through the trial master file completeness report before a sponsor audit.', 'review'),
  ('clinical-operations-manager', 8, '17:00', 30, 'Sends the weekly status summary to the clinical programme lead.', 'communication'),
  ('medical-science-liaison', 1, '07:00', 60, 'Drives to an academic cancer centre for a scheduled meeting with a thought leader.', 'travel'),
  ('medical-science-liaison', 2, '08:30', 60, 'Discusses new phase 3 data and investigator-initiated study ideas with a haematologist.', 'meeting'),
  ('medical-science-liaison', 3, '10:00', 45, 'Logs the interaction and the insights gathered in the CRM within the compliance window.', 'administration'),
  ('medical-science-liaison', 4, '11:00', 60, 'Answers an unsolicited medical information request with approved scientific material.', 'communication'),
  ('medical-science-liaison', 5, '13:00', 90, 'Reads new publications and congress abstracts in the therapeutic area.', 'learning'),
  ('medical-science-liaison', 6, '15:00', 60, 'Presents a scientific update to a hospital pharmacy and therapeutics committee.', 'meeting'),
  ('medical-science-liaison', 7, '16:30', 45, 'Joins the regional field medical call to share territory insights.', 'meeting')
) AS v (p, n, at, mins, activity, kind)
ON CONFLICT DO NOTHING;

-- == evidence sources ========================================================
INSERT INTO public.persona_evidence_sources (id, tenant_id, persona_id, sort_order, source_type, citation,
                                             url, publication_year, sample_size, relevance)
SELECT vital.seed_uuid('persona_evidence_sources', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.kind, v.citation, v.url, v.yr, v.sample, v.relevance
FROM (VALUES
  ('regulatory-affairs-director', 1, 'regulatory_guidance', '21 CFR Part 312, Investigational New Drug Application',
   'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-D/part-312', NULL::int, NULL::int, 'The IND obligations this persona plans and defends.'),
  ('regulatory-affairs-director', 2, 'regulatory_guidance', 'ICH M4, organisation of the Common Technical Document',
   'https://www.ich.org/page/ctd', 2016, NULL, 'Structure every submission the persona signs off must follow.'),
  ('regulatory-affairs-director', 3, 'professional_body', 'Regulatory Affairs Professionals Society, Regulatory Affairs Certification body of knowledge',
   'https://www.raps.org', NULL, NULL, 'The competencies the profession expects of a regulatory leader.'),
  ('regulatory-affairs-director', 4, 'job_posting', 'Review of public postings for regulatory affairs director roles at US and EU biopharma companies',
   NULL, 2026, 40, 'Typical scope, reporting line and experience required.'),
  ('regulatory-affairs-director', 5, 'interview', 'VITAL persona research: semi-structured interviews with regulatory affairs leaders',
   NULL, 2026, 12, 'Daily work, frustrations and what useful support looks like.'),
  ('clinical-operations-manager', 1, 'regulatory_guidance', 'ICH E6(R3), Guideline for Good Clinical Practice',
   'https://www.ich.org/page/efficacy-guidelines', 2025, NULL, 'Sponsor oversight duties the persona carries for every study.'),
  ('clinical-operations-manager', 2, 'regulatory_guidance', 'Regulation (EU) No 536/2014 on clinical trials on medicinal products for human use',
   'https://eur-lex.europa.eu/eli/reg/2014/536/oj', 2014, NULL, 'Submission and transparency rules for the EU part of each study.'),
  ('clinical-operations-manager', 3, 'professional_body', 'Association of Clinical Research Professionals, core competency framework for clinical research',
   'https://acrpnet.org', NULL, NULL, 'Competency expectations for study managers.'),
  ('clinical-operations-manager', 4, 'industry_report', 'Tufts Center for the Study of Drug Development, reports on site activation and enrolment performance',
   NULL, NULL, NULL, 'Cycle-time benchmarks the persona is measured against.'),
  ('clinical-operations-manager', 5, 'interview', 'VITAL persona research: interviews with clinical operations managers at sponsors and CROs',
   NULL, 2026, 15, 'Where the working week goes and which escalations recur.'),
  ('clinical-operations-manager', 6, 'observation', 'VITAL persona research: observation of two CRO governance meeting cycles',
   NULL, 2026, 2, 'How decisions and escalations flow between sponsor and CRO.'),
  ('medical-science-liaison', 1, 'professional_body', 'Medical Science Liaison Society, field medical role definitions and practice standards',
   NULL, NULL, NULL, 'What the profession counts as the MSL remit.'),
  ('medical-science-liaison', 2, 'professional_body', 'Medical Affairs Professional Society, field medical focus-area resources',
   NULL, NULL, NULL, 'Insight generation and KOL engagement practices.'),
  ('medical-science-liaison', 3, 'regulatory_guidance', 'PhRMA Code on Interactions with Health Care Professionals',
   NULL, 2022, NULL, 'Rules that keep scientific exchange non-promotional.'),
  ('medical-science-liaison', 4, 'regulatory_guidance', 'FDA guidance on firm communications to health care providers about unapproved uses of approved products',
   'https://www.fda.gov', NULL, NULL, 'Boundaries of responding to unsolicited off-label questions.'),
  ('medical-science-liaison', 5, 'survey', 'VITAL persona research: survey of field medical professionals on insight capture',
   NULL, 2026, 58, 'Time spent on documentation versus scientific exchange.')
) AS v (p, n, kind, citation, url, yr, sample, relevance)
ON CONFLICT DO NOTHING;

-- == motivations, values, frustrations =======================================
INSERT INTO public.persona_motivations (id, tenant_id, persona_id, sort_order, motivation, motivation_type)
SELECT vital.seed_uuid('persona_motivations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.motivation, v.kind
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Getting a safe, effective therapy to patients without avoidable regulatory delay.', 'intrinsic'),
  ('regulatory-affairs-director', 2, 'Being the voice the executive team consults before any agency interaction.', 'extrinsic'),
  ('clinical-operations-manager', 1, 'Delivering a study that answers its question on time, with data nobody has to apologise for.', 'intrinsic'),
  ('clinical-operations-manager', 2, 'Recognition as the manager who rescues struggling studies.', 'extrinsic'),
  ('medical-science-liaison', 1, 'Real scientific conversations with clinicians who treat the disease every day.', 'intrinsic'),
  ('medical-science-liaison', 2, 'Seeing an insight from the field change a company decision.', 'intrinsic')
) AS v (p, n, motivation, kind)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_values (id, tenant_id, persona_id, sort_order, value_name, description)
SELECT vital.seed_uuid('persona_values', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.value_name, v.description
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Scientific integrity', 'Will not overstate data in a submission, whatever the timeline pressure.'),
  ('regulatory-affairs-director', 2, 'Candour with regulators', 'Raises known issues early rather than waiting for the agency to find them.'),
  ('clinical-operations-manager', 1, 'Participant safety', 'Stops enrolment at a site before tolerating a consent or safety lapse.'),
  ('clinical-operations-manager', 2, 'Accountability', 'Owns the plan and says early when it will slip.'),
  ('medical-science-liaison', 1, 'Scientific balance', 'Presents limitations and competing data, not only the favourable results.'),
  ('medical-science-liaison', 2, 'Trust', 'Keeps every commitment made to a clinician, however small.')
) AS v (p, n, value_name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_frustrations (id, tenant_id, persona_id, sort_order, frustration, frequency)
SELECT vital.seed_uuid('persona_frustrations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.frustration, v.frequency
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Late changes to clinical data that force a second review of approved modules.', 'frequent'),
  ('regulatory-affairs-director', 2, 'Chasing functions for documents that were promised weeks ago.', 'constant'),
  ('clinical-operations-manager', 1, 'CRO status reports that arrive polished but a week out of date.', 'frequent'),
  ('clinical-operations-manager', 2, 'Protocol amendments approved without asking operations whether sites can deliver them.', 'occasional'),
  ('medical-science-liaison', 1, 'Entering the same interaction details into two systems.', 'constant'),
  ('medical-science-liaison', 2, 'Being asked by sales colleagues to carry messages that belong to them.', 'occasional')
) AS v (p, n, frustration, frequency)
ON CONFLICT DO NOTHING;

-- == goals, pain points, challenges, responsibilities ========================
INSERT INTO public.persona_goals (id, tenant_id, persona_id, sort_order, goal, time_horizon)
SELECT vital.seed_uuid('persona_goals', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.goal, v.horizon
FROM (VALUES
  ('regulatory-affairs-director', 1, 'File the lead asset''s marketing application on the date committed to the board.', 'medium_term'),
  ('regulatory-affairs-director', 2, 'Secure breakthrough therapy designation for the next programme.', 'short_term'),
  ('clinical-operations-manager', 1, 'Reach last patient in on the pivotal study within the approved budget.', 'medium_term'),
  ('clinical-operations-manager', 2, 'Close every open critical finding from the last sponsor audit this quarter.', 'short_term'),
  ('medical-science-liaison', 1, 'Build working relationships with the top 25 experts in the territory this year.', 'medium_term'),
  ('medical-science-liaison', 2, 'Move into a field medical leadership role.', 'long_term')
) AS v (p, n, goal, horizon)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_pain_points (id, tenant_id, persona_id, sort_order, pain_point, severity, impact)
SELECT vital.seed_uuid('persona_pain_points', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.pain_point, v.severity, v.impact
FROM (VALUES
  ('regulatory-affairs-director', 1, 'FDA, EMA and PMDA expectations diverge and must be reconciled by hand.', 'high', 'Weeks of analysis for every global strategy update.'),
  ('regulatory-affairs-director', 2, 'Submission content lives in several document systems with no single source of truth.', 'critical', 'Inconsistencies surface late, as agency questions.'),
  ('clinical-operations-manager', 1, 'Enrolment forecasts rest on site promises rather than evidence.', 'high', 'Timelines slip and rescue sites are added at high cost.'),
  ('clinical-operations-manager', 2, 'Oversight of CRO work depends on manual spreadsheet reconciliation.', 'medium', 'Issues are found late and oversight is hard to show inspectors.'),
  ('medical-science-liaison', 1, 'Insights from the field disappear into CRM notes nobody reads.', 'high', 'Medical strategy misses what clinicians are actually saying.'),
  ('medical-science-liaison', 2, 'Keeping up with the literature in a fast-moving therapeutic area.', 'medium', 'Risk of being less current than the experts being visited.')
) AS v (p, n, pain_point, severity, impact)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_challenges (id, tenant_id, persona_id, sort_order, challenge, category)
SELECT vital.seed_uuid('persona_challenges', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.challenge, v.category
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Agency expectations for novel modalities keep moving while the programme is in flight.', 'regulatory'),
  ('regulatory-affairs-director', 2, 'A small team covers a growing portfolio across several regions.', 'organizational'),
  ('clinical-operations-manager', 1, 'Competition for investigators and patients in crowded indications.', 'operational'),
  ('medical-science-liaison', 1, 'Showing the value of field medical without promotional metrics.', 'organizational')
) AS v (p, n, challenge, category)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_responsibilities (id, tenant_id, persona_id, sort_order, responsibility, time_share_pct)
SELECT vital.seed_uuid('persona_responsibilities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.responsibility, v.pct
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Defines and maintains the global regulatory strategy of each programme.', 30),
  ('regulatory-affairs-director', 2, 'Leads the preparation of, and the company''s side in, health authority meetings.', 25),
  ('regulatory-affairs-director', 3, 'Accountable for the quality and timeliness of regulatory submissions.', 30),
  ('clinical-operations-manager', 1, 'Plans and tracks study timelines, budget and enrolment.', 35),
  ('clinical-operations-manager', 2, 'Oversees CRO and vendor performance against contract.', 30),
  ('clinical-operations-manager', 3, 'Keeps the trial master file inspection-ready.', 15),
  ('medical-science-liaison', 1, 'Engages key opinion leaders in balanced scientific exchange.', 50),
  ('medical-science-liaison', 2, 'Captures and reports field insights to medical affairs.', 20),
  ('medical-science-liaison', 3, 'Supports investigator-initiated study proposals and trial sites.', 15)
) AS v (p, n, responsibility, pct)
ON CONFLICT DO NOTHING;

-- == tools and stakeholders ==================================================
INSERT INTO public.persona_tools_used (id, tenant_id, persona_id, sort_order, tool_name, vendor, tool_category, usage_frequency)
SELECT vital.seed_uuid('persona_tools_used', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.tool, v.vendor, v.category, v.frequency
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Veeva Vault RIM', 'Veeva Systems', 'regulatory_information', 'daily'),
  ('regulatory-affairs-director', 2, 'Cortellis Regulatory Intelligence', 'Clarivate', 'regulatory_information', 'weekly'),
  ('regulatory-affairs-director', 3, 'Microsoft Teams', 'Microsoft', 'collaboration', 'daily'),
  ('clinical-operations-manager', 1, 'Veeva Vault CTMS', 'Veeva Systems', 'ctms', 'daily'),
  ('clinical-operations-manager', 2, 'Medidata Rave EDC', 'Medidata', 'edc', 'weekly'),
  ('clinical-operations-manager', 3, 'Microsoft Excel', 'Microsoft', 'analytics', 'daily'),
  ('medical-science-liaison', 1, 'Veeva CRM Medical', 'Veeva Systems', 'crm', 'daily'),
  ('medical-science-liaison', 2, 'PubMed', 'US National Library of Medicine', 'literature', 'daily')
) AS v (p, n, tool, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_stakeholders (id, tenant_id, persona_id, sort_order, stakeholder_role, relationship,
                                         influence, interaction_frequency, notes)
SELECT vital.seed_uuid('persona_stakeholders', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.who, v.relationship, v.influence, v.frequency, v.notes
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Chief Medical Officer', 'manager', 'high', 'weekly', 'Escalation point for strategy trade-offs.'),
  ('regulatory-affairs-director', 2, 'FDA regulatory project manager', 'regulator', 'high', 'monthly', 'Single point of contact in the review division.'),
  ('regulatory-affairs-director', 3, 'Regulatory operations lead', 'direct_report', 'medium', 'daily', 'Owns publishing and dispatch of eCTD sequences.'),
  ('clinical-operations-manager', 1, 'CRO project manager', 'vendor', 'high', 'weekly', 'Runs day-to-day delivery; the relationship sets the study''s tone.'),
  ('clinical-operations-manager', 2, 'Principal investigators', 'external_partner', 'high', 'monthly', 'Their engagement decides enrolment.'),
  ('clinical-operations-manager', 3, 'Clinical programme lead', 'manager', 'high', 'weekly', 'Approves budget changes and escalations.'),
  ('medical-science-liaison', 1, 'Key opinion leaders', 'external_partner', 'high', 'monthly', 'Senior clinicians and researchers in the territory.'),
  ('medical-science-liaison', 2, 'Field medical director', 'manager', 'medium', 'weekly', 'Sets territory priorities and reviews insight reports.')
) AS v (p, n, who, relationship, influence, frequency, notes)
ON CONFLICT DO NOTHING;

-- == skills (platform taxonomy) ==============================================
INSERT INTO public.persona_skills (id, tenant_id, persona_id, skill_tenant_id, skill_id, proficiency, is_core)
SELECT vital.seed_uuid('persona_skills', 'platform', v.p, v.skill), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('skills', 'platform', v.skill), v.proficiency, v.core
FROM (VALUES
  ('regulatory-affairs-director', 'fda-meeting-preparation', 'expert', true),
  ('regulatory-affairs-director', 'ectd-submission-assembly', 'advanced', false),
  ('regulatory-affairs-director', 'stakeholder-management', 'expert', true),
  ('clinical-operations-manager', 'stakeholder-management', 'advanced', true),
  ('clinical-operations-manager', 'edc-configuration', 'basic', false),
  ('clinical-operations-manager', 'sop-writing', 'intermediate', false),
  ('medical-science-liaison', 'literature-search', 'advanced', true),
  ('medical-science-liaison', 'stakeholder-management', 'advanced', true)
) AS v (p, skill, proficiency, core)
ON CONFLICT DO NOTHING;

-- == education and certifications ============================================
INSERT INTO public.persona_education (id, tenant_id, persona_id, sort_order, degree, level, field_of_study, prevalence)
SELECT vital.seed_uuid('persona_education', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.degree, v.level, v.field, v.prevalence
FROM (VALUES
  ('regulatory-affairs-director', 1, 'MSc Regulatory Affairs', 'master', 'Regulatory science', 'common'),
  ('regulatory-affairs-director', 2, 'PhD', 'doctorate', 'Pharmacology', 'preferred'),
  ('clinical-operations-manager', 1, 'BSc', 'bachelor', 'Life sciences or nursing', 'required'),
  ('medical-science-liaison', 1, 'PharmD, PhD or MD', 'professional_doctorate', 'Pharmacy, life sciences or medicine', 'required')
) AS v (p, n, degree, level, field, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_certifications (id, tenant_id, persona_id, sort_order, certification, issuing_body, prevalence)
SELECT vital.seed_uuid('persona_certifications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.certification, v.body, v.prevalence
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Regulatory Affairs Certification (RAC-Drugs)', 'Regulatory Affairs Professionals Society', 'preferred'),
  ('clinical-operations-manager', 1, 'Certified Clinical Research Professional (CCRP)', 'Society of Clinical Research Associates', 'common'),
  ('medical-science-liaison', 1, 'Board Certified Medical Affairs Specialist (BCMAS)', 'Accreditation Council for Medical Affairs', 'preferred')
) AS v (p, n, certification, body, prevalence)
ON CONFLICT DO NOTHING;

-- == success metrics, buying triggers, aspirations ===========================
INSERT INTO public.persona_success_metrics (id, tenant_id, persona_id, sort_order, metric, target)
SELECT vital.seed_uuid('persona_success_metrics', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.metric, v.target
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Submissions accepted for review without a refuse-to-file', 'Every submission'),
  ('regulatory-affairs-director', 2, 'Agency information requests answered within the review clock', 'No unplanned clock stops'),
  ('clinical-operations-manager', 1, 'Enrolment against plan', 'Within 10% of the monthly forecast'),
  ('clinical-operations-manager', 2, 'Critical audit or inspection findings', 'None'),
  ('medical-science-liaison', 1, 'Actionable insights submitted and accepted by medical strategy', 'Four or more per quarter')
) AS v (p, n, metric, target)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_buying_triggers (id, tenant_id, persona_id, sort_order, trigger_event, urgency)
SELECT vital.seed_uuid('persona_buying_triggers', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trigger_event, v.urgency
FROM (VALUES
  ('regulatory-affairs-director', 1, 'A complete response letter or clinical hold that exposed gaps in a submission.', 'high'),
  ('regulatory-affairs-director', 2, 'Expansion into a new region without added headcount.', 'medium'),
  ('clinical-operations-manager', 1, 'A pivotal study falling more than a quarter behind its enrolment plan.', 'high'),
  ('medical-science-liaison', 1, 'A launch that doubles the number of experts to engage.', 'medium')
) AS v (p, n, trigger_event, urgency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_aspirations (id, tenant_id, persona_id, sort_order, aspiration)
SELECT vital.seed_uuid('persona_aspirations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.aspiration
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Head global regulatory affairs at a company with a marketed portfolio.'),
  ('clinical-operations-manager', 1, 'Lead clinical operations for a whole therapeutic area.'),
  ('medical-science-liaison', 1, 'Be recognised by experts as a scientific peer rather than a company representative.')
) AS v (p, n, aspiration)
ON CONFLICT DO NOTHING;

-- == conferences, publications, social channels ==============================
INSERT INTO public.persona_conferences (id, tenant_id, persona_id, sort_order, conference_name, organizer,
                                        typical_month, participation)
SELECT vital.seed_uuid('persona_conferences', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.conference, v.organizer, v.month, v.participation
FROM (VALUES
  ('regulatory-affairs-director', 1, 'RAPS Convergence', 'Regulatory Affairs Professionals Society', NULL::int, 'attendee'),
  ('regulatory-affairs-director', 2, 'DIA Global Annual Meeting', 'DIA', 6, 'speaker'),
  ('clinical-operations-manager', 1, 'SCOPE Summit for Clinical Ops Executives', 'Cambridge Innovation Institute', 2, 'attendee'),
  ('medical-science-liaison', 1, 'ASCO Annual Meeting', 'American Society of Clinical Oncology', 6, 'attendee'),
  ('medical-science-liaison', 2, 'MAPS Global Annual Meeting', 'Medical Affairs Professional Society', NULL, 'attendee')
) AS v (p, n, conference, organizer, month, participation)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_publications (id, tenant_id, persona_id, sort_order, title, publisher, publication_type, url)
SELECT vital.seed_uuid('persona_publications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.title, v.publisher, v.kind, v.url
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Regulatory Focus', 'Regulatory Affairs Professionals Society', 'trade_news', 'https://www.raps.org'),
  ('regulatory-affairs-director', 2, 'Federal Register notices from FDA', 'Office of the Federal Register', 'guidance_feed', 'https://www.federalregister.gov'),
  ('clinical-operations-manager', 1, 'Applied Clinical Trials', 'MJH Life Sciences', 'trade_news', NULL),
  ('medical-science-liaison', 1, 'Journal of Clinical Oncology', 'American Society of Clinical Oncology', 'journal', NULL),
  ('medical-science-liaison', 2, 'The New England Journal of Medicine', 'Massachusetts Medical Society', 'journal', 'https://www.nejm.org')
) AS v (p, n, title, publisher, kind, url)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_social_channels (id, tenant_id, persona_id, sort_order, channel_name, channel_type, usage_level, purpose)
SELECT vital.seed_uuid('persona_social_channels', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.channel, v.kind, v.usage, v.purpose
FROM (VALUES
  ('regulatory-affairs-director', 1, 'LinkedIn', 'professional_network', 'high', 'Follows agency officials and peers; posts commentary on new guidance.'),
  ('regulatory-affairs-director', 2, 'RAPS Regulatory Exchange', 'community', 'medium', 'Asks peers how they handled a specific agency request.'),
  ('clinical-operations-manager', 1, 'LinkedIn', 'professional_network', 'medium', 'Recruits CRAs and keeps up with CRO news.'),
  ('medical-science-liaison', 1, 'LinkedIn', 'professional_network', 'medium', 'Follows experts and congress coverage.'),
  ('medical-science-liaison', 2, 'X (Twitter) oncology community', 'microblog', 'medium', 'Watches live congress discussion among oncologists.')
) AS v (p, n, channel, kind, usage, purpose)
ON CONFLICT DO NOTHING;

-- == personality traits ======================================================
INSERT INTO public.persona_personality_traits (id, tenant_id, persona_id, sort_order, trait, description, intensity)
SELECT vital.seed_uuid('persona_personality_traits', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trait, v.description, v.intensity
FROM (VALUES
  ('regulatory-affairs-director', 1, 'Methodical', 'Works from precedent and checklists before forming a view.', 5),
  ('regulatory-affairs-director', 2, 'Diplomatic', 'Delivers bad news to executives and regulators without losing accuracy.', 4),
  ('clinical-operations-manager', 1, 'Pragmatic', 'Prefers a workable plan today over a perfect plan next month.', 4),
  ('clinical-operations-manager', 2, 'Persistent', 'Follows up until an action item is actually closed.', 5),
  ('medical-science-liaison', 1, 'Curious', 'Asks the follow-up question that reveals how a clinician really decides.', 5),
  ('medical-science-liaison', 2, 'Independent', 'Plans a territory alone and dislikes micromanagement.', 4)
) AS v (p, n, trait, description, intensity)
ON CONFLICT DO NOTHING;

-- == org roles (platform organisation) =======================================
INSERT INTO public.persona_roles (id, tenant_id, persona_id, role_tenant_id, role_id, is_primary)
SELECT vital.seed_uuid('persona_roles', 'platform', v.p, v.role), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('org_roles', 'platform', v.role), v.is_primary
FROM (VALUES
  ('regulatory-affairs-director', 'regulatory-affairs-director', true),
  ('clinical-operations-manager', 'clinical-operations-manager', true),
  ('medical-science-liaison', 'medical-science-liaison', true)
) AS v (p, role, is_primary)
ON CONFLICT DO NOTHING;

-- == VPANES assessments ======================================================
-- The current assessment copies the persona's scores, so the two always match.
INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor, assessed_at)
SELECT vital.seed_uuid('persona_vpanes_assessments', 'platform', v.p, v.at), p.tenant_id, p.id, p.vpanes_scores,
       v.rationale, v.method, 'VITAL persona research team', v.at::timestamptz
FROM (VALUES
  ('regulatory-affairs-director', '2026-11-02',
   'Pain is visible and recurrent around every submission, scenarios are concrete, budget owners act; emotions run lower in an experienced, composed role.',
   'user_research'),
  ('clinical-operations-manager', '2026-11-02',
   'Enrolment and CRO oversight hurt weekly and the manager already works around them; needs are explicit and the study plan gives clear scenarios.',
   'user_research'),
  ('medical-science-liaison', '2026-11-02',
   'Needs around insight capture are real but compliance limits the actions an MSL can take alone; pain is moderate and tolerated.',
   'expert_review')
) AS v (p, at, rationale, method)
JOIN public.personas AS p ON p.tenant_id = vital.platform_tenant_id() AND p.slug = v.p
ON CONFLICT DO NOTHING;
