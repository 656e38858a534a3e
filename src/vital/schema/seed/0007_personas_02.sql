-- Seed, Personas (part 2 of 5): platform personas pharmacovigilance-physician,
-- quality-assurance-lead and market-access-director, each a complete profile.
-- Same layout as 0007_personas_01.sql: column p of every VALUES list is the persona slug.

-- == personas ================================================================
INSERT INTO public.personas (id, tenant_id, slug, name, role_title, function_tenant_id, function_id,
                             description, seniority, years_experience, vpanes_scores, status, metadata)
SELECT vital.seed_uuid('personas', 'platform', v.p), vital.platform_tenant_id(), v.p, v.name, v.role_title,
       vital.platform_tenant_id(), vital.seed_uuid('org_functions', 'platform', v.fn),
       v.description, v.seniority, v.years, v.vpanes::jsonb, 'active', v.metadata::jsonb
FROM (VALUES
  ('pharmacovigilance-physician', 'Tomasz Weber', 'Pharmacovigilance Physician', 'medical',
   'Physician in drug safety who medically reviews serious cases, evaluates signals and writes the safety sections of periodic reports.',
   'senior', 9,
   '{"visibility": 8, "pain": 9, "actions": 7, "needs": 9, "emotions": 6, "scenarios": 8}',
   '{"regions": ["eu", "us"], "therapeutic_areas": ["immunology", "neurology"]}'),
  ('quality-assurance-lead', 'Hannah Brandt', 'Quality Assurance Lead', 'quality',
   'Runs the GxP quality system and audit programme of a growing biotech and keeps it ready for inspection.',
   'senior', 11,
   '{"visibility": 7, "pain": 8, "actions": 7, "needs": 8, "emotions": 6, "scenarios": 7}',
   '{"regions": ["eu", "us"], "gxp_scope": ["GCP", "GMP"]}'),
  ('market-access-director', 'Isabel Moreau', 'Director, Market Access', 'commercial',
   'Secures reimbursement at a sustainable price in the US and the major European markets through value evidence and payer negotiation.',
   'principal', 13,
   '{"visibility": 8, "pain": 8, "actions": 7, "needs": 9, "emotions": 6, "scenarios": 7}',
   '{"regions": ["us", "eu"], "therapeutic_areas": ["rare-diseases", "cardiology"]}')
) AS v (p, name, role_title, fn, description, seniority, years, vpanes, metadata)
ON CONFLICT DO NOTHING;

-- == typical day =============================================================
INSERT INTO public.persona_typical_day_activities (id, tenant_id, persona_id, sort_order, time_of_day,
                                                   duration_minutes, activity, activity_type)
