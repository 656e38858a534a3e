-- Seed, Templates: the six panel archetypes, the platform's prompt, output and
-- mission templates, and a few of each demo tenant's own.
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING. Rows are written as
-- (tenant key, ...) where the key is 'platform', 'acme' or 'pharmaco'.
-- prompt_template_versions is mostly filled by the trigger on prompt_templates
-- (one row per template version); only older versions are inserted here.

INSERT INTO public.panel_archetypes (id, tenant_id, slug, name, description, consensus_threshold,
                                     speaking_order, default_rounds, min_members, max_members,
                                     allows_human_contributions, settings)
SELECT vital.seed_uuid('panel_archetypes', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, v.threshold, v.speaking_order, v.rounds, v.min_members, v.max_members,
       v.humans, v.settings::jsonb
FROM (VALUES
  ('platform', 'structured', 'Structured panel',
   'A moderator gives every expert the floor in turn, in the same order each round, then summarises. Predictable and complete; suits questions with a known set of angles.',
   0.70, 'round_robin', 3::smallint, 3::smallint, 7::smallint, false,
   '{"moderator_required": true, "summary_after_each_round": true}'),
  ('platform', 'open', 'Open discussion',
   'Experts reply to whoever made the point they want to build on or challenge. Surfaces unexpected ideas quickly; needs a lower bar for agreement.',
   0.60, 'free', 2, 3, 9, false,
   '{"moderator_required": false, "max_consecutive_turns": 2}'),
  ('platform', 'socratic', 'Socratic dialogue',
   'The moderator only asks questions, probing assumptions and definitions until the experts'' reasoning is explicit. Suits ill-defined problems.',
   0.65, 'question_led', 4, 2, 5, false,
   '{"moderator_asks_only": true}'),
  ('platform', 'adversarial', 'Adversarial debate',
   'An advocate and an opponent argue for and against a proposal through opening, rebuttal and closing rounds; the others judge. Stress-tests a decision before it is taken.',
   0.50, 'opposed', 3, 2, 6, false,
   '{"sides": ["advocate", "opponent"], "rebuttal_round": true}'),
  ('platform', 'delphi', 'Delphi consensus',
   'Experts answer independently and anonymously; after each round they see the group''s distribution and may revise. Reduces anchoring on the loudest voice.',
   0.75, 'anonymous_rounds', 3, 5, 15, false,
   '{"anonymous": true, "feedback": "median_and_interquartile_range"}'),
  ('platform', 'hybrid', 'Hybrid human and AI panel',
   'Agent experts deliberate as in a structured panel, and invited people add contributions between rounds that the agents must address.',
   0.70, 'mixed', 3, 3, 8, true,
   '{"human_turn_after_each_round": true, "moderator_required": true}'),
  ('acme', 'molecular-tumor-board', 'Molecular tumor board',
   'Acme''s case review format: a pathologist-led round on the molecular findings, then treatment options for the patient.',
   0.80, 'round_robin', 2, 4, 10, true,
   '{"requires_pathology_input": true}'),
  ('pharmaco', 'payer-advisory-board', 'Payer advisory board',
   'PharmaCo''s rehearsal of payer objections: agents play NHS commissioners and HTA reviewers, the market access team responds.',
   0.60, 'mixed', 2, 4, 8, true,
   '{"roles": ["commissioner", "hta_reviewer", "clinician"]}')
) AS v (t, slug, name, description, threshold, speaking_order, rounds, min_members, max_members, humans, settings)
ON CONFLICT DO NOTHING;

-- Forks after their originals: a fork refers to the platform row.
INSERT INTO public.prompt_templates (id, tenant_id, slug, name, description, category, body, variables,
                                     model_settings, version, version_note, status,
                                     forked_from_tenant_id, forked_from_id)
SELECT vital.seed_uuid('prompt_templates', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, v.category, v.body, v.variables::jsonb, v.model_settings::jsonb,
       v.version, v.note, 'active',
       CASE WHEN v.fork IS NOT NULL THEN vital.platform_tenant_id() END,
       CASE WHEN v.fork IS NOT NULL THEN vital.seed_uuid('prompt_templates', 'platform', v.fork) END
FROM (VALUES
  ('platform', 'expert-agent-system', 'Expert agent system prompt',
   'Base system prompt of every expert agent; the agent''s own instructions are appended.',
   'agent_system',
   E'You are {{agent_name}}, an expert in {{domain}} supporting professionals in the life-science industry.\n'
   'Work within these jurisdictions unless the user names others: {{jurisdictions}}.\n'
   '- Separate what the regulations or guidance require from what is good practice or your opinion.\n'
   '- Name the document, section and version you rely on; if you are not sure a source is current, say so.\n'
   '- Never invent citations, numbers or agency positions. If you do not know, say what would settle the question.\n'
   '- You give decision support, not medical, legal or regulatory sign-off: flag where a qualified person must decide.\n'
   '{{answer_style}}',
   '[{"name": "agent_name", "description": "Display name of the agent", "required": true},
     {"name": "domain", "description": "The agent''s knowledge domain", "required": true},
     {"name": "jurisdictions", "description": "Default jurisdictions, e.g. FDA (US), EMA (EU)", "required": true},
     {"name": "answer_style", "description": "Optional tenant-specific style instructions", "required": false}]',
   '{"temperature": 0.2}', 1, NULL::text, NULL::text),
  ('platform', 'rag-grounded-answer', 'Grounded answer with citations',
   'Answers a question from retrieved passages only, with numbered citations.',
   'rag_answer',
   E'Answer the question using only the numbered passages below.\n'
   'Cite every factual statement with the passage number in square brackets, e.g. [2].\n'
   'If passages disagree, say so, cite both sides and explain which is more authoritative or more recent.\n'
   'If the passages do not answer the question, say which part is unanswered instead of guessing.\n'
   'End with a one-line confidence statement: high, medium or low, and why.\n\n'
   'Question: {{question}}\n\nPassages:\n{{passages}}',
   '[{"name": "question", "required": true},
     {"name": "passages", "description": "Retrieved chunks, numbered [1]..[n] with source titles", "required": true}]',
   '{"temperature": 0.1, "max_output_tokens": 1200}', 2,
   'Version 2 asks the model to surface conflicting sources instead of silently choosing one.', NULL),
  ('platform', 'panel-moderator-round', 'Panel moderator: open a round',
   'Moderator message that opens each round of a panel discussion.',
   'panel',
   E'You are moderating a {{archetype}} panel on the question: "{{question}}".\n'
   'This is round {{round_number}} of {{total_rounds}}.\n'
   'Summary of the discussion so far:\n{{prior_summary}}\n\n'
   'Open the round in at most 120 words: restate where the panel agrees, name the two most important open disagreements, '
   'and ask the next speaker a specific question about one of them. Do not give your own view on the substance.',
   '[{"name": "archetype", "required": true}, {"name": "question", "required": true},
     {"name": "round_number", "required": true}, {"name": "total_rounds", "required": true},
     {"name": "prior_summary", "required": false}]',
   '{"temperature": 0.4, "max_output_tokens": 300}', 1, NULL, NULL),
  ('platform', 'adversarial-opponent-brief', 'Adversarial panel: opponent brief',
   'Instructions for the member arguing against the proposal in an adversarial panel.',
   'panel',
   E'Your role in this debate is the opponent of the proposal: "{{proposal}}".\n'
   'Argue against it as strongly as the evidence honestly allows. Attack the weakest assumptions first: '
   'regulatory precedent, feasibility, patient risk, cost. Quote the advocate''s last argument before rebutting it.\n'
   'Do not misstate facts to win. If a point of the advocate is correct, concede it in one sentence and move on.\n'
   'Advocate''s last argument:\n{{advocate_argument}}',
   '[{"name": "proposal", "required": true}, {"name": "advocate_argument", "required": true}]',
   '{"temperature": 0.6}', 1, NULL, NULL),
  ('platform', 'committee-chair-synthesis', 'Committee chair: synthesis and recommendation',
   'The chair''s closing synthesis of an Ask Committee session.',
   'committee',
   E'As chair of the committee, write the synthesis of the deliberation on "{{question}}".\n'
   'Votes (member, position, weight): {{votes}}. Your own vote counts double.\n'
   'Weighted agreement is {{agreement_pct}}%. A strong recommendation needs at least 75%; below that, '
   'state a conditional recommendation and what evidence would change it.\n'
   'Structure: recommendation; rationale (3-5 points with citations); dissenting views, each attributed and '
   'stated in its strongest form; open questions; next steps.\n'
   'Never drop or soften a dissent.',
   '[{"name": "question", "required": true}, {"name": "votes", "required": true},
     {"name": "agreement_pct", "required": true}]',
   '{"temperature": 0.3, "max_output_tokens": 1500}', 1, NULL, NULL),
  ('platform', 'mission-plan-draft', 'Mission planner: draft a plan',
   'Turns a mission template and a user goal into a concrete plan for human approval (Ask Expert modes 3 and 4).',
   'mission',
   E'You are planning an autonomous mission for the goal: "{{goal}}".\n'
   'Start from this template plan (JSON): {{template_steps}}\n'
   'Budget: {{budget}}. Available tools: {{tools}}.\n'
   'Adapt the steps to the goal: drop steps that do not apply, split steps that are too broad, '
   'and keep every human_approval step. Return JSON only: {"steps": [{"key", "title", "kind", "instructions", '
   '"tools", "depends_on"}], "assumptions": [...], "estimated_cost_usd": number}.\n'
   'The plan will be shown to a person for approval before anything runs.',
   '[{"name": "goal", "required": true}, {"name": "template_steps", "required": true},
     {"name": "budget", "required": true}, {"name": "tools", "required": true}]',
   '{"temperature": 0.2, "max_output_tokens": 2000}', 1, NULL, NULL),
  ('platform', 'answer-faithfulness-check', 'Evaluation: answer faithfulness',
   'Grades whether each claim of an answer is supported by its cited passages.',
   'evaluation',
   E'List every factual claim in the answer below. For each claim give: the claim, the cited passage numbers, '
   'and a verdict: supported, partly supported, unsupported or contradicted. Then give an overall faithfulness '
   'score from 0 to 1 (supported claims / all claims). Return JSON only.\n\n'
   'Answer:\n{{answer}}\n\nPassages:\n{{passages}}',
   '[{"name": "answer", "required": true}, {"name": "passages", "required": true}]',
   '{"temperature": 0}', 1, NULL, NULL),
  ('acme', 'oncology-grounded-answer', 'Oncology answer (Acme)',
   'Acme''s fork of the grounded answer, with oncology response criteria conventions.',
   'rag_answer',
   E'Answer the question using only the numbered passages below and cite each statement as [n].\n'
   'When efficacy is discussed, state the response criteria used (e.g. Lugano 2014 for lymphoma) and whether '
   'responses were investigator- or independently assessed. Report CRS and ICANS grades with the grading system used.\n'
   'If the passages do not answer the question, say what is missing.\n\n'
   'Question: {{question}}\n\nPassages:\n{{passages}}',
   '[{"name": "question", "required": true}, {"name": "passages", "required": true}]',
   '{"temperature": 0.1, "max_output_tokens": 1200}', 2,
   'Added CRS/ICANS grading instruction after the ACM-101 safety review.', 'rag-grounded-answer'),
  ('pharmaco', 'medical-information-reply', 'Medical information reply (PharmaCo UK)',
   'Draft reply to an unsolicited medical information enquiry from a UK healthcare professional.',
   'rag_answer',
   E'Draft a reply to this unsolicited enquiry from a healthcare professional: "{{enquiry}}".\n'
   'Use British English. Be factual, balanced and non-promotional; answer only what was asked.\n'
   'If the question concerns use outside the UK marketing authorisation, say so plainly before giving any data.\n'
   'Cite the passages as [n] and list references at the end. Close with the standard adverse event reporting '
   'statement for the UK.\n\nPassages:\n{{passages}}',
   '[{"name": "enquiry", "required": true}, {"name": "passages", "required": true}]',
   '{"temperature": 0.1}', 1, NULL, NULL)
) AS v (t, slug, name, description, category, body, variables, model_settings, version, note, fork)
ON CONFLICT DO NOTHING;

