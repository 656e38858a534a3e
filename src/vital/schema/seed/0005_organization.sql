-- Seed, Organization: the platform's reference organisation of a life-science
-- company (the 8 shared functions and one role per shared persona slug), plus the
-- structure, teams and sites of each demo tenant.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING. Rows are written as
-- (tenant key, ...) where the key is 'platform', 'acme' or 'pharmaco'.

INSERT INTO public.org_functions (id, tenant_id, slug, name, description)
SELECT vital.seed_uuid('org_functions', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description
FROM (VALUES
  ('platform', 'regulatory', 'Regulatory Affairs',
   'Owns the relationship with health authorities and every application from first IND to label updates.'),
  ('platform', 'clinical', 'Clinical Development and Operations',
   'Designs clinical programmes and runs the studies with sites and CROs.'),
  ('platform', 'quality', 'Quality Assurance and Compliance',
   'Keeps the quality system, audits and inspection readiness; independent of the functions it oversees.'),
  ('platform', 'medical', 'Medical Affairs and Patient Safety',
   'Scientific exchange, medical information and pharmacovigilance, led by the CMO.'),
  ('platform', 'commercial', 'Commercial and Market Access',
   'Brand, forecasting, pricing and reimbursement.'),
  ('platform', 'data-science', 'Biostatistics and Data Science',
   'Statistics, programming and clinical data management.'),
  ('platform', 'it-security', 'IT, Security and Privacy',
   'Systems, information security and the data protection office.'),
  ('platform', 'operations', 'Operations and Programme Management',
   'Programme management office, training and business operations.'),
  ('acme', 'technical-operations', 'Technical Operations',
   'Process development and manufacturing of Acme''s autologous CAR-T products.'),
  ('pharmaco', 'general-management', 'General Management',
   'Country general managers and their leadership teams.')
) AS v (t, slug, name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_departments (id, tenant_id, slug, name, description, function_tenant_id, function_id)
SELECT vital.seed_uuid('org_departments', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description,
       CASE v.ft WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.ft) END,
       vital.seed_uuid('org_functions', v.ft, v.fn)
FROM (VALUES
  ('platform', 'global-regulatory-strategy', 'Global Regulatory Strategy', 'platform', 'regulatory',
   'Regulatory leads for each programme and the agency interaction plan.'),
  ('platform', 'regulatory-operations', 'Regulatory Operations', 'platform', 'regulatory',
   'Submission publishing, RIM data and archive.'),
  ('platform', 'medical-writing', 'Medical Writing', 'platform', 'regulatory',
   'Authors of protocols, investigator brochures, CSRs and summary documents.'),
  ('platform', 'clinical-operations', 'Clinical Operations', 'platform', 'clinical',
   'Study managers, CRAs and vendor oversight.'),
  ('platform', 'quality-assurance', 'Quality Assurance', 'platform', 'quality',
   'GCP, GMP and GVP quality assurance, audits and CAPA oversight.'),
  ('platform', 'office-of-the-cmo', 'Office of the CMO', 'platform', 'medical',
   'Medical governance, benefit-risk decisions and the medical leadership team.'),
  ('platform', 'field-medical', 'Field Medical', 'platform', 'medical',
   'Medical science liaisons and their managers.'),
  ('platform', 'drug-safety', 'Drug Safety and Pharmacovigilance', 'platform', 'medical',
   'Case processing, signal management and periodic safety reporting.'),
  ('platform', 'market-access-and-pricing', 'Market Access and Pricing', 'platform', 'commercial',
   'Value evidence, HTA submissions, pricing and payer negotiations.'),
  ('platform', 'commercial-strategy-and-insights', 'Commercial Strategy and Insights', 'platform', 'commercial',
   'Portfolio strategy, forecasting and market research.'),
  ('platform', 'biostatistics', 'Biostatistics', 'platform', 'data-science',
   'Study statisticians and statistical programmers.'),
  ('platform', 'clinical-data-management', 'Clinical Data Management', 'platform', 'data-science',
   'EDC builds, data cleaning and database lock.'),
  ('platform', 'privacy-office', 'Privacy Office', 'platform', 'it-security',
   'The data protection officer and privacy counsel.'),
  ('platform', 'information-security', 'Information Security', 'platform', 'it-security',
   'Security architecture, monitoring and incident response.'),
  ('platform', 'programme-management-office', 'Programme Management Office', 'platform', 'operations',
   'Integrated programme plans, governance and portfolio reporting.'),
  ('platform', 'learning-and-development', 'Learning and Development', 'platform', 'operations',
   'Curricula, SOP training and training records.'),
  ('acme', 'cell-therapy-manufacturing-science', 'Cell Therapy Manufacturing Science', 'acme', 'technical-operations',
   'Process engineers who run and improve Acme''s CAR-T manufacturing process.'),
  ('acme', 'site-quality', 'Site Quality', 'platform', 'quality',
   'Quality unit of Acme''s manufacturing site; batch disposition and deviations.'),
  ('pharmaco', 'uk-leadership-team', 'UK Leadership Team', 'pharmaco', 'general-management',
   'The UK affiliate''s general manager and direct reports.'),
  ('pharmaco', 'uk-medical-affairs', 'UK Medical Affairs', 'platform', 'medical',
   'Medical team of the UK affiliate: medical information, MSLs and medical signatories.')
) AS v (t, slug, name, ft, fn, description)
ON CONFLICT DO NOTHING;

-- One statement: a solid line may point at a role later in the list (the
-- foreign key is checked at the end of the statement).
INSERT INTO public.org_roles (id, tenant_id, slug, name, description,
                              function_tenant_id, function_id, department_tenant_id, department_id,
                              reports_to_role_id, seniority, leadership_level, min_years_experience)
SELECT vital.seed_uuid('org_roles', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description,
       CASE v.ft WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.ft) END,
       vital.seed_uuid('org_functions', v.ft, v.fn),
       CASE v.dt WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.dt) END,
       vital.seed_uuid('org_departments', v.dt, v.dept),
       CASE WHEN v.reports_to IS NOT NULL THEN vital.seed_uuid('org_roles', v.t, v.reports_to) END,
       v.seniority, v.leadership, v.years
FROM (VALUES
  ('platform', 'chief-medical-officer', 'Chief Medical Officer',
   'Accountable for the medical and scientific integrity of the portfolio and for benefit-risk decisions.',
   'platform', 'medical', 'platform', 'office-of-the-cmo', NULL::text, 'executive', 'c_suite', 15::smallint),
  ('platform', 'regulatory-affairs-director', 'Director, Regulatory Affairs',
   'Sets the regulatory strategy of a programme and leads its interactions with FDA, EMA and other agencies.',
   'platform', 'regulatory', 'platform', 'global-regulatory-strategy', 'chief-medical-officer', 'principal', 'director', 10),
  ('platform', 'clinical-operations-manager', 'Clinical Operations Manager',
   'Delivers studies on time, on budget and inspection-ready, through CROs and sites.',
   'platform', 'clinical', 'platform', 'clinical-operations', 'chief-medical-officer', 'senior', 'manager', 6),
  ('platform', 'medical-science-liaison', 'Medical Science Liaison',
   'Field-based scientific expert who exchanges non-promotional evidence with key opinion leaders.',
   'platform', 'medical', 'platform', 'field-medical', 'chief-medical-officer', 'senior', 'individual_contributor', 3),
  ('platform', 'pharmacovigilance-physician', 'Pharmacovigilance Physician',
   'Medically assesses individual cases and signals and writes the safety sections of periodic reports.',
   'platform', 'medical', 'platform', 'drug-safety', 'chief-medical-officer', 'senior', 'individual_contributor', 4),
  ('platform', 'quality-assurance-lead', 'Quality Assurance Lead',
   'Runs the quality system and audit programme; reports outside the line functions to stay independent.',
   'platform', 'quality', 'platform', 'quality-assurance', NULL, 'senior', 'team_lead', 7),
  ('platform', 'market-access-director', 'Director, Market Access',
   'Secures reimbursement at a sustainable price through value evidence and payer negotiation.',
   'platform', 'commercial', 'platform', 'market-access-and-pricing', NULL, 'principal', 'director', 10),
  ('platform', 'biostatistics-lead', 'Biostatistics Lead',
   'Owns statistical design and analysis across a programme and signs off statistical analysis plans.',
   'platform', 'data-science', 'platform', 'biostatistics', 'chief-medical-officer', 'principal', 'team_lead', 8),
  ('platform', 'clinical-data-manager', 'Clinical Data Manager',
   'Builds the study database, drives query resolution and delivers a clean, locked database.',
   'platform', 'data-science', 'platform', 'clinical-data-management', 'biostatistics-lead', 'mid', 'individual_contributor', 3),
  ('platform', 'medical-writer', 'Medical Writer',
   'Writes protocols, clinical study reports and submission summaries from data and expert input.',
   'platform', 'regulatory', 'platform', 'medical-writing', 'regulatory-affairs-director', 'mid', 'individual_contributor', 2),
  ('platform', 'commercial-strategy-director', 'Director, Commercial Strategy',
   'Shapes portfolio and launch strategy from forecasts, market research and competitive intelligence.',
   'platform', 'commercial', 'platform', 'commercial-strategy-and-insights', NULL, 'principal', 'director', 12),
  ('platform', 'data-privacy-officer', 'Data Protection Officer',
   'Monitors compliance with GDPR and HIPAA; reports to the highest management level, outside the line functions.',
   'platform', 'it-security', 'platform', 'privacy-office', NULL, 'senior', 'manager', 8),
  ('acme', 'head-of-cell-therapy-cmc', 'Head of Cell Therapy CMC',
   'Leads process development and manufacturing science for Acme''s CAR-T products.',
   'acme', 'technical-operations', 'acme', 'cell-therapy-manufacturing-science', NULL, 'principal', 'director', 12),
  ('acme', 'car-t-process-engineer', 'CAR-T Process Engineer',
   'Runs and improves the transduction and expansion steps of the autologous CAR-T process.',
   'acme', 'technical-operations', 'acme', 'cell-therapy-manufacturing-science', 'head-of-cell-therapy-cmc', 'mid', 'individual_contributor', 3),
  ('acme', 'site-quality-head', 'Site Quality Head',
   'Heads the site quality unit and releases batches for patients.',
   'platform', 'quality', 'acme', 'site-quality', NULL, 'principal', 'director', 12),
  ('pharmaco', 'uk-general-manager', 'UK General Manager',
   'Runs the UK affiliate and its launch plans.',
   'pharmaco', 'general-management', 'pharmaco', 'uk-leadership-team', NULL, 'executive', 'vice_president', 15),
  ('pharmaco', 'europe-medical-head', 'Head of Medical, Europe',
   'Leads the medical teams of PharmaCo''s European affiliates.',
   'platform', 'medical', 'platform', 'office-of-the-cmo', NULL, 'executive', 'vice_president', 15),
  ('pharmaco', 'uk-country-medical-director', 'UK Country Medical Director',
   'Medical head of the UK affiliate and final medical signatory for UK materials.',
   'platform', 'medical', 'pharmaco', 'uk-medical-affairs', 'europe-medical-head', 'principal', 'director', 10)
) AS v (t, slug, name, description, ft, fn, dt, dept, reports_to, seniority, leadership, years)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_locations (id, tenant_id, slug, name, location_type, city, country_code, time_zone,
                                  jurisdiction_tenant_id, jurisdiction_id, gxp_scope)
SELECT vital.seed_uuid('org_locations', v.t, v.slug), vital.seed_uuid('tenants', v.t),
       v.slug, v.name, v.location_type, v.city, v.country, v.tz,
       CASE v.jt WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.jt) END,
       vital.seed_uuid('regulatory_jurisdictions', v.jt, v.jurisdiction),
       v.gxp::text[]