SELECT vital.seed_uuid('persona_typical_day_activities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.at::time, v.mins, v.activity, v.kind
FROM (VALUES
  ('pharmacovigilance-physician', 1, '08:00', 45, 'Reviews the overnight queue of serious unexpected cases flagged for medical assessment.', 'review'),
  ('pharmacovigilance-physician', 2, '09:00', 60, 'Assesses causality and expectedness for fatal and life-threatening cases due this week.', 'focused_work'),
  ('pharmacovigilance-physician', 3, '10:15', 45, 'Triages new disproportionality alerts with the signal management team.', 'meeting'),
  ('pharmacovigilance-physician', 4, '11:15', 60, 'Asks an investigator for the missing clinical detail on a hepatic event.', 'communication'),
  ('pharmacovigilance-physician', 5, '13:00', 90, 'Drafts the signal evaluation section of the periodic benefit-risk report.', 'focused_work'),
  ('pharmacovigilance-physician', 6, '14:45', 45, 'Presents an emerging signal to the cross-functional safety review committee.', 'meeting'),
  ('pharmacovigilance-physician', 7, '15:45', 45, 'Reviews the aggregate tables for the development safety update report.', 'review'),
  ('pharmacovigilance-physician', 8, '16:45', 30, 'Reads new pharmacovigilance guidance and literature case reports.', 'learning'),
  ('quality-assurance-lead', 1, '08:00', 30, 'Reviews new deviations and CAPA due dates in the quality management system.', 'review'),
  ('quality-assurance-lead', 2, '08:45', 60, 'Facilitates a root-cause analysis of a repeat documentation deviation.', 'meeting'),
  ('quality-assurance-lead', 3, '10:00', 90, 'Prepares the plan and checklist for an audit of a contract manufacturer.', 'planning'),
  ('quality-assurance-lead', 4, '11:45', 45, 'Advises a study team on whether an incident is a serious breach to report.', 'communication'),
  ('quality-assurance-lead', 5, '13:00', 60, 'Approves revised SOPs and checks that training was assigned.', 'review'),
  ('quality-assurance-lead', 6, '14:15', 90, 'Writes the report of last week''s investigator site audit.', 'focused_work'),
  ('quality-assurance-lead', 7, '16:00', 45, 'Runs the monthly quality metrics review with function heads.', 'meeting'),
  ('quality-assurance-lead', 8, '17:00', 30, 'Updates the inspection readiness tracker.', 'administration'),
  ('market-access-director', 1, '07:45', 30, 'Scans payer policy changes and HTA decisions published overnight.', 'learning'),
  ('market-access-director', 2, '08:30', 60, 'Reviews the global value dossier draft with health economics.', 'review'),
  ('market-access-director', 3, '10:00', 60, 'Works the launch price corridor with the country access leads.', 'meeting'),
  ('market-access-director', 4, '11:15', 45, 'Prepares objection handling for a pharmacy benefit manager negotiation.', 'planning'),
  ('market-access-director', 5, '13:00', 90, 'Negotiates formulary terms with a national payer.', 'meeting'),
  ('market-access-director', 6, '15:00', 60, 'Reworks budget impact assumptions that an HTA body challenged.', 'focused_work'),
  ('market-access-director', 7, '16:15', 45, 'Aligns launch sequencing across countries with commercial strategy and regulatory.', 'meeting')
) AS v (p, n, at, mins, activity, kind)
ON CONFLICT DO NOTHING;

-- == evidence sources ========================================================
INSERT INTO public.persona_evidence_sources (id, tenant_id, persona_id, sort_order, source_type, citation,
                                             url, publication_year, sample_size, relevance)
SELECT vital.seed_uuid('persona_evidence_sources', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.kind, v.citation, v.url, v.yr, v.sample, v.relevance
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'regulatory_guidance', 'EMA Guideline on Good Pharmacovigilance Practices, Module IX: Signal management',
   'https://www.ema.europa.eu', 2017, NULL::int, 'The signal process the persona runs end to end.'),
  ('pharmacovigilance-physician', 2, 'regulatory_guidance', 'ICH E2C(R2), Periodic Benefit-Risk Evaluation Report',
   'https://www.ich.org/page/efficacy-guidelines', 2012, NULL, 'Structure of the periodic report the persona co-authors.'),
  ('pharmacovigilance-physician', 3, 'professional_body', 'CIOMS Working Group VIII, Practical Aspects of Signal Detection in Pharmacovigilance',
   NULL, 2010, NULL, 'Methods and judgement applied to disproportionality alerts.'),
  ('pharmacovigilance-physician', 4, 'regulatory_guidance', '21 CFR 312.32, IND safety reporting',
   'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-D/part-312', NULL, NULL, 'Expedited reporting clocks that shape the working week.'),
  ('pharmacovigilance-physician', 5, 'interview', 'VITAL persona research: interviews with safety physicians in sponsor pharmacovigilance departments',
   NULL, 2026, 9, 'Case workload, signal triage habits and documentation burden.'),
  ('pharmacovigilance-physician', 6, 'professional_body', 'International Society of Pharmacovigilance, education and training resources',
   NULL, NULL, NULL, 'Shared practice and competencies of safety physicians.'),
  ('quality-assurance-lead', 1, 'regulatory_guidance', 'ICH Q10, Pharmaceutical Quality System',
   'https://www.ich.org/page/quality-guidelines', 2008, NULL, 'Model of the quality system the persona runs.'),
  ('quality-assurance-lead', 2, 'regulatory_guidance', 'ICH Q9(R1), Quality Risk Management',
   'https://www.ich.org/page/quality-guidelines', 2023, NULL, 'Risk-based prioritisation of audits and CAPAs.'),
  ('quality-assurance-lead', 3, 'regulatory_guidance', 'EudraLex Volume 4, EU Guidelines for Good Manufacturing Practice',
   NULL, NULL, NULL, 'Requirements audited at contract manufacturers.'),
  ('quality-assurance-lead', 4, 'professional_body', 'American Society for Quality, Certified Quality Auditor body of knowledge',
   'https://asq.org', NULL, NULL, 'Audit competencies expected of the role.'),
  ('quality-assurance-lead', 5, 'interview', 'VITAL persona research: interviews with quality leads at small and mid-size biotechs',
   NULL, 2026, 10, 'How quality teams split time between audits, CAPAs and inspections.'),
  ('quality-assurance-lead', 6, 'job_posting', 'Review of public postings for GxP quality assurance lead roles',
   NULL, 2026, 35, 'Typical scope, GxP areas and experience required.'),
  ('market-access-director', 1, 'regulatory_guidance', 'Regulation (EU) 2021/2282 on health technology assessment',
   'https://eur-lex.europa.eu/eli/reg/2021/2282/oj', 2021, NULL, 'Joint clinical assessments the persona must plan evidence for.'),
  ('market-access-director', 2, 'regulatory_guidance', 'NICE health technology evaluations: the manual',
   'https://www.nice.org.uk', 2022, NULL, 'Evidence and methods NICE expects in a submission.'),
  ('market-access-director', 3, 'professional_body', 'AMCP Format for Formulary Submissions',
   NULL, NULL, NULL, 'The dossier structure US payers expect.'),
  ('market-access-director', 4, 'professional_body', 'ISPOR, CHEERS 2022 reporting standard for health economic evaluations',
   'https://www.ispor.org', 2022, NULL, 'How economic evidence must be reported to be credible.'),
  ('market-access-director', 5, 'interview', 'VITAL persona research: interviews with market access leaders',
   NULL, 2026, 11, 'Negotiation practice and evidence gaps met at launch.')
) AS v (p, n, kind, citation, url, yr, sample, relevance)
ON CONFLICT DO NOTHING;