-- Earlier versions of templates seeded at version 2 (the trigger recorded version 2).
INSERT INTO public.prompt_template_versions (id, tenant_id, prompt_template_id, version, body, variables,
                                             model_settings, change_note)
SELECT vital.seed_uuid('prompt_template_versions', v.t, v.slug, '1'),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('prompt_templates', v.t, v.slug), 1, v.body, v.variables::jsonb,
       v.model_settings::jsonb, v.note
FROM (VALUES
  ('platform', 'rag-grounded-answer',
   E'Answer the question using only the numbered passages below.\n'
   'Cite every factual statement with the passage number in square brackets, e.g. [2].\n'
   'If the passages do not answer the question, say so instead of guessing.\n\n'
   'Question: {{question}}\n\nPassages:\n{{passages}}',
   '[{"name": "question", "required": true}, {"name": "passages", "required": true}]',
   '{"temperature": 0.1, "max_output_tokens": 1200}', 'First version.'),
  ('acme', 'oncology-grounded-answer',
   E'Answer the question using only the numbered passages below and cite each statement as [n].\n'
   'When efficacy is discussed, state the response criteria used (e.g. Lugano 2014 for lymphoma).\n'
   'If the passages do not answer the question, say what is missing.\n\n'
   'Question: {{question}}\n\nPassages:\n{{passages}}',
   '[{"name": "question", "required": true}, {"name": "passages", "required": true}]',
   '{"temperature": 0.1, "max_output_tokens": 1200}', 'Forked from the platform grounded answer.')
) AS v (t, slug, body, variables, model_settings, note)
ON CONFLICT DO NOTHING;

