-- Seed, Taxonomy: the platform's shared vocabulary (the slugs other domains use,
-- see docs/schema-conventions.md) and a few terms of each demo tenant.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING. Rows are written as
-- (tenant key, ...) where the key is 'platform', 'acme' or 'pharmaco'.

-- Knowledge domains, one statement per level: a row's path is derived from its
-- parent, which must already exist.
INSERT INTO public.knowledge_domains (id, tenant_id, slug, name, description)
SELECT vital.seed_uuid('knowledge_domains', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description
FROM (VALUES
  ('platform', 'regulatory-affairs', 'Regulatory Affairs',
   'Strategy and execution of marketing authorisations, agency interactions and lifecycle maintenance.'),
  ('platform', 'clinical-development', 'Clinical Development',
   'Design, conduct and reporting of clinical trials from first-in-human to confirmatory studies.'),
  ('platform', 'pharmacovigilance', 'Pharmacovigilance',
   'Collection, assessment and reporting of adverse events and the ongoing benefit-risk evaluation of products.'),
  ('platform', 'quality-management', 'Quality Management',
   'Quality systems, GxP compliance, deviations, CAPA and inspection readiness.'),
  ('platform', 'market-access', 'Market Access',
   'Pricing, reimbursement and the evidence payers and HTA bodies need to fund a therapy.'),
  ('platform', 'health-economics', 'Health Economics',
   'Economic evaluation of health technologies: cost-effectiveness, budget impact and outcomes research.'),
  ('platform', 'medical-affairs', 'Medical Affairs',
   'Scientific exchange with healthcare professionals, medical information and evidence communication.'),
  ('platform', 'biostatistics', 'Biostatistics',
   'Statistical design and analysis of studies, from sample size to estimands and sensitivity analyses.'),
  ('platform', 'data-management', 'Clinical Data Management',
   'Collection, cleaning, standardisation and locking of clinical trial data.'),
  ('platform', 'data-privacy', 'Data Privacy',
   'Lawful processing of personal and health data: consent, minimisation, transfers and breach handling.'),
  ('platform', 'cybersecurity', 'Cybersecurity',
   'Security of information systems and connected medical products across their lifecycle.'),
  ('platform', 'commercial', 'Commercial',
   'Brand strategy, forecasting, launch planning and customer insight.'),
  ('platform', 'project-management', 'Project Management',
   'Planning and governance of development programmes, timelines, budgets and cross-functional teams.'),
  ('platform', 'training-and-education', 'Training and Education',
   'Role-based training, SOP training records and competence assessment for regulated work.'),
  ('acme', 'translational-oncology', 'Translational Oncology',
   'Acme''s bench-to-bedside work on engineered T-cell therapies for blood cancers.'),
  ('pharmaco', 'cardiometabolic-programs', 'Cardiometabolic Programs',
   'PharmaCo''s programmes in lipid-driven cardiovascular risk.')
) AS v (t, slug, name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.knowledge_domains (id, tenant_id, slug, name, description, parent_id)
SELECT vital.seed_uuid('knowledge_domains', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, vital.seed_uuid('knowledge_domains', v.t, v.parent)
FROM (VALUES
  ('platform', 'regulatory-submissions', 'Regulatory Submissions', 'regulatory-affairs',
   'Content planning, authoring coordination and publishing of applications and their amendments.'),
  ('platform', 'labeling-and-promotion-review', 'Labeling and Promotion Review', 'regulatory-affairs',
   'Prescribing information, patient leaflets and the review of promotional material against the label.'),
  ('platform', 'cmc-regulatory', 'CMC Regulatory', 'regulatory-affairs',
   'Chemistry, manufacturing and controls sections and post-approval manufacturing changes.'),
  ('platform', 'clinical-trial-design', 'Clinical Trial Design', 'clinical-development',
   'Objectives, endpoints, estimands, populations and designs of clinical studies.'),
  ('platform', 'clinical-operations', 'Clinical Operations', 'clinical-development',
   'Site selection, start-up, monitoring and close-out of clinical trials.'),
  ('platform', 'signal-management', 'Signal Management', 'pharmacovigilance',
   'Detection, validation, prioritisation and assessment of safety signals.'),
  ('platform', 'aggregate-safety-reporting', 'Aggregate Safety Reporting', 'pharmacovigilance',
   'Periodic reports such as PSURs/PBRERs and DSURs.'),
  ('platform', 'gmp-compliance', 'GMP Compliance', 'quality-management',
   'Good manufacturing practice for medicinal products and their supply chain.'),
  ('platform', 'computer-system-validation', 'Computer System Validation', 'quality-management',
   'Risk-based assurance that GxP computerised systems are fit for use, including electronic records and signatures.'),
  ('platform', 'payer-evidence-and-pricing', 'Payer Evidence and Pricing', 'market-access',
   'Value dossiers, price setting and negotiations with payers.'),
  ('platform', 'outcomes-research', 'Outcomes Research', 'health-economics',
   'Real-world and patient-reported outcomes that show value beyond the trial.'),
  ('platform', 'medical-information', 'Medical Information', 'medical-affairs',
   'Answering unsolicited medical questions from healthcare professionals and patients.'),
  ('platform', 'scientific-communications', 'Scientific Communications', 'medical-affairs',
   'Publication planning, congress materials and scientific narratives.'),
  ('platform', 'bayesian-methods', 'Bayesian Methods', 'biostatistics',
   'Prior elicitation, borrowing of external data and Bayesian decision rules.'),
  ('platform', 'cdisc-standards', 'CDISC Standards', 'data-management',
   'CDASH, SDTM and ADaM standards and their conformance rules.'),
  ('platform', 'gdpr-compliance', 'GDPR Compliance', 'data-privacy',
   'Processing of personal data under the EU General Data Protection Regulation.'),
  ('platform', 'hipaa-compliance', 'HIPAA Compliance', 'data-privacy',
   'Protection of health information under the US HIPAA Privacy, Security and Breach Notification Rules.'),
  ('platform', 'medical-device-cybersecurity', 'Medical Device Cybersecurity', 'cybersecurity',
   'Security risk management, SBOMs and vulnerability handling for connected devices.'),
  ('acme', 'cell-therapy-cmc', 'Cell Therapy CMC', 'translational-oncology',
   'Manufacturing and release testing of autologous CAR-T products.'),
  ('pharmaco', 'lipoprotein-a-therapies', 'Lipoprotein(a) Therapies', 'cardiometabolic-programs',
   'Therapies lowering Lp(a) and the outcome trials that test them.')
) AS v (t, slug, name, parent, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.knowledge_domains (id, tenant_id, slug, name, description, parent_id)
SELECT vital.seed_uuid('knowledge_domains', 'platform', v.slug), vital.platform_tenant_id(),
       v.slug, v.name, v.description, vital.seed_uuid('knowledge_domains', 'platform', v.parent)
FROM (VALUES
  ('ectd-publishing', 'eCTD Publishing', 'regulatory-submissions',
   'Building, validating and dispatching electronic Common Technical Document sequences.')
) AS v (slug, name, parent, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.capabilities (id, tenant_id, slug, name, description, domain_tenant_id, domain_id)
SELECT vital.seed_uuid('capabilities', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description,
       CASE v.dt WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.dt) END,
       vital.seed_uuid('knowledge_domains', v.dt, v.domain)
FROM (VALUES
  ('platform', 'regulatory-strategy', 'Regulatory Strategy', 'platform', 'regulatory-affairs',
   'Chooses the pathway, sequence and evidence package that gets a product approved in the target markets.'),
  ('platform', 'protocol-design', 'Protocol Design', 'platform', 'clinical-trial-design',
   'Turns a development question into a feasible, analysable and ethical study protocol.'),
  ('platform', 'safety-signal-detection', 'Safety Signal Detection', 'platform', 'signal-management',
   'Finds and evaluates new or changed risks in spontaneous, trial and literature data.'),
  ('platform', 'quality-systems', 'Quality Systems', 'platform', 'quality-management',
   'Designs and runs the document, deviation, CAPA and change-control processes of a GxP organisation.'),
  ('platform', 'market-access-strategy', 'Market Access Strategy', 'platform', 'market-access',
   'Plans evidence, price and launch sequence so that payers fund the product.'),
  ('platform', 'privacy-compliance', 'Privacy Compliance', 'platform', 'data-privacy',
   'Keeps processing of patient and employee data lawful, documented and proportionate.'),
  ('platform', 'health-economic-modelling', 'Health Economic Modelling', 'platform', 'health-economics',
   'Builds and critiques cost-effectiveness and budget impact models.'),
  ('platform', 'medical-writing', 'Medical Writing', 'platform', 'medical-affairs',
   'Writes clear, accurate and compliant clinical and regulatory documents.'),
  ('platform', 'statistical-analysis', 'Statistical Analysis', 'platform', 'biostatistics',
   'Plans and performs analyses that answer the study''s estimands with quantified uncertainty.'),
  ('platform', 'data-management', 'Data Management', 'platform', 'data-management',
   'Delivers complete, clean, standardised trial data on time for analysis.'),
  ('platform', 'security-assessment', 'Security Assessment', 'platform', 'cybersecurity',
   'Identifies threats and weaknesses in systems and proposes proportionate controls.'),
  ('platform', 'regulatory-intelligence', 'Regulatory Intelligence', 'platform', 'regulatory-affairs',
   'Tracks new guidance, precedents and agency behaviour and explains what they mean for a programme.'),
  ('platform', 'project-planning', 'Project Planning', 'platform', 'project-management',
   'Builds integrated plans, tracks the critical path and escalates risks early.'),
  ('platform', 'training-design', 'Training Design', 'platform', 'training-and-education',
   'Designs role-based curricula and checks that training changes behaviour.'),
  ('platform', 'market-research', 'Market Research', 'platform', 'commercial',
   'Gathers and interprets prescriber, patient and payer insight.'),
  ('platform', 'compliance-auditing', 'Compliance Auditing', 'platform', 'quality-management',
   'Plans and conducts audits of processes, sites and vendors against GxP requirements.'),
  ('platform', 'data-analysis', 'Data Analysis', 'platform', 'data-management',
   'Explores and summarises operational and scientific data for decisions.'),
  ('platform', 'clinical-coordination', 'Clinical Coordination', 'platform', 'clinical-operations',
   'Keeps sites, vendors and study teams moving to the same plan.'),
  ('acme', 'biomarker-strategy', 'Biomarker Strategy', 'acme', 'translational-oncology',
   'Chooses the pharmacodynamic and response biomarkers that steer Acme''s CAR-T dose finding.'),
  ('pharmaco', 'cardiovascular-outcomes-trial-planning', 'Cardiovascular Outcomes Trial Planning', 'pharmaco', 'cardiometabolic-programs',
   'Sizes and plans event-driven outcome trials for lipid-lowering therapies.')
) AS v (t, slug, name, dt, domain, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.skills (id, tenant_id, slug, name, skill_type, description)
SELECT vital.seed_uuid('skills', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.skill_type, v.description
FROM (VALUES
  ('platform', 'ectd-submission-assembly', 'eCTD Submission Assembly', 'regulatory',
   'Compiles modules 1-5 into valid sequences, manages lifecycle operations and clears technical validation.'),
  ('platform', 'fda-meeting-preparation', 'FDA Meeting Preparation', 'regulatory',
   'Frames questions, writes briefing packages and rehearses teams for Type A-D and pre-IND meetings.'),
  ('platform', 'adaptive-design', 'Adaptive Design', 'analytical',
   'Designs interim analyses, sample size re-estimation and arm dropping while controlling type I error.'),
  ('platform', 'sample-size-calculation', 'Sample Size Calculation', 'analytical',
   'Derives the number of participants or events needed for the target power under stated assumptions.'),
  ('platform', 'meddra-coding', 'MedDRA Coding', 'technical',
   'Codes verbatim adverse event and history terms to the right MedDRA lowest level terms consistently.'),
  ('platform', 'signal-detection-statistics', 'Signal Detection Statistics', 'analytical',
   'Applies disproportionality measures (PRR, ROR, empirical Bayes) and reads them with clinical judgement.'),
  ('platform', 'capa-management', 'CAPA Management', 'technical',
   'Runs root-cause analysis and defines, tracks and verifies corrective and preventive actions.'),
  ('platform', 'gmp-audit', 'GMP Audit', 'regulatory',
   'Audits manufacturing and testing sites against GMP and reports findings by risk.'),
  ('platform', 'hta-dossier-writing', 'HTA Dossier Writing', 'scientific',
   'Writes submissions to health technology assessment bodies that follow their templates and evidence rules.'),
  ('platform', 'budget-impact-modelling', 'Budget Impact Modelling', 'analytical',
   'Estimates the affordability of a new therapy for a payer over a short horizon.'),
  ('platform', 'cost-effectiveness-modelling', 'Cost-Effectiveness Modelling', 'analytical',
   'Builds Markov and partitioned-survival models and reports ICERs with probabilistic sensitivity analysis.'),
  ('platform', 'hipaa-risk-assessment', 'HIPAA Risk Assessment', 'regulatory',
   'Performs the security risk analysis the HIPAA Security Rule requires and documents safeguards.'),
  ('platform', 'gdpr-dpia', 'GDPR Data Protection Impact Assessment', 'regulatory',
   'Assesses high-risk processing, its necessity and mitigations, as GDPR Article 35 requires.'),
  ('platform', 'csr-writing', 'Clinical Study Report Writing', 'scientific',
   'Writes ICH E3-structured study reports that present results and their limits faithfully.'),
  ('platform', 'sas-programming', 'SAS Programming', 'tool',
   'Programs analysis datasets, tables, listings and figures in SAS with validation by double programming.'),
  ('platform', 'r-programming', 'R Programming', 'tool',
   'Analyses data and builds reproducible reports and packages in R.'),
  ('platform', 'cdisc-sdtm-mapping', 'CDISC SDTM Mapping', 'technical',
   'Maps collected data to SDTM domains and passes conformance checks.'),
  ('platform', 'edc-configuration', 'EDC Configuration', 'tool',
   'Builds eCRFs, edit checks and user roles in an electronic data capture system.'),
  ('platform', 'threat-modelling', 'Threat Modelling', 'technical',
   'Maps data flows and trust boundaries and enumerates threats with methods such as STRIDE.'),
  ('platform', '21-cfr-part-11-validation', '21 CFR Part 11 Validation', 'regulatory',
   'Validates electronic records and signatures controls: audit trails, access, signature manifestation.'),
  ('platform', 'literature-search', 'Literature Search', 'scientific',
   'Builds reproducible searches in PubMed, Embase and registries and screens results systematically.'),
  ('platform', 'stakeholder-management', 'Stakeholder Management', 'interpersonal',
   'Aligns internal and external stakeholders, anticipates objections and keeps decisions moving.'),
  ('platform', 'sop-writing', 'SOP Writing', 'technical',
   'Writes procedures people can follow: clear scope, roles, steps and records.'),
  ('platform', 'survey-design', 'Survey Design', 'analytical',
   'Writes unbiased questionnaires and sampling plans for market and outcomes research.'),
  ('acme', 'flow-cytometry-data-review', 'Flow Cytometry Data Review', 'scientific',
   'Reviews gating and CAR expression data for lot release and patient monitoring.'),
  ('pharmaco', 'orphan-designation-applications', 'Orphan Designation Applications', 'regulatory',
   'Prepares orphan designation requests with prevalence and significant-benefit arguments.')
) AS v (t, slug, name, skill_type, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.capability_skills
  (id, tenant_id, capability_tenant_id, capability_id, skill_tenant_id, skill_id, is_core)
SELECT vital.seed_uuid('capability_skills', v.t, v.cap, v.skill),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       CASE v.ct WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.ct) END,
       vital.seed_uuid('capabilities', v.ct, v.cap),
       CASE v.st WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.st) END,
       vital.seed_uuid('skills', v.st, v.skill),
       v.is_core
FROM (VALUES
  ('platform', 'platform', 'regulatory-strategy', 'platform', 'fda-meeting-preparation', true),
  ('platform', 'platform', 'regulatory-strategy', 'platform', 'ectd-submission-assembly', false),
  ('platform', 'platform', 'regulatory-strategy', 'platform', 'stakeholder-management', false),
  ('platform', 'platform', 'protocol-design', 'platform', 'adaptive-design', true),
  ('platform', 'platform', 'protocol-design', 'platform', 'sample-size-calculation', true),
  ('platform', 'platform', 'protocol-design', 'platform', 'literature-search', false),
  ('platform', 'platform', 'safety-signal-detection', 'platform', 'signal-detection-statistics', true),
  ('platform', 'platform', 'safety-signal-detection', 'platform', 'meddra-coding', true),
  ('platform', 'platform', 'quality-systems', 'platform', 'capa-management', true),
  ('platform', 'platform', 'quality-systems', 'platform', 'sop-writing', true),
  ('platform', 'platform', 'quality-systems', 'platform', 'gmp-audit', false),
  ('platform', 'platform', 'market-access-strategy', 'platform', 'hta-dossier-writing', true),
  ('platform', 'platform', 'market-access-strategy', 'platform', 'stakeholder-management', false),
  ('platform', 'platform', 'privacy-compliance', 'platform', 'gdpr-dpia', true),
  ('platform', 'platform', 'privacy-compliance', 'platform', 'hipaa-risk-assessment', true),
  ('platform', 'platform', 'health-economic-modelling', 'platform', 'cost-effectiveness-modelling', true),
  ('platform', 'platform', 'health-economic-modelling', 'platform', 'budget-impact-modelling', true),
  ('platform', 'platform', 'health-economic-modelling', 'platform', 'r-programming', false),
  ('platform', 'platform', 'medical-writing', 'platform', 'csr-writing', true),
  ('platform', 'platform', 'medical-writing', 'platform', 'literature-search', false),
  ('platform', 'platform', 'statistical-analysis', 'platform', 'sas-programming', true),
  ('platform', 'platform', 'statistical-analysis', 'platform', 'r-programming', false),
  ('platform', 'platform', 'statistical-analysis', 'platform', 'sample-size-calculation', false),
  ('platform', 'platform', 'data-management', 'platform', 'cdisc-sdtm-mapping', true),
  ('platform', 'platform', 'data-management', 'platform', 'edc-configuration', true),
  ('platform', 'platform', 'security-assessment', 'platform', 'threat-modelling', true),
  ('platform', 'platform', 'security-assessment', 'platform', '21-cfr-part-11-validation', false),
  ('platform', 'platform', 'regulatory-intelligence', 'platform', 'literature-search', true),
  ('platform', 'platform', 'project-planning', 'platform', 'stakeholder-management', true),
  ('platform', 'platform', 'training-design', 'platform', 'sop-writing', false),
  ('platform', 'platform', 'market-research', 'platform', 'survey-design', true),
  ('platform', 'platform', 'compliance-auditing', 'platform', 'gmp-audit', true),
  ('platform', 'platform', 'compliance-auditing', 'platform', '21-cfr-part-11-validation', false),
  ('platform', 'platform', 'data-analysis', 'platform', 'r-programming', true),
  ('platform', 'platform', 'data-analysis', 'platform', 'sas-programming', false),
  ('platform', 'platform', 'clinical-coordination', 'platform', 'stakeholder-management', true),
  ('platform', 'platform', 'clinical-coordination', 'platform', 'edc-configuration', false),
  -- Tenants link their own capabilities to platform skills and the reverse.
  ('acme', 'acme', 'biomarker-strategy', 'acme', 'flow-cytometry-data-review', true),
  ('acme', 'acme', 'biomarker-strategy', 'platform', 'adaptive-design', false),
  ('pharmaco', 'pharmaco', 'cardiovascular-outcomes-trial-planning', 'platform', 'sample-size-calculation', true),
  ('pharmaco', 'platform', 'regulatory-strategy', 'pharmaco', 'orphan-designation-applications', false)
) AS v (t, ct, cap, st, skill, is_core)
ON CONFLICT DO NOTHING;

INSERT INTO public.therapeutic_areas (id, tenant_id, slug, name, mesh_descriptor_id, description)
SELECT vital.seed_uuid('therapeutic_areas', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.mesh, v.description
FROM (VALUES
  ('platform', 'oncology', 'Oncology', 'D009369',
   'Solid tumours and haematological malignancies.'),
  ('platform', 'cardiology', 'Cardiology', 'D002318',
   'Heart failure, coronary disease, arrhythmia and cardiovascular risk factors.'),
  ('platform', 'neurology', 'Neurology', 'D009422',
   'Neurodegenerative, neuromuscular and neuroinflammatory disorders, epilepsy and migraine.'),
  ('platform', 'immunology', 'Immunology', 'D007154',
   'Autoimmune and inflammatory diseases such as rheumatoid arthritis, psoriasis and IBD.'),
  ('platform', 'infectious-disease', 'Infectious Disease', 'D007239',
   'Bacterial, viral and fungal infections, vaccines and antimicrobial resistance.'),
  ('platform', 'rare-diseases', 'Rare Diseases', 'D035583',
   'Conditions of low prevalence, many genetic, often with orphan designation.'),
  ('platform', 'endocrinology', 'Endocrinology', 'D004700',
   'Diabetes, obesity, thyroid and other hormonal disorders.'),
  ('platform', 'respiratory', 'Respiratory', 'D012140',
   'Asthma, COPD, pulmonary fibrosis and other lung diseases.'),
  ('acme', 'hematologic-malignancies', 'Hematologic Malignancies', NULL,
   'Lymphomas, leukaemias and myeloma: the indications of Acme''s CAR-T pipeline.'),
  ('pharmaco', 'lipid-disorders', 'Lipid Disorders', NULL,
   'Elevated LDL-C and lipoprotein(a) as drivers of atherosclerotic disease.')
) AS v (t, slug, name, mesh, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.industries (id, tenant_id, slug, name, description)
SELECT vital.seed_uuid('industries', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description
FROM (VALUES
  ('platform', 'pharmaceuticals', 'Pharmaceuticals',
   'Discovery, development and marketing of small-molecule and established medicines.'),
  ('platform', 'biotechnology', 'Biotechnology',
   'Biologics, cell and gene therapies and other products of living systems.'),
  ('platform', 'medical-devices', 'Medical Devices',
   'Instruments, implants and software intended for a medical purpose.'),
  ('platform', 'digital-health', 'Digital Health',
   'Software, apps and remote monitoring that support care, including digital therapeutics.'),
  ('platform', 'diagnostics', 'Diagnostics',
   'In vitro diagnostics, companion diagnostics and imaging agents.'),
  ('platform', 'contract-research', 'Contract Research',
   'CROs and service providers that run studies and functions for sponsors.'),
  ('acme', 'cell-and-gene-therapy', 'Cell and Gene Therapy',
   'Autologous and allogeneic engineered cell products, Acme''s core business.'),
  ('pharmaco', 'biosimilars', 'Biosimilars',
   'Follow-on biologics PharmaCo develops alongside its originator portfolio.')
) AS v (t, slug, name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.regulatory_jurisdictions (id, tenant_id, slug, name, authority, authority_url, region_code)
SELECT vital.seed_uuid('regulatory_jurisdictions', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.authority, v.url, v.region
FROM (VALUES
  ('platform', 'us', 'United States', 'FDA', 'https://www.fda.gov', 'US'),
  ('platform', 'eu', 'European Union', 'EMA', 'https://www.ema.europa.eu', 'EU'),
  ('platform', 'uk', 'United Kingdom', 'MHRA',
   'https://www.gov.uk/government/organisations/medicines-and-healthcare-products-regulatory-agency', 'GB'),
  ('platform', 'jp', 'Japan', 'PMDA', 'https://www.pmda.go.jp', 'JP'),
  ('platform', 'ca', 'Canada', 'Health Canada', 'https://www.canada.ca/en/health-canada.html', 'CA'),
  ('platform', 'cn', 'China', 'NMPA', 'https://www.nmpa.gov.cn', 'CN'),
  ('platform', 'global', 'Global (ICH)', 'ICH', 'https://www.ich.org', NULL),
  ('acme', 'ch', 'Switzerland', 'Swissmedic', 'https://www.swissmedic.ch', 'CH'),
  ('pharmaco', 'au', 'Australia', 'TGA', 'https://www.tga.gov.au', 'AU')
) AS v (t, slug, name, authority, url, region)
ON CONFLICT DO NOTHING;

INSERT INTO public.tags (id, tenant_id, slug, name, color, applies_to, description)
SELECT vital.seed_uuid('tags', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.color, v.applies_to::text[], v.description
FROM (VALUES
  ('platform', 'gxp-relevant', 'GxP relevant', '#b91c1c', '{documents,templates,workflows}',
   'Content used in regulated work: changes need review and an audit trail.'),
  ('platform', 'needs-medical-review', 'Needs medical review', '#d97706', '{documents,sessions,panels}',
   'Output must be checked by a qualified physician before it is used externally.'),
  ('platform', 'ich-guideline', 'ICH guideline', '#1d4ed8', '{documents}',
   'Source is an ICH harmonised guideline.'),
  ('platform', 'patient-facing', 'Patient facing', '#15803d', '{documents,templates}',
   'Written for patients or carers: plain language, no promotional claims.'),
  ('platform', 'draft', 'Draft', '#6b7280', '{}',
   'Work in progress, not for decisions.'),
  ('acme', 'acm-101-program', 'ACM-101 program', '#7c3aed', '{documents,sessions,panels}',
   'Everything about ACM-101, Acme''s lead CD19 CAR-T candidate.'),
  ('pharmaco', 'uk-launch-2027', 'UK launch 2027', '#0f766e', '{documents,sessions,workflows}',
   'Work for the planned 2027 UK launch of PharmaCo''s Lp(a) therapy.')
) AS v (t, slug, name, color, applies_to, description)
ON CONFLICT DO NOTHING;