FROM (VALUES
  ('acme', 'boston-hq', 'Boston headquarters', 'headquarters', 'Boston', 'US', 'America/New_York',
   'platform', 'us', '{GCP}'),
  ('acme', 'basel-cell-therapy-plant', 'Basel cell therapy plant', 'manufacturing', 'Basel', 'CH', 'Europe/Zurich',
   'acme', 'ch', '{GMP}'),
  ('pharmaco', 'cambridge-uk-office', 'Cambridge UK office', 'headquarters', 'Cambridge', 'GB', 'Europe/London',
   'platform', 'uk', '{GCP,GVP}'),
  ('pharmaco', 'melbourne-clinical-hub', 'Melbourne clinical hub', 'office', 'Melbourne', 'AU', 'Australia/Melbourne',
   'pharmaco', 'au', '{GCP}')
) AS v (t, slug, name, location_type, city, country, tz, jt, jurisdiction, gxp)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_teams (id, tenant_id, slug, name, description, team_type,
                              function_tenant_id, function_id, location_id)
SELECT vital.seed_uuid('org_teams', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, v.team_type,
       vital.platform_tenant_id(), vital.seed_uuid('org_functions', 'platform', v.fn),
       CASE WHEN v.location IS NOT NULL THEN vital.seed_uuid('org_locations', v.t, v.location) END
FROM (VALUES
  ('platform', 'clinical-study-team', 'Clinical study team', 'cross_functional', 'clinical', NULL::text,
   'Study manager, medical monitor, statistician, data manager and writer who run one study day to day.'),
  ('platform', 'safety-review-committee', 'Safety review committee', 'committee', 'medical', NULL,
   'Physicians and a statistician who review aggregate safety data and decide on signals and label changes.'),
  ('platform', 'launch-readiness-team', 'Launch readiness team', 'cross_functional', 'commercial', NULL,
   'Commercial, medical, market access, regulatory and supply leads preparing a product launch.'),
  ('platform', 'inspection-readiness-team', 'Inspection readiness team', 'project', 'quality', NULL,
   'Quality-led team that prepares documents, storyboards and people for an agency inspection.'),
  ('acme', 'acm-101-study-team', 'ACM-101 study team', 'cross_functional', 'clinical', 'boston-hq',
   'Runs the ACM-101 phase 1/2 study in relapsed large B-cell lymphoma.'),
  ('pharmaco', 'uk-launch-team', 'UK launch team', 'cross_functional', 'commercial', 'cambridge-uk-office',
   'Prepares the UK launch, including the NICE appraisal and NHS access.')
) AS v (t, slug, name, team_type, fn, location, description)
ON CONFLICT DO NOTHING;

-- Tenant-private: people of the demo tenants only (the platform has no users).
INSERT INTO public.org_team_members (id, tenant_id, org_team_id, user_id, org_role_tenant_id, org_role_id,
                                     team_role, allocation_pct, joined_on)
SELECT vital.seed_uuid('org_team_members', v.t, v.team, v.email), vital.seed_uuid('tenants', v.t),
       vital.seed_uuid('org_teams', v.t, v.team), vital.seed_uuid('users', v.email),
       CASE v.rt WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.rt) END,
       vital.seed_uuid('org_roles', v.rt, v.role),
       v.team_role, v.allocation, v.joined::date