INSERT INTO public.output_templates (id, tenant_id, slug, name, description, format, audience, sections,
                                     citation_style, max_words)
SELECT vital.seed_uuid('output_templates', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, v.format, v.audience, v.sections::jsonb, v.citation_style, v.max_words
FROM (VALUES
  ('platform', 'executive-brief', 'Executive brief',
   'One-page answer for a decision maker: the conclusion first, then what it rests on.',
   'markdown', 'executive',
   '[{"key": "bottom_line", "title": "Bottom line", "guidance": "The answer or recommendation in two sentences.", "required": true},
     {"key": "key_findings", "title": "Key findings", "guidance": "Three to five cited findings.", "required": true},
     {"key": "risks", "title": "Risks and uncertainties", "required": true},
     {"key": "next_steps", "title": "Recommended next steps", "guidance": "Who does what by when.", "required": true},
     {"key": "sources", "title": "Sources", "required": true}]',
   'numbered', 600),
  ('platform', 'regulatory-gap-report', 'Regulatory gap report',
   'Requirement-by-requirement comparison of a plan or dossier with what the agencies expect.',
   'docx', 'regulatory',
   '[{"key": "scope", "title": "Scope and documents reviewed", "required": true},
     {"key": "requirements", "title": "Applicable requirements", "guidance": "Regulations and guidance by jurisdiction, with versions.", "required": true},
     {"key": "gap_table", "title": "Gap assessment", "guidance": "Table: requirement, current state, gap, severity (critical/major/minor).", "required": true},
     {"key": "remediation", "title": "Remediation plan", "required": true},
     {"key": "residual_risk", "title": "Residual risk", "required": false},
     {"key": "references", "title": "References", "required": true}]',
   'footnote', NULL::integer),
  ('platform', 'evidence-table', 'Evidence summary table',
   'Structured summary of the studies found for a clinical question, with certainty of evidence.',
   'markdown', 'scientific',
   '[{"key": "question", "title": "Question (PICO)", "required": true},
     {"key": "search", "title": "Search strategy", "guidance": "Databases, dates, search strings, screening counts.", "required": true},
     {"key": "evidence", "title": "Evidence table", "guidance": "One row per study: design, population, n, intervention, comparator, outcomes, effect size.", "required": true},
     {"key": "certainty", "title": "Certainty of evidence", "guidance": "GRADE-style rating per outcome with reasons.", "required": true},
     {"key": "references", "title": "References", "required": true}]',
   'author_year', NULL),
  ('platform', 'panel-consensus-report', 'Panel consensus report',
   'Record of an Ask Panel or Ask Committee session: position, agreement level and every dissent.',
   'markdown', 'internal',
   '[{"key": "question", "title": "Question put to the panel", "required": true},
     {"key": "composition", "title": "Panel composition and archetype", "required": true},
     {"key": "consensus", "title": "Consensus position", "required": true},
     {"key": "agreement", "title": "Level of agreement", "guidance": "Weighted agreement against the archetype threshold.", "required": true},
     {"key": "dissent", "title": "Dissenting views", "guidance": "Each dissent attributed and in its strongest form.", "required": true},
     {"key": "open_questions", "title": "Open questions", "required": false}]',
   'numbered', 1500),
  ('acme', 'tumor-board-note', 'Tumor board note',
   'Acme''s note of a molecular tumor board discussion, filed with the case.',
   'markdown', 'clinical',
   '[{"key": "case_summary", "title": "Case summary", "required": true},
     {"key": "molecular_findings", "title": "Molecular findings", "required": true},
     {"key": "options", "title": "Treatment options discussed", "required": true},
     {"key": "recommendation", "title": "Board recommendation", "required": true}]',
   'numbered', 800),
  ('pharmaco', 'medical-information-letter', 'Medical information letter',
   'PharmaCo UK standard response letter to a healthcare professional.',
   'docx', 'clinical',
   '[{"key": "enquiry", "title": "Your enquiry", "required": true},
     {"key": "response", "title": "Response", "required": true},
     {"key": "references", "title": "References", "required": true},
     {"key": "adverse_event_reporting", "title": "Adverse event reporting", "required": true}]',
   'numbered', 1000)
) AS v (t, slug, name, description, format, audience, sections, citation_style, max_words)
ON CONFLICT DO NOTHING;