-- == motivations, values, frustrations =======================================
INSERT INTO public.persona_motivations (id, tenant_id, persona_id, sort_order, motivation, motivation_type)
SELECT vital.seed_uuid('persona_motivations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.motivation, v.kind
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Protecting patients by catching a real safety problem early.', 'intrinsic'),
  ('pharmacovigilance-physician', 2, 'Being the physician the company trusts on benefit-risk.', 'extrinsic'),
  ('quality-assurance-lead', 1, 'A quality culture in which people report problems without fear.', 'intrinsic'),
  ('quality-assurance-lead', 2, 'Inspections that end without a major finding.', 'extrinsic'),
  ('market-access-director', 1, 'Making sure the patients who need a therapy can actually get it.', 'intrinsic'),
  ('market-access-director', 2, 'Launch results that the board sees and rewards.', 'extrinsic')
) AS v (p, n, motivation, kind)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_values (id, tenant_id, persona_id, sort_order, value_name, description)
SELECT vital.seed_uuid('persona_values', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.value_name, v.description
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Patient safety first', 'Escalates a possible signal even when the evidence is still thin.'),
  ('pharmacovigilance-physician', 2, 'Medical rigour', 'Bases causality on the case facts, never on the commercial context.'),
  ('quality-assurance-lead', 1, 'Independence', 'Keeps quality decisions apart from delivery pressure.'),
  ('quality-assurance-lead', 2, 'Proportionality', 'Spends effort where the risk to patients and data is highest.'),
  ('market-access-director', 1, 'Evidence over rhetoric', 'Argues value only from data a payer will accept.'),
  ('market-access-director', 2, 'Fair pricing', 'Seeks prices that reward innovation and stay affordable.')
) AS v (p, n, value_name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_frustrations (id, tenant_id, persona_id, sort_order, frustration, frequency)
SELECT vital.seed_uuid('persona_frustrations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.frustration, v.frequency
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Case narratives without the clinical detail needed to judge causality.', 'constant'),
  ('pharmacovigilance-physician', 2, 'Alerts inflated by duplicate reports of the same case.', 'frequent'),
  ('quality-assurance-lead', 1, 'CAPAs closed on paper with no evidence that they worked.', 'frequent'),
  ('quality-assurance-lead', 2, 'Being called in after a problem instead of when the process was designed.', 'frequent'),
  ('market-access-director', 1, 'Trials designed without the comparator payers will ask for.', 'frequent'),
  ('market-access-director', 2, 'Each HTA body asking for the same evidence in a different format.', 'constant')
) AS v (p, n, frustration, frequency)
ON CONFLICT DO NOTHING;

-- == goals, pain points, challenges, responsibilities ========================
INSERT INTO public.persona_goals (id, tenant_id, persona_id, sort_order, goal, time_horizon)
SELECT vital.seed_uuid('persona_goals', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.goal, v.horizon
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Meet every expedited reporting deadline this quarter.', 'short_term'),
  ('pharmacovigilance-physician', 2, 'Put signal detection for the portfolio on a validated, documented method.', 'medium_term'),
  ('quality-assurance-lead', 1, 'Bring overdue CAPAs to zero by year end.', 'medium_term'),
  ('quality-assurance-lead', 2, 'Build a risk-based audit programme covering every GxP area.', 'long_term'),
  ('market-access-director', 1, 'Reach reimbursement in the five largest EU markets within 18 months of approval.', 'medium_term'),
  ('market-access-director', 2, 'Get payer-relevant endpoints into the next phase 3 design.', 'long_term')
) AS v (p, n, goal, horizon)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_pain_points (id, tenant_id, persona_id, sort_order, pain_point, severity, impact)
SELECT vital.seed_uuid('persona_pain_points', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.pain_point, v.severity, v.impact
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Signal detection output is noisy and triaged by hand.', 'high', 'Hours a week on false alerts while real signals wait.'),
  ('pharmacovigilance-physician', 2, 'Screening the literature for case reports is slow and repetitive.', 'medium', 'Cases found late against the reporting clock.'),
  ('quality-assurance-lead', 1, 'Quality data sit in several systems and spreadsheets.', 'high', 'Trending is manual and systemic issues are seen late.'),
  ('quality-assurance-lead', 2, 'Root-cause analyses stop at human error.', 'high', 'The same deviation comes back.'),
  ('market-access-director', 1, 'Value dossiers are rebuilt by hand for every market.', 'high', 'Months of rework and inconsistent messages.'),
  ('market-access-director', 2, 'Evidence gaps are discovered only when the HTA submission is written.', 'critical', 'Reimbursement is delayed or restricted.')
) AS v (p, n, pain_point, severity, impact)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_challenges (id, tenant_id, persona_id, sort_order, challenge, category)
SELECT vital.seed_uuid('persona_challenges', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.challenge, v.category
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Small pre-approval safety databases make signals hard to tell from noise.', 'scientific'),
  ('pharmacovigilance-physician', 2, 'Reporting rules differ from region to region.', 'regulatory'),
  ('quality-assurance-lead', 1, 'Overseeing a growing network of CROs and contract manufacturers.', 'operational'),
  ('market-access-director', 1, 'Payer budgets tighten as more high-cost therapies launch.', 'financial'),
  ('market-access-director', 2, 'EU joint clinical assessment adds a layer on top of national HTA.', 'regulatory')
) AS v (p, n, challenge, category)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_responsibilities (id, tenant_id, persona_id, sort_order, responsibility, time_share_pct)
SELECT vital.seed_uuid('persona_responsibilities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.responsibility, v.pct
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Medical review of serious adverse event cases.', 40),
  ('pharmacovigilance-physician', 2, 'Signal detection, validation and evaluation.', 30),
  ('pharmacovigilance-physician', 3, 'Safety sections of the DSUR and PBRER.', 20),
  ('quality-assurance-lead', 1, 'Owns the audit programme for sites, vendors and internal processes.', 35),
  ('quality-assurance-lead', 2, 'Runs deviation and CAPA management.', 30),
  ('quality-assurance-lead', 3, 'Prepares for and hosts regulatory inspections.', 20),
  ('market-access-director', 1, 'Owns the pricing and reimbursement strategy of each launch.', 35),
  ('market-access-director', 2, 'Leads development of value dossiers and HTA submissions.', 30),
  ('market-access-director', 3, 'Negotiates with national and regional payers.', 25)
) AS v (p, n, responsibility, pct)
ON CONFLICT DO NOTHING;

-- == tools and stakeholders ==================================================
INSERT INTO public.persona_tools_used (id, tenant_id, persona_id, sort_order, tool_name, vendor, tool_category, usage_frequency)
SELECT vital.seed_uuid('persona_tools_used', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.tool, v.vendor, v.category, v.frequency
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Oracle Argus Safety', 'Oracle', 'safety_database', 'daily'),
  ('pharmacovigilance-physician', 2, 'Oracle Empirica Signal', 'Oracle', 'analytics', 'weekly'),
  ('pharmacovigilance-physician', 3, 'MedDRA Web-Based Browser', 'MedDRA MSSO', 'other', 'daily'),
  ('quality-assurance-lead', 1, 'Veeva Vault QMS', 'Veeva Systems', 'quality_management', 'daily'),
  ('quality-assurance-lead', 2, 'Microsoft SharePoint', 'Microsoft', 'document_management', 'daily'),
  ('market-access-director', 1, 'Microsoft Excel', 'Microsoft', 'modelling', 'daily'),
  ('market-access-director', 2, 'TreeAge Pro', 'TreeAge Software', 'modelling', 'monthly')
) AS v (p, n, tool, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_stakeholders (id, tenant_id, persona_id, sort_order, stakeholder_role, relationship,
                                         influence, interaction_frequency, notes)
SELECT vital.seed_uuid('persona_stakeholders', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.who, v.relationship, v.influence, v.frequency, v.notes
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Head of drug safety', 'manager', 'high', 'weekly', 'Signs off signal decisions.'),
  ('pharmacovigilance-physician', 2, 'Clinical study physicians', 'internal_partner', 'medium', 'weekly', 'Give the clinical context of trial cases.'),
  ('pharmacovigilance-physician', 3, 'PRAC rapporteur''s assessment team', 'regulator', 'high', 'ad_hoc', 'Assess EU signals and periodic reports.'),
  ('quality-assurance-lead', 1, 'Head of quality', 'manager', 'high', 'weekly', 'Approves the audit strategy and takes escalations.'),
  ('quality-assurance-lead', 2, 'Contract manufacturer quality unit', 'vendor', 'high', 'monthly', 'Counterpart for audits and batch issues.'),
  ('quality-assurance-lead', 3, 'GMP and GCP inspectors', 'regulator', 'high', 'ad_hoc', 'Assess the quality system during inspections.'),
  ('market-access-director', 1, 'Chief commercial officer', 'manager', 'high', 'weekly', 'Owns the launch targets.'),
  ('market-access-director', 2, 'HTA bodies', 'regulator', 'high', 'quarterly', 'Assess clinical and cost-effectiveness.'),
  ('market-access-director', 3, 'Health economics and outcomes research lead', 'internal_partner', 'high', 'weekly', 'Builds the models and the evidence.')
) AS v (p, n, who, relationship, influence, frequency, notes)
ON CONFLICT DO NOTHING;

-- == skills (platform taxonomy) ==============================================
INSERT INTO public.persona_skills (id, tenant_id, persona_id, skill_tenant_id, skill_id, proficiency, is_core)
SELECT vital.seed_uuid('persona_skills', 'platform', v.p, v.skill), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('skills', 'platform', v.skill), v.proficiency, v.core
FROM (VALUES
  ('pharmacovigilance-physician', 'signal-detection-statistics', 'advanced', true),
  ('pharmacovigilance-physician', 'meddra-coding', 'advanced', false),
  ('pharmacovigilance-physician', 'literature-search', 'intermediate', false),
  ('quality-assurance-lead', 'capa-management', 'expert', true),
  ('quality-assurance-lead', 'gmp-audit', 'advanced', true),
  ('quality-assurance-lead', '21-cfr-part-11-validation', 'intermediate', false),
  ('quality-assurance-lead', 'sop-writing', 'advanced', false),
  ('market-access-director', 'hta-dossier-writing', 'advanced', true),
  ('market-access-director', 'budget-impact-modelling', 'intermediate', false),
  ('market-access-director', 'cost-effectiveness-modelling', 'intermediate', false),
  ('market-access-director', 'stakeholder-management', 'expert', true)
) AS v (p, skill, proficiency, core)
ON CONFLICT DO NOTHING;

-- == education and certifications ============================================
INSERT INTO public.persona_education (id, tenant_id, persona_id, sort_order, degree, level, field_of_study, prevalence)
SELECT vital.seed_uuid('persona_education', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.degree, v.level, v.field, v.prevalence
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'MD', 'professional_doctorate', 'Medicine', 'required'),
  ('pharmacovigilance-physician', 2, 'MSc Pharmacovigilance', 'master', 'Pharmacovigilance and pharmacoepidemiology', 'preferred'),
  ('quality-assurance-lead', 1, 'BSc', 'bachelor', 'Chemistry, microbiology or pharmacy', 'required'),
  ('market-access-director', 1, 'MSc Health Economics', 'master', 'Health economics', 'common'),
  ('market-access-director', 2, 'MBA', 'master', 'Business administration', 'preferred')
) AS v (p, n, degree, level, field, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_certifications (id, tenant_id, persona_id, sort_order, certification, issuing_body, prevalence)
SELECT vital.seed_uuid('persona_certifications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.certification, v.body, v.prevalence
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Diploma in Pharmaceutical Medicine', 'Faculty of Pharmaceutical Medicine', 'preferred'),
  ('quality-assurance-lead', 1, 'Certified Quality Auditor (CQA)', 'American Society for Quality', 'common'),
  ('market-access-director', 1, 'Postgraduate certificate in HTA and market access', 'University programmes (various)', 'preferred')
) AS v (p, n, certification, body, prevalence)
ON CONFLICT DO NOTHING;

-- == success metrics, buying triggers, aspirations ===========================
INSERT INTO public.persona_success_metrics (id, tenant_id, persona_id, sort_order, metric, target)
SELECT vital.seed_uuid('persona_success_metrics', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.metric, v.target
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Expedited safety reports submitted on time', 'Every report'),
  ('pharmacovigilance-physician', 2, 'Validated signals assessed within the documented timeline', 'Within the SOP timeline, no exceptions'),
  ('quality-assurance-lead', 1, 'Overdue CAPAs', 'Zero'),
  ('quality-assurance-lead', 2, 'Major or critical inspection findings', 'None'),
  ('market-access-director', 1, 'Time from approval to reimbursement', 'Under 12 months in priority markets'),
  ('market-access-director', 2, 'Net price against the target corridor', 'At or above the floor')
) AS v (p, n, metric, target)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_buying_triggers (id, tenant_id, persona_id, sort_order, trigger_event, urgency)
SELECT vital.seed_uuid('persona_buying_triggers', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trigger_event, v.urgency
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'An inspection finding on signal management.', 'high'),
  ('pharmacovigilance-physician', 2, 'Case volume rising after a launch with no added staff.', 'high'),
  ('quality-assurance-lead', 1, 'A warning letter or major finding at the company or a close peer.', 'high'),
  ('quality-assurance-lead', 2, 'A new contract manufacturer or CRO joining the network.', 'medium'),
  ('market-access-director', 1, 'A negative or restricted HTA recommendation on a key product.', 'high'),
  ('market-access-director', 2, 'EU joint clinical assessment applying to the next filing.', 'high')
) AS v (p, n, trigger_event, urgency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_aspirations (id, tenant_id, persona_id, sort_order, aspiration)
SELECT vital.seed_uuid('persona_aspirations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.aspiration
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Lead a drug safety function as the qualified person for pharmacovigilance.'),
  ('quality-assurance-lead', 1, 'Head quality for a company through its first commercial approval.'),
  ('market-access-director', 1, 'Become global head of market access and pricing.')
) AS v (p, n, aspiration)
ON CONFLICT DO NOTHING;

-- == conferences, publications, social channels ==============================
INSERT INTO public.persona_conferences (id, tenant_id, persona_id, sort_order, conference_name, organizer,
                                        typical_month, participation)
SELECT vital.seed_uuid('persona_conferences', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.conference, v.organizer, v.month, v.participation
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'ISoP Annual Meeting', 'International Society of Pharmacovigilance', NULL::int, 'attendee'),
  ('pharmacovigilance-physician', 2, 'DIA Europe', 'DIA', 3, 'attendee'),
  ('quality-assurance-lead', 1, 'PDA Annual Meeting', 'Parenteral Drug Association', NULL, 'attendee'),
  ('market-access-director', 1, 'ISPOR Annual Conference', 'ISPOR', 5, 'attendee'),
  ('market-access-director', 2, 'ISPOR Europe', 'ISPOR', 11, 'speaker')
) AS v (p, n, conference, organizer, month, participation)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_publications (id, tenant_id, persona_id, sort_order, title, publisher, publication_type, url)
SELECT vital.seed_uuid('persona_publications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.title, v.publisher, v.kind, v.url
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Drug Safety', 'Springer Nature', 'journal', NULL),
  ('pharmacovigilance-physician', 2, 'Pharmacoepidemiology and Drug Safety', 'Wiley', 'journal', NULL),
  ('quality-assurance-lead', 1, 'FDA warning letters', 'US Food and Drug Administration', 'guidance_feed', 'https://www.fda.gov'),
  ('quality-assurance-lead', 2, 'Fierce Pharma', 'Questex', 'trade_news', NULL),
  ('market-access-director', 1, 'Value in Health', 'ISPOR and Elsevier', 'journal', NULL),
  ('market-access-director', 2, 'PharmacoEconomics', 'Springer Nature', 'journal', NULL)
) AS v (p, n, title, publisher, kind, url)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_social_channels (id, tenant_id, persona_id, sort_order, channel_name, channel_type, usage_level, purpose)
SELECT vital.seed_uuid('persona_social_channels', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.channel, v.kind, v.usage, v.purpose
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'LinkedIn', 'professional_network', 'medium', 'Follows regulators'' pharmacovigilance updates and peers.'),
  ('quality-assurance-lead', 1, 'LinkedIn', 'professional_network', 'medium', 'Follows inspection trends and commentary on warning letters.'),
  ('market-access-director', 1, 'LinkedIn', 'professional_network', 'high', 'Follows payers, HTA decisions and pricing policy debate.')
) AS v (p, n, channel, kind, usage, purpose)
ON CONFLICT DO NOTHING;

