-- Seed, Personas (part 4 of 5): platform personas chief-medical-officer,
-- commercial-strategy-director and data-privacy-officer, each a complete profile.
-- Same layout as 0007_personas_01.sql: column p of every VALUES list is the persona slug.

-- == personas ================================================================
INSERT INTO public.personas (id, tenant_id, slug, name, role_title, function_tenant_id, function_id,
                             description, seniority, years_experience, vpanes_scores, status, metadata)
SELECT vital.seed_uuid('personas', 'platform', v.p), vital.platform_tenant_id(), v.p, v.name, v.role_title,
       vital.platform_tenant_id(), vital.seed_uuid('org_functions', 'platform', v.fn),
       v.description, v.seniority, v.years, v.vpanes::jsonb, 'active', v.metadata::jsonb
FROM (VALUES
  ('chief-medical-officer', 'Elena Vasquez', 'Chief Medical Officer', 'medical',
   'Accountable for the medical and scientific integrity of the portfolio; chairs benefit-risk decisions and speaks for the company to regulators, investors and physicians.',
   'executive', 22,
   '{"visibility": 5, "pain": 6, "actions": 4, "needs": 6, "emotions": 5, "scenarios": 5}',
   '{"regions": ["global"], "therapeutic_areas": ["oncology", "immunology", "rare-diseases"]}'),
  ('commercial-strategy-director', 'Jonathan Reyes', 'Director, Commercial Strategy', 'commercial',
   'Shapes portfolio and launch strategy from forecasts, market research and competitive intelligence, and turns them into the case for investment.',
   'principal', 15,
   '{"visibility": 5, "pain": 5, "actions": 4, "needs": 5, "emotions": 4, "scenarios": 5}',
   '{"regions": ["us", "eu"], "therapeutic_areas": ["cardiology", "endocrinology"]}'),
  ('data-privacy-officer', 'Amara Nwosu', 'Data Protection Officer', 'it-security',
   'Monitors GDPR and HIPAA compliance across clinical, commercial and HR data, advises on impact assessments and is the contact point for supervisory authorities.',
   'senior', 10,
   '{"visibility": 7, "pain": 8, "actions": 6, "needs": 8, "emotions": 7, "scenarios": 7}',
   '{"regions": ["eu", "uk", "us"], "frameworks": ["gdpr", "uk-gdpr", "hipaa"]}')
) AS v (p, name, role_title, fn, description, seniority, years, vpanes, metadata)
ON CONFLICT DO NOTHING;

-- == typical day =============================================================
INSERT INTO public.persona_typical_day_activities (id, tenant_id, persona_id, sort_order, time_of_day,
                                                   duration_minutes, activity, activity_type)