INSERT INTO public.mission_templates (id, tenant_id, slug, name, description, objective, applicable_modes,
                                      steps, default_budget, requires_plan_approval,
                                      output_template_tenant_id, output_template_id, status)
SELECT vital.seed_uuid('mission_templates', v.t, v.slug),
       CASE v.t WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.name, v.description, v.objective, v.modes::smallint[], v.steps::jsonb, v.budget::jsonb, true,
       CASE v.ot WHEN 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.ot) END,
       vital.seed_uuid('output_templates', v.ot, v.output), 'active'
FROM (VALUES
  ('platform', 'regulatory-gap-analysis', 'Regulatory gap analysis',
   'Checks a development plan or dossier against the requirements of the chosen jurisdictions.',
   'A severity-ranked list of gaps between the user''s documents and current agency requirements, with a remediation plan.',
   '{3,4}',
   '[{"key": "scope", "title": "Confirm scope, product type and jurisdictions", "kind": "plan"},
     {"key": "requirements", "title": "Retrieve applicable regulations and guidance", "kind": "retrieve",
      "instructions": "Prefer the latest final guidance; note drafts separately.", "depends_on": ["scope"]},
     {"key": "evidence", "title": "Retrieve the user''s documents for each requirement", "kind": "retrieve", "depends_on": ["scope"]},
     {"key": "compare", "title": "Compare requirement by requirement and rate each gap", "kind": "analyze",
      "depends_on": ["requirements", "evidence"]},
     {"key": "draft", "title": "Draft the gap report", "kind": "draft", "depends_on": ["compare"]},
     {"key": "critique", "title": "Second agent reviews ratings and citations", "kind": "review", "depends_on": ["draft"]},
     {"key": "sign_off", "title": "Regulatory lead approves before release", "kind": "human_approval",
      "requires_approval": true, "depends_on": ["critique"]}]',
   '{"max_tokens": 400000, "max_cost_usd": 12, "max_tool_calls": 60, "max_minutes": 45}',
   'platform', 'regulatory-gap-report'),
  ('platform', 'literature-evidence-review', 'Literature evidence review',
   'Rapid review of published evidence for a clinical or safety question.',
   'An evidence table with certainty ratings that answers a PICO question from published studies.',
   '{3,4}',
   '[{"key": "pico", "title": "Frame the question as PICO and define inclusion criteria", "kind": "plan"},
     {"key": "search", "title": "Search PubMed and trial registries", "kind": "tool_call",
      "tools": ["pubmed_search", "clinicaltrials_search"], "depends_on": ["pico"]},
     {"key": "screen", "title": "Screen titles and abstracts against the criteria", "kind": "analyze", "depends_on": ["search"]},
     {"key": "extract", "title": "Extract study characteristics and results", "kind": "analyze", "depends_on": ["screen"]},
     {"key": "synthesis", "title": "Synthesise results and rate certainty per outcome", "kind": "synthesize", "depends_on": ["extract"]},
     {"key": "table", "title": "Write the evidence table", "kind": "draft", "depends_on": ["synthesis"]}]',
   '{"max_tokens": 300000, "max_cost_usd": 8, "max_tool_calls": 40, "max_minutes": 30}',
   'platform', 'evidence-table'),
  ('platform', 'safety-signal-triage', 'Safety signal triage',
   'First assessment of a potential safety signal by the safety agent the user chooses.',
   'A recommendation to close, monitor or escalate a potential signal, with the evidence behind it.',
   '{3}',
   '[{"key": "define", "title": "Define the drug-event pair and the question", "kind": "plan"},
     {"key": "cases", "title": "Retrieve case series and literature reports", "kind": "retrieve", "depends_on": ["define"]},
     {"key": "disproportionality", "title": "Compute disproportionality statistics", "kind": "tool_call",
      "tools": ["faers_query"], "depends_on": ["define"]},
     {"key": "assess", "title": "Assess causality, strength and clinical relevance", "kind": "analyze",
      "depends_on": ["cases", "disproportionality"]},
     {"key": "physician_review", "title": "Safety physician reviews the assessment", "kind": "human_approval",
      "requires_approval": true, "depends_on": ["assess"]},
     {"key": "brief", "title": "Write the triage brief", "kind": "draft", "depends_on": ["physician_review"]}]',
   '{"max_tokens": 250000, "max_cost_usd": 6, "max_tool_calls": 25}',
   'platform', 'executive-brief'),
  ('platform', 'competitive-landscape-brief', 'Competitive landscape brief',
   'Overview of competing products and pipeline assets in an indication.',
   'A brief that maps marketed and pipeline competitors, their evidence and expected milestones.',
   '{4}',
   '[{"key": "scope", "title": "Fix indication, geography and horizon", "kind": "plan"},
     {"key": "pipeline", "title": "Search registries and company disclosures", "kind": "tool_call",
      "tools": ["clinicaltrials_search", "web_search"], "depends_on": ["scope"]},
     {"key": "positioning", "title": "Compare mechanisms, efficacy and timelines", "kind": "analyze", "depends_on": ["pipeline"]},
     {"key": "brief", "title": "Write the brief", "kind": "draft", "depends_on": ["positioning"]},
     {"key": "check", "title": "Check every claim has a dated source", "kind": "review", "depends_on": ["brief"]}]',
   '{"max_tokens": 200000, "max_cost_usd": 5, "max_minutes": 20}',
   'platform', 'executive-brief'),
  ('acme', 'tumor-board-case-preparation', 'Tumor board case preparation',
   'Prepares a patient case for Acme''s molecular tumor board.',
   'A tumor board note with the molecular findings and evidence-based options for one patient.',
   '{3}',
   '[{"key": "case", "title": "Summarise the de-identified case", "kind": "plan"},
     {"key": "evidence", "title": "Retrieve guidelines and trials matching the molecular profile", "kind": "retrieve", "depends_on": ["case"]},
     {"key": "options", "title": "Rank treatment options with their evidence", "kind": "analyze", "depends_on": ["evidence"]},
     {"key": "note", "title": "Draft the tumor board note", "kind": "draft", "depends_on": ["options"]},
     {"key": "oncologist", "title": "Treating oncologist approves the note", "kind": "human_approval",
      "requires_approval": true, "depends_on": ["note"]}]',
   '{"max_tokens": 150000, "max_cost_usd": 4}',
   'acme', 'tumor-board-note'),
  ('pharmaco', 'nice-submission-readiness', 'NICE submission readiness',
   'Checks PharmaCo''s UK evidence package against what a NICE appraisal will ask for.',
   'A gap report on the clinical and economic evidence for the NICE appraisal of the Lp(a) therapy.',
   '{3,4}',
   '[{"key": "scope", "title": "Confirm the decision problem and comparators", "kind": "plan"},
     {"key": "methods", "title": "Retrieve the NICE methods and process guidance", "kind": "retrieve", "depends_on": ["scope"]},
     {"key": "package", "title": "Retrieve the evidence package and economic model report", "kind": "retrieve", "depends_on": ["scope"]},
     {"key": "gaps", "title": "Compare and rate gaps", "kind": "analyze", "depends_on": ["methods", "package"]},
     {"key": "report", "title": "Draft the gap report", "kind": "draft", "depends_on": ["gaps"]},
     {"key": "access_lead", "title": "Market access lead approves", "kind": "human_approval",
      "requires_approval": true, "depends_on": ["report"]}]',
   '{"max_tokens": 300000, "max_cost_usd": 9, "max_tool_calls": 30, "max_minutes": 40}',
   'platform', 'regulatory-gap-report')
) AS v (t, slug, name, description, objective, modes, steps, budget, ot, output)
ON CONFLICT DO NOTHING;
