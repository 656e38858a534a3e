-- Seed, Personas (part 3 of 5): platform personas biostatistics-lead,
-- clinical-data-manager and medical-writer, each a complete profile.
-- Same layout as 0007_personas_01.sql: column p of every VALUES list is the persona slug.

-- == personas ================================================================
INSERT INTO public.personas (id, tenant_id, slug, name, role_title, function_tenant_id, function_id,
                             description, seniority, years_experience, vpanes_scores, status, metadata)
SELECT vital.seed_uuid('personas', 'platform', v.p), vital.platform_tenant_id(), v.p, v.name, v.role_title,
       vital.platform_tenant_id(), vital.seed_uuid('org_functions', 'platform', v.fn),
       v.description, v.seniority, v.years, v.vpanes::jsonb, 'active', v.metadata::jsonb
FROM (VALUES
  ('biostatistics-lead', 'Daniel Achterberg', 'Biostatistics Lead', 'data-science',
   'Owns statistical design and analysis across a clinical programme, from sample size to the statistical sections of the submission.',
   'principal', 12,
   '{"visibility": 6, "pain": 7, "actions": 6, "needs": 7, "emotions": 4, "scenarios": 6}',
   '{"regions": ["us", "eu"], "therapeutic_areas": ["oncology", "cardiology"]}'),
  ('clinical-data-manager', 'Aiko Tanaka', 'Clinical Data Manager', 'data-science',
   'Builds the study database, drives query resolution with sites and delivers a clean, locked database on the date the submission plan depends on.',
   'mid', 5,
   '{"visibility": 7, "pain": 8, "actions": 8, "needs": 8, "emotions": 6, "scenarios": 8}',
   '{"regions": ["us", "apac"], "therapeutic_areas": ["neurology", "respiratory"]}'),
  ('medical-writer', 'Sofia Petrakis', 'Medical Writer', 'regulatory',
   'Writes protocols, clinical study reports and submission summaries from statistical outputs and expert input, under tight review cycles.',
   'mid', 6,
   '{"visibility": 8, "pain": 9, "actions": 8, "needs": 9, "emotions": 7, "scenarios": 8}',
   '{"regions": ["eu", "us"], "document_types": ["protocol", "csr", "investigator-brochure", "module-2"]}')
) AS v (p, name, role_title, fn, description, seniority, years, vpanes, metadata)
ON CONFLICT DO NOTHING;

-- == typical day =============================================================
INSERT INTO public.persona_typical_day_activities (id, tenant_id, persona_id, sort_order, time_of_day,
                                                   duration_minutes, activity, activity_type)