SELECT vital.seed_uuid('persona_typical_day_activities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.at::time, v.mins, v.activity, v.kind
FROM (VALUES
  ('chief-medical-officer', 1, '07:00', 30, 'Reads the overnight safety summary and any escalated serious cases.', 'review'),
  ('chief-medical-officer', 2, '07:45', 60, 'Chairs the portfolio medical governance committee.', 'meeting'),
  ('chief-medical-officer', 3, '09:00', 45, 'Reviews the benefit-risk assessment behind a dose-escalation decision.', 'review'),
  ('chief-medical-officer', 4, '10:00', 60, 'Explains phase 2 results to investors alongside the CEO.', 'meeting'),
  ('chief-medical-officer', 5, '11:30', 45, 'Calls a principal investigator about an unexpected cluster of hospitalisations.', 'communication'),
  ('chief-medical-officer', 6, '13:30', 60, 'Challenges the clinical development plan for the next indication.', 'planning'),
  ('chief-medical-officer', 7, '15:00', 60, 'Holds one-to-ones with the heads of clinical development, safety and medical affairs.', 'meeting'),
  ('chief-medical-officer', 8, '16:30', 45, 'Approves the medical sections of the quarterly board report.', 'administration'),
  ('chief-medical-officer', 9, '17:30', 30, 'Reads key publications flagged by the medical affairs team.', 'learning'),
  ('commercial-strategy-director', 1, '08:00', 30, 'Reads competitive intelligence alerts on rival readouts and launches.', 'learning'),
  ('commercial-strategy-director', 2, '08:45', 60, 'Reviews the updated long-range forecast with the forecasting team.', 'review'),
  ('commercial-strategy-director', 3, '10:00', 60, 'Runs a launch positioning workshop with brand and medical.', 'meeting'),
  ('commercial-strategy-director', 4, '11:15', 45, 'Briefs a market research agency on a prescriber segmentation study.', 'communication'),
  ('commercial-strategy-director', 5, '13:00', 90, 'Builds the investment case for a life-cycle indication.', 'focused_work'),
  ('commercial-strategy-director', 6, '15:00', 60, 'Presents scenario plans to the executive committee.', 'meeting'),
  ('commercial-strategy-director', 7, '16:30', 30, 'Checks pricing and access assumptions with the market access director.', 'meeting'),
  ('data-privacy-officer', 1, '08:00', 30, 'Triages new privacy incidents and data subject requests.', 'review'),
  ('data-privacy-officer', 2, '08:45', 60, 'Advises a study team on the legal basis for secondary use of trial data.', 'meeting'),
  ('data-privacy-officer', 3, '10:00', 90, 'Reviews the data protection impact assessment of a new patient app.', 'review'),
  ('data-privacy-officer', 4, '11:45', 45, 'Checks a vendor''s data processing agreement and transfer safeguards.', 'review'),
  ('data-privacy-officer', 5, '13:00', 60, 'Decides whether a misdirected email is a notifiable breach.', 'focused_work'),
  ('data-privacy-officer', 6, '14:15', 45, 'Updates the record of processing activities with IT.', 'administration'),
  ('data-privacy-officer', 7, '15:15', 60, 'Gives privacy training to the medical affairs team.', 'communication'),
  ('data-privacy-officer', 8, '16:30', 30, 'Reads supervisory authority decisions and new guidance.', 'learning')
) AS v (p, n, at, mins, activity, kind)
ON CONFLICT DO NOTHING;

-- == evidence sources ========================================================
INSERT INTO public.persona_evidence_sources (id, tenant_id, persona_id, sort_order, source_type, citation,
                                             url, publication_year, sample_size, relevance)
SELECT vital.seed_uuid('persona_evidence_sources', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.kind, v.citation, v.url, v.yr, v.sample, v.relevance
FROM (VALUES
  ('chief-medical-officer', 1, 'regulatory_guidance', 'ICH E8(R1), General Considerations for Clinical Studies',
   'https://www.ich.org/page/efficacy-guidelines', 2021, NULL::int, 'Quality-by-design thinking the CMO expects of every study.'),
  ('chief-medical-officer', 2, 'regulatory_guidance', 'ICH E2F, Development Safety Update Report',
   'https://www.ich.org/page/efficacy-guidelines', 2010, NULL, 'The annual benefit-risk view the CMO signs.'),
  ('chief-medical-officer', 3, 'professional_body', 'Faculty of Pharmaceutical Medicine, curriculum and good pharmaceutical medical practice',
   NULL, NULL, NULL, 'Professional standards of physicians in industry.'),
  ('chief-medical-officer', 4, 'job_posting', 'Review of public chief medical officer role descriptions at clinical-stage biotechs',
   NULL, 2026, 25, 'Remit, reporting line and board exposure of the role.'),
  ('chief-medical-officer', 5, 'interview', 'VITAL persona research: interviews with chief medical officers and heads of development',
   NULL, 2026, 6, 'How decisions are prepared and where time goes.'),
  ('commercial-strategy-director', 1, 'industry_report', 'IQVIA Institute for Human Data Science, annual outlook on global medicine use and spending',
   NULL, NULL, NULL, 'Market context used in long-range plans.'),
  ('commercial-strategy-director', 2, 'professional_body', 'EphMRA, Code of Conduct for healthcare market research',
   NULL, NULL, NULL, 'Rules the persona''s market research must follow.'),
  ('commercial-strategy-director', 3, 'professional_body', 'Pharmaceutical Management Science Association, forecasting resources',
   NULL, NULL, NULL, 'Forecasting methods of the profession.'),
  ('commercial-strategy-director', 4, 'interview', 'VITAL persona research: interviews with commercial strategy and forecasting leaders',
   NULL, 2026, 7, 'Planning cycles and how evidence reaches decisions.'),
  ('commercial-strategy-director', 5, 'job_posting', 'Review of public postings for commercial strategy director roles in biopharma',
   NULL, 2026, 30, 'Scope and experience required.'),
  ('data-privacy-officer', 1, 'regulatory_guidance', 'Regulation (EU) 2016/679, General Data Protection Regulation',
   'https://eur-lex.europa.eu/eli/reg/2016/679/oj', 2016, NULL, 'The tasks and position of the DPO (Articles 37-39).'),
  ('data-privacy-officer', 2, 'regulatory_guidance', 'Article 29 Working Party, Guidelines on Data Protection Officers (WP243 rev.01), endorsed by the EDPB',
   NULL, 2017, NULL, 'Independence and resources the role requires.'),
  ('data-privacy-officer', 3, 'regulatory_guidance', 'HIPAA Breach Notification Rule, 45 CFR 164.400-414',
   'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164', NULL, NULL, 'US breach assessment and notification duties.'),
  ('data-privacy-officer', 4, 'professional_body', 'International Association of Privacy Professionals, CIPP/E body of knowledge',
   'https://iapp.org', NULL, NULL, 'Competencies expected of a European privacy professional.'),
  ('data-privacy-officer', 5, 'regulatory_guidance', 'EDPB Guidelines 9/2022 on personal data breach notification under GDPR',
   'https://www.edpb.europa.eu', 2023, NULL, 'How the 72-hour clock and risk assessment are applied.'),
  ('data-privacy-officer', 6, 'interview', 'VITAL persona research: interviews with privacy officers in life-science companies',
   NULL, 2026, 8, 'Caseload, breach handling and how the business involves the DPO.')
) AS v (p, n, kind, citation, url, yr, sample, relevance)
ON CONFLICT DO NOTHING;

-- == motivations, values, frustrations =======================================
INSERT INTO public.persona_motivations (id, tenant_id, persona_id, sort_order, motivation, motivation_type)
SELECT vital.seed_uuid('persona_motivations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.motivation, v.kind
FROM (VALUES
  ('chief-medical-officer', 1, 'Bringing patients medicines that truly change outcomes.', 'intrinsic'),
  ('chief-medical-officer', 2, 'The confidence of the board and investors in the medical strategy.', 'extrinsic'),
  ('commercial-strategy-director', 1, 'Turning uncertain science into a launch plan the company can bet on.', 'intrinsic'),
  ('commercial-strategy-director', 2, 'A visible part in the decisions that shape the portfolio.', 'extrinsic'),
  ('data-privacy-officer', 1, 'Protecting the people behind the data: patients, trial participants, employees.', 'intrinsic'),
  ('data-privacy-officer', 2, 'A clean record with supervisory authorities.', 'extrinsic')
) AS v (p, n, motivation, kind)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_values (id, tenant_id, persona_id, sort_order, value_name, description)
SELECT vital.seed_uuid('persona_values', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.value_name, v.description
FROM (VALUES
  ('chief-medical-officer', 1, 'Patient benefit first', 'Stops a programme when benefit-risk turns, whatever has been spent.'),
  ('chief-medical-officer', 2, 'Scientific honesty', 'Presents results as they are, to investors and regulators alike.'),
  ('commercial-strategy-director', 1, 'Candour about uncertainty', 'Shows ranges and scenarios rather than single-point forecasts.'),
  ('commercial-strategy-director', 2, 'Customer focus', 'Grounds strategy in what prescribers and patients actually do.'),
  ('data-privacy-officer', 1, 'Privacy by design', 'Wants to be involved before a system is built, not after.'),
  ('data-privacy-officer', 2, 'Independence', 'Gives advice the business may not want to hear.')
) AS v (p, n, value_name, description)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_frustrations (id, tenant_id, persona_id, sort_order, frustration, frequency)
SELECT vital.seed_uuid('persona_frustrations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.frustration, v.frequency
FROM (VALUES
  ('chief-medical-officer', 1, 'Decision papers that bury the key question on page twelve.', 'frequent'),
  ('chief-medical-officer', 2, 'Hearing of a safety issue informally before the formal escalation.', 'occasional'),
  ('commercial-strategy-director', 1, 'Forecasts anchored on hopeful assumptions from the last board meeting.', 'frequent'),
  ('commercial-strategy-director', 2, 'Market research that arrives after the decision it should have informed.', 'occasional'),
  ('data-privacy-officer', 1, 'Learning about a new data flow after it has gone live.', 'frequent'),
  ('data-privacy-officer', 2, 'Impact assessments filled in as a formality.', 'frequent')
) AS v (p, n, frustration, frequency)
ON CONFLICT DO NOTHING;

-- == goals, pain points, challenges, responsibilities ========================
INSERT INTO public.persona_goals (id, tenant_id, persona_id, sort_order, goal, time_horizon)
SELECT vital.seed_uuid('persona_goals', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.goal, v.horizon
FROM (VALUES
  ('chief-medical-officer', 1, 'Reach proof of concept for the lead asset within the financing runway.', 'medium_term'),
  ('chief-medical-officer', 2, 'Build a medical organisation ready for the first launch.', 'long_term'),
  ('commercial-strategy-director', 1, 'Put a living competitive scenario model in place.', 'short_term'),
  ('commercial-strategy-director', 2, 'Agree the launch strategy 18 months before the expected approval.', 'medium_term'),
  ('data-privacy-officer', 1, 'Answer every data subject request within the statutory month.', 'short_term'),
  ('data-privacy-officer', 2, 'Cover every high-risk processing activity with a current DPIA.', 'medium_term')
) AS v (p, n, goal, horizon)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_pain_points (id, tenant_id, persona_id, sort_order, pain_point, severity, impact)
SELECT vital.seed_uuid('persona_pain_points', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.pain_point, v.severity, v.impact
FROM (VALUES
  ('chief-medical-officer', 1, 'Too little time to digest the evidence behind each decision.', 'high', 'Decisions rest on summaries of summaries.'),
  ('chief-medical-officer', 2, 'Medical, safety and clinical views arrive separately.', 'medium', 'Benefit-risk discussions restart every time.'),
  ('commercial-strategy-director', 1, 'Competitive intelligence is scattered across agencies and inboxes.', 'medium', 'Competitor readouts come as surprises.'),
  ('commercial-strategy-director', 2, 'Forecast assumptions cannot be traced back to evidence.', 'high', 'Executives stop trusting the numbers.'),
  ('data-privacy-officer', 1, 'Breaches must be assessed against several regimes under a 72-hour clock.', 'critical', 'Late or inconsistent notifications, and fines.'),
  ('data-privacy-officer', 2, 'The record of processing activities is always out of date.', 'high', 'Blind spots during an audit or a breach.')
) AS v (p, n, pain_point, severity, impact)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_challenges (id, tenant_id, persona_id, sort_order, challenge, category)
SELECT vital.seed_uuid('persona_challenges', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.challenge, v.category
FROM (VALUES
  ('chief-medical-officer', 1, 'Allocating scarce capital across programmes with uncertain evidence.', 'financial'),
  ('chief-medical-officer', 2, 'Keeping medical independence under commercial pressure.', 'organizational'),
  ('commercial-strategy-director', 1, 'Crowded cardiometabolic markets with strong generic competition.', 'financial'),
  ('data-privacy-officer', 1, 'International transfers of trial data under changing transfer mechanisms.', 'regulatory'),
  ('data-privacy-officer', 2, 'Secondary research use of clinical data across jurisdictions.', 'regulatory')
) AS v (p, n, challenge, category)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_responsibilities (id, tenant_id, persona_id, sort_order, responsibility, time_share_pct)
SELECT vital.seed_uuid('persona_responsibilities', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.responsibility, v.pct
FROM (VALUES
  ('chief-medical-officer', 1, 'Chairs benefit-risk and portfolio medical governance.', 30),
  ('chief-medical-officer', 2, 'Leads clinical development, drug safety and medical affairs.', 40),
  ('chief-medical-officer', 3, 'Represents the company to regulators, investors and medical experts.', 20),
  ('commercial-strategy-director', 1, 'Owns the long-range forecast and scenario plans.', 35),
  ('commercial-strategy-director', 2, 'Leads launch and life-cycle strategy.', 35),
  ('commercial-strategy-director', 3, 'Commissions market research and competitive intelligence.', 15),
  ('data-privacy-officer', 1, 'Monitors compliance with GDPR, UK GDPR and HIPAA.', 30),
  ('data-privacy-officer', 2, 'Advises on and reviews data protection impact assessments.', 25),
  ('data-privacy-officer', 3, 'Handles breaches and is the contact for supervisory authorities.', 20)
) AS v (p, n, responsibility, pct)
ON CONFLICT DO NOTHING;

-- == tools and stakeholders ==================================================
INSERT INTO public.persona_tools_used (id, tenant_id, persona_id, sort_order, tool_name, vendor, tool_category, usage_frequency)
SELECT vital.seed_uuid('persona_tools_used', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.tool, v.vendor, v.category, v.frequency
FROM (VALUES
  ('chief-medical-officer', 1, 'Microsoft Teams and Outlook', 'Microsoft', 'collaboration', 'daily'),
  ('chief-medical-officer', 2, 'Diligent Boards', 'Diligent', 'collaboration', 'monthly'),
  ('commercial-strategy-director', 1, 'Microsoft Excel', 'Microsoft', 'modelling', 'daily'),
  ('commercial-strategy-director', 2, 'Tableau', 'Salesforce', 'analytics', 'weekly'),
  ('commercial-strategy-director', 3, 'Evaluate Pharma', 'Evaluate', 'analytics', 'monthly'),
  ('data-privacy-officer', 1, 'OneTrust', 'OneTrust', 'privacy_management', 'daily'),
  ('data-privacy-officer', 2, 'ServiceNow', 'ServiceNow', 'other', 'weekly')
) AS v (p, n, tool, vendor, category, frequency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_stakeholders (id, tenant_id, persona_id, sort_order, stakeholder_role, relationship,
                                         influence, interaction_frequency, notes)
SELECT vital.seed_uuid('persona_stakeholders', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.who, v.relationship, v.influence, v.frequency, v.notes
FROM (VALUES
  ('chief-medical-officer', 1, 'Chief executive officer', 'manager', 'high', 'weekly', 'Final say on portfolio investment.'),
  ('chief-medical-officer', 2, 'Board of directors', 'internal_partner', 'high', 'quarterly', 'Expects clear benefit-risk and portfolio judgement.'),
  ('chief-medical-officer', 3, 'Heads of clinical development, safety and medical affairs', 'direct_report', 'high', 'weekly', 'Bring the evidence and the recommendations.'),
  ('commercial-strategy-director', 1, 'Chief commercial officer', 'manager', 'high', 'weekly', 'Owns the commercial targets.'),
  ('commercial-strategy-director', 2, 'Market research agencies', 'vendor', 'medium', 'monthly', 'Run the primary research.'),
  ('commercial-strategy-director', 3, 'Medical affairs lead', 'internal_partner', 'medium', 'monthly', 'Brings the scientific landscape.'),
  ('data-privacy-officer', 1, 'Board of directors', 'manager', 'high', 'quarterly', 'The DPO reports to the highest management level.'),
  ('data-privacy-officer', 2, 'Data protection supervisory authorities', 'regulator', 'high', 'ad_hoc', 'Receive breach notifications and investigate complaints.'),
  ('data-privacy-officer', 3, 'Chief information security officer', 'peer', 'high', 'weekly', 'Shares incident response.')
) AS v (p, n, who, relationship, influence, frequency, notes)
ON CONFLICT DO NOTHING;

-- == skills (platform taxonomy) ==============================================
INSERT INTO public.persona_skills (id, tenant_id, persona_id, skill_tenant_id, skill_id, proficiency, is_core)
SELECT vital.seed_uuid('persona_skills', 'platform', v.p, v.skill), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('skills', 'platform', v.skill), v.proficiency, v.core
FROM (VALUES
  ('chief-medical-officer', 'stakeholder-management', 'expert', true),
  ('chief-medical-officer', 'adaptive-design', 'basic', false),
  ('commercial-strategy-director', 'stakeholder-management', 'expert', true),
  ('commercial-strategy-director', 'survey-design', 'intermediate', false),
  ('data-privacy-officer', 'gdpr-dpia', 'expert', true),
  ('data-privacy-officer', 'hipaa-risk-assessment', 'advanced', true),
  ('data-privacy-officer', 'threat-modelling', 'basic', false)
) AS v (p, skill, proficiency, core)
ON CONFLICT DO NOTHING;

-- == education and certifications ============================================
INSERT INTO public.persona_education (id, tenant_id, persona_id, sort_order, degree, level, field_of_study, prevalence)
SELECT vital.seed_uuid('persona_education', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.degree, v.level, v.field, v.prevalence
FROM (VALUES
  ('chief-medical-officer', 1, 'MD', 'professional_doctorate', 'Medicine', 'required'),
  ('chief-medical-officer', 2, 'PhD', 'doctorate', 'Clinical research or a biomedical science', 'common'),
  ('commercial-strategy-director', 1, 'BSc', 'bachelor', 'Life sciences or economics', 'required'),
  ('commercial-strategy-director', 2, 'MBA', 'master', 'Business administration', 'common'),
  ('data-privacy-officer', 1, 'LLM', 'master', 'Data protection or information law', 'common'),
  ('data-privacy-officer', 2, 'BSc', 'bachelor', 'Information security or computer science', 'preferred')
) AS v (p, n, degree, level, field, prevalence)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_certifications (id, tenant_id, persona_id, sort_order, certification, issuing_body, prevalence)
SELECT vital.seed_uuid('persona_certifications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.certification, v.body, v.prevalence
FROM (VALUES
  ('chief-medical-officer', 1, 'Board certification in a clinical specialty', 'National medical specialty boards', 'common'),
  ('commercial-strategy-director', 1, 'Chartered Financial Analyst (CFA)', 'CFA Institute', 'preferred'),
  ('data-privacy-officer', 1, 'Certified Information Privacy Professional/Europe (CIPP/E)', 'International Association of Privacy Professionals', 'common'),
  ('data-privacy-officer', 2, 'Certified Information Privacy Manager (CIPM)', 'International Association of Privacy Professionals', 'preferred')
) AS v (p, n, certification, body, prevalence)
ON CONFLICT DO NOTHING;

-- == success metrics, buying triggers, aspirations ===========================
INSERT INTO public.persona_success_metrics (id, tenant_id, persona_id, sort_order, metric, target)
SELECT vital.seed_uuid('persona_success_metrics', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.metric, v.target
FROM (VALUES
  ('chief-medical-officer', 1, 'Programmes reaching their next value inflection point on plan', 'This year''s milestones'),
  ('chief-medical-officer', 2, 'Safety issues escalated within the governance timeline', 'All of them'),
  ('commercial-strategy-director', 1, 'Forecast accuracy one year after launch', 'Within 20% of actual sales'),
  ('commercial-strategy-director', 2, 'Strategy milestones approved by the executive committee', 'On time'),
  ('data-privacy-officer', 1, 'Notifiable breaches reported within 72 hours', 'Every case'),
  ('data-privacy-officer', 2, 'Data subject requests answered on time', '100%')
) AS v (p, n, metric, target)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_buying_triggers (id, tenant_id, persona_id, sort_order, trigger_event, urgency)
SELECT vital.seed_uuid('persona_buying_triggers', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trigger_event, v.urgency
FROM (VALUES
  ('chief-medical-officer', 1, 'Preparing the organisation for its first marketing application.', 'high'),
  ('chief-medical-officer', 2, 'A board question on benefit-risk the team could not answer quickly.', 'medium'),
  ('commercial-strategy-director', 1, 'A competitor readout that reshapes the market.', 'high'),
  ('commercial-strategy-director', 2, 'The annual long-range planning cycle.', 'medium'),
  ('data-privacy-officer', 1, 'A reportable breach or a supervisory authority inquiry.', 'high'),
  ('data-privacy-officer', 2, 'Launch of a digital health product that collects patient data.', 'medium')
) AS v (p, n, trigger_event, urgency)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_aspirations (id, tenant_id, persona_id, sort_order, aspiration)
SELECT vital.seed_uuid('persona_aspirations', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.aspiration
FROM (VALUES
  ('chief-medical-officer', 1, 'Take a medicine from first-in-human to approval as CMO.'),
  ('commercial-strategy-director', 1, 'Become general manager of a business unit.'),
  ('data-privacy-officer', 1, 'Become chief privacy officer of a global healthcare company.')
) AS v (p, n, aspiration)
ON CONFLICT DO NOTHING;

-- == conferences, publications, social channels ==============================
INSERT INTO public.persona_conferences (id, tenant_id, persona_id, sort_order, conference_name, organizer,
                                        typical_month, participation)
SELECT vital.seed_uuid('persona_conferences', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.conference, v.organizer, v.month, v.participation
FROM (VALUES
  ('chief-medical-officer', 1, 'ASCO Annual Meeting', 'American Society of Clinical Oncology', 6, 'attendee'),
  ('chief-medical-officer', 2, 'J.P. Morgan Healthcare Conference', 'J.P. Morgan', 1, 'speaker'),
  ('commercial-strategy-director', 1, 'BIO International Convention', 'Biotechnology Innovation Organization', 6, 'attendee'),
  ('commercial-strategy-director', 2, 'PMSA Annual Conference', 'Pharmaceutical Management Science Association', NULL::int, 'attendee'),
  ('data-privacy-officer', 1, 'IAPP Global Privacy Summit', 'International Association of Privacy Professionals', 4, 'attendee'),
  ('data-privacy-officer', 2, 'IAPP Europe Data Protection Congress', 'International Association of Privacy Professionals', 11, 'attendee')
) AS v (p, n, conference, organizer, month, participation)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_publications (id, tenant_id, persona_id, sort_order, title, publisher, publication_type, url)
SELECT vital.seed_uuid('persona_publications', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.title, v.publisher, v.kind, v.url
FROM (VALUES
  ('chief-medical-officer', 1, 'The New England Journal of Medicine', 'Massachusetts Medical Society', 'journal', 'https://www.nejm.org'),
  ('chief-medical-officer', 2, 'Endpoints News', 'Endpoints News', 'trade_news', NULL),
  ('commercial-strategy-director', 1, 'Fierce Pharma', 'Questex', 'trade_news', NULL),
  ('commercial-strategy-director', 2, 'In Vivo', 'Citeline', 'trade_news', NULL),
  ('data-privacy-officer', 1, 'IAPP Daily Dashboard', 'International Association of Privacy Professionals', 'newsletter', 'https://iapp.org'),
  ('data-privacy-officer', 2, 'EDPB news and guidelines', 'European Data Protection Board', 'guidance_feed', 'https://www.edpb.europa.eu')
) AS v (p, n, title, publisher, kind, url)
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_social_channels (id, tenant_id, persona_id, sort_order, channel_name, channel_type, usage_level, purpose)
SELECT vital.seed_uuid('persona_social_channels', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.channel, v.kind, v.usage, v.purpose
FROM (VALUES
  ('chief-medical-officer', 1, 'LinkedIn', 'professional_network', 'medium', 'Company news and scientific leadership posts.'),
  ('commercial-strategy-director', 1, 'LinkedIn', 'professional_network', 'high', 'Tracks competitor announcements and industry leaders.'),
  ('data-privacy-officer', 1, 'LinkedIn', 'professional_network', 'high', 'Follows regulators, enforcement decisions and privacy counsel.')
) AS v (p, n, channel, kind, usage, purpose)
ON CONFLICT DO NOTHING;

-- == personality traits ======================================================
INSERT INTO public.persona_personality_traits (id, tenant_id, persona_id, sort_order, trait, description, intensity)
SELECT vital.seed_uuid('persona_personality_traits', 'platform', v.p, v.n::text), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p), v.n, v.trait, v.description, v.intensity
FROM (VALUES
  ('chief-medical-officer', 1, 'Decisive', 'Makes the call once the evidence is good enough.', 5),
  ('chief-medical-officer', 2, 'Big-picture thinker', 'Connects single results to the portfolio strategy.', 4),
  ('commercial-strategy-director', 1, 'Strategic', 'Thinks several moves ahead of competitors.', 5),
  ('commercial-strategy-director', 2, 'Storyteller', 'Turns data into a narrative executives remember.', 4),
  ('data-privacy-officer', 1, 'Principled', 'Keeps the data subject''s view in every discussion.', 5),
  ('data-privacy-officer', 2, 'Pragmatic', 'Looks for a compliant way to say yes.', 4)
) AS v (p, n, trait, description, intensity)
ON CONFLICT DO NOTHING;

-- == org roles (platform organisation) =======================================
INSERT INTO public.persona_roles (id, tenant_id, persona_id, role_tenant_id, role_id, is_primary)
SELECT vital.seed_uuid('persona_roles', 'platform', v.p, v.role), vital.platform_tenant_id(),
       vital.seed_uuid('personas', 'platform', v.p),
       vital.platform_tenant_id(), vital.seed_uuid('org_roles', 'platform', v.role), v.is_primary
FROM (VALUES
  ('chief-medical-officer', 'chief-medical-officer', true),
  ('commercial-strategy-director', 'commercial-strategy-director', true),
  ('data-privacy-officer', 'data-privacy-officer', true)
) AS v (p, role, is_primary)
ON CONFLICT DO NOTHING;

-- == VPANES assessments ======================================================
-- An earlier desk review of the CMO keeps the history meaningful; the current
-- assessments copy the personas' scores, so the two always match.
INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor, assessed_at)
VALUES (vital.seed_uuid('persona_vpanes_assessments', 'platform', 'chief-medical-officer', '2026-05-12'),
        vital.platform_tenant_id(), vital.seed_uuid('personas', 'platform', 'chief-medical-officer'),
        '{"visibility": 4, "pain": 5, "actions": 3, "needs": 5, "emotions": 4, "scenarios": 4}',
        'Desk review before any interview: executive needs looked diffuse and delegated to the functions.',
        'expert_review', 'VITAL persona research team', '2026-05-12')
ON CONFLICT DO NOTHING;

INSERT INTO public.persona_vpanes_assessments (id, tenant_id, persona_id, scores, rationale, method, assessor, assessed_at)
SELECT vital.seed_uuid('persona_vpanes_assessments', 'platform', v.p, v.at), p.tenant_id, p.id, p.vpanes_scores,
       v.rationale, v.method, 'VITAL persona research team', v.at::timestamptz
FROM (VALUES
  ('chief-medical-officer', '2026-11-02',
   'Interviews showed real pain in decision preparation, but a CMO acts through the team and rarely adopts tools personally.',
   'user_research'),
  ('commercial-strategy-director', '2026-11-02',
   'Needs exist but are met by agencies and consultants; scenarios vary by company, so the fit is moderate.',
   'expert_review'),
  ('data-privacy-officer', '2026-11-02',
   'Breach clocks and DPIA backlogs make the pain visible and emotional; actions are constrained by a small budget.',
   'user_research')
) AS v (p, at, rationale, method)
JOIN public.personas AS p ON p.tenant_id = vital.platform_tenant_id() AND p.slug = v.p
ON CONFLICT DO NOTHING;