FROM (VALUES
  ('acme', 'acm-101-study-team', 'ada@acme.example', 'platform', 'clinical-operations-manager', 'lead', 60.0, '2026-03-02'),
  ('pharmaco', 'uk-launch-team', 'paul@pharmaco.example', 'pharmaco', 'uk-general-manager', 'sponsor', 15.0, '2026-05-18')
) AS v (t, team, email, rt, role, team_role, allocation, joined)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_reporting_lines (id, tenant_id, org_role_id, manager_role_id, line_type, description)
SELECT vital.seed_uuid('org_reporting_lines', v.t, v.role, v.manager),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role), vital.seed_uuid('org_roles', v.t, v.manager),
       v.line_type, v.description
FROM (VALUES
  ('platform', 'medical-writer', 'clinical-operations-manager', 'dotted',
   'Study-level documents (protocol amendments, CSRs) are scheduled with the study team.'),
  ('platform', 'clinical-data-manager', 'clinical-operations-manager', 'dotted',
   'Day-to-day cleaning priorities and database lock timing are agreed with the study manager.'),
  ('platform', 'pharmacovigilance-physician', 'regulatory-affairs-director', 'functional',
   'Expedited and periodic safety reports leave the company through regulatory affairs.'),
  ('platform', 'market-access-director', 'commercial-strategy-director', 'matrix',
   'Launch sequence and price corridors are set jointly.'),
  ('acme', 'car-t-process-engineer', 'site-quality-head', 'dotted',
   'Deviations and batch record review for GMP runs go to site quality.'),
  ('pharmaco', 'uk-country-medical-director', 'uk-general-manager', 'dotted',
   'Affiliate business planning and launch decisions; scientific content stays under medical governance.')
) AS v (t, role, manager, line_type, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_role_responsibilities (id, tenant_id, org_role_id, position, responsibility, time_share_pct)
SELECT vital.seed_uuid('org_role_responsibilities', v.t, v.role, v.pos::text),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role), v.pos, v.responsibility, v.pct
FROM (VALUES
  ('platform', 'chief-medical-officer', 1::smallint, 'Chairs the benefit-risk and safety governance boards and owns their decisions.', 30::smallint),
  ('platform', 'chief-medical-officer', 2, 'Approves clinical development plans and go/no-go decisions at stage gates.', 30),
  ('platform', 'chief-medical-officer', 3, 'Represents the company medically to regulators, investors and patient groups.', 25),
  ('platform', 'regulatory-affairs-director', 1, 'Writes and maintains the global regulatory strategy for each assigned programme.', 35),
  ('platform', 'regulatory-affairs-director', 2, 'Leads agency meetings: question framing, briefing books and follow-up commitments.', 25),
  ('platform', 'regulatory-affairs-director', 3, 'Accountable for the content and timing of INDs, CTAs and marketing applications.', 30),
  ('platform', 'clinical-operations-manager', 1, 'Plans and tracks study timelines, enrolment and budget against the approved plan.', 35),
  ('platform', 'clinical-operations-manager', 2, 'Selects and oversees CROs and vendors, including their quality and performance.', 30),
  ('platform', 'clinical-operations-manager', 3, 'Keeps the trial master file complete and the study inspection-ready.', 20),
  ('platform', 'medical-science-liaison', 1, 'Builds peer relationships with opinion leaders and exchanges balanced scientific evidence.', 50),
  ('platform', 'medical-science-liaison', 2, 'Reports field insights that shape medical strategy and evidence generation.', 20),
  ('platform', 'medical-science-liaison', 3, 'Supports investigator-initiated studies and site identification.', 15),
  ('platform', 'pharmacovigilance-physician', 1, 'Medically reviews serious cases for causality, expectedness and seriousness.', 40),
  ('platform', 'pharmacovigilance-physician', 2, 'Evaluates safety signals and proposes risk minimisation.', 30),
  ('platform', 'pharmacovigilance-physician', 3, 'Authors the benefit-risk sections of PBRERs and DSURs.', 20),
  ('platform', 'quality-assurance-lead', 1, 'Owns the audit programme across sites, vendors and internal processes.', 35),
  ('platform', 'quality-assurance-lead', 2, 'Approves deviations and CAPAs and checks that actions were effective.', 35),
  ('platform', 'quality-assurance-lead', 3, 'Hosts and coordinates regulatory inspections.', 15),
  ('platform', 'market-access-director', 1, 'Defines the value proposition and the evidence payers will need.', 30),
  ('platform', 'market-access-director', 2, 'Leads HTA submissions and price negotiations.', 40),
  ('platform', 'market-access-director', 3, 'Sets the launch sequence across countries with pricing in mind.', 20),
  ('platform', 'biostatistics-lead', 1, 'Designs studies: estimands, sample size, randomisation and interim analyses.', 35),
  ('platform', 'biostatistics-lead', 2, 'Approves statistical analysis plans and interprets results with the clinical team.', 35),
  ('platform', 'biostatistics-lead', 3, 'Answers statistical questions from regulators.', 15),
  ('platform', 'clinical-data-manager', 1, 'Specifies and tests the eCRF and edit checks before first patient in.', 30),
  ('platform', 'clinical-data-manager', 2, 'Drives query resolution and reconciles external data (labs, safety, IRT).', 45),
  ('platform', 'clinical-data-manager', 3, 'Leads database lock and delivers SDTM-ready data.', 20),
  ('platform', 'medical-writer', 1, 'Writes clinical study reports and protocol documents from data and team input.', 55),
  ('platform', 'medical-writer', 2, 'Runs document review cycles and resolves reviewer comments.', 25),
  ('platform', 'medical-writer', 3, 'Keeps documents consistent with templates, style guides and ICH E3.', 15),
  ('platform', 'commercial-strategy-director', 1, 'Builds long-range forecasts and the brand strategy.', 35),
  ('platform', 'commercial-strategy-director', 2, 'Commissions and interprets market research.', 25),
  ('platform', 'commercial-strategy-director', 3, 'Monitors competitors and updates launch scenarios.', 25),
  ('platform', 'data-privacy-officer', 1, 'Advises on and monitors compliance with data protection law and internal policy.', 40),
  ('platform', 'data-privacy-officer', 2, 'Reviews DPIAs and cross-border transfer mechanisms.', 30),
  ('platform', 'data-privacy-officer', 3, 'Leads breach assessment and notification to authorities and data subjects.', 15),
  ('acme', 'car-t-process-engineer', 1, 'Runs manufacturing of patient lots under GMP and records the batch record.', 60),
  ('acme', 'car-t-process-engineer', 2, 'Investigates process deviations and proposes process improvements.', 30),
  ('pharmaco', 'uk-country-medical-director', 1, 'Certifies UK promotional and medical materials as final medical signatory.', 30),
  ('pharmaco', 'uk-country-medical-director', 2, 'Leads UK medical strategy for the Lp(a) launch, including NICE engagement.', 40)
) AS v (t, role, pos, responsibility, pct)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_role_skills (id, tenant_id, org_role_id, skill_tenant_id, skill_id, proficiency, is_required)
SELECT vital.seed_uuid('org_role_skills', v.t, v.role, v.skill),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role),
       CASE v.st WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.st) END,
       vital.seed_uuid('skills', v.st, v.skill),
       v.proficiency, v.required