-- == personality traits ======================================================
INSERT INTO public.persona_personality_traits (id, tenant_id, persona_id, sort_order, trait, description, intensity)
SELECT vital.seed_uuid('persona_personality_traits', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trait, v.description, v.intensity
FROM (VALUES
  ('pharmacovigilance-physician', 1, 'Cautious', 'Weighs the cost of a missed signal above the cost of a false alarm.', 5),
  ('pharmacovigilance-physician', 2, 'Analytical', 'Wants to see the cases behind every alert.', 4),
  ('quality-assurance-lead', 1, 'Principled', 'Holds the line on compliance even when it is unpopular.', 5),
  ('quality-assurance-lead', 2, 'Systematic', 'Looks for the process failure behind each incident.', 4),
  ('market-access-director', 1, 'Persuasive', 'Builds each argument around what the other side needs to hear.', 5),
  ('market-access-director', 2, 'Commercially minded', 'Sees every evidence choice in terms of access and price.', 4)
) AS v (p, n, trait, description, intensity)
ON CONFLICT DO NOTHING;

-- == org roles (platform organisation) =======================================
INSERT INTO public.persona_roles (id, tenant_id, persona_id, role_tenant_id, role_id, is_primary)
SELECT vital.seed_uuid('persona_roles', 'platform', v.p, v.role), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('org_roles', 'platform', v.role), v.is_primary
FROM (VALUES
  ('pharmacovigilance-physician', 'pharmacovigilance-physician', true),
  ('quality-assurance-lead', 'quality-assurance-lead', true),
  ('market-access-director', 'market-access-director', true)
) AS v (p, role, is_primary)
ON CONFLICT DO NOTHING;

-- == VPANES assessments ======================================================
-- The current assessment copies the persona's scores, so the two always match.
INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor, assessed_at)
SELECT vital.seed_uuid('persona_vpanes_assessments', 'platform', v.p, v.at), p.tenant_id, p.id, p.vpanes_scores,
       v.rationale, v.method, 'VITAL persona research team', v.at::timestamptz
FROM (VALUES
  ('pharmacovigilance-physician', '2026-11-02',
   'Reporting clocks make the pain daily and visible to inspectors; needs are precise; actions are limited by validated-system rules.',
   'user_research'),
  ('quality-assurance-lead', '2026-11-02',
   'CAPA and audit pain is clear and scenarios are well defined, but buying is slowed by validation and the quality budget.',
   'user_research'),
  ('market-access-director', '2026-11-02',
   'Evidence gaps hurt at every launch and needs are explicit; scenarios depend on each market''s HTA rules, so they are less uniform.',
   'expert_review')
) AS v (p, at, rationale, method)
JOIN public.personas AS p ON p.tenant_id = vital.platform_tenant_id() AND p.slug = v.p
ON CONFLICT DO NOTHING;