SELECT vital.seed_uuid('persona_typical_day_activities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.at::time, v.mins, v.activity, v.kind
FROM (VALUES
  ('biostatistics-lead', 1, '08:30', 30, 'Checks overnight programming runs and the validation status of analysis datasets.', 'review'),
  ('biostatistics-lead', 2, '09:00', 90, 'Simulates the operating characteristics of two adaptive design options.', 'focused_work'),
  ('biostatistics-lead', 3, '10:45', 60, 'Works through estimands and intercurrent events with the clinical lead of a new protocol.', 'meeting'),
  ('biostatistics-lead', 4, '13:00', 60, 'Reviews a study statistician''s draft statistical analysis plan.', 'review'),
  ('biostatistics-lead', 5, '14:15', 45, 'Answers an agency question on multiplicity control for secondary endpoints.', 'communication'),
  ('biostatistics-lead', 6, '15:15', 60, 'Coaches junior statisticians on a missing-data sensitivity analysis.', 'meeting'),
  ('biostatistics-lead', 7, '16:30', 45, 'Reviews top-line tables before the unblinded data review.', 'review'),
  ('clinical-data-manager', 1, '08:00', 30, 'Reviews the open query report by site and by age.', 'review'),
  ('clinical-data-manager', 2, '08:45', 60, 'Runs data review listings and raises manual queries on inconsistent visits.', 'focused_work'),
  ('clinical-data-manager', 3, '10:00', 45, 'Agrees edit-check changes for a protocol amendment with the EDC vendor.', 'meeting'),
  ('clinical-data-manager', 4, '11:00', 60, 'Reconciles serious adverse events between the EDC and the safety database.', 'review'),
  ('clinical-data-manager', 5, '13:00', 90, 'Tests the eCRF build of a new study in the user acceptance environment.', 'focused_work'),
  ('clinical-data-manager', 6, '14:45', 45, 'Chases the sites with the oldest open queries through their CRAs.', 'communication'),
  ('clinical-data-manager', 7, '15:45', 60, 'Updates the database lock checklist and lock timeline.', 'planning'),
  ('clinical-data-manager', 8, '16:45', 30, 'Reconciles external lab transfers against the data transfer agreement.', 'review'),
  ('medical-writer', 1, '08:30', 30, 'Reads the review comments left overnight on the clinical study report draft.', 'review'),
  ('medical-writer', 2, '09:00', 120, 'Writes the efficacy results section from the final tables, listings and figures.', 'focused_work'),
  ('medical-writer', 3, '11:15', 45, 'Runs a comment-resolution meeting with the study physician and statistician.', 'meeting'),
  ('medical-writer', 4, '13:00', 60, 'Checks the numbers in the text against the source tables before quality control.', 'review'),
  ('medical-writer', 5, '14:15', 60, 'Drafts the synopsis and the lay summary of the study.', 'focused_work'),
  ('medical-writer', 6, '15:30', 30, 'Updates the document timeline with the submission team.', 'planning'),
  ('medical-writer', 7, '16:00', 60, 'Adapts the protocol template to a new indication.', 'focused_work')
) AS v (p, n, at, mins, activity, kind)
ON CONFLICT DO NOTHING;

-- == evidence sources ========================================================
INSERT INTO public.persona_evidence_sources (id, tenant_id, persona_id, sort_order, source_type, citation,
                                             url, publication_year, sample_size, relevance)
SELECT vital.seed_uuid('persona_evidence_sources', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.kind, v.citation, v.url, v.yr, v.sample, v.relevance
FROM (VALUES
  ('biostatistics-lead', 1, 'regulatory_guidance', 'ICH E9, Statistical Principles for Clinical Trials',
   'https://www.ich.org/page/efficacy-guidelines', 1998, NULL::int, 'The statistical principles every design and analysis must respect.'),
  ('biostatistics-lead', 2, 'regulatory_guidance', 'ICH E9(R1), addendum on estimands and sensitivity analysis',
   'https://www.ich.org/page/efficacy-guidelines', 2019, NULL, 'The estimand framework the persona brings to clinical teams.'),
  ('biostatistics-lead', 3, 'regulatory_guidance', 'FDA guidance, Adaptive Designs for Clinical Trials of Drugs and Biologics',
   'https://www.fda.gov', 2019, NULL, 'What the agency expects when a design adapts.'),
  ('biostatistics-lead', 4, 'professional_body', 'Statisticians in the Pharmaceutical Industry (PSI), training and special interest groups',
   'https://www.psiweb.org', NULL, NULL, 'Shared practice of industry statisticians.'),
  ('biostatistics-lead', 5, 'interview', 'VITAL persona research: interviews with lead statisticians at sponsors and CROs',
   NULL, 2026, 8, 'Where design work stalls and which questions recur.'),
  ('clinical-data-manager', 1, 'professional_body', 'Society for Clinical Data Management, Good Clinical Data Management Practices',
   'https://scdm.org', NULL, NULL, 'The reference practice of the profession.'),
  ('clinical-data-manager', 2, 'professional_body', 'CDISC, SDTM Implementation Guide',
   'https://www.cdisc.org', NULL, NULL, 'Standards the collected data must map to.'),
  ('clinical-data-manager', 3, 'regulatory_guidance', 'FDA guidance, Electronic Source Data in Clinical Investigations',
   'https://www.fda.gov', 2013, NULL, 'Expectations on eSource and data origin.'),
  ('clinical-data-manager', 4, 'regulatory_guidance', '21 CFR Part 11, Electronic Records; Electronic Signatures',
   'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-A/part-11', NULL, NULL, 'Audit-trail and access controls of every system used.'),
  ('clinical-data-manager', 5, 'interview', 'VITAL persona research: interviews with clinical data managers',
   NULL, 2026, 10, 'Lock timelines, reconciliation work and query habits.'),
  ('clinical-data-manager', 6, 'observation', 'VITAL persona research: observation of a database lock week at a mid-size CRO',
   NULL, 2026, 1, 'How the last days before lock are actually spent.'),
  ('medical-writer', 1, 'regulatory_guidance', 'ICH E3, Structure and Content of Clinical Study Reports',
   'https://www.ich.org/page/efficacy-guidelines', 1995, NULL, 'The structure every study report follows.'),
  ('medical-writer', 2, 'professional_body', 'CORE Reference (Clarity and Openness in Reporting: E3-based)',
   NULL, 2016, NULL, 'Practical interpretation of ICH E3 for writers.'),
  ('medical-writer', 3, 'regulatory_guidance', 'Regulation (EU) No 536/2014, requirements for lay summaries of results',
   'https://eur-lex.europa.eu/eli/reg/2014/536/oj', 2014, NULL, 'Plain-language summaries the persona now also writes.'),
  ('medical-writer', 4, 'professional_body', 'American Medical Writers Association, medical writing competencies',
   'https://www.amwa.org', NULL, NULL, 'Skills expected of regulatory writers.'),
  ('medical-writer', 5, 'professional_body', 'European Medical Writers Association, professional development programme',
   'https://www.emwa.org', NULL, NULL, 'Training path of European writers.'),
  ('medical-writer', 6, 'survey', 'VITAL persona research: survey of regulatory medical writers on review cycles',
   NULL, 2026, 44, 'How many review rounds documents take and why.')
) AS v (p, n, kind, citation, url, yr, sample, relevance)
ON CONFLICT DO NOTHING;

-- == motivations, values, frustrations =======================================
INSERT INTO public.persona_motivations (id, tenant_id, persona_id, sort_order, motivation, motivation_type)
SELECT vital.seed_uuid('persona_motivations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.motivation, v.kind
FROM (VALUES
  ('biostatistics-lead', 1, 'Designs that answer the scientific question with as few patients as possible.', 'intrinsic'),
  ('biostatistics-lead', 2, 'Being consulted early, not only to calculate a sample size.', 'extrinsic'),
  ('clinical-data-manager', 1, 'Handing over a database the statisticians can trust completely.', 'intrinsic'),
  ('clinical-data-manager', 2, 'Hitting the lock date the whole submission plan rests on.', 'extrinsic'),
  ('medical-writer', 1, 'Turning complex data into a clear story a reviewer can follow.', 'intrinsic'),
  ('medical-writer', 2, 'Documents that pass quality control without rework.', 'extrinsic')
) AS v (p, n, motivation, kind)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_values (id, tenant_id, persona_id, sort_order, value_name, description)
SELECT vital.seed_uuid('persona_values', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.value_name, v.description
FROM (VALUES
  ('biostatistics-lead', 1, 'Pre-specification', 'Decides the analysis before anyone sees the data.'),
  ('biostatistics-lead', 2, 'Transparency', 'Reports every sensitivity analysis, favourable or not.'),
  ('clinical-data-manager', 1, 'Data integrity', 'Treats every correction as traceable evidence.'),
  ('clinical-data-manager', 2, 'Teamwork', 'Works with CRAs and sites rather than around them.'),
  ('medical-writer', 1, 'Accuracy', 'Every number in the text traces back to a table.'),
  ('medical-writer', 2, 'Clarity', 'Prefers plain sentences to hedged jargon.')
) AS v (p, n, value_name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_frustrations (id, tenant_id, persona_id, sort_order, frustration, frequency)
SELECT vital.seed_uuid('persona_frustrations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.frustration, v.frequency
FROM (VALUES
  ('biostatistics-lead', 1, 'Being asked for a sample size after the budget is already fixed.', 'frequent'),
  ('biostatistics-lead', 2, 'Late protocol changes that invalidate the analysis plan.', 'occasional'),
  ('clinical-data-manager', 1, 'Edit checks that fire on correct data and flood sites with queries.', 'frequent'),
  ('clinical-data-manager', 2, 'Protocol amendments that arrive after the database went live.', 'frequent'),
  ('medical-writer', 1, 'A dozen reviewers commenting on the same paragraph in contradictory ways.', 'constant'),
  ('medical-writer', 2, 'Tables delivered days late while the writing deadline stays put.', 'frequent')
) AS v (p, n, frustration, frequency)
ON CONFLICT DO NOTHING;

-- == goals, pain points, challenges, responsibilities ========================
INSERT INTO public.persona_goals (id, tenant_id, persona_id, sort_order, goal, time_horizon)
SELECT vital.seed_uuid('persona_goals', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.goal, v.horizon
FROM (VALUES
  ('biostatistics-lead', 1, 'Finalise the statistical analysis plan before the first interim analysis.', 'short_term'),
  ('biostatistics-lead', 2, 'Introduce Bayesian borrowing of external controls in a rare disease programme.', 'long_term'),
  ('clinical-data-manager', 1, 'Lock the database within four weeks of the last patient''s last visit.', 'short_term'),
  ('clinical-data-manager', 2, 'Move every study to risk-based data review.', 'medium_term'),
  ('medical-writer', 1, 'Deliver the clinical study report within eight weeks of database lock.', 'short_term'),
  ('medical-writer', 2, 'Lead the writing of a complete Module 2 clinical summary.', 'medium_term')
) AS v (p, n, goal, horizon)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_pain_points (id, tenant_id, persona_id, sort_order, pain_point, severity, impact)
SELECT vital.seed_uuid('persona_pain_points', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.pain_point, v.severity, v.impact
FROM (VALUES
  ('biostatistics-lead', 1, 'Design simulations take days to set up and rerun.', 'medium', 'Fewer options are explored before decisions are made.'),
  ('biostatistics-lead', 2, 'Statistical precedents from agency reviews are hard to find.', 'medium', 'Design arguments go to agency meetings without support.'),
  ('clinical-data-manager', 1, 'Safety, lab and EDC data are reconciled by hand.', 'high', 'Lock slips by days of spreadsheet work.'),
  ('clinical-data-manager', 2, 'A few slow sites hold most of the aged queries.', 'medium', 'Cleaning work piles up just before lock.'),
  ('medical-writer', 1, 'Numbers are checked between outputs and text by hand.', 'high', 'Days of quality control and residual errors.'),
  ('medical-writer', 2, 'Comment resolution across many reviewers.', 'high', 'Drafts stall and the timeline slips.')
) AS v (p, n, pain_point, severity, impact)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_challenges (id, tenant_id, persona_id, sort_order, challenge, category)
SELECT vital.seed_uuid('persona_challenges', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.challenge, v.category
FROM (VALUES
  ('biostatistics-lead', 1, 'Estimand thinking is still new to many clinical teams.', 'scientific'),
  ('biostatistics-lead', 2, 'Too few senior statisticians for a growing portfolio.', 'organizational'),
  ('clinical-data-manager', 1, 'More external data sources per study: wearables, ePRO, central labs.', 'technical'),
  ('clinical-data-manager', 2, 'Database builds squeezed between final protocol and first patient in.', 'operational'),
  ('medical-writer', 1, 'Transparency rules add lay summaries and redaction for public disclosure.', 'regulatory')
) AS v (p, n, challenge, category)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_responsibilities (id, tenant_id, persona_id, sort_order, responsibility, time_share_pct)
SELECT vital.seed_uuid('persona_responsibilities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.responsibility, v.pct
FROM (VALUES
  ('biostatistics-lead', 1, 'Statistical design of protocols, sample size and adaptations included.', 35),
  ('biostatistics-lead', 2, 'Approval of statistical analysis plans and outputs.', 30),
  ('biostatistics-lead', 3, 'Statistical input to regulatory interactions.', 15),
  ('clinical-data-manager', 1, 'Designs the eCRF and edit checks with the EDC team.', 25),
  ('clinical-data-manager', 2, 'Runs data cleaning and query management.', 40),
  ('clinical-data-manager', 3, 'Leads database lock.', 20),
  ('medical-writer', 1, 'Writes clinical study reports, protocols and investigator brochures.', 60),
  ('medical-writer', 2, 'Runs review and comment-resolution cycles.', 20),
  ('medical-writer', 3, 'Keeps documents consistent with templates and the style guide.', 10)
) AS v (p, n, responsibility, pct)
ON CONFLICT DO NOTHING;

-- == tools and stakeholders ==================================================
INSERT INTO public.persona_tools_used (id, tenant_id, persona_id, sort_order, tool_name, vendor, tool_category, usage_frequency)
SELECT vital.seed_uuid('persona_tools_used', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.tool, v.vendor, v.category, v.frequency
FROM (VALUES
  ('biostatistics-lead', 1, 'SAS', 'SAS Institute', 'statistics', 'daily'),
  ('biostatistics-lead', 2, 'R and RStudio', 'Posit', 'statistics', 'daily'),
  ('biostatistics-lead', 3, 'East Horizon', 'Cytel', 'statistics', 'monthly'),
  ('clinical-data-manager', 1, 'Medidata Rave EDC', 'Medidata', 'edc', 'daily'),
  ('clinical-data-manager', 2, 'Veeva Vault EDC', 'Veeva Systems', 'edc', 'weekly'),
  ('clinical-data-manager', 3, 'SAS', 'SAS Institute', 'statistics', 'weekly'),
  ('medical-writer', 1, 'Microsoft Word with a submission template', 'Microsoft', 'document_management', 'daily'),
  ('medical-writer', 2, 'Veeva Vault Submissions', 'Veeva Systems', 'document_management', 'daily'),
  ('medical-writer', 3, 'EndNote', 'Clarivate', 'literature', 'weekly')
) AS v (p, n, tool, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_stakeholders (id, tenant_id, persona_id, sort_order, stakeholder_role, relationship,
                                         influence, interaction_frequency, notes)
SELECT vital.seed_uuid('persona_stakeholders', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.who, v.relationship, v.influence, v.frequency, v.notes
FROM (VALUES
  ('biostatistics-lead', 1, 'Clinical development lead', 'internal_partner', 'high', 'weekly', 'Owns the clinical questions the design must answer.'),
  ('biostatistics-lead', 2, 'Statistical programmers', 'direct_report', 'medium', 'daily', 'Produce the datasets and outputs.'),
  ('biostatistics-lead', 3, 'Independent data monitoring committee statistician', 'external_partner', 'medium', 'quarterly', 'Reviews unblinded interim results.'),
  ('clinical-data-manager', 1, 'Lead clinical research associate', 'internal_partner', 'high', 'daily', 'Drives query resolution at the sites.'),
  ('clinical-data-manager', 2, 'Biostatistics lead', 'manager', 'high', 'weekly', 'Defines what clean means for the analysis.'),
  ('clinical-data-manager', 3, 'EDC vendor', 'vendor', 'medium', 'weekly', 'Builds and changes the study database.'),
  ('medical-writer', 1, 'Study physician', 'internal_partner', 'high', 'weekly', 'Owns the clinical interpretation.'),
  ('medical-writer', 2, 'Study statistician', 'internal_partner', 'high', 'weekly', 'Provides the outputs and what they mean.'),
  ('medical-writer', 3, 'Regulatory affairs director', 'manager', 'high', 'weekly', 'Sets submission content and deadlines.')
) AS v (p, n, who, relationship, influence, frequency, notes)
ON CONFLICT DO NOTHING;

-- == skills (platform taxonomy) ==============================================
INSERT INTO public.persona_skills (id, tenant_id, persona_id, skill_tenant_id, skill_id, proficiency, is_core)
SELECT vital.seed_uuid('persona_skills', 'platform', v.p, v.skill), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('skills', 'platform', v.skill), v.proficiency, v.core
FROM (VALUES
  ('biostatistics-lead', 'adaptive-design', 'expert', true),
  ('biostatistics-lead', 'sample-size-calculation', 'expert', true),
  ('biostatistics-lead', 'sas-programming', 'advanced', false),
  ('biostatistics-lead', 'r-programming', 'advanced', false),
  ('clinical-data-manager', 'edc-configuration', 'advanced', true),
  ('clinical-data-manager', 'cdisc-sdtm-mapping', 'intermediate', false),
  ('clinical-data-manager', 'sas-programming', 'basic', false),
  ('medical-writer', 'csr-writing', 'expert', true),
  ('medical-writer', 'literature-search', 'intermediate', false)
) AS v (p, skill, proficiency, core)
ON CONFLICT DO NOTHING;

-- == education and certifications ============================================
INSERT INTO public.persona_education (id, tenant_id, persona_id, sort_order, degree, level, field_of_study, prevalence)
SELECT vital.seed_uuid('persona_education', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.degree, v.level, v.field, v.prevalence
FROM (VALUES
  ('biostatistics-lead', 1, 'MSc', 'master', 'Biostatistics or statistics', 'required'),
  ('biostatistics-lead', 2, 'PhD', 'doctorate', 'Statistics or biostatistics', 'common'),
  ('clinical-data-manager', 1, 'BSc', 'bachelor', 'Life sciences, computing or statistics', 'required'),
  ('medical-writer', 1, 'BSc', 'bachelor', 'Life sciences', 'required'),
  ('medical-writer', 2, 'PhD', 'doctorate', 'Life sciences', 'common')
) AS v (p, n, degree, level, field, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_certifications (id, tenant_id, persona_id, sort_order, certification, issuing_body, prevalence)
SELECT vital.seed_uuid('persona_certifications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.certification, v.body, v.prevalence
FROM (VALUES
  ('biostatistics-lead', 1, 'Accredited Professional Statistician (PStat)', 'American Statistical Association', 'preferred'),
  ('clinical-data-manager', 1, 'Certified Clinical Data Manager (CCDM)', 'Society for Clinical Data Management', 'common'),
  ('medical-writer', 1, 'EMWA Professional Development Programme certificate', 'European Medical Writers Association', 'common'),
  ('medical-writer', 2, 'Medical Writer Certified (MWC)', 'American Medical Writers Association', 'preferred')
) AS v (p, n, certification, body, prevalence)
ON CONFLICT DO NOTHING;

-- == success metrics, buying triggers, aspirations ===========================
INSERT INTO public.persona_success_metrics (id, tenant_id, persona_id, sort_order, metric, target)
SELECT vital.seed_uuid('persona_success_metrics', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.metric, v.target
FROM (VALUES
  ('biostatistics-lead', 1, 'Statistical analysis plans signed off before unblinding', 'Every study'),
  ('biostatistics-lead', 2, 'Agency questions on statistical methods', 'Settled without a second round'),
  ('clinical-data-manager', 1, 'Days from last patient last visit to database lock', '28 or fewer'),
  ('clinical-data-manager', 2, 'Queries open longer than 30 days', 'Under 5%'),
  ('medical-writer', 1, 'Documents delivered on the agreed date', 'Every milestone'),
  ('medical-writer', 2, 'Errors found at quality control', 'Fewer than one per ten pages')
) AS v (p, n, metric, target)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_buying_triggers (id, tenant_id, persona_id, sort_order, trigger_event, urgency)
SELECT vital.seed_uuid('persona_buying_triggers', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trigger_event, v.urgency
FROM (VALUES
  ('biostatistics-lead', 1, 'An agency asking for more simulations of a proposed adaptive design.', 'high'),
  ('biostatistics-lead', 2, 'A portfolio move into rare diseases with very small populations.', 'medium'),
  ('clinical-data-manager', 1, 'A missed lock date that delayed a submission.', 'high'),
  ('clinical-data-manager', 2, 'A study adding several external data streams.', 'medium'),
  ('medical-writer', 1, 'A submission wave with several study reports due in one quarter.', 'high'),
  ('medical-writer', 2, 'Number errors found in a document already submitted.', 'high')
) AS v (p, n, trigger_event, urgency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_aspirations (id, tenant_id, persona_id, sort_order, aspiration)
SELECT vital.seed_uuid('persona_aspirations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.aspiration
FROM (VALUES
  ('biostatistics-lead', 1, 'Lead a statistical innovation group that shapes company-wide design practice.'),
  ('clinical-data-manager', 1, 'Lead clinical data management and data standards for the company.'),
  ('medical-writer', 1, 'Lead a medical writing group, or work independently as a submission specialist.')
) AS v (p, n, aspiration)
ON CONFLICT DO NOTHING;

-- == conferences, publications, social channels ==============================
INSERT INTO public.persona_conferences (id, tenant_id, persona_id, sort_order, conference_name, organizer,
                                        typical_month, participation)
SELECT vital.seed_uuid('persona_conferences', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.conference, v.organizer, v.month, v.participation
FROM (VALUES
  ('biostatistics-lead', 1, 'PSI Conference', 'Statisticians in the Pharmaceutical Industry', 6, 'speaker'),
  ('biostatistics-lead', 2, 'Joint Statistical Meetings', 'American Statistical Association', 8, 'attendee'),
  ('clinical-data-manager', 1, 'SCDM Annual Conference', 'Society for Clinical Data Management', NULL::int, 'attendee'),
  ('clinical-data-manager', 2, 'PHUSE EU Connect', 'PHUSE', 11, 'attendee'),
  ('medical-writer', 1, 'EMWA Spring Conference', 'European Medical Writers Association', 5, 'attendee'),
  ('medical-writer', 2, 'AMWA Medical Writing and Communication Conference', 'American Medical Writers Association', NULL, 'attendee')
) AS v (p, n, conference, organizer, month, participation)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_publications (id, tenant_id, persona_id, sort_order, title, publisher, publication_type, url)
SELECT vital.seed_uuid('persona_publications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.title, v.publisher, v.kind, v.url
FROM (VALUES
  ('biostatistics-lead', 1, 'Statistics in Medicine', 'Wiley', 'journal', NULL),
  ('biostatistics-lead', 2, 'Pharmaceutical Statistics', 'Wiley', 'journal', NULL),
  ('clinical-data-manager', 1, 'Data Basics', 'Society for Clinical Data Management', 'newsletter', NULL),
  ('clinical-data-manager', 2, 'Applied Clinical Trials', 'MJH Life Sciences', 'trade_news', NULL),
  ('medical-writer', 1, 'Medical Writing', 'European Medical Writers Association', 'journal', 'https://www.emwa.org'),
  ('medical-writer', 2, 'AMWA Journal', 'American Medical Writers Association', 'journal', NULL)
) AS v (p, n, title, publisher, kind, url)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_social_channels (id, tenant_id, persona_id, sort_order, channel_name, channel_type, usage_level, purpose)
SELECT vital.seed_uuid('persona_social_channels', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.channel, v.kind, v.usage, v.purpose
FROM (VALUES
  ('biostatistics-lead', 1, 'PSI special interest groups', 'community', 'medium', 'Discusses methods with statisticians of other companies.'),
  ('biostatistics-lead', 2, 'LinkedIn', 'professional_network', 'low', 'Shares papers and follows job moves.'),
  ('clinical-data-manager', 1, 'LinkedIn', 'professional_network', 'medium', 'Follows EDC vendors and data standards news.'),
  ('clinical-data-manager', 2, 'SCDM online community', 'community', 'low', 'Asks peers how they run lock.'),
  ('medical-writer', 1, 'LinkedIn', 'professional_network', 'medium', 'Finds contracts and follows writing standards.')
) AS v (p, n, channel, kind, usage, purpose)
ON CONFLICT DO NOTHING;

-- == personality traits ======================================================
INSERT INTO public.persona_personality_traits (id, tenant_id, persona_id, sort_order, trait, description, intensity)
SELECT vital.seed_uuid('persona_personality_traits', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trait, v.description, v.intensity
FROM (VALUES
  ('biostatistics-lead', 1, 'Sceptical', 'Asks what else could explain a result.', 5),
  ('biostatistics-lead', 2, 'Precise', 'Insists on exact definitions before any analysis.', 5),
  ('clinical-data-manager', 1, 'Detail-oriented', 'Notices a visit date that is one day off.', 5),
  ('clinical-data-manager', 2, 'Calm under deadline', 'Keeps the lock plan steady when the date is at risk.', 4),
  ('medical-writer', 1, 'Perfectionist', 'Reads a paragraph five times before releasing it.', 4),
  ('medical-writer', 2, 'Diplomatic', 'Merges conflicting review comments without offending their authors.', 4)
) AS v (p, n, trait, description, intensity)
ON CONFLICT DO NOTHING;

-- == org roles (platform organisation) =======================================
INSERT INTO public.persona_roles (id, tenant_id, persona_id, role_tenant_id, role_id, is_primary)
SELECT vital.seed_uuid('persona_roles', 'platform', v.p, v.role), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('org_roles', 'platform', v.role), v.is_primary
FROM (VALUES
  ('biostatistics-lead', 'biostatistics-lead', true),
  ('clinical-data-manager', 'clinical-data-manager', true),
  ('medical-writer', 'medical-writer', true)
) AS v (p, role, is_primary)
ON CONFLICT DO NOTHING;

-- == VPANES assessments ======================================================
-- The current assessment copies the persona's scores, so the two always match.
INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor, assessed_at)
SELECT vital.seed_uuid('persona_vpanes_assessments', 'platform', v.p, v.at), p.tenant_id, p.id, p.vpanes_scores,
       v.rationale, v.method, 'VITAL persona research team', v.at::timestamptz
FROM (VALUES
  ('biostatistics-lead', '2026-11-02',
   'Needs are sharp but statisticians build their own tools and are slow to adopt others''; emotional pull is low.',
   'expert_review'),
  ('clinical-data-manager', '2026-11-02',
   'Lock deadlines make reconciliation pain visible and scenarios repeat study after study; the manager acts within the study budget.',
   'user_research'),
  ('medical-writer', '2026-11-02',
   'Review-cycle and number-checking pain is felt on every document; scenarios are concrete and writers adopt help readily.',
   'survey')
) AS v (p, at, rationale, method)
JOIN public.personas AS p ON p.tenant_id = vital.platform_tenant_id() AND p.slug = v.p
ON CONFLICT DO NOTHING;