FROM (VALUES
  ('platform', 'chief-medical-officer', 'platform', 'stakeholder-management', 'expert', true),
  ('platform', 'chief-medical-officer', 'platform', 'fda-meeting-preparation', 'practitioner', true),
  ('platform', 'regulatory-affairs-director', 'platform', 'fda-meeting-preparation', 'expert', true),
  ('platform', 'regulatory-affairs-director', 'platform', 'ectd-submission-assembly', 'practitioner', true),
  ('platform', 'regulatory-affairs-director', 'platform', 'stakeholder-management', 'expert', true),
  ('platform', 'clinical-operations-manager', 'platform', 'stakeholder-management', 'expert', true),
  ('platform', 'clinical-operations-manager', 'platform', 'edc-configuration', 'working', false),
  ('platform', 'medical-science-liaison', 'platform', 'literature-search', 'expert', true),
  ('platform', 'medical-science-liaison', 'platform', 'stakeholder-management', 'practitioner', true),
  ('platform', 'pharmacovigilance-physician', 'platform', 'meddra-coding', 'expert', true),
  ('platform', 'pharmacovigilance-physician', 'platform', 'signal-detection-statistics', 'practitioner', true),
  ('platform', 'quality-assurance-lead', 'platform', 'capa-management', 'expert', true),
  ('platform', 'quality-assurance-lead', 'platform', 'gmp-audit', 'expert', true),
  ('platform', 'quality-assurance-lead', 'platform', 'sop-writing', 'practitioner', true),
  ('platform', 'market-access-director', 'platform', 'hta-dossier-writing', 'expert', true),
  ('platform', 'market-access-director', 'platform', 'budget-impact-modelling', 'practitioner', true),
  ('platform', 'market-access-director', 'platform', 'stakeholder-management', 'expert', true),
  ('platform', 'biostatistics-lead', 'platform', 'sample-size-calculation', 'expert', true),
  ('platform', 'biostatistics-lead', 'platform', 'adaptive-design', 'expert', true),
  ('platform', 'biostatistics-lead', 'platform', 'sas-programming', 'practitioner', true),
  ('platform', 'biostatistics-lead', 'platform', 'r-programming', 'practitioner', false),
  ('platform', 'clinical-data-manager', 'platform', 'edc-configuration', 'expert', true),
  ('platform', 'clinical-data-manager', 'platform', 'cdisc-sdtm-mapping', 'practitioner', true),
  ('platform', 'medical-writer', 'platform', 'csr-writing', 'expert', true),
  ('platform', 'medical-writer', 'platform', 'literature-search', 'practitioner', true),
  ('platform', 'commercial-strategy-director', 'platform', 'stakeholder-management', 'expert', true),
  ('platform', 'commercial-strategy-director', 'platform', 'survey-design', 'working', false),
  ('platform', 'data-privacy-officer', 'platform', 'gdpr-dpia', 'expert', true),
  ('platform', 'data-privacy-officer', 'platform', 'hipaa-risk-assessment', 'expert', true),
  ('platform', 'data-privacy-officer', 'platform', 'threat-modelling', 'working', false),
  ('acme', 'car-t-process-engineer', 'acme', 'flow-cytometry-data-review', 'expert', true),
  ('acme', 'car-t-process-engineer', 'platform', 'capa-management', 'working', true),
  ('pharmaco', 'uk-country-medical-director', 'platform', 'stakeholder-management', 'expert', true),
  ('pharmaco', 'uk-country-medical-director', 'pharmaco', 'orphan-designation-applications', 'working', false)
) AS v (t, role, st, skill, proficiency, required)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_role_tools (id, tenant_id, org_role_id, name, vendor, category, usage_frequency)
SELECT vital.seed_uuid('org_role_tools', v.t, v.role, v.name),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role), v.name, v.vendor, v.category, v.frequency
FROM (VALUES
  ('platform', 'chief-medical-officer', 'Microsoft Teams', 'Microsoft', 'collaboration', 'daily'),
  ('platform', 'regulatory-affairs-director', 'Veeva Vault RIM', 'Veeva Systems', 'rim', 'weekly'),
  ('platform', 'clinical-operations-manager', 'Veeva Vault CTMS', 'Veeva Systems', 'ctms', 'daily'),
  ('platform', 'clinical-operations-manager', 'Veeva Vault eTMF', 'Veeva Systems', 'etmf', 'weekly'),
  ('platform', 'clinical-operations-manager', 'Medidata Rave EDC', 'Medidata', 'edc', 'weekly'),
  ('platform', 'medical-science-liaison', 'Veeva CRM', 'Veeva Systems', 'crm', 'daily'),
  ('platform', 'medical-science-liaison', 'PubMed', 'US National Library of Medicine', 'literature', 'daily'),
  ('platform', 'pharmacovigilance-physician', 'Oracle Argus Safety', 'Oracle', 'safety_database', 'daily'),
  ('platform', 'pharmacovigilance-physician', 'Oracle Empirica Signal', 'Oracle', 'analytics', 'weekly'),
  ('platform', 'quality-assurance-lead', 'MasterControl Quality Management', 'MasterControl', 'qms', 'daily'),
  ('platform', 'market-access-director', 'TreeAge Pro', 'TreeAge Software', 'analytics', 'monthly'),
  ('platform', 'market-access-director', 'Microsoft Excel', 'Microsoft', 'analytics', 'daily'),
  ('platform', 'biostatistics-lead', 'SAS', 'SAS Institute', 'statistics', 'daily'),
  ('platform', 'biostatistics-lead', 'R and RStudio', 'Posit', 'statistics', 'daily'),
  ('platform', 'biostatistics-lead', 'East', 'Cytel', 'statistics', 'monthly'),
  ('platform', 'clinical-data-manager', 'Medidata Rave EDC', 'Medidata', 'edc', 'daily'),
  ('platform', 'clinical-data-manager', 'Pinnacle 21 Enterprise', 'Certara', 'other', 'weekly'),
  ('platform', 'medical-writer', 'Microsoft Word', 'Microsoft', 'document_management', 'daily'),
  ('platform', 'medical-writer', 'EndNote', 'Clarivate', 'literature', 'weekly'),
  ('platform', 'commercial-strategy-director', 'Tableau', 'Salesforce', 'analytics', 'weekly'),
  ('platform', 'data-privacy-officer', 'OneTrust', 'OneTrust', 'privacy', 'weekly'),
  ('acme', 'car-t-process-engineer', 'FlowJo', 'BD Biosciences', 'analytics', 'daily'),
  ('pharmaco', 'uk-country-medical-director', 'Veeva Vault PromoMats', 'Veeva Systems', 'document_management', 'weekly')
) AS v (t, role, name, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_role_kpis (id, tenant_id, org_role_id, name, description, unit, target_value,
                                  direction, measurement_frequency)
SELECT vital.seed_uuid('org_role_kpis', v.t, v.role, v.name),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role), v.name, v.description, v.unit, v.target,
       v.direction, v.frequency
FROM (VALUES
  ('platform', 'chief-medical-officer', 'Programmes meeting stage-gate milestones',
   'Share of programmes that pass their planned stage gate in the planned quarter.', 'percent', 80::numeric, 'higher_is_better', 'quarterly'),
  ('platform', 'regulatory-affairs-director', 'First-cycle approval rate',
   'Marketing applications approved without a complete response or major objection cycle.', 'percent', 85, 'higher_is_better', 'annually'),
  ('platform', 'regulatory-affairs-director', 'Submissions on schedule',
   'Submissions dispatched on or before the planned date.', 'percent', 95, 'higher_is_better', 'quarterly'),
  ('platform', 'clinical-operations-manager', 'Median site activation time',
   'Days from site selection to site activation.', 'days', 120, 'lower_is_better', 'monthly'),
  ('platform', 'clinical-operations-manager', 'Enrolment against plan',
   'Randomised participants as a share of the enrolment plan to date.', 'percent', 100, 'on_target', 'monthly'),
  ('platform', 'medical-science-liaison', 'Insight-generating interactions',
   'Scientific exchanges with a documented insight.', 'count', 12, 'higher_is_better', 'monthly'),
  ('platform', 'pharmacovigilance-physician', 'Expedited reports on time',
   'Serious unexpected cases submitted within the 15-day deadline.', 'percent', 100, 'higher_is_better', 'monthly'),
  ('platform', 'quality-assurance-lead', 'CAPAs closed on time',
   'CAPAs closed by their due date, with effectiveness verified.', 'percent', 90, 'higher_is_better', 'monthly'),
  ('platform', 'market-access-director', 'Time to first reimbursement',
   'Days from marketing authorisation to the first positive reimbursement decision.', 'days', 180, 'lower_is_better', 'per_project'),
  ('platform', 'biostatistics-lead', 'Days from lock to topline',
   'Days from database lock to delivery of topline results.', 'days', 10, 'lower_is_better', 'per_project'),
  ('platform', 'clinical-data-manager', 'Days from last visit to lock',
   'Days from last patient last visit to database lock.', 'days', 30, 'lower_is_better', 'per_project'),
  ('platform', 'medical-writer', 'Review cycles per document',
   'Formal review rounds before a document is final.', 'count', 2, 'lower_is_better', 'per_project'),
  ('platform', 'commercial-strategy-director', 'Forecast accuracy at 12 months',
   '1 - |actual - forecast| / actual for net sales one year after launch.', 'percent', 85, 'higher_is_better', 'annually'),
  ('platform', 'data-privacy-officer', 'Breach notifications within 72 hours',
   'Notifiable personal data breaches reported to the authority within 72 hours of awareness.', 'percent', 100, 'higher_is_better', 'quarterly'),
  ('acme', 'car-t-process-engineer', 'Vein-to-vein time',
   'Days from leukapheresis to infusion of the patient''s lot.', 'days', 21, 'lower_is_better', 'monthly'),
  ('pharmaco', 'uk-country-medical-director', 'Medical enquiries answered in 2 working days',
   'Unsolicited medical information enquiries answered within two working days.', 'percent', 95, 'higher_is_better', 'monthly')
) AS v (t, role, name, description, unit, target, direction, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.org_role_therapeutic_areas (id, tenant_id, org_role_id, therapeutic_area_tenant_id,
                                               therapeutic_area_id, focus)
SELECT vital.seed_uuid('org_role_therapeutic_areas', v.t, v.role, v.area),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('org_roles', v.t, v.role),
       CASE v.at WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.at) END,
       vital.seed_uuid('therapeutic_areas', v.at, v.area),
       v.focus
FROM (VALUES
  ('platform', 'medical-science-liaison', 'platform', 'oncology', 'primary'),
  ('platform', 'medical-science-liaison', 'platform', 'immunology', 'secondary'),
  ('acme', 'car-t-process-engineer', 'platform', 'oncology', 'primary'),
  ('acme', 'car-t-process-engineer', 'acme', 'hematologic-malignancies', 'primary'),
  ('pharmaco', 'uk-country-medical-director', 'platform', 'cardiology', 'primary'),
  ('pharmaco', 'uk-country-medical-director', 'pharmaco', 'lipid-disorders', 'primary'),
  ('pharmaco', 'uk-country-medical-director', 'platform', 'rare-diseases', 'secondary')
) AS v (t, role, at, area, focus)
ON CONFLICT DO NOTHING;
