-- Seed, JTBDs: the 20 platform jobs-to-be-done of the shared slug list, each
-- complete (5-12 desired outcomes, an eight-stage job map, a gen-AI opportunity
-- with 3-5 use cases, a row in every child table), plus one complete JTBD for
-- each demo tenant (acme, pharmaco) built on platform personas and org roles.
-- Idempotent: fixed ids from vital.seed_uuid(<table>, <tenant>, <jtbd slug>, <n>),
-- ON CONFLICT DO NOTHING. Column t of every VALUES list names the tenant.
-- The first desired outcome of every JTBD is scored from a ten-respondent survey
-- (jtbd_outcome_ratings, generated below), so its scores are whole numbers that
-- public.jtbd_outcome_odi_scores derives back exactly.

-- == jtbds ===================================================================
INSERT INTO public.jtbds (id, tenant_id, slug, title, job_executor_tenant_id, job_executor,
                          situation, motivation, expected_outcome, job_type, frequency, complexity,
                          knowledge_domain_tenant_id, knowledge_domain_id, tags, status, created_by)
SELECT vital.seed_uuid('jtbds', v.t, v.slug),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       v.slug, v.title,
       vital.platform_tenant_id(), vital.seed_uuid('personas', 'platform', v.persona),
       v.situation, v.motivation, v.expected_outcome, 'core_functional', v.frequency, v.complexity,
       vital.platform_tenant_id(), vital.seed_uuid('knowledge_domains', 'platform', v.domain),
       v.tags::text[], 'active',
       CASE v.t WHEN 'acme' THEN vital.seed_uuid('users', 'ada@acme.example')
                WHEN 'pharmaco' THEN vital.seed_uuid('users', 'paul@pharmaco.example') END
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Prepare an IND submission', 'regulatory-affairs-director',
   'IND-enabling studies are finishing and a first-in-human trial is planned',
   'assemble a complete, internally consistent IND in eCTD format',
   'start dosing on schedule without a clinical hold',
   'per_project', 'very_high', 'regulatory-affairs', '{ind,ectd,fda,first-in-human}'),
  ('platform', 'design-adaptive-protocol', 'Design an adaptive trial protocol', 'chief-medical-officer',
   'a phase 2 programme faces real uncertainty about the right dose and the size of the effect',
   'design a protocol with pre-specified adaptations that regulators will accept',
   'reach a confident go/no-go decision with fewer patients and less time',
   'per_project', 'very_high', 'clinical-development', '{adaptive-design,protocol,phase-2}'),
  ('platform', 'monitor-trial-safety-signals', 'Monitor safety signals in ongoing trials', 'pharmacovigilance-physician',
   'adverse event data accumulate across several blinded and open-label studies',
   'detect and evaluate emerging safety signals as early as the data allow',
   'protect participants and meet every expedited reporting obligation',
   'weekly', 'high', 'pharmacovigilance', '{signal-detection,susar,dsur}'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Respond to an FDA deficiency letter', 'regulatory-affairs-director',
   'the FDA has issued a complete response or information request letter with a response deadline',
   'build a complete, well-evidenced answer to every deficiency',
   'resolve the agency''s concerns in a single review cycle',
   'ad_hoc', 'very_high', 'regulatory-affairs', '{fda,complete-response,deficiency}'),
  ('platform', 'build-value-dossier', 'Build a global value dossier', 'market-access-director',
   'a product is approaching approval and payers will soon ask for evidence of its value',
   'assemble clinical, economic and humanistic evidence into one value narrative',
   'give country affiliates a credible, reusable basis for their reimbursement submissions',
   'per_project', 'high', 'market-access', '{gvd,hta,payer-evidence}'),
  ('platform', 'negotiate-payer-coverage', 'Negotiate coverage with payers', 'market-access-director',
   'a newly launched product needs a formulary listing with a major payer',
   'negotiate coverage terms that reflect the value the product has demonstrated',
   'secure patient access without giving away more net price than necessary',
   'quarterly', 'high', 'market-access', '{formulary,contracting,payer}'),
  ('platform', 'run-capa-investigation', 'Run a CAPA investigation', 'quality-assurance-lead',
   'a deviation, complaint or audit finding points to a systemic quality problem',
   'find the true root cause and put effective corrective and preventive actions in place',
   'stop the problem recurring and show inspectors that the quality system works',
   'weekly', 'high', 'quality-management', '{capa,root-cause,deviation}'),
  ('platform', 'prepare-for-gmp-inspection', 'Prepare for a GMP inspection', 'quality-assurance-lead',
   'a regulatory agency has announced a GMP inspection of one of our manufacturing sites',
   'make the site, its records and its people ready for the inspection',
   'close the inspection with no critical or major observations',
   'annually', 'high', 'quality-management', '{gmp,inspection-readiness,audit}'),
  ('platform', 'write-clinical-study-report', 'Write a clinical study report', 'medical-writer',
   'a trial database is locked and the tables, listings and figures are final',
   'write an ICH E3 clinical study report that presents the results accurately and clearly',
   'deliver the report in time for the submission it supports',
   'per_project', 'high', 'clinical-development', '{csr,ich-e3,medical-writing}'),
  ('platform', 'plan-statistical-analysis', 'Plan the statistical analysis of a trial', 'biostatistics-lead',
   'a protocol is final and the first participant will soon be enrolled',
   'write a statistical analysis plan that fixes every analysis before unblinding',
   'produce results that regulators and journal reviewers trust',
   'per_project', 'high', 'biostatistics', '{sap,estimands,ich-e9}'),
  ('platform', 'clean-and-lock-trial-database', 'Clean and lock a trial database', 'clinical-data-manager',
   'the last participant has completed the last study visit',
   'resolve every open query and reconcile all external data quickly',
   'lock a clean database on the planned date',
   'per_project', 'high', 'data-management', '{database-lock,edc,data-cleaning}'),
  ('platform', 'track-regulatory-intelligence', 'Track regulatory intelligence', 'regulatory-affairs-director',
   'agencies in many jurisdictions publish new guidance, decisions and precedents every week',
   'know quickly which changes affect our programmes and what we should do about them',
   'adjust our regulatory strategy before a change becomes a problem',
   'weekly', 'medium', 'regulatory-affairs', '{regulatory-intelligence,guidance,horizon-scanning}'),
  ('platform', 'assess-hipaa-breach', 'Assess a potential HIPAA breach', 'data-privacy-officer',
   'an incident may have exposed protected health information',
   'determine quickly and defensibly whether the incident is a reportable breach',
   'notify the right people within the legal deadline and limit the harm to individuals',
   'ad_hoc', 'high', 'data-privacy', '{hipaa,breach,risk-assessment}'),
  ('platform', 'engage-key-opinion-leaders', 'Engage key opinion leaders', 'medical-science-liaison',
   'new data in the therapeutic area are changing how experts treat their patients',
   'hold well-prepared, balanced scientific exchanges with the right experts',
   'bring field insights back into medical strategy and support appropriate use of our products',
   'weekly', 'medium', 'medical-affairs', '{kol,msl,scientific-exchange}'),
  ('platform', 'plan-product-launch', 'Plan a product launch', 'commercial-strategy-director',
   'approval of a new product is expected within the next twelve months',
   'align forecast, positioning, channels and launch readiness across every function',
   'reach the patients who need the product quickly and deliver the launch forecast',
   'per_project', 'very_high', 'commercial', '{launch,forecasting,positioning}'),
  ('platform', 'select-trial-sites', 'Select trial sites', 'clinical-operations-manager',
   'a protocol is approved and the enrolment targets are set',
   'choose sites that can enrol the right participants and run the study well',
   'meet enrolment timelines without adding costly rescue sites',
   'per_project', 'high', 'clinical-development', '{feasibility,site-selection,enrolment}'),
  ('platform', 'manage-post-market-surveillance', 'Manage post-market surveillance', 'pharmacovigilance-physician',
   'a product is on the market and real-world safety reports keep arriving from many sources',
   'detect, assess and report safety issues consistently whatever their source',
   'keep the benefit-risk profile current and meet every periodic reporting obligation',
   'monthly', 'high', 'pharmacovigilance', '{pbrer,post-marketing,real-world-data}'),
  ('platform', 'justify-sample-size', 'Justify a trial''s sample size', 'biostatistics-lead',
   'the design team has proposed a primary endpoint and a target treatment effect',
   'calculate and document a sample size that is adequately powered and defensible',
   'defend the design to ethics committees and regulators without rework',
   'per_project', 'medium', 'biostatistics', '{sample-size,power,trial-design}'),
  ('platform', 'run-health-economic-model', 'Run a health economic model', 'market-access-director',
   'a health technology assessment body expects a cost-effectiveness and budget-impact analysis',
   'build a transparent model from the best available evidence',
   'make a credible value-for-money case in the submission',
   'per_project', 'high', 'health-economics', '{cost-effectiveness,budget-impact,hta}'),
  ('platform', 'train-staff-on-sops', 'Train staff on SOPs', 'quality-assurance-lead',
   'a new or revised standard operating procedure is about to become effective',
   'get every affected person trained and competent before the effective date',
   'keep operations compliant and pass training-record checks during inspections',
   'monthly', 'medium', 'training-and-education', '{sop,training,gxp}'),
  ('acme', 'answer-oncology-medical-inquiries', 'Answer oncology medical information requests', 'medical-science-liaison',
   'a healthcare professional sends an unsolicited question about one of our oncology products',
   'give an accurate, balanced answer backed by the current evidence',
   'support safe use of the product while staying within medical-information rules',
   'daily', 'medium', 'medical-affairs', '{medical-information,oncology}'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Prepare an orphan drug designation request', 'regulatory-affairs-director',
   'a candidate for a rare cardiac disease shows convincing nonclinical activity',
   'file orphan designation requests in the US and the EU backed by solid prevalence evidence',
   'secure development incentives and market exclusivity early',
   'per_project', 'high', 'regulatory-affairs', '{orphan-designation,rare-diseases,cardiology}')
) AS v(t, slug, title, persona, situation, motivation, expected_outcome, frequency, complexity, domain, tags)
ON CONFLICT DO NOTHING;

-- == jtbd_job_steps ==========================================================
-- One step per stage of the universal job map, in map order: step n is stage n.
INSERT INTO public.jtbd_job_steps (id, tenant_id, jtbd_id, stage, step_order, title, description)
SELECT vital.seed_uuid('jtbd_job_steps', v.t, v.slug, v.n::text),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       (ARRAY['define', 'locate', 'prepare', 'confirm', 'execute', 'monitor', 'modify', 'conclude'])[v.n],
       v.n, v.title, v.description
FROM (VALUES
  ('platform', 'prepare-ind-submission', 1, 'Fix the scope and the filing date', 'Agree the indication, the first protocol and the target submission date with the programme team.'),
  ('platform', 'prepare-ind-submission', 2, 'Collect nonclinical, CMC and clinical inputs', 'Request final toxicology reports, the quality section, the investigator''s brochure and the protocol from their owners.'),
  ('platform', 'prepare-ind-submission', 3, 'Draft the summaries and forms', 'Write Module 2 summaries, the cover letter and Forms 1571 and 1572 against the eCTD template.'),
  ('platform', 'prepare-ind-submission', 4, 'Reconcile the modules', 'Check that doses, batch numbers and study identifiers agree everywhere they appear.'),
  ('platform', 'prepare-ind-submission', 5, 'Publish and transmit', 'Build the eCTD sequence, validate it and send it through the Electronic Submissions Gateway.'),
  ('platform', 'prepare-ind-submission', 6, 'Follow the 30-day review', 'Log agency information requests and answer them within the agreed turnaround.'),
  ('platform', 'prepare-ind-submission', 7, 'Amend where needed', 'Submit amendments for protocol changes or for answers that require new data.'),
  ('platform', 'prepare-ind-submission', 8, 'Confirm go-ahead and archive', 'Record that the study may proceed and file the sequence and correspondence.'),

  ('platform', 'design-adaptive-protocol', 1, 'State the decision the trial must support', 'Write down the go/no-go question, the estimand and the uncertainties the design must resolve.'),
  ('platform', 'design-adaptive-protocol', 2, 'Gather prior evidence', 'Collect phase 1 exposure-response data, natural-history data and precedents of accepted adaptive designs.'),
  ('platform', 'design-adaptive-protocol', 3, 'Simulate candidate designs', 'Compare dose-selection and sample-size re-estimation options by simulating operating characteristics.'),
  ('platform', 'design-adaptive-protocol', 4, 'Check type I error control and feasibility', 'Confirm error control across scenarios and that interim timing fits the expected enrolment.'),
  ('platform', 'design-adaptive-protocol', 5, 'Write the protocol and charters', 'Document the adaptation rules, the interim analyses and the independent committee''s remit.'),
  ('platform', 'design-adaptive-protocol', 6, 'Seek regulatory feedback', 'Discuss the design at a scientific advice or Type C meeting and log every comment.'),
  ('platform', 'design-adaptive-protocol', 7, 'Refine the design', 'Adjust adaptation rules and simulations in response to agency and investigator feedback.'),
  ('platform', 'design-adaptive-protocol', 8, 'Finalise and approve', 'Sign off the protocol, the simulation report and the committee charter.'),

  ('platform', 'monitor-trial-safety-signals', 1, 'Set the surveillance plan', 'Define the events of special interest, the data sources and the review cadence for each study.'),
  ('platform', 'monitor-trial-safety-signals', 2, 'Pull adverse event data', 'Extract new cases and aggregate listings from the safety database and the trial databases.'),
  ('platform', 'monitor-trial-safety-signals', 3, 'Code and group the events', 'Check MedDRA coding and group related terms so that signals are not split across terms.'),
  ('platform', 'monitor-trial-safety-signals', 4, 'Screen for disproportionality and clusters', 'Compare observed with expected rates and review clusters by dose, time to onset and site.'),
  ('platform', 'monitor-trial-safety-signals', 5, 'Evaluate candidate signals', 'Review case narratives and biological plausibility and decide whether a signal is validated.'),
  ('platform', 'monitor-trial-safety-signals', 6, 'Track validated signals', 'Follow each signal in the signal log until it is refuted or confirmed.'),
  ('platform', 'monitor-trial-safety-signals', 7, 'Update risk documents', 'Amend the investigator''s brochure, the informed consent and the protocol when a risk is confirmed.'),
  ('platform', 'monitor-trial-safety-signals', 8, 'Report and close', 'Submit expedited and aggregate reports and close the review cycle in the log.'),

  ('platform', 'respond-to-fda-deficiency-letter', 1, 'Break the letter into deficiencies', 'List each deficiency with its owner, the evidence needed and the response deadline.'),
  ('platform', 'respond-to-fda-deficiency-letter', 2, 'Find existing evidence', 'Search prior submissions, study reports and meeting minutes for data that already answer each point.'),
  ('platform', 'respond-to-fda-deficiency-letter', 3, 'Plan new analyses or studies', 'Scope any additional analysis, study or manufacturing data the answers require.'),
  ('platform', 'respond-to-fda-deficiency-letter', 4, 'Test the strategy with the agency', 'Request a post-action meeting to confirm the planned answers will be sufficient.'),
  ('platform', 'respond-to-fda-deficiency-letter', 5, 'Write the response', 'Draft a point-by-point response with cross-references to the supporting data.'),
  ('platform', 'respond-to-fda-deficiency-letter', 6, 'Review for completeness', 'Run a mock review that checks every deficiency is answered fully and consistently.'),
  ('platform', 'respond-to-fda-deficiency-letter', 7, 'Close the gaps', 'Revise weak answers and add data found missing in the mock review.'),
  ('platform', 'respond-to-fda-deficiency-letter', 8, 'Resubmit and track the clock', 'Submit the response and track the new review goal date.'),

  ('platform', 'build-value-dossier', 1, 'Define the value story', 'Agree the target population, the comparators and the claims the dossier must support.'),
  ('platform', 'build-value-dossier', 2, 'Collect the evidence', 'Gather trial results, indirect comparisons, burden-of-illness studies and quality-of-life data.'),
  ('platform', 'build-value-dossier', 3, 'Draft the dossier chapters', 'Write the disease, product, clinical, economic and budget-impact chapters.'),
  ('platform', 'build-value-dossier', 4, 'Check claims against sources', 'Verify every claim and number against its reference and flag unsupported statements.'),
  ('platform', 'build-value-dossier', 5, 'Release to affiliates', 'Publish the dossier with its objection handler and local adaptation guide.'),
  ('platform', 'build-value-dossier', 6, 'Collect affiliate feedback', 'Track which sections affiliates adapt, and which questions payers raise.'),
  ('platform', 'build-value-dossier', 7, 'Refresh with new evidence', 'Update the dossier when new data readouts or price changes arrive.'),
  ('platform', 'build-value-dossier', 8, 'Version and retire', 'Archive superseded versions and record what changed and why.'),

  ('platform', 'negotiate-payer-coverage', 1, 'Set negotiation objectives', 'Define the target tier, the walk-away price and the acceptable utilisation controls.'),
  ('platform', 'negotiate-payer-coverage', 2, 'Understand the payer', 'Gather the payer''s formulary rules, competitor contracts and population mix.'),
  ('platform', 'negotiate-payer-coverage', 3, 'Build the offer', 'Model rebate, outcomes-based and volume scenarios against the payer''s budget impact.'),
  ('platform', 'negotiate-payer-coverage', 4, 'Clear the offer internally', 'Get pricing committee, legal and government-pricing approval of the offer range.'),
  ('platform', 'negotiate-payer-coverage', 5, 'Negotiate', 'Present the value case and the offer and trade terms within the approved range.'),
  ('platform', 'negotiate-payer-coverage', 6, 'Monitor pull-through', 'Track prior-authorisation approvals, claims and patient uptake after the listing.'),
  ('platform', 'negotiate-payer-coverage', 7, 'Renegotiate terms', 'Adjust terms when uptake, competition or evidence changes.'),
  ('platform', 'negotiate-payer-coverage', 8, 'Close and document the contract', 'Execute the agreement and record its obligations for compliance reporting.'),

  ('platform', 'run-capa-investigation', 1, 'Define the problem', 'Describe what happened, where, when and how often, and set the investigation scope.'),
  ('platform', 'run-capa-investigation', 2, 'Gather records', 'Pull batch records, deviations, complaints and equipment logs related to the problem.'),
  ('platform', 'run-capa-investigation', 3, 'Analyse the root cause', 'Use fishbone, five-whys or fault-tree analysis to find causes supported by evidence.'),
  ('platform', 'run-capa-investigation', 4, 'Verify the root cause', 'Test that the proposed cause explains every occurrence and rule out the alternatives.'),
  ('platform', 'run-capa-investigation', 5, 'Implement corrective and preventive actions', 'Change processes, equipment or training and update the affected documents.'),
  ('platform', 'run-capa-investigation', 6, 'Check effectiveness', 'Measure recurrence against the pre-defined effectiveness criteria over the agreed period.'),
  ('platform', 'run-capa-investigation', 7, 'Escalate if ineffective', 'Reopen the investigation or add actions when the problem recurs.'),
  ('platform', 'run-capa-investigation', 8, 'Close the CAPA', 'Document the evidence of effectiveness and obtain quality approval to close.'),

  ('platform', 'prepare-for-gmp-inspection', 1, 'Understand the inspection scope', 'Confirm the agency, the products, the systems in scope and the dates.'),
  ('platform', 'prepare-for-gmp-inspection', 2, 'Collect prior findings', 'Gather previous observations, open CAPAs, deviations and change controls for the site.'),
  ('platform', 'prepare-for-gmp-inspection', 3, 'Prepare the site and the people', 'Run mock inspections, prepare subject-matter experts and set up front and back rooms.'),
  ('platform', 'prepare-for-gmp-inspection', 4, 'Verify record readiness', 'Check that key records are complete, signed and retrievable within minutes.'),
  ('platform', 'prepare-for-gmp-inspection', 5, 'Host the inspection', 'Manage requests, escort inspectors and present documents and processes.'),
  ('platform', 'prepare-for-gmp-inspection', 6, 'Track requests and observations', 'Log every request, document provided and verbal observation each day.'),
  ('platform', 'prepare-for-gmp-inspection', 7, 'Correct issues on the spot', 'Fix issues that can be corrected during the inspection and document the fix.'),
  ('platform', 'prepare-for-gmp-inspection', 8, 'Respond to the report', 'Answer the inspection report with commitments and timelines within the deadline.'),

  ('platform', 'write-clinical-study-report', 1, 'Plan the report', 'Agree the report shell, the key messages and the review timeline with the study team.'),
  ('platform', 'write-clinical-study-report', 2, 'Collect the inputs', 'Gather the protocol, the SAP, final outputs, narratives and the trial master file references.'),
  ('platform', 'write-clinical-study-report', 3, 'Draft the body', 'Write the methods, results and discussion sections from the final outputs.'),
  ('platform', 'write-clinical-study-report', 4, 'Quality-check the numbers', 'Verify every number in the text against the tables, listings and figures.'),
  ('platform', 'write-clinical-study-report', 5, 'Run the review cycles', 'Circulate drafts to clinical, statistical, safety and regulatory reviewers.'),
  ('platform', 'write-clinical-study-report', 6, 'Track comments', 'Consolidate reviewer comments and follow each one to resolution.'),
  ('platform', 'write-clinical-study-report', 7, 'Revise and finalise', 'Incorporate resolved comments and complete the appendices.'),
  ('platform', 'write-clinical-study-report', 8, 'Approve and publish', 'Collect signatures and hand the report to submission publishing.'),

  ('platform', 'plan-statistical-analysis', 1, 'Define estimands', 'Translate the trial objectives into estimands, including how intercurrent events are handled.'),
  ('platform', 'plan-statistical-analysis', 2, 'Review design inputs', 'Read the protocol, the CRFs and the data standards the analysis will rely on.'),
  ('platform', 'plan-statistical-analysis', 3, 'Specify the analyses', 'Write primary, secondary, sensitivity and subgroup analyses with their models.'),
  ('platform', 'plan-statistical-analysis', 4, 'Check consistency with the protocol', 'Confirm that every analysis matches the protocol and that multiplicity is controlled.'),
  ('platform', 'plan-statistical-analysis', 5, 'Write the SAP and shells', 'Document the analyses and the table, listing and figure shells.'),
  ('platform', 'plan-statistical-analysis', 6, 'Monitor blinded data', 'Review blinded data for assumptions that may need a pre-specified change.'),
  ('platform', 'plan-statistical-analysis', 7, 'Amend before unblinding', 'Version the SAP with a justification for any change made before unblinding.'),
  ('platform', 'plan-statistical-analysis', 8, 'Sign off', 'Approve the final SAP before database lock and file it in the trial master file.'),

  ('platform', 'clean-and-lock-trial-database', 1, 'Agree the lock plan', 'Set the lock date, the cleaning milestones and who signs the lock.'),
  ('platform', 'clean-and-lock-trial-database', 2, 'Find outstanding issues', 'List open queries, missing pages, unsigned forms and pending external data.'),
  ('platform', 'clean-and-lock-trial-database', 3, 'Reconcile external data', 'Reconcile laboratory, ECG and safety database data with the EDC.'),
  ('platform', 'clean-and-lock-trial-database', 4, 'Run the final checks', 'Run edit checks, medical coding review and protocol deviation review.'),
  ('platform', 'clean-and-lock-trial-database', 5, 'Resolve queries with sites', 'Push sites to answer queries and collect investigator signatures.'),
  ('platform', 'clean-and-lock-trial-database', 6, 'Track lock readiness', 'Follow the lock checklist daily and escalate blockers.'),
  ('platform', 'clean-and-lock-trial-database', 7, 'Handle late changes', 'Unlock, correct and relock under change control when an error is found late.'),
  ('platform', 'clean-and-lock-trial-database', 8, 'Lock and hand over', 'Lock the database, remove edit access and transfer the data to biostatistics.'),

  ('platform', 'track-regulatory-intelligence', 1, 'Define what to watch', 'List the agencies, therapeutic areas and topics that matter to current programmes.'),
  ('platform', 'track-regulatory-intelligence', 2, 'Collect new publications', 'Gather new guidance, approvals, advisory committee outcomes and consultations.'),
  ('platform', 'track-regulatory-intelligence', 3, 'Summarise each item', 'Write a short summary of what changed and for whom.'),
  ('platform', 'track-regulatory-intelligence', 4, 'Assess the impact', 'Decide which programmes are affected and how urgently.'),
  ('platform', 'track-regulatory-intelligence', 5, 'Alert the owners', 'Send each impact assessment to the programme and functional owners.'),
  ('platform', 'track-regulatory-intelligence', 6, 'Follow the consultations', 'Track draft guidance to final and decide whether to comment.'),
  ('platform', 'track-regulatory-intelligence', 7, 'Update the watch list', 'Add topics and drop ones that no longer matter to the portfolio.'),
  ('platform', 'track-regulatory-intelligence', 8, 'Publish the digest', 'Issue the periodic digest and archive the assessments.'),

  ('platform', 'assess-hipaa-breach', 1, 'Describe the incident', 'Record what happened, when it was discovered and which systems and records are involved.'),
  ('platform', 'assess-hipaa-breach', 2, 'Identify the information and people affected', 'Determine which PHI elements were involved and whose records they are.'),
  ('platform', 'assess-hipaa-breach', 3, 'Contain the incident', 'Stop further disclosure, retrieve data where possible and preserve evidence.'),
  ('platform', 'assess-hipaa-breach', 4, 'Run the four-factor risk assessment', 'Assess the nature of the data, the recipient, whether data were viewed and how far risk was mitigated.'),
  ('platform', 'assess-hipaa-breach', 5, 'Decide and notify', 'Decide whether the incident is a breach and send individual, regulator and media notices if needed.'),
  ('platform', 'assess-hipaa-breach', 6, 'Track the deadlines', 'Follow the 60-day notification clock and any state-law deadlines.'),
  ('platform', 'assess-hipaa-breach', 7, 'Fix the cause', 'Change controls, contracts or training to prevent a repeat.'),
  ('platform', 'assess-hipaa-breach', 8, 'Document and log', 'File the assessment and add the incident to the annual breach log.'),

  ('platform', 'engage-key-opinion-leaders', 1, 'Choose the experts', 'Map experts by scientific focus, influence and the medical plan''s priorities.'),
  ('platform', 'engage-key-opinion-leaders', 2, 'Research each expert', 'Review recent publications, trial involvement and previous interactions.'),
  ('platform', 'engage-key-opinion-leaders', 3, 'Prepare the exchange', 'Select approved scientific materials and the questions to explore.'),
  ('platform', 'engage-key-opinion-leaders', 4, 'Check compliance', 'Confirm the materials and the format meet the scientific-exchange rules.'),
  ('platform', 'engage-key-opinion-leaders', 5, 'Hold the meeting', 'Discuss the data in a balanced way and answer unsolicited questions.'),
  ('platform', 'engage-key-opinion-leaders', 6, 'Record the insights', 'Log the interaction and the insights in the CRM within the set time.'),
  ('platform', 'engage-key-opinion-leaders', 7, 'Adapt the plan', 'Change the engagement plan in response to expert feedback.'),
  ('platform', 'engage-key-opinion-leaders', 8, 'Report insights to medical strategy', 'Summarise the themes for the medical affairs leadership.'),

  ('platform', 'plan-product-launch', 1, 'Set launch ambition', 'Agree the launch objectives, the target segments and the success measures.'),
  ('platform', 'plan-product-launch', 2, 'Gather market insight', 'Collect patient-flow, prescriber and competitor research.'),
  ('platform', 'plan-product-launch', 3, 'Build the plan and forecast', 'Write the positioning, the channel plan and the forecast.'),
  ('platform', 'plan-product-launch', 4, 'Check readiness', 'Run launch-readiness reviews across supply, access, medical and sales.'),
  ('platform', 'plan-product-launch', 5, 'Launch', 'Execute the launch sequence from approval to first patient.'),
  ('platform', 'plan-product-launch', 6, 'Track early performance', 'Monitor uptake, access and share of voice against the forecast.'),
  ('platform', 'plan-product-launch', 7, 'Course-correct', 'Shift resources and messages where uptake lags.'),
  ('platform', 'plan-product-launch', 8, 'Review the launch', 'Hold a lessons-learned review at the end of the first year.'),

  ('platform', 'select-trial-sites', 1, 'Define the site profile', 'Set the patient population, the capabilities and the regions the study needs.'),
  ('platform', 'select-trial-sites', 2, 'Find candidate sites', 'Search past performance data, registries and investigator databases.'),
  ('platform', 'select-trial-sites', 3, 'Run feasibility', 'Send feasibility questionnaires and hold qualification calls.'),
  ('platform', 'select-trial-sites', 4, 'Validate enrolment claims', 'Compare each site''s enrolment estimate with its history and its patient data.'),
  ('platform', 'select-trial-sites', 5, 'Select and contract', 'Select the sites and negotiate budgets and contracts.'),
  ('platform', 'select-trial-sites', 6, 'Monitor activation and enrolment', 'Track activation milestones and enrolment per site.'),
  ('platform', 'select-trial-sites', 7, 'Add or close sites', 'Open back-up sites or close non-performing ones.'),
  ('platform', 'select-trial-sites', 8, 'Record site performance', 'Feed each site''s metrics back into the performance database.'),

  ('platform', 'manage-post-market-surveillance', 1, 'Set the surveillance strategy', 'Define the sources, the signals of interest and the risk-management commitments.'),
  ('platform', 'manage-post-market-surveillance', 2, 'Collect reports', 'Receive spontaneous reports, literature, registries and partner data.'),
  ('platform', 'manage-post-market-surveillance', 3, 'Process the cases', 'Triage, code and assess each case for seriousness and expectedness.'),
  ('platform', 'manage-post-market-surveillance', 4, 'Check submission timeliness', 'Verify that expedited cases meet their 15-day and 90-day clocks.'),
  ('platform', 'manage-post-market-surveillance', 5, 'Detect and assess signals', 'Run periodic signal detection and evaluate the candidate signals.'),
  ('platform', 'manage-post-market-surveillance', 6, 'Monitor risk minimisation', 'Measure whether risk minimisation measures work.'),
  ('platform', 'manage-post-market-surveillance', 7, 'Update the label and the risk plan', 'Propose label and risk-management plan changes when the risk changes.'),
  ('platform', 'manage-post-market-surveillance', 8, 'Write the periodic report', 'Compile and submit the PBRER or periodic report.'),

  ('platform', 'justify-sample-size', 1, 'Pin down the hypothesis', 'Agree the endpoint, the comparison and the clinically relevant difference.'),
  ('platform', 'justify-sample-size', 2, 'Find assumption sources', 'Collect variance, event-rate and drop-out estimates from prior studies and literature.'),
  ('platform', 'justify-sample-size', 3, 'Calculate the sample size', 'Compute the sample size for the chosen power and significance level.'),
  ('platform', 'justify-sample-size', 4, 'Stress-test the assumptions', 'Show how the sample size changes when each assumption is wrong.'),
  ('platform', 'justify-sample-size', 5, 'Document the justification', 'Write the protocol section with the calculation, the software and the references.'),
  ('platform', 'justify-sample-size', 6, 'Watch the blinded assumptions', 'Check pooled variance or event rate during the trial where the design allows.'),
  ('platform', 'justify-sample-size', 7, 'Re-estimate if planned', 'Apply a pre-specified re-estimation rule when the assumptions prove wrong.'),
  ('platform', 'justify-sample-size', 8, 'Archive the calculation', 'File the reproducible calculation with the protocol.'),

  ('platform', 'run-health-economic-model', 1, 'Define the decision problem', 'Set the population, the comparators, the perspective and the time horizon.'),
  ('platform', 'run-health-economic-model', 2, 'Collect inputs', 'Gather efficacy, utility, cost and resource-use data with their sources.'),
  ('platform', 'run-health-economic-model', 3, 'Build the model', 'Build a Markov or partitioned-survival model in a transparent tool.'),
  ('platform', 'run-health-economic-model', 4, 'Validate the model', 'Check face validity, verify formulas and cross-check against published models.'),
  ('platform', 'run-health-economic-model', 5, 'Run the analyses', 'Run base-case, deterministic and probabilistic sensitivity analyses.'),
  ('platform', 'run-health-economic-model', 6, 'Follow the HTA review', 'Answer the evidence review group''s clarification questions.'),
  ('platform', 'run-health-economic-model', 7, 'Revise the model', 'Rerun the model with the assumptions the committee prefers.'),
  ('platform', 'run-health-economic-model', 8, 'Document and hand over', 'Write the technical report and archive the locked model.'),

  ('platform', 'train-staff-on-sops', 1, 'Identify who needs training', 'Map the SOP change to roles and people through the training matrix.'),
  ('platform', 'train-staff-on-sops', 2, 'Collect the material', 'Get the effective SOP, the change summary and any forms it introduces.'),
  ('platform', 'train-staff-on-sops', 3, 'Build the training', 'Write the read-and-understand task or the course and its assessment.'),
  ('platform', 'train-staff-on-sops', 4, 'Check the training is right-sized', 'Confirm the method fits the risk of the change.'),
  ('platform', 'train-staff-on-sops', 5, 'Assign and deliver', 'Assign the training in the LMS and run live sessions where needed.'),
  ('platform', 'train-staff-on-sops', 6, 'Track completion', 'Chase overdue training before the effective date.'),
  ('platform', 'train-staff-on-sops', 7, 'Handle gaps', 'Restrict tasks for people not trained in time and retrain those who fail the assessment.'),
  ('platform', 'train-staff-on-sops', 8, 'Archive the records', 'Keep training records retrievable for inspections.'),

  ('acme', 'answer-oncology-medical-inquiries', 1, 'Clarify the question', 'Confirm what the healthcare professional is asking and that the request is unsolicited.'),
  ('acme', 'answer-oncology-medical-inquiries', 2, 'Find the evidence', 'Search the label, the standard responses, the literature and the trial data.'),
  ('acme', 'answer-oncology-medical-inquiries', 3, 'Draft the answer', 'Write a balanced answer with references and any off-label caveats.'),
  ('acme', 'answer-oncology-medical-inquiries', 4, 'Review the answer', 'Have a second medical reviewer check accuracy and balance.'),
  ('acme', 'answer-oncology-medical-inquiries', 5, 'Send the answer', 'Send the answer through the approved channel within the service level.'),
  ('acme', 'answer-oncology-medical-inquiries', 6, 'Watch for safety content', 'Forward any adverse event or product complaint to pharmacovigilance within one business day.'),
  ('acme', 'answer-oncology-medical-inquiries', 7, 'Improve the standard responses', 'Update standard responses when questions repeat.'),
  ('acme', 'answer-oncology-medical-inquiries', 8, 'Close the inquiry', 'Log the inquiry as closed with its documentation.'),

  ('pharmaco', 'prepare-orphan-drug-designation', 1, 'Define the orphan condition', 'Define the condition and any medically plausible subset the request covers.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 2, 'Gather prevalence data', 'Collect registry, claims and literature data for US and EU prevalence estimates.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 3, 'Write the requests', 'Draft the FDA request and the EMA application with the scientific rationale.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 4, 'Check prevalence arithmetic', 'Confirm the estimates stay under 200,000 US patients and 5 in 10,000 in the EU.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 5, 'Submit', 'Submit to the FDA Office of Orphan Products Development and to the EMA.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 6, 'Follow the reviews', 'Track questions from both agencies and the COMP opinion timeline.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 7, 'Answer the questions', 'Provide additional prevalence or rationale data when asked.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 8, 'Record the designations', 'File the designation letters and calendar the annual reports.')
) AS v(t, slug, n, title, description)
ON CONFLICT DO NOTHING;

-- == jtbd_desired_outcomes ===================================================
-- Outcome 1 of each JTBD: survey scores (whole numbers, ten respondents).
-- The others: expert estimates. step = the job map step the outcome measures.
INSERT INTO public.jtbd_desired_outcomes (id, tenant_id, jtbd_id, job_step_id, direction, outcome_statement,
                                          importance_score, satisfaction_score, score_source,
                                          respondent_count, scored_at, position)
SELECT vital.seed_uuid('jtbd_desired_outcomes', v.t, v.slug, v.n::text),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.seed_uuid('jtbd_job_steps', v.t, v.slug, v.step::text),
       lower(split_part(v.statement, ' ', 1)), v.statement, v.importance, v.satisfaction,
       CASE WHEN v.n = 1 THEN 'survey' ELSE 'expert_estimate' END,
       CASE WHEN v.n = 1 THEN 10 END,
       timestamptz '2026-09-30 12:00+00',
       v.n
FROM (VALUES
  ('platform', 'prepare-ind-submission', 1, 4, 'Minimize the number of inconsistencies between modules found after publishing', 9, 3),
  ('platform', 'prepare-ind-submission', 2, 3, 'Minimize the time it takes to draft the nonclinical and clinical summaries', 8.2, 4.1),
  ('platform', 'prepare-ind-submission', 3, 2, 'Minimize the time spent chasing contributors for missing source documents', 7.6, 3.0),
  ('platform', 'prepare-ind-submission', 4, 6, 'Minimize the likelihood of a clinical hold caused by a deficient section', 9.4, 5.2),
  ('platform', 'prepare-ind-submission', 5, 5, 'Minimize the number of technical validation errors at gateway submission', 7.0, 7.8),
  ('platform', 'prepare-ind-submission', 6, 6, 'Minimize the time it takes to answer information requests during the 30-day review', 8.0, 4.5),

  ('platform', 'design-adaptive-protocol', 1, 3, 'Minimize the time it takes to compare the operating characteristics of candidate designs', 8, 2),
  ('platform', 'design-adaptive-protocol', 2, 4, 'Minimize the likelihood that type I error inflation goes undetected', 9.1, 6.0),
  ('platform', 'design-adaptive-protocol', 3, 6, 'Minimize the number of agency questions about the adaptation rules', 8.4, 3.8),
  ('platform', 'design-adaptive-protocol', 4, 2, 'Minimize the effort needed to find precedents of accepted adaptive designs', 6.5, 3.2),
  ('platform', 'design-adaptive-protocol', 5, 5, 'Minimize the likelihood that interim decisions leak information to the study team', 8.8, 7.5),
  ('platform', 'design-adaptive-protocol', 6, 1, 'Increase the clarity of the decision the trial is meant to support', 7.2, 5.0),

  ('platform', 'monitor-trial-safety-signals', 1, 4, 'Minimize the time between a case arriving and its inclusion in signal screening', 9, 4),
  ('platform', 'monitor-trial-safety-signals', 2, 3, 'Minimize the likelihood that related events are split across MedDRA terms', 8.3, 4.4),
  ('platform', 'monitor-trial-safety-signals', 3, 5, 'Minimize the time it takes to review case narratives for a candidate signal', 8.0, 3.5),
  ('platform', 'monitor-trial-safety-signals', 4, 8, 'Minimize the likelihood of missing an expedited reporting deadline', 9.6, 8.1),
  ('platform', 'monitor-trial-safety-signals', 5, 7, 'Minimize the time it takes to update reference safety information after a confirmed risk', 7.4, 4.6),
  ('platform', 'monitor-trial-safety-signals', 6, 2, 'Minimize the effort needed to combine data from blinded and open-label studies', 7.0, 3.1),

  ('platform', 'respond-to-fda-deficiency-letter', 1, 2, 'Minimize the time it takes to find existing data that answer a deficiency', 9, 3),
  ('platform', 'respond-to-fda-deficiency-letter', 2, 1, 'Minimize the likelihood that a deficiency is misunderstood or only partly answered', 9.5, 5.0),
  ('platform', 'respond-to-fda-deficiency-letter', 3, 6, 'Minimize the number of unanswered sub-points found in the mock review', 8.1, 4.2),
  ('platform', 'respond-to-fda-deficiency-letter', 4, 4, 'Minimize the time it takes to secure a post-action meeting', 6.8, 5.5),
  ('platform', 'respond-to-fda-deficiency-letter', 5, 5, 'Minimize the effort needed to keep cross-references correct across response documents', 7.5, 3.6),

  ('platform', 'build-value-dossier', 1, 4, 'Minimize the number of claims that cannot be traced to a reference', 8, 3),
  ('platform', 'build-value-dossier', 2, 2, 'Minimize the time it takes to assemble evidence from trials and real-world studies', 8.5, 4.0),
  ('platform', 'build-value-dossier', 3, 7, 'Minimize the time it takes to refresh the dossier after a new data readout', 7.8, 2.9),
  ('platform', 'build-value-dossier', 4, 5, 'Minimize the effort affiliates need to adapt the dossier to local requirements', 8.2, 3.4),
  ('platform', 'build-value-dossier', 5, 3, 'Minimize the likelihood that the economic and clinical chapters tell different stories', 7.1, 5.9),
  ('platform', 'build-value-dossier', 6, 6, 'Increase the visibility of the questions payers actually raise', 6.4, 2.8),

  ('platform', 'negotiate-payer-coverage', 1, 3, 'Minimize the time it takes to model the payer''s budget impact under different offers', 8, 4),
  ('platform', 'negotiate-payer-coverage', 2, 2, 'Minimize the effort needed to understand the payer''s formulary rules and competitor contracts', 7.3, 3.9),
  ('platform', 'negotiate-payer-coverage', 3, 6, 'Minimize the time it takes to detect poor pull-through after listing', 8.6, 3.3),
  ('platform', 'negotiate-payer-coverage', 4, 4, 'Minimize the time it takes to get internal approval of an offer range', 6.9, 4.8),
  ('platform', 'negotiate-payer-coverage', 5, 5, 'Minimize the likelihood of conceding terms outside the approved range', 9.0, 7.2),

  ('platform', 'run-capa-investigation', 1, 3, 'Minimize the likelihood that a symptom is recorded as the root cause', 10, 3),
  ('platform', 'run-capa-investigation', 2, 2, 'Minimize the time it takes to gather the records related to the problem', 7.7, 3.4),
  ('platform', 'run-capa-investigation', 3, 6, 'Minimize the time it takes to show that an action was effective', 8.3, 4.1),
  ('platform', 'run-capa-investigation', 4, 8, 'Minimize the number of CAPAs overdue for closure', 8.0, 5.0),
  ('platform', 'run-capa-investigation', 5, 1, 'Minimize the effort needed to link a new deviation to similar past events', 7.9, 2.6),
  ('platform', 'run-capa-investigation', 6, 5, 'Minimize the number of documents left unchanged after a process change', 6.2, 6.8),

  ('platform', 'prepare-for-gmp-inspection', 1, 4, 'Minimize the time it takes to retrieve a requested record during the inspection', 9, 5),
  ('platform', 'prepare-for-gmp-inspection', 2, 2, 'Minimize the likelihood that an open CAPA surprises the team during the inspection', 8.7, 4.3),
  ('platform', 'prepare-for-gmp-inspection', 3, 3, 'Minimize the time it takes to prepare subject-matter experts for interviews', 7.0, 5.2),
  ('platform', 'prepare-for-gmp-inspection', 4, 6, 'Minimize the effort needed to keep the request log current', 6.0, 6.5),
  ('platform', 'prepare-for-gmp-inspection', 5, 8, 'Minimize the time it takes to draft commitments in answer to the inspection report', 7.8, 3.8),
  ('platform', 'prepare-for-gmp-inspection', 6, 1, 'Minimize the likelihood of preparing systems that are out of scope', 5.5, 6.0),

  ('platform', 'write-clinical-study-report', 1, 4, 'Minimize the number of numeric discrepancies between the text and the outputs', 9, 4),
  ('platform', 'write-clinical-study-report', 2, 3, 'Minimize the time it takes to draft results sections from the final outputs', 8.6, 3.7),
  ('platform', 'write-clinical-study-report', 3, 6, 'Minimize the effort needed to consolidate comments from several reviewers', 7.9, 3.2),
  ('platform', 'write-clinical-study-report', 4, 2, 'Minimize the time spent locating narratives and appendices', 6.9, 4.4),
  ('platform', 'write-clinical-study-report', 5, 8, 'Minimize the likelihood that the report misses its submission slot', 9.3, 6.1),
  ('platform', 'write-clinical-study-report', 6, 5, 'Minimize the number of review cycles needed to reach a final draft', 7.5, 3.5),
  ('platform', 'write-clinical-study-report', 7, 1, 'Increase the agreement on key messages before drafting starts', 6.6, 4.0),

  ('platform', 'plan-statistical-analysis', 1, 1, 'Minimize the ambiguity in how intercurrent events are handled', 9, 4),
  ('platform', 'plan-statistical-analysis', 2, 4, 'Minimize the number of inconsistencies between the SAP and the protocol', 8.8, 5.6),
  ('platform', 'plan-statistical-analysis', 3, 5, 'Minimize the time it takes to write table, listing and figure shells', 7.1, 4.9),
  ('platform', 'plan-statistical-analysis', 4, 3, 'Minimize the likelihood that an unplanned analysis is needed after unblinding', 8.2, 5.0),
  ('platform', 'plan-statistical-analysis', 5, 7, 'Minimize the effort needed to justify an amendment to the SAP', 6.4, 5.1),

  ('platform', 'clean-and-lock-trial-database', 1, 5, 'Minimize the time sites take to answer open queries', 9, 3),
  ('platform', 'clean-and-lock-trial-database', 2, 3, 'Minimize the time it takes to reconcile laboratory and safety data with the EDC', 8.7, 3.5),
  ('platform', 'clean-and-lock-trial-database', 3, 6, 'Minimize the likelihood that a blocker is found in the last week before lock', 9.2, 4.0),
  ('platform', 'clean-and-lock-trial-database', 4, 4, 'Minimize the number of edit checks that fire after lock preparation starts', 7.4, 6.1),
  ('platform', 'clean-and-lock-trial-database', 5, 7, 'Minimize the likelihood of having to unlock the database', 8.9, 7.0),
  ('platform', 'clean-and-lock-trial-database', 6, 2, 'Minimize the effort needed to list missing pages and unsigned forms', 6.5, 7.2),

  ('platform', 'track-regulatory-intelligence', 1, 2, 'Minimize the time between a publication and its arrival on our radar', 8, 4),
  ('platform', 'track-regulatory-intelligence', 2, 4, 'Minimize the likelihood of missing a change that affects a programme', 9.4, 4.8),
  ('platform', 'track-regulatory-intelligence', 3, 3, 'Minimize the time it takes to summarise a new guidance document', 7.6, 3.1),
  ('platform', 'track-regulatory-intelligence', 4, 5, 'Minimize the effort needed to route an impact assessment to the right owner', 6.8, 4.5),
  ('platform', 'track-regulatory-intelligence', 5, 6, 'Minimize the likelihood of missing a consultation comment deadline', 7.0, 5.5),

  ('platform', 'assess-hipaa-breach', 1, 4, 'Minimize the time it takes to complete the four-factor risk assessment', 9, 4),
  ('platform', 'assess-hipaa-breach', 2, 2, 'Minimize the time it takes to identify whose records were involved', 9.1, 3.3),
  ('platform', 'assess-hipaa-breach', 3, 6, 'Minimize the likelihood of missing a notification deadline', 9.8, 6.9),
  ('platform', 'assess-hipaa-breach', 4, 8, 'Minimize the effort needed to document the breach decision defensibly', 7.7, 4.2),
  ('platform', 'assess-hipaa-breach', 5, 7, 'Minimize the likelihood that the same cause leads to another incident', 8.4, 3.9),

  ('platform', 'engage-key-opinion-leaders', 1, 2, 'Minimize the time it takes to prepare for a meeting with an expert', 8, 3),
  ('platform', 'engage-key-opinion-leaders', 2, 1, 'Minimize the likelihood of spending time with experts outside the medical plan''s priorities', 7.2, 4.6),
  ('platform', 'engage-key-opinion-leaders', 3, 6, 'Minimize the time it takes to record insights after an interaction', 7.9, 3.8),
  ('platform', 'engage-key-opinion-leaders', 4, 8, 'Increase the share of field insights that reach medical strategy', 8.5, 3.0),
  ('platform', 'engage-key-opinion-leaders', 5, 4, 'Minimize the likelihood that the materials used fall outside scientific-exchange rules', 8.9, 7.7),

  ('platform', 'plan-product-launch', 1, 4, 'Minimize the time it takes to see which functions are not ready for launch', 9, 4),
  ('platform', 'plan-product-launch', 2, 3, 'Minimize the error of the first-year forecast', 8.8, 3.2),
  ('platform', 'plan-product-launch', 3, 6, 'Minimize the time it takes to detect regions where uptake lags', 8.1, 4.7),
  ('platform', 'plan-product-launch', 4, 2, 'Minimize the effort needed to synthesise prescriber and patient research', 7.0, 4.1),
  ('platform', 'plan-product-launch', 5, 5, 'Minimize the likelihood of supply shortfalls in the first months after launch', 9.5, 8.2),
  ('platform', 'plan-product-launch', 6, 7, 'Minimize the time it takes to shift resources to underperforming segments', 7.4, 3.6),

  ('platform', 'select-trial-sites', 1, 4, 'Minimize the likelihood of selecting a site that enrols no participants', 10, 3),
  ('platform', 'select-trial-sites', 2, 2, 'Minimize the time it takes to find sites with the right patient population', 8.4, 3.9),
  ('platform', 'select-trial-sites', 3, 3, 'Minimize the effort needed to complete feasibility questionnaires', 6.1, 3.5),
  ('platform', 'select-trial-sites', 4, 5, 'Minimize the time it takes to agree site budgets and contracts', 8.2, 3.1),
  ('platform', 'select-trial-sites', 5, 6, 'Minimize the time it takes to spot a site falling behind its enrolment target', 7.8, 4.4),

  ('platform', 'manage-post-market-surveillance', 1, 3, 'Minimize the time it takes to triage an incoming case', 8, 5),
  ('platform', 'manage-post-market-surveillance', 2, 4, 'Minimize the likelihood of a late expedited report', 9.7, 7.4),
  ('platform', 'manage-post-market-surveillance', 3, 2, 'Minimize the effort needed to screen the literature for relevant cases', 8.0, 3.0),
  ('platform', 'manage-post-market-surveillance', 4, 5, 'Minimize the time between a signal appearing in the data and its evaluation', 8.9, 4.5),
  ('platform', 'manage-post-market-surveillance', 5, 6, 'Increase the confidence that risk minimisation measures are working', 7.6, 3.4),
  ('platform', 'manage-post-market-surveillance', 6, 8, 'Minimize the time it takes to compile the periodic benefit-risk report', 7.9, 4.0),

  ('platform', 'justify-sample-size', 1, 2, 'Minimize the time it takes to find credible variance and event-rate assumptions', 8, 4),
  ('platform', 'justify-sample-size', 2, 4, 'Minimize the likelihood that the trial is underpowered because an assumption was wrong', 9.2, 4.9),
  ('platform', 'justify-sample-size', 3, 5, 'Minimize the number of ethics-committee questions about the calculation', 7.0, 5.8),
  ('platform', 'justify-sample-size', 4, 3, 'Minimize the time it takes to calculate sample sizes for several scenarios', 6.2, 7.5),
  ('platform', 'justify-sample-size', 5, 8, 'Minimize the effort needed to reproduce the calculation years later', 6.8, 3.6),

  ('platform', 'run-health-economic-model', 1, 4, 'Minimize the number of formula errors found after the model is submitted', 9, 4),
  ('platform', 'run-health-economic-model', 2, 2, 'Minimize the time it takes to find utility and cost inputs with good sources', 8.1, 3.6),
  ('platform', 'run-health-economic-model', 3, 5, 'Minimize the time it takes to run probabilistic sensitivity analyses', 6.9, 6.2),
  ('platform', 'run-health-economic-model', 4, 7, 'Minimize the time it takes to rerun the model with the committee''s preferred assumptions', 8.5, 3.4),
  ('platform', 'run-health-economic-model', 5, 6, 'Minimize the effort needed to answer the evidence review group''s clarification questions', 7.8, 4.1),

  ('platform', 'train-staff-on-sops', 1, 1, 'Minimize the time it takes to identify who must be trained on a change', 8, 3),
  ('platform', 'train-staff-on-sops', 2, 6, 'Minimize the number of people still untrained when the SOP becomes effective', 9.3, 4.5),
  ('platform', 'train-staff-on-sops', 3, 4, 'Minimize the likelihood of heavy training for a minor change', 6.5, 3.0),
  ('platform', 'train-staff-on-sops', 4, 3, 'Minimize the time it takes to write an assessment that checks understanding', 7.1, 3.7),
  ('platform', 'train-staff-on-sops', 5, 8, 'Minimize the time it takes to retrieve training records for an inspector', 8.0, 7.4),

  ('acme', 'answer-oncology-medical-inquiries', 1, 2, 'Minimize the time it takes to find the evidence that answers a question', 9, 4),
  ('acme', 'answer-oncology-medical-inquiries', 2, 4, 'Minimize the likelihood that an answer is unbalanced or promotional', 9.4, 6.6),
  ('acme', 'answer-oncology-medical-inquiries', 3, 5, 'Minimize the time between receiving a question and sending the answer', 8.3, 4.1),
  ('acme', 'answer-oncology-medical-inquiries', 4, 6, 'Minimize the likelihood that an adverse event mentioned in an inquiry is not forwarded', 9.7, 7.9),
  ('acme', 'answer-oncology-medical-inquiries', 5, 7, 'Minimize the effort needed to keep standard responses current', 7.2, 3.5),

  ('pharmaco', 'prepare-orphan-drug-designation', 1, 2, 'Minimize the time it takes to build a defensible prevalence estimate', 9, 3),
  ('pharmaco', 'prepare-orphan-drug-designation', 2, 4, 'Minimize the likelihood that the prevalence estimate exceeds the threshold under scrutiny', 8.9, 5.1),
  ('pharmaco', 'prepare-orphan-drug-designation', 3, 3, 'Minimize the effort needed to write two applications for two agencies', 7.5, 3.8),
  ('pharmaco', 'prepare-orphan-drug-designation', 4, 6, 'Minimize the time it takes to answer agency questions', 7.9, 4.6),
  ('pharmaco', 'prepare-orphan-drug-designation', 5, 8, 'Minimize the likelihood of missing an annual designation report', 6.3, 6.0)
) AS v(t, slug, n, step, statement, importance, satisfaction)
ON CONFLICT DO NOTHING;

-- == jtbd_outcome_ratings ====================================================
-- Ten panel answers for outcome 1 of every seeded JTBD, built so that exactly
-- importance_score of them rate importance 4-5 and satisfaction_score of them
-- rate satisfaction 4-5: the ODI derivation gives back the stored scores.
INSERT INTO public.jtbd_outcome_ratings (id, tenant_id, outcome_id, survey_wave, respondent_ref,
                                         respondent_persona_tenant_id, respondent_persona_id,
                                         importance_rating, satisfaction_rating, responded_at)
SELECT vital.seed_uuid('jtbd_outcome_ratings', tn.subdomain, j.slug, '1', r.i::text),
       o.tenant_id, o.id, '2026-q3-panel', 'panel-' || lpad(r.i::text, 2, '0'),
       j.job_executor_tenant_id, j.job_executor,
       CASE WHEN r.i <= o.importance_score THEN 4 + r.i % 2 ELSE 1 + r.i % 3 END,
       CASE WHEN 11 - r.i <= o.satisfaction_score THEN 4 + r.i % 2 ELSE 1 + r.i % 3 END,
       timestamptz '2026-09-01 09:00+00' + r.i * interval '37 minutes'
FROM public.jtbds AS j
JOIN public.tenants AS tn ON tn.id = j.tenant_id
JOIN public.jtbd_desired_outcomes AS o
  ON o.tenant_id = j.tenant_id AND o.id = vital.seed_uuid('jtbd_desired_outcomes', tn.subdomain, j.slug, '1')
CROSS JOIN generate_series(1, 10) AS r(i)
WHERE j.id = vital.seed_uuid('jtbds', tn.subdomain, j.slug)
ON CONFLICT DO NOTHING;

-- == jtbd_gen_ai_opportunities ===============================================
-- outcome = the desired outcome (same JTBD) the opportunity mainly improves.
INSERT INTO public.jtbd_gen_ai_opportunities (id, tenant_id, jtbd_id, outcome_id, title, description,
                                              opportunity_type, automation_level, impact_level, feasibility,
                                              estimated_time_savings_pct, priority, status)
SELECT vital.seed_uuid('jtbd_gen_ai_opportunities', v.t, v.slug, v.n::text),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.seed_uuid('jtbd_desired_outcomes', v.t, v.slug, v.outcome::text),
       v.title, v.description, v.kind, v.automation, v.impact, v.feasibility, v.savings, v.priority, v.status
FROM (VALUES
  ('platform', 'prepare-ind-submission', 1, 1, 'Assisted IND assembly and consistency checking',
   'Retrieval over final study reports drafts the summaries, and a checker confirms that values agree across modules before publishing.',
   'content_generation', 'augment', 'high', 'high', 30, 1, 'piloting'),
  ('platform', 'design-adaptive-protocol', 1, 1, 'Simulation-backed design exploration',
   'A design agent sets up, runs and summarises simulations of candidate adaptive designs, so the team compares options in days rather than weeks.',
   'decision_support', 'augment', 'high', 'medium', 35, 1, 'evaluating'),
  ('platform', 'monitor-trial-safety-signals', 1, 1, 'Continuous signal screening with narrative triage',
   'New cases are screened as they arrive and their narratives pre-read, so the safety physician spends time on evaluation rather than collation.',
   'insight_generation', 'augment', 'high', 'medium', 25, 1, 'piloting'),
  ('platform', 'respond-to-fda-deficiency-letter', 1, 1, 'Evidence retrieval for deficiency responses',
   'Search every prior submission and report for data that already answer each deficiency, and draft a response outline around them.',
   'knowledge_retrieval', 'augment', 'high', 'high', 40, 1, 'evaluating'),
  ('platform', 'build-value-dossier', 1, 1, 'Traceable dossier drafting',
   'Draft dossier chapters from tagged evidence and keep every claim linked to the reference that supports it.',
   'content_generation', 'augment', 'high', 'high', 35, 2, 'piloting'),
  ('platform', 'negotiate-payer-coverage', 1, 1, 'Offer scenario modelling',
   'Negotiators build and compare rebate and outcomes-based offers against the payer''s budget impact in minutes instead of days.',
   'decision_support', 'assist', 'medium', 'medium', 20, 2, 'identified'),
  ('platform', 'run-capa-investigation', 1, 1, 'Root-cause analysis assistant',
   'Link the new problem to similar past deviations and challenge proposed root causes that merely restate the symptom.',
   'decision_support', 'augment', 'high', 'high', 30, 1, 'piloting'),
  ('platform', 'prepare-for-gmp-inspection', 1, 1, 'Inspection back-room co-pilot',
   'Find requested records fast and keep the request log and the daily summary current while the inspection runs.',
   'knowledge_retrieval', 'augment', 'high', 'medium', 25, 1, 'evaluating'),
  ('platform', 'write-clinical-study-report', 1, 1, 'Output-to-text verification',
   'Check every number in the report body against the final tables, listings and figures, and re-check when outputs are re-delivered.',
   'automation', 'automate', 'high', 'high', 20, 1, 'deployed'),
  ('platform', 'write-clinical-study-report', 2, 2, 'Results drafting from final outputs',
   'Draft the results sections from the final outputs so that writers spend their time on interpretation and key messages.',
   'content_generation', 'augment', 'high', 'medium', 30, 2, 'piloting'),
  ('platform', 'plan-statistical-analysis', 1, 1, 'Estimand and SAP drafting support',
   'Help statisticians draft estimands and SAP sections and check them against the protocol as both evolve.',
   'content_generation', 'augment', 'medium', 'high', 25, 2, 'evaluating'),
  ('platform', 'clean-and-lock-trial-database', 1, 1, 'Query resolution acceleration',
   'Prioritise and draft clear queries, and predict which sites will block the lock while there is still time to act.',
   'automation', 'augment', 'high', 'high', 30, 1, 'piloting'),
  ('platform', 'track-regulatory-intelligence', 1, 1, 'Automated horizon scanning',
   'Monitor agency publications, summarise each new item and route an impact assessment to the owners of affected programmes.',
   'insight_generation', 'automate', 'high', 'high', 50, 1, 'deployed'),
  ('platform', 'assess-hipaa-breach', 1, 1, 'Guided breach risk assessment',
   'Walk the privacy officer through the four-factor assessment, collect the facts it needs and draft the decision record.',
   'decision_support', 'assist', 'high', 'medium', 30, 1, 'evaluating'),
  ('platform', 'engage-key-opinion-leaders', 1, 1, 'Pre-call briefing and insight capture',
   'Prepare field medical staff with concise expert briefings and turn their meeting notes into structured, coded insights.',
   'knowledge_retrieval', 'augment', 'medium', 'high', 25, 2, 'piloting'),
  ('platform', 'plan-product-launch', 1, 1, 'Launch readiness radar',
   'Pull readiness status from every function''s plan and surface gaps before each launch review.',
   'insight_generation', 'augment', 'high', 'medium', 20, 2, 'identified'),
  ('platform', 'select-trial-sites', 1, 1, 'Data-driven site selection',
   'Score candidate sites on past performance and patient availability rather than on self-reported estimates alone.',
   'decision_support', 'augment', 'high', 'medium', 30, 1, 'evaluating'),
  ('platform', 'manage-post-market-surveillance', 1, 3, 'Literature and case intake automation',
   'Screen literature and incoming reports for valid cases and pre-populate case entry in the safety database.',
   'automation', 'augment', 'high', 'high', 40, 1, 'deployed'),
  ('platform', 'justify-sample-size', 1, 1, 'Assumption finder and calculator',
   'Find credible assumptions in prior studies and run reproducible sample-size scenarios around them.',
   'knowledge_retrieval', 'assist', 'medium', 'high', 30, 3, 'identified'),
  ('platform', 'run-health-economic-model', 1, 1, 'Model verification assistant',
   'Check model formulas and trace every input to its source before the model leaves the building.',
   'automation', 'augment', 'high', 'medium', 25, 1, 'evaluating'),
  ('platform', 'train-staff-on-sops', 1, 2, 'Change-aware training generation',
   'Identify the roles a SOP change affects and generate short, risk-based training with a matching assessment.',
   'content_generation', 'augment', 'medium', 'high', 40, 2, 'piloting'),
  ('acme', 'answer-oncology-medical-inquiries', 1, 1, 'Evidence-grounded medical information drafting',
   'Retrieve the label, standard responses and literature for each inquiry and draft an answer for medical review.',
   'content_generation', 'augment', 'high', 'high', 35, 1, 'piloting'),
  ('pharmaco', 'prepare-orphan-drug-designation', 1, 1, 'Prevalence evidence synthesis',
   'Assemble prevalence estimates from registries and the literature and show the arithmetic behind each one.',
   'insight_generation', 'augment', 'high', 'medium', 30, 1, 'evaluating')
) AS v(t, slug, n, outcome, title, description, kind, automation, impact, feasibility, savings, priority, status)
ON CONFLICT DO NOTHING;

-- == jtbd_gen_ai_use_cases ===================================================
INSERT INTO public.jtbd_gen_ai_use_cases (id, tenant_id, opportunity_id, title, description, ai_technique,
                                          human_oversight, risk_level, input_data, output_artifact,
                                          regulatory_considerations, position, status)
SELECT vital.seed_uuid('jtbd_gen_ai_use_cases', v.t, v.slug, v.opp::text, v.n::text),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbd_gen_ai_opportunities', v.t, v.slug, v.opp::text),
       v.title, v.description, v.technique,
       CASE v.oversight WHEN 'loop' THEN 'human_in_the_loop' WHEN 'watch' THEN 'human_on_the_loop'
                        ELSE 'fully_automated' END,
       v.risk, v.input_data, v.output_artifact, v.regulatory, v.n,
       CASE WHEN v.t = 'platform' THEN 'validated' ELSE 'proposed' END
FROM (VALUES
  ('platform', 'prepare-ind-submission', 1, 1, 'Draft nonclinical overviews from study reports', 'Draft the nonclinical overview and written summaries with a citation for every statement.', 'drafting', 'loop', 'medium', 'Final GLP toxicology and pharmacology reports', 'Draft Module 2.4 and 2.6 text with source citations', 'Every statement must trace to a final, QA-audited report.'),
  ('platform', 'prepare-ind-submission', 1, 2, 'Flag values that disagree across modules', 'Extract doses, batch numbers and study identifiers from every module and list disagreements.', 'extraction', 'loop', 'low', 'Draft Modules 2 to 5', 'Discrepancy list with locations', 'A reviewer confirms each finding before the text changes.'),
  ('platform', 'prepare-ind-submission', 1, 3, 'Pre-check the sequence against technical rules', 'Check a publishing-ready sequence against the agency''s technical conformance rules before transmission.', 'classification', 'watch', 'low', 'Publishing-ready eCTD sequence', 'Validation findings ranked by severity', 'The validated publishing tool stays the system of record.'),

  ('platform', 'design-adaptive-protocol', 1, 1, 'Generate simulation code from a design specification', 'Turn a structured design specification into simulation scripts for review.', 'drafting', 'loop', 'medium', 'Design specification and assumptions', 'Reviewed R simulation scripts', 'Scripts are validated and version-controlled before their results are used.'),
  ('platform', 'design-adaptive-protocol', 1, 2, 'Summarise operating characteristics', 'Compare power, type I error and expected sample size across scenarios in plain language.', 'summarisation', 'loop', 'low', 'Simulation outputs', 'Comparison tables with the trade-offs explained', NULL),
  ('platform', 'design-adaptive-protocol', 1, 3, 'Find precedent adaptive designs', 'Search public assessment reports and publications for adaptive designs agencies accepted.', 'retrieval_augmented_generation', 'watch', 'low', 'Public assessment reports and published trials', 'Annotated list of precedents with the adaptation used', NULL),
  ('platform', 'design-adaptive-protocol', 1, 4, 'Draft the adaptation section of the protocol', 'Draft the protocol text and committee charter for the chosen decision rules.', 'drafting', 'loop', 'medium', 'Chosen design and decision rules', 'Draft protocol section and charter text', 'Decision rules must match the simulation report exactly.'),

  ('platform', 'monitor-trial-safety-signals', 1, 1, 'Suggest groupings of related MedDRA terms', 'Propose groupings of preferred terms that describe the same clinical concept.', 'classification', 'loop', 'medium', 'Coded adverse events', 'Proposed groupings with rationale', 'Final coding stays with trained coders.'),
  ('platform', 'monitor-trial-safety-signals', 1, 2, 'Summarise case narratives for a candidate signal', 'Summarise time to onset, dechallenge, rechallenge and confounders across the cases of a signal.', 'summarisation', 'loop', 'medium', 'Case narratives and listings', 'Structured case series summary', 'Causality judgement stays with the safety physician.'),
  ('platform', 'monitor-trial-safety-signals', 1, 3, 'Detect unusual clusters by site or dose', 'Rank clusters of events by site, dose level and time window for review.', 'anomaly_detection', 'watch', 'low', 'Aggregate adverse event data', 'Ranked clusters for the weekly review', NULL),

  ('platform', 'respond-to-fda-deficiency-letter', 1, 1, 'Split the letter into tracked deficiencies', 'Turn the letter into a list of deficiencies and sub-points with owners and deadlines.', 'extraction', 'loop', 'low', 'Agency letter', 'Deficiency tracker', NULL),
  ('platform', 'respond-to-fda-deficiency-letter', 1, 2, 'Retrieve prior data for each deficiency', 'Find passages in earlier submissions and reports that address each deficiency.', 'retrieval_augmented_generation', 'loop', 'medium', 'Submission archive and study reports', 'Ranked evidence with document and page references', 'Retrieved text is quoted, never paraphrased, in the response.'),
  ('platform', 'respond-to-fda-deficiency-letter', 1, 3, 'Check that the draft answers every sub-point', 'Compare the draft response with the letter and mark sub-points left unanswered.', 'classification', 'loop', 'low', 'Draft response and the letter', 'Coverage matrix of sub-points', NULL),

  ('platform', 'build-value-dossier', 1, 1, 'Draft the burden-of-illness chapter', 'Draft the disease burden chapter from a curated literature set.', 'drafting', 'loop', 'medium', 'Curated literature set', 'Draft chapter with citations', NULL),
  ('platform', 'build-value-dossier', 1, 2, 'Check each claim against its reference', 'Confirm that each claim and number matches the cited source.', 'extraction', 'loop', 'low', 'Draft dossier and its references', 'Unsupported-claim report', NULL),
  ('platform', 'build-value-dossier', 1, 3, 'Produce local adaptation notes', 'Suggest how each chapter should change for a given country''s HTA requirements.', 'drafting', 'loop', 'medium', 'Dossier and country HTA requirements', 'Country adaptation notes', 'Local medical review remains mandatory.'),

  ('platform', 'negotiate-payer-coverage', 1, 1, 'Build offer scenarios', 'Generate net price and budget-impact scenarios within the pricing guardrails.', 'forecasting', 'loop', 'medium', 'Pricing guardrails and payer data', 'Scenario table of net price and budget impact', 'Government-pricing effects are reviewed by the pricing team.'),
  ('platform', 'negotiate-payer-coverage', 1, 2, 'Summarise the payer''s formulary policy', 'Condense published formulary and utilisation-management policies into a payer profile.', 'summarisation', 'watch', 'low', 'Published formulary documents', 'One-page payer profile', NULL),
  ('platform', 'negotiate-payer-coverage', 1, 3, 'Flag pull-through problems', 'Detect regions and plans where prior-authorisation approvals lag after listing.', 'anomaly_detection', 'watch', 'low', 'Claims and prior-authorisation data', 'Weekly alert of low-approval regions', NULL),

  ('platform', 'run-capa-investigation', 1, 1, 'Find similar past deviations and CAPAs', 'Search quality records for events similar to the new problem and show their root causes.', 'retrieval_augmented_generation', 'watch', 'low', 'Deviation and CAPA records', 'Ranked list of similar events', NULL),
  ('platform', 'run-capa-investigation', 1, 2, 'Challenge a proposed root cause', 'Ask the questions that test whether a proposed cause explains every occurrence.', 'classification', 'loop', 'medium', 'Investigation draft', 'Challenge questions for the investigator', 'The investigator and QA approve the final root cause.'),
  ('platform', 'run-capa-investigation', 1, 3, 'Draft effectiveness check criteria', 'Propose measurable effectiveness criteria and a time window for each action.', 'drafting', 'loop', 'low', 'CAPA plan', 'Effectiveness criteria', NULL),

  ('platform', 'prepare-for-gmp-inspection', 1, 1, 'Locate records named in an inspector request', 'Find candidate records in document and quality systems for back-room review.', 'retrieval_augmented_generation', 'loop', 'medium', 'Document management and quality systems', 'Links to candidate records', 'Only approved, effective versions may be shown to inspectors.'),
  ('platform', 'prepare-for-gmp-inspection', 1, 2, 'Summarise each inspection day', 'Summarise the requests, documents provided and verbal observations of the day.', 'summarisation', 'loop', 'low', 'Request log and scribe notes', 'Daily summary with open items', NULL),
  ('platform', 'prepare-for-gmp-inspection', 1, 3, 'Pre-screen open quality records for exposure', 'Rank open CAPAs and deviations by the risk they pose in an inspection.', 'classification', 'loop', 'low', 'Open quality records', 'Risk-ranked list for mock inspection topics', NULL),

  ('platform', 'write-clinical-study-report', 1, 1, 'Match numbers in the text to their outputs', 'Find each number in the text and match it to the table, listing or figure it came from.', 'extraction', 'watch', 'low', 'Report draft and final outputs', 'Mismatch report with locations', 'The QC record is kept in the report''s audit trail.'),
  ('platform', 'write-clinical-study-report', 1, 2, 'Flag statements without a source output', 'Mark quantitative statements that no output supports.', 'classification', 'watch', 'low', 'Report draft', 'List of unsupported statements', NULL),
  ('platform', 'write-clinical-study-report', 1, 3, 'Track numbers that change between deliveries', 'Compare successive output deliveries and mark the paragraphs they affect.', 'anomaly_detection', 'auto', 'low', 'Successive output deliveries', 'Change list of affected paragraphs', NULL),
  ('platform', 'write-clinical-study-report', 2, 1, 'Draft efficacy results text', 'Draft the efficacy results from the final tables following the SAP order.', 'drafting', 'loop', 'medium', 'Efficacy tables and the SAP', 'Draft efficacy section', NULL),
  ('platform', 'write-clinical-study-report', 2, 2, 'Draft safety results text', 'Draft the overview of adverse events, laboratory data and vital signs.', 'drafting', 'loop', 'medium', 'Safety tables and listings', 'Draft safety section', 'Narratives of deaths and serious events are written by people.'),
  ('platform', 'write-clinical-study-report', 2, 3, 'Consolidate reviewer comments', 'Merge comments from all reviewers into one log grouped by section and theme.', 'summarisation', 'loop', 'low', 'Reviewer comment files', 'Single comment log', NULL),

  ('platform', 'plan-statistical-analysis', 1, 1, 'Propose estimand attributes', 'Propose population, variable, intercurrent-event strategies and summary measure for each objective.', 'drafting', 'loop', 'medium', 'Protocol objectives and endpoints', 'Draft estimand table', 'The trial statistician owns the final estimands.'),
  ('platform', 'plan-statistical-analysis', 1, 2, 'Check the SAP against the protocol', 'List differences between SAP analyses and protocol statements.', 'classification', 'loop', 'low', 'SAP and protocol', 'Inconsistency list', NULL),
  ('platform', 'plan-statistical-analysis', 1, 3, 'Generate output shells from the SAP', 'Produce table, listing and figure shells for every analysis in the SAP.', 'drafting', 'watch', 'low', 'SAP analyses', 'Output shells', NULL),

  ('platform', 'clean-and-lock-trial-database', 1, 1, 'Draft clear, specific queries', 'Turn edit-check hits into queries a site can answer at first reading.', 'drafting', 'loop', 'low', 'Edit-check hits and data', 'Query text ready to issue', 'Queries must not lead the site to a particular answer.'),
  ('platform', 'clean-and-lock-trial-database', 1, 2, 'Predict lock blockers by site', 'Predict which sites will still have open issues on the lock date.', 'forecasting', 'watch', 'low', 'Query ageing and site history', 'Ranked list of sites at risk', NULL),
  ('platform', 'clean-and-lock-trial-database', 1, 3, 'Reconcile laboratory data with the EDC', 'Match central laboratory transfers with EDC visits and samples.', 'extraction', 'loop', 'medium', 'Laboratory transfers and EDC data', 'Discrepancy listing', NULL),

  ('platform', 'track-regulatory-intelligence', 1, 1, 'Collect and deduplicate new publications', 'Gather new items from agency sites and feeds and remove duplicates.', 'extraction', 'auto', 'low', 'Agency websites and feeds', 'Daily list of new items', NULL),
  ('platform', 'track-regulatory-intelligence', 1, 2, 'Summarise a guidance document', 'Write a half-page summary of what a guidance changes and for whom.', 'summarisation', 'watch', 'low', 'Guidance text', 'Guidance summary', NULL),
  ('platform', 'track-regulatory-intelligence', 1, 3, 'Classify relevance to programmes', 'Tag each item with the programmes and functions it affects.', 'classification', 'loop', 'medium', 'Summaries and the programme register', 'Relevance tags and suggested owners', NULL),
  ('platform', 'track-regulatory-intelligence', 1, 4, 'Translate publications that are not in English', 'Produce working translations of publications from non-English-speaking agencies.', 'translation', 'watch', 'medium', 'Agency publications in Japanese or Chinese', 'English working translation', 'Working translations are marked as unofficial.'),

  ('platform', 'assess-hipaa-breach', 1, 1, 'Identify affected individuals from logs', 'List the records and data elements an incident touched.', 'extraction', 'loop', 'high', 'Access logs and data inventories', 'Affected records by data element', 'Processing stays inside the covered entity''s environment.'),
  ('platform', 'assess-hipaa-breach', 1, 2, 'Draft the four-factor assessment', 'Draft the risk assessment and list the facts still missing.', 'drafting', 'loop', 'medium', 'Incident facts', 'Draft assessment with open questions', 'The privacy officer makes the breach determination.'),
  ('platform', 'assess-hipaa-breach', 1, 3, 'Draft notification letters', 'Draft individual and regulator notices with the required content.', 'drafting', 'loop', 'medium', 'Breach determination and affected population', 'Notice drafts', NULL),

  ('platform', 'engage-key-opinion-leaders', 1, 1, 'Build an expert briefing', 'Summarise an expert''s recent publications, trials and past interactions.', 'summarisation', 'watch', 'low', 'Publications, trials and interaction history', 'One-page briefing', NULL),
  ('platform', 'engage-key-opinion-leaders', 1, 2, 'Structure insights from meeting notes', 'Turn free-text meeting notes into coded insights ready for the CRM.', 'extraction', 'loop', 'medium', 'Field notes', 'Coded insights', 'Adverse events mentioned in notes are forwarded to pharmacovigilance.'),
  ('platform', 'engage-key-opinion-leaders', 1, 3, 'Group insights into themes', 'Cluster insights from the whole field team into monthly themes.', 'classification', 'watch', 'low', 'Insights across the field team', 'Monthly theme report', NULL),

  ('platform', 'plan-product-launch', 1, 1, 'Summarise functional readiness reports', 'Condense each function''s readiness report into one cross-functional view.', 'summarisation', 'watch', 'low', 'Function status reports', 'Readiness overview', NULL),
  ('platform', 'plan-product-launch', 1, 2, 'Forecast uptake scenarios', 'Build uptake scenarios from analogue launches and market research.', 'forecasting', 'loop', 'medium', 'Analogue launches and market research', 'Scenario forecasts with assumptions', NULL),
  ('platform', 'plan-product-launch', 1, 3, 'Flag regions with lagging uptake', 'Alert the team when a region falls behind its forecast curve.', 'anomaly_detection', 'watch', 'low', 'Early sales and access data', 'Weekly alerts', NULL),

  ('platform', 'select-trial-sites', 1, 1, 'Score sites on historical performance', 'Predict enrolment and data quality from each site''s track record.', 'forecasting', 'loop', 'medium', 'Site performance database', 'Ranked sites with predicted enrolment', NULL),
  ('platform', 'select-trial-sites', 1, 2, 'Pre-fill feasibility questionnaires', 'Fill known answers from earlier questionnaires for the site to confirm.', 'extraction', 'loop', 'low', 'Previous questionnaires and site profiles', 'Pre-filled questionnaire', NULL),
  ('platform', 'select-trial-sites', 1, 3, 'Summarise contract deviations from templates', 'List the non-standard clauses in a site''s contract redline.', 'summarisation', 'loop', 'low', 'Site contract redlines', 'Non-standard clause list', NULL),

  ('platform', 'manage-post-market-surveillance', 1, 1, 'Screen literature for reportable cases', 'Flag articles that describe an identifiable patient, reporter, product and event.', 'classification', 'loop', 'medium', 'Weekly literature search results', 'Articles flagged with suspected cases', 'The missed-case rate is monitored as part of the validated process.'),
  ('platform', 'manage-post-market-surveillance', 1, 2, 'Extract case data into the safety database', 'Pre-populate case forms from source documents.', 'extraction', 'loop', 'medium', 'Source reports', 'Pre-populated case form', NULL),
  ('platform', 'manage-post-market-surveillance', 1, 3, 'Draft periodic report sections', 'Draft the cumulative exposure, signal and benefit-risk sections.', 'drafting', 'loop', 'medium', 'Cumulative data and signal reviews', 'Draft report sections', NULL),

  ('platform', 'justify-sample-size', 1, 1, 'Find variance and event-rate estimates', 'Find estimates in published and internal studies with their context.', 'retrieval_augmented_generation', 'loop', 'medium', 'Published trials and internal studies', 'Assumption table with sources', NULL),
  ('platform', 'justify-sample-size', 1, 2, 'Run scenario calculations', 'Run the calculation over a grid of assumptions and keep the script.', 'agentic_workflow', 'loop', 'low', 'Design parameters', 'Reproducible script and results', NULL),
  ('platform', 'justify-sample-size', 1, 3, 'Draft the protocol justification', 'Write the sample-size section with references and software used.', 'drafting', 'loop', 'low', 'Chosen scenario', 'Protocol sample-size section', NULL),

  ('platform', 'run-health-economic-model', 1, 1, 'Audit spreadsheet formulas', 'Find inconsistent, hard-coded or broken formulas in the model.', 'anomaly_detection', 'loop', 'low', 'Model workbook', 'List of suspicious formulas', NULL),
  ('platform', 'run-health-economic-model', 1, 2, 'Trace inputs to sources', 'Match each model input with the reference it came from.', 'extraction', 'loop', 'low', 'Model inputs and reference library', 'Input-to-source table', NULL),
  ('platform', 'run-health-economic-model', 1, 3, 'Draft answers to clarification questions', 'Draft answers with the scenario results each question needs.', 'drafting', 'loop', 'medium', 'Clarification questions and the model', 'Draft answers', NULL),

  ('platform', 'train-staff-on-sops', 1, 1, 'Summarise what changed in a revision', 'Compare the old and new SOP and summarise the changes for trainees.', 'summarisation', 'watch', 'low', 'Old and new SOP versions', 'Change summary', NULL),
  ('platform', 'train-staff-on-sops', 1, 2, 'Generate an understanding check', 'Write questions that test the changed steps, not just recall.', 'drafting', 'loop', 'low', 'SOP and change summary', 'Five to ten assessment questions', NULL),
  ('platform', 'train-staff-on-sops', 1, 3, 'Map the change to affected roles', 'Propose the roles and people who must train on the change.', 'classification', 'loop', 'medium', 'SOP and training matrix', 'List of roles and people to assign', NULL),

  ('acme', 'answer-oncology-medical-inquiries', 1, 1, 'Retrieve evidence for a question', 'Rank label, standard-response and literature passages for an inquiry.', 'retrieval_augmented_generation', 'watch', 'low', 'Label, standard responses and literature', 'Ranked evidence passages', NULL),
  ('acme', 'answer-oncology-medical-inquiries', 1, 2, 'Draft a balanced answer', 'Draft a response letter that presents the evidence fairly.', 'drafting', 'loop', 'medium', 'Inquiry and evidence', 'Draft response letter', 'Off-label content requires a second medical reviewer.'),
  ('acme', 'answer-oncology-medical-inquiries', 1, 3, 'Detect adverse events in inquiries', 'Flag inquiries that mention an adverse event or product complaint.', 'classification', 'watch', 'medium', 'Inquiry text', 'Flag and forwarding record', NULL),

  ('pharmaco', 'prepare-orphan-drug-designation', 1, 1, 'Extract prevalence figures from literature', 'Collect prevalence and incidence figures with their populations and years.', 'extraction', 'loop', 'medium', 'Epidemiology literature', 'Prevalence table with sources', NULL),
  ('pharmaco', 'prepare-orphan-drug-designation', 1, 2, 'Draft the scientific rationale', 'Draft the medical plausibility section from the nonclinical data.', 'drafting', 'loop', 'medium', 'Nonclinical study reports', 'Draft rationale section', NULL),
  ('pharmaco', 'prepare-orphan-drug-designation', 1, 3, 'Check estimates against thresholds', 'Test the prevalence estimate against US and EU thresholds under sensitivity ranges.', 'classification', 'loop', 'low', 'Prevalence calculation', 'Threshold check', NULL)
) AS v(t, slug, opp, n, title, description, technique, oversight, risk, input_data, output_artifact, regulatory)
ON CONFLICT DO NOTHING;

-- == jtbd_executors ==========================================================
INSERT INTO public.jtbd_executors (id, tenant_id, jtbd_id, persona_tenant_id, persona_id, involvement_type, notes)
SELECT vital.seed_uuid('jtbd_executors', v.t, v.slug, v.persona),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.platform_tenant_id(), vital.seed_uuid('personas', 'platform', v.persona),
       v.involvement, v.notes
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'medical-writer', 'contributor', 'Writes the clinical and nonclinical summaries.'),
  ('platform', 'design-adaptive-protocol', 'biostatistics-lead', 'co_executor', 'Runs the simulations and owns the decision rules.'),
  ('platform', 'monitor-trial-safety-signals', 'clinical-operations-manager', 'informed', 'Needs early notice when site procedures must change.'),
  ('platform', 'respond-to-fda-deficiency-letter', 'quality-assurance-lead', 'contributor', 'Answers manufacturing and inspection-related deficiencies.'),
  ('platform', 'build-value-dossier', 'commercial-strategy-director', 'consulted', 'Keeps the value story consistent with brand positioning.'),
  ('platform', 'negotiate-payer-coverage', 'commercial-strategy-director', 'approver', 'Approves offers that change the brand plan.'),
  ('platform', 'run-capa-investigation', 'regulatory-affairs-director', 'informed', 'Decides whether the problem must be reported to an agency.'),
  ('platform', 'prepare-for-gmp-inspection', 'regulatory-affairs-director', 'consulted', 'Handles agency correspondence before and after the inspection.'),
  ('platform', 'write-clinical-study-report', 'biostatistics-lead', 'contributor', 'Provides and explains the statistical outputs.'),
  ('platform', 'plan-statistical-analysis', 'clinical-data-manager', 'consulted', 'Confirms that the data collected support each analysis.'),
  ('platform', 'clean-and-lock-trial-database', 'biostatistics-lead', 'beneficiary', 'Receives the locked data for analysis.'),
  ('platform', 'track-regulatory-intelligence', 'chief-medical-officer', 'informed', 'Receives the high-impact alerts.'),
  ('platform', 'assess-hipaa-breach', 'quality-assurance-lead', 'consulted', 'Checks whether GxP records were affected.'),
  ('platform', 'engage-key-opinion-leaders', 'chief-medical-officer', 'beneficiary', 'Uses field insights to shape medical strategy.'),
  ('platform', 'plan-product-launch', 'market-access-director', 'co_executor', 'Owns the access part of launch readiness.'),
  ('platform', 'select-trial-sites', 'clinical-data-manager', 'consulted', 'Advises on each site''s data-quality history.'),
  ('platform', 'manage-post-market-surveillance', 'regulatory-affairs-director', 'contributor', 'Files the label changes that follow from confirmed risks.'),
  ('platform', 'justify-sample-size', 'chief-medical-officer', 'approver', 'Agrees the clinically relevant difference.'),
  ('platform', 'run-health-economic-model', 'biostatistics-lead', 'contributor', 'Provides survival extrapolations and indirect comparisons.'),
  ('platform', 'train-staff-on-sops', 'clinical-operations-manager', 'beneficiary', 'Relies on trained staff to run studies compliantly.'),
  ('acme', 'answer-oncology-medical-inquiries', 'pharmacovigilance-physician', 'consulted', 'Receives adverse events found in inquiries.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'medical-writer', 'contributor', 'Writes the scientific rationale.')
) AS v(t, slug, persona, involvement, notes)
ON CONFLICT DO NOTHING;

-- == jtbd_roles ==============================================================
-- The executor's org role is accountable; a second role takes part.
INSERT INTO public.jtbd_roles (id, tenant_id, jtbd_id, org_role_tenant_id, org_role_id, raci)
SELECT vital.seed_uuid('jtbd_roles', v.t, v.slug, v.role),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.platform_tenant_id(), vital.seed_uuid('org_roles', 'platform', v.role),
       v.raci
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'regulatory-affairs-director', 'accountable'),
  ('platform', 'prepare-ind-submission', 'medical-writer', 'responsible'),
  ('platform', 'design-adaptive-protocol', 'chief-medical-officer', 'accountable'),
  ('platform', 'design-adaptive-protocol', 'biostatistics-lead', 'responsible'),
  ('platform', 'monitor-trial-safety-signals', 'pharmacovigilance-physician', 'accountable'),
  ('platform', 'monitor-trial-safety-signals', 'clinical-operations-manager', 'informed'),
  ('platform', 'respond-to-fda-deficiency-letter', 'regulatory-affairs-director', 'accountable'),
  ('platform', 'respond-to-fda-deficiency-letter', 'quality-assurance-lead', 'responsible'),
  ('platform', 'build-value-dossier', 'market-access-director', 'accountable'),
  ('platform', 'build-value-dossier', 'commercial-strategy-director', 'consulted'),
  ('platform', 'negotiate-payer-coverage', 'market-access-director', 'accountable'),
  ('platform', 'negotiate-payer-coverage', 'commercial-strategy-director', 'consulted'),
  ('platform', 'run-capa-investigation', 'quality-assurance-lead', 'accountable'),
  ('platform', 'run-capa-investigation', 'regulatory-affairs-director', 'informed'),
  ('platform', 'prepare-for-gmp-inspection', 'quality-assurance-lead', 'accountable'),
  ('platform', 'prepare-for-gmp-inspection', 'regulatory-affairs-director', 'consulted'),
  ('platform', 'write-clinical-study-report', 'medical-writer', 'responsible'),
  ('platform', 'write-clinical-study-report', 'chief-medical-officer', 'accountable'),
  ('platform', 'plan-statistical-analysis', 'biostatistics-lead', 'accountable'),
  ('platform', 'plan-statistical-analysis', 'clinical-data-manager', 'consulted'),
  ('platform', 'clean-and-lock-trial-database', 'clinical-data-manager', 'accountable'),
  ('platform', 'clean-and-lock-trial-database', 'biostatistics-lead', 'informed'),
  ('platform', 'track-regulatory-intelligence', 'regulatory-affairs-director', 'accountable'),
  ('platform', 'track-regulatory-intelligence', 'chief-medical-officer', 'informed'),
  ('platform', 'assess-hipaa-breach', 'data-privacy-officer', 'accountable'),
  ('platform', 'assess-hipaa-breach', 'quality-assurance-lead', 'consulted'),
  ('platform', 'engage-key-opinion-leaders', 'medical-science-liaison', 'responsible'),
  ('platform', 'engage-key-opinion-leaders', 'chief-medical-officer', 'accountable'),
  ('platform', 'plan-product-launch', 'commercial-strategy-director', 'accountable'),
  ('platform', 'plan-product-launch', 'market-access-director', 'responsible'),
  ('platform', 'select-trial-sites', 'clinical-operations-manager', 'accountable'),
  ('platform', 'select-trial-sites', 'clinical-data-manager', 'consulted'),
  ('platform', 'manage-post-market-surveillance', 'pharmacovigilance-physician', 'accountable'),
  ('platform', 'manage-post-market-surveillance', 'regulatory-affairs-director', 'responsible'),
  ('platform', 'justify-sample-size', 'biostatistics-lead', 'responsible'),
  ('platform', 'justify-sample-size', 'chief-medical-officer', 'accountable'),
  ('platform', 'run-health-economic-model', 'market-access-director', 'accountable'),
  ('platform', 'run-health-economic-model', 'biostatistics-lead', 'responsible'),
  ('platform', 'train-staff-on-sops', 'quality-assurance-lead', 'accountable'),
  ('platform', 'train-staff-on-sops', 'clinical-operations-manager', 'informed'),
  ('acme', 'answer-oncology-medical-inquiries', 'medical-science-liaison', 'responsible'),
  ('acme', 'answer-oncology-medical-inquiries', 'pharmacovigilance-physician', 'informed'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'regulatory-affairs-director', 'accountable'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'medical-writer', 'responsible')
) AS v(t, slug, role, raci)
ON CONFLICT DO NOTHING;

-- == jtbd_constraints ========================================================
INSERT INTO public.jtbd_constraints (id, tenant_id, jtbd_id, constraint_type, description, is_negotiable)
SELECT vital.seed_uuid('jtbd_constraints', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.kind, v.description, v.negotiable
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'regulatory', 'Dosing may not start until 30 days after the agency receives the IND unless it agrees otherwise.', false),
  ('platform', 'design-adaptive-protocol', 'regulatory', 'Every adaptation must be pre-specified and must preserve control of the type I error rate.', false),
  ('platform', 'monitor-trial-safety-signals', 'regulatory', 'Fatal or life-threatening unexpected serious reactions must be reported within 7 days, others within 15.', false),
  ('platform', 'respond-to-fda-deficiency-letter', 'timeline', 'The response must arrive within the period the letter sets, or the application may be considered withdrawn.', false),
  ('platform', 'build-value-dossier', 'regulatory', 'Claims must stay consistent with the approved label in each market.', false),
  ('platform', 'negotiate-payer-coverage', 'regulatory', 'Price concessions affect government price reporting and best-price calculations.', false),
  ('platform', 'run-capa-investigation', 'timeline', 'Internal procedures require investigations to close within 30 days unless extended with justification.', true),
  ('platform', 'prepare-for-gmp-inspection', 'timeline', 'Announced inspections often give only a few weeks of notice.', false),
  ('platform', 'write-clinical-study-report', 'timeline', 'The report must be final before the submission publishing cut-off.', true),
  ('platform', 'plan-statistical-analysis', 'regulatory', 'The final SAP must be approved before the study is unblinded.', false),
  ('platform', 'clean-and-lock-trial-database', 'resource', 'Site staff answer queries alongside clinical work and have limited time.', true),
  ('platform', 'track-regulatory-intelligence', 'resource', 'A small team covers dozens of agencies and many therapeutic areas.', true),
  ('platform', 'assess-hipaa-breach', 'regulatory', 'Individuals must be notified without unreasonable delay and within 60 days of discovery.', false),
  ('platform', 'engage-key-opinion-leaders', 'regulatory', 'Field medical staff may not promote and must answer off-label questions only when unsolicited.', false),
  ('platform', 'plan-product-launch', 'regulatory', 'Promotion cannot start before approval, and the final label may differ from the planned one.', false),
  ('platform', 'select-trial-sites', 'budget', 'Per-patient budgets are capped by the study''s overall budget.', true),
  ('platform', 'manage-post-market-surveillance', 'regulatory', 'Serious unexpected cases carry a 15-day reporting clock from day zero.', false),
  ('platform', 'justify-sample-size', 'ethical', 'The trial must not enrol more participants than the question needs, nor too few to answer it.', false),
  ('platform', 'run-health-economic-model', 'technical', 'The HTA body prescribes the reference case, the discount rates and the accepted software.', false),
  ('platform', 'train-staff-on-sops', 'organisational', 'People may not perform a procedure before they are trained on its effective version.', false),
  ('acme', 'answer-oncology-medical-inquiries', 'regulatory', 'Answers to off-label questions may only be given in response to an unsolicited request.', false),
  ('pharmaco', 'prepare-orphan-drug-designation', 'regulatory', 'The condition must affect fewer than 200,000 people in the US and no more than 5 in 10,000 in the EU.', false)
) AS v(t, slug, kind, description, negotiable)
ON CONFLICT DO NOTHING;

-- == jtbd_obstacles ==========================================================
INSERT INTO public.jtbd_obstacles (id, tenant_id, jtbd_id, obstacle_type, description, frequency, impact)
SELECT vital.seed_uuid('jtbd_obstacles', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.kind, v.description, v.frequency, v.impact
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'process', 'Source reports arrive late and still in draft, so summaries are rewritten several times.', 'frequent', 'high'),
  ('platform', 'design-adaptive-protocol', 'knowledge', 'Few clinicians on the team are comfortable with simulation-based design arguments.', 'frequent', 'medium'),
  ('platform', 'monitor-trial-safety-signals', 'data', 'Safety data sit in separate databases for blinded and open-label studies.', 'constant', 'high'),
  ('platform', 'respond-to-fda-deficiency-letter', 'knowledge', 'The people who generated the original data have moved on.', 'occasional', 'high'),
  ('platform', 'build-value-dossier', 'data', 'Comparative evidence against the relevant standard of care is missing.', 'frequent', 'high'),
  ('platform', 'negotiate-payer-coverage', 'data', 'Payer-level utilisation data arrive months after the period they describe.', 'constant', 'medium'),
  ('platform', 'run-capa-investigation', 'organisational', 'Pressure to close quickly pushes teams toward the first plausible cause.', 'frequent', 'high'),
  ('platform', 'prepare-for-gmp-inspection', 'tooling', 'Records are spread across paper archives and several electronic systems.', 'frequent', 'high'),
  ('platform', 'write-clinical-study-report', 'process', 'Outputs are re-delivered late, after text based on the earlier version was written.', 'frequent', 'medium'),
  ('platform', 'plan-statistical-analysis', 'organisational', 'Clinical teams change endpoints or definitions after the SAP is drafted.', 'occasional', 'medium'),
  ('platform', 'clean-and-lock-trial-database', 'resource', 'Some sites answer queries only after repeated reminders.', 'frequent', 'high'),
  ('platform', 'track-regulatory-intelligence', 'tooling', 'Agency sites publish in different formats and languages with no common feed.', 'constant', 'medium'),
  ('platform', 'assess-hipaa-breach', 'data', 'Logs do not always show whether data were actually viewed.', 'frequent', 'high'),
  ('platform', 'engage-key-opinion-leaders', 'resource', 'Experts have little time, so meetings get rescheduled or shortened.', 'frequent', 'medium'),
  ('platform', 'plan-product-launch', 'organisational', 'Functions plan in separate tools and report readiness in different ways.', 'constant', 'medium'),
  ('platform', 'select-trial-sites', 'data', 'Sites overestimate how many eligible patients they will enrol.', 'constant', 'high'),
  ('platform', 'manage-post-market-surveillance', 'resource', 'Case volume grows faster than the case-processing team.', 'frequent', 'high'),
  ('platform', 'justify-sample-size', 'data', 'Published variance estimates come from populations unlike the planned one.', 'frequent', 'medium'),
  ('platform', 'run-health-economic-model', 'data', 'Utility values for the exact health states are not available.', 'frequent', 'medium'),
  ('platform', 'train-staff-on-sops', 'tooling', 'The training matrix is out of date when roles change.', 'occasional', 'medium'),
  ('acme', 'answer-oncology-medical-inquiries', 'knowledge', 'Evidence on new combination regimens changes faster than the standard responses.', 'frequent', 'medium'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'data', 'Published prevalence figures for the condition vary tenfold between sources.', 'constant', 'high')
) AS v(t, slug, kind, description, frequency, impact)
ON CONFLICT DO NOTHING;

-- == jtbd_pain_points ========================================================
-- step = the job map step where the pain is felt.
INSERT INTO public.jtbd_pain_points (id, tenant_id, jtbd_id, job_step_id, description, severity, frequency)
SELECT vital.seed_uuid('jtbd_pain_points', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.seed_uuid('jtbd_job_steps', v.t, v.slug, v.step::text),
       v.description, v.severity, v.frequency
FROM (VALUES
  ('platform', 'prepare-ind-submission', 4, 'Cross-checking doses and batch numbers by hand across hundreds of pages.', 'high', 'frequent'),
  ('platform', 'design-adaptive-protocol', 3, 'Each new design option means waiting days for another simulation run.', 'high', 'frequent'),
  ('platform', 'monitor-trial-safety-signals', 5, 'Reading dozens of narratives to evaluate one candidate signal.', 'high', 'frequent'),
  ('platform', 'respond-to-fda-deficiency-letter', 2, 'Searching old submissions for a table that answers a question.', 'high', 'frequent'),
  ('platform', 'build-value-dossier', 7, 'Rewriting whole chapters after every new data readout.', 'medium', 'occasional'),
  ('platform', 'negotiate-payer-coverage', 3, 'Rebuilding the budget-impact spreadsheet for every counter-offer.', 'medium', 'frequent'),
  ('platform', 'run-capa-investigation', 6, 'Waiting months to prove an action worked while the CAPA stays open.', 'medium', 'frequent'),
  ('platform', 'prepare-for-gmp-inspection', 5, 'Keeping an inspector waiting while a record is found.', 'critical', 'occasional'),
  ('platform', 'write-clinical-study-report', 4, 'Re-checking every number after each output re-delivery.', 'high', 'frequent'),
  ('platform', 'plan-statistical-analysis', 7, 'Writing justifications for SAP changes requested late by the clinical team.', 'medium', 'occasional'),
  ('platform', 'clean-and-lock-trial-database', 5, 'Chasing the same sites for the same queries every week.', 'high', 'constant'),
  ('platform', 'track-regulatory-intelligence', 2, 'Visiting dozens of agency sites by hand each week.', 'medium', 'constant'),
  ('platform', 'assess-hipaa-breach', 2, 'Working out from raw logs whose records were involved.', 'high', 'occasional'),
  ('platform', 'engage-key-opinion-leaders', 6, 'Typing up meeting notes late in the evening after travel.', 'medium', 'frequent'),
  ('platform', 'plan-product-launch', 4, 'Launch reviews spent reconciling status reports instead of deciding.', 'medium', 'frequent'),
  ('platform', 'select-trial-sites', 6, 'Discovering months after activation that a site will not enrol.', 'high', 'frequent'),
  ('platform', 'manage-post-market-surveillance', 2, 'Screening hundreds of literature hits to find a few reportable cases.', 'medium', 'constant'),
  ('platform', 'justify-sample-size', 2, 'Defending assumptions taken from a single small study.', 'medium', 'occasional'),
  ('platform', 'run-health-economic-model', 7, 'Rerunning the whole model overnight for every committee scenario.', 'medium', 'occasional'),
  ('platform', 'train-staff-on-sops', 6, 'Chasing overdue trainees in the last days before the effective date.', 'medium', 'frequent'),
  ('acme', 'answer-oncology-medical-inquiries', 2, 'Searching several systems for the latest data on a combination regimen.', 'medium', 'frequent'),
  ('pharmaco', 'prepare-orphan-drug-designation', 2, 'Reconciling prevalence figures that use different case definitions.', 'high', 'frequent')
) AS v(t, slug, step, description, severity, frequency)
ON CONFLICT DO NOTHING;

-- == jtbd_solution_requirements ==============================================
INSERT INTO public.jtbd_solution_requirements (id, tenant_id, jtbd_id, requirement, requirement_type, priority)
SELECT vital.seed_uuid('jtbd_solution_requirements', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.requirement, v.kind, v.priority
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Every generated sentence links to its source document and page.', 'regulatory', 'must'),
  ('platform', 'design-adaptive-protocol', 'Simulations are reproducible from a stored seed and script version.', 'regulatory', 'must'),
  ('platform', 'monitor-trial-safety-signals', 'Reads from the safety database without changing validated case data.', 'integration', 'must'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Searches the full submission archive, including scanned legacy documents.', 'functional', 'should'),
  ('platform', 'build-value-dossier', 'Keeps a link from every claim to its reference across versions.', 'functional', 'must'),
  ('platform', 'negotiate-payer-coverage', 'Keeps contract terms and pricing data restricted to authorised negotiators.', 'security', 'must'),
  ('platform', 'run-capa-investigation', 'Searches deviations, complaints and CAPAs across all sites.', 'integration', 'should'),
  ('platform', 'prepare-for-gmp-inspection', 'Returns only approved, effective document versions.', 'regulatory', 'must'),
  ('platform', 'write-clinical-study-report', 'Reads outputs in the formats statistical programmers deliver.', 'integration', 'must'),
  ('platform', 'plan-statistical-analysis', 'Versions every SAP change with author, date and reason.', 'regulatory', 'must'),
  ('platform', 'clean-and-lock-trial-database', 'Works with the EDC''s query workflow rather than beside it.', 'integration', 'must'),
  ('platform', 'track-regulatory-intelligence', 'Links every summary to the original publication.', 'functional', 'must'),
  ('platform', 'assess-hipaa-breach', 'Processes PHI only inside the covered entity''s environment.', 'security', 'must'),
  ('platform', 'engage-key-opinion-leaders', 'Works offline on a tablet and syncs with the CRM.', 'usability', 'should'),
  ('platform', 'plan-product-launch', 'Pulls status from existing project tools without double entry.', 'integration', 'should'),
  ('platform', 'select-trial-sites', 'Shows the evidence behind each site score.', 'functional', 'must'),
  ('platform', 'manage-post-market-surveillance', 'Operates inside a validated, 21 CFR Part 11 compliant process.', 'regulatory', 'must'),
  ('platform', 'justify-sample-size', 'Exports the calculation as a script that runs without the tool.', 'non_functional', 'should'),
  ('platform', 'run-health-economic-model', 'Produces models in the format the HTA body accepts.', 'functional', 'must'),
  ('platform', 'train-staff-on-sops', 'Writes completions back to the validated LMS.', 'integration', 'must'),
  ('acme', 'answer-oncology-medical-inquiries', 'Cites only approved sources in the standard-response library.', 'regulatory', 'must'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Shows every prevalence source with its case definition and year.', 'functional', 'must')
) AS v(t, slug, requirement, kind, priority)
ON CONFLICT DO NOTHING;

-- == jtbd_value_drivers ======================================================
INSERT INTO public.jtbd_value_drivers (id, tenant_id, jtbd_id, driver, value_category, magnitude, impact_estimate)
SELECT vital.seed_uuid('jtbd_value_drivers', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.driver, v.category, v.magnitude, v.estimate
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Earlier first dosing by avoiding rework and clinical holds', 'time_savings', 'high', 'Two to four weeks per IND'),
  ('platform', 'design-adaptive-protocol', 'Fewer patients exposed to ineffective doses', 'patient_outcomes', 'high', 'Up to a third fewer participants in phase 2'),
  ('platform', 'monitor-trial-safety-signals', 'Earlier detection of risks to participants', 'risk_reduction', 'high', 'Signals confirmed weeks earlier'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Approval in one more cycle instead of two', 'revenue_growth', 'high', 'Six to twelve months of earlier sales'),
  ('platform', 'build-value-dossier', 'Faster reimbursement submissions in each country', 'time_savings', 'medium', 'One to two months per market'),
  ('platform', 'negotiate-payer-coverage', 'Better net price at equal access', 'revenue_growth', 'high', 'One to three points of net price'),
  ('platform', 'run-capa-investigation', 'Fewer repeat deviations', 'quality_improvement', 'high', 'Recurrence halved for investigated problems'),
  ('platform', 'prepare-for-gmp-inspection', 'No warning letters or import alerts', 'compliance', 'high', 'Avoided supply interruption'),
  ('platform', 'write-clinical-study-report', 'Shorter time from lock to final report', 'time_savings', 'medium', 'Two to three weeks per report'),
  ('platform', 'plan-statistical-analysis', 'Credible results that survive review', 'risk_reduction', 'medium', 'Fewer post-hoc analyses requested'),
  ('platform', 'clean-and-lock-trial-database', 'Earlier top-line results', 'time_savings', 'high', 'One to three weeks per study'),
  ('platform', 'track-regulatory-intelligence', 'Strategy adjusted before changes bite', 'risk_reduction', 'medium', 'Fewer late protocol amendments'),
  ('platform', 'assess-hipaa-breach', 'Lower penalty and reputational exposure', 'compliance', 'high', 'No late-notification findings'),
  ('platform', 'engage-key-opinion-leaders', 'Medical strategy informed by current practice', 'quality_improvement', 'medium', 'More insights per field day'),
  ('platform', 'plan-product-launch', 'Faster uptake in the first year', 'revenue_growth', 'high', 'Several points of first-year share'),
  ('platform', 'select-trial-sites', 'Fewer non-enrolling sites', 'cost_reduction', 'high', 'Savings on activation of sites that never enrol'),
  ('platform', 'manage-post-market-surveillance', 'Current benefit-risk profile with no late reports', 'compliance', 'high', 'Late-case rate below one percent'),
  ('platform', 'justify-sample-size', 'Trials sized right the first time', 'cost_reduction', 'medium', 'Avoided sample-size increases mid-study'),
  ('platform', 'run-health-economic-model', 'Positive reimbursement recommendations', 'revenue_growth', 'high', 'Fewer rounds of committee review'),
  ('platform', 'train-staff-on-sops', 'No untrained staff performing GxP tasks', 'compliance', 'medium', 'On-time training above 98 percent'),
  ('acme', 'answer-oncology-medical-inquiries', 'Faster, consistent answers for oncologists', 'experience', 'medium', 'Median response time halved'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Fee waivers, tax credits and market exclusivity', 'revenue_growth', 'high', 'Seven years of US and ten years of EU exclusivity')
) AS v(t, slug, driver, category, magnitude, estimate)
ON CONFLICT DO NOTHING;

-- == jtbd_competing_solutions ================================================
INSERT INTO public.jtbd_competing_solutions (id, tenant_id, jtbd_id, name, solution_type, strengths, weaknesses, prevalence)
SELECT vital.seed_uuid('jtbd_competing_solutions', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.name, v.kind, v.strengths, v.weaknesses, v.prevalence
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Regulatory writing CRO', 'outsourced_vendor', 'Experienced writers and surge capacity', 'Costly, slow hand-offs and little product knowledge', 'common'),
  ('platform', 'design-adaptive-protocol', 'Commercial trial-design simulation software', 'commercial_software', 'Validated engines for common designs', 'Steep learning curve and limited flexibility', 'common'),
  ('platform', 'monitor-trial-safety-signals', 'Periodic manual review of line listings', 'manual_process', 'Physician judgement on every case', 'Slow and dependent on the reviewer''s attention', 'dominant'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Regulatory consultancy', 'consultancy', 'Former agency reviewers who know the expectations', 'Expensive and not familiar with internal data', 'common'),
  ('platform', 'build-value-dossier', 'Value-communication agency', 'outsourced_vendor', 'Strong writing and design', 'Long cycles for every update', 'dominant'),
  ('platform', 'negotiate-payer-coverage', 'Pricing spreadsheets', 'spreadsheet', 'Flexible and familiar', 'Error-prone and hard to audit', 'dominant'),
  ('platform', 'run-capa-investigation', 'Electronic quality management system', 'commercial_software', 'Workflow and audit trail', 'No help with the analysis itself', 'dominant'),
  ('platform', 'prepare-for-gmp-inspection', 'Mock inspections by consultants', 'consultancy', 'Realistic rehearsal', 'A snapshot that ages quickly', 'common'),
  ('platform', 'write-clinical-study-report', 'Manual QC by a second writer', 'manual_process', 'Catches meaning as well as numbers', 'Slow and repeated after every re-delivery', 'dominant'),
  ('platform', 'plan-statistical-analysis', 'Company SAP templates', 'in_house_tool', 'Consistency across studies', 'Encourage copying text that does not fit the study', 'common'),
  ('platform', 'clean-and-lock-trial-database', 'EDC reports and spreadsheets', 'spreadsheet', 'Available in every study', 'Manual consolidation every day', 'dominant'),
  ('platform', 'track-regulatory-intelligence', 'Subscription intelligence service', 'commercial_software', 'Broad coverage and curated alerts', 'Generic relevance and a separate login', 'common'),
  ('platform', 'assess-hipaa-breach', 'Outside privacy counsel', 'consultancy', 'Legal judgement and privilege', 'Expensive and not always available at once', 'common'),
  ('platform', 'engage-key-opinion-leaders', 'CRM with free-text notes', 'commercial_software', 'Central record of interactions', 'Insights buried in unstructured notes', 'dominant'),
  ('platform', 'plan-product-launch', 'Launch consultancy', 'consultancy', 'Playbooks from many launches', 'Generic plans and high fees', 'common'),
  ('platform', 'select-trial-sites', 'Feasibility questionnaires', 'manual_process', 'Direct input from sites', 'Optimistic self-reported estimates', 'dominant'),
  ('platform', 'manage-post-market-surveillance', 'Outsourced case processing', 'outsourced_vendor', 'Scalable capacity', 'Oversight effort and quality variation', 'common'),
  ('platform', 'justify-sample-size', 'Standalone power calculation software', 'commercial_software', 'Validated formulas', 'Does not help find or defend assumptions', 'dominant'),
  ('platform', 'run-health-economic-model', 'Health-economics consultancy', 'consultancy', 'Modelling expertise and HTA experience', 'Slow turnaround for new scenarios', 'dominant'),
  ('platform', 'train-staff-on-sops', 'Read-and-sign in the LMS', 'commercial_software', 'Simple and auditable', 'Proves reading, not understanding', 'dominant'),
  ('acme', 'answer-oncology-medical-inquiries', 'Medical information call-centre vendor', 'outsourced_vendor', 'Covers hours and languages', 'Escalates complex oncology questions back to us', 'common'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Epidemiology consultancy', 'consultancy', 'Access to claims databases', 'Slow and costly for a single estimate', 'common')
) AS v(t, slug, name, kind, strengths, weaknesses, prevalence)
ON CONFLICT DO NOTHING;

-- == jtbd_success_criteria ===================================================
INSERT INTO public.jtbd_success_criteria (id, tenant_id, jtbd_id, criterion, measurement_method, target, is_mandatory)
SELECT vital.seed_uuid('jtbd_success_criteria', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.criterion, v.method, v.target, v.mandatory
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'The study may proceed at the end of the review period', 'Agency outcome at day 30', 'No clinical hold', true),
  ('platform', 'design-adaptive-protocol', 'The agency accepts the adaptive design', 'Written meeting feedback', 'No request to remove an adaptation', true),
  ('platform', 'monitor-trial-safety-signals', 'Every validated signal is assessed within the agreed time', 'Signal log review', 'All signals assessed within 30 days', true),
  ('platform', 'respond-to-fda-deficiency-letter', 'The response resolves all deficiencies', 'Agency action on the resubmission', 'Approval without a further letter', true),
  ('platform', 'build-value-dossier', 'Affiliates use the dossier for their submissions', 'Affiliate survey and submission tracking', 'Used in every priority market', false),
  ('platform', 'negotiate-payer-coverage', 'The product is listed on the target tier', 'Executed contract', 'Preferred tier with no step edit', true),
  ('platform', 'run-capa-investigation', 'The problem does not recur', 'Trend of related deviations', 'No recurrence within 12 months', true),
  ('platform', 'prepare-for-gmp-inspection', 'The inspection closes without serious findings', 'Inspection report', 'No critical or major observations', true),
  ('platform', 'write-clinical-study-report', 'The report is final on the planned date', 'Milestone tracking', 'Signed off on schedule', true),
  ('platform', 'plan-statistical-analysis', 'No analysis needs a post-hoc definition', 'Comparison of CSR analyses with the SAP', 'All key analyses pre-specified', true),
  ('platform', 'clean-and-lock-trial-database', 'The database locks on the planned date', 'Lock checklist sign-off', 'Locked on schedule with no unlock', true),
  ('platform', 'track-regulatory-intelligence', 'Relevant changes reach owners quickly', 'Time from publication to alert', 'Within five working days', false),
  ('platform', 'assess-hipaa-breach', 'The decision is documented and defensible', 'Privacy audit of the file', 'Complete four-factor record', true),
  ('platform', 'engage-key-opinion-leaders', 'Insights are logged and used', 'CRM completeness and strategy reviews', 'Logged within two days', false),
  ('platform', 'plan-product-launch', 'First-year uptake meets the forecast', 'Sales against forecast', 'At least 90 percent of forecast', true),
  ('platform', 'select-trial-sites', 'Enrolment completes on time', 'Enrolment tracking', 'Last patient in on the planned date', true),
  ('platform', 'manage-post-market-surveillance', 'Cases are reported on time', 'Compliance metrics', 'At least 98 percent on time', true),
  ('platform', 'justify-sample-size', 'The design needs no sample-size change mid-study', 'Protocol amendment history', 'No unplanned increase', false),
  ('platform', 'run-health-economic-model', 'The committee accepts the model structure', 'Committee papers', 'No structural critique in the final guidance', true),
  ('platform', 'train-staff-on-sops', 'Everyone affected is trained before the effective date', 'LMS completion report', '100 percent on time', true),
  ('acme', 'answer-oncology-medical-inquiries', 'Answers are accurate and timely', 'Quality review sample and service-level report', 'No accuracy findings; answered within two business days', true),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Designation is granted in both regions', 'Agency decision letters', 'Granted without a second round of questions', true)
) AS v(t, slug, criterion, method, target, mandatory)
ON CONFLICT DO NOTHING;

-- == jtbd_kpis ===============================================================
INSERT INTO public.jtbd_kpis (id, tenant_id, jtbd_id, name, description, unit, direction,
                              baseline_value, target_value, measurement_frequency)
SELECT vital.seed_uuid('jtbd_kpis', v.t, v.slug, v.name),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.name, v.description, v.unit, v.direction, v.baseline, v.target, v.frequency
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Days from last IND-enabling report to submission', 'Elapsed time between the final nonclinical report and transmission.', 'days', 'decrease', 75, 45, 'per_occurrence'),
  ('platform', 'design-adaptive-protocol', 'Weeks from design kick-off to final protocol', 'Elapsed time to an approved protocol.', 'weeks', 'decrease', 16, 10, 'per_occurrence'),
  ('platform', 'monitor-trial-safety-signals', 'Median days from case receipt to signal screening', 'Latency between a new case and its first screening.', 'days', 'decrease', 14, 2, 'monthly'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Review cycles to approval', 'Number of review cycles before approval.', 'cycles', 'decrease', 2, 1, 'per_occurrence'),
  ('platform', 'build-value-dossier', 'Weeks to update the dossier after a readout', 'Time from new data to a released update.', 'weeks', 'decrease', 12, 4, 'per_occurrence'),
  ('platform', 'negotiate-payer-coverage', 'Covered lives on preferred tier', 'Share of covered lives with preferred access.', 'percent', 'increase', 55, 75, 'quarterly'),
  ('platform', 'run-capa-investigation', 'CAPA recurrence rate', 'Share of closed CAPAs whose problem recurs within a year.', 'percent', 'decrease', 18, 5, 'quarterly'),
  ('platform', 'prepare-for-gmp-inspection', 'Median minutes to produce a requested record', 'Time from request to record in the front room.', 'minutes', 'decrease', 45, 10, 'per_occurrence'),
  ('platform', 'write-clinical-study-report', 'Weeks from lock to final report', 'Elapsed time from database lock to signed report.', 'weeks', 'decrease', 12, 8, 'per_occurrence'),
  ('platform', 'plan-statistical-analysis', 'SAP amendments after first patient in', 'Number of SAP versions after enrolment starts.', 'amendments', 'decrease', 3, 1, 'per_occurrence'),
  ('platform', 'clean-and-lock-trial-database', 'Days from last visit to lock', 'Elapsed time between last patient last visit and database lock.', 'days', 'decrease', 42, 21, 'per_occurrence'),
  ('platform', 'track-regulatory-intelligence', 'Days from publication to impact alert', 'Latency of the intelligence process.', 'days', 'decrease', 15, 3, 'monthly'),
  ('platform', 'assess-hipaa-breach', 'Days from discovery to breach determination', 'Time to a documented decision.', 'days', 'decrease', 21, 7, 'per_occurrence'),
  ('platform', 'engage-key-opinion-leaders', 'Insights logged per interaction', 'Average coded insights per expert interaction.', 'insights', 'increase', 0.6, 1.5, 'monthly'),
  ('platform', 'plan-product-launch', 'First-year sales against forecast', 'Actual first-year sales as a share of the forecast.', 'percent', 'increase', 80, 100, 'quarterly'),
  ('platform', 'select-trial-sites', 'Share of sites enrolling no participants', 'Activated sites that never enrol.', 'percent', 'decrease', 20, 8, 'per_occurrence'),
  ('platform', 'manage-post-market-surveillance', 'On-time expedited reports', 'Share of expedited reports submitted within their deadline.', 'percent', 'increase', 95, 99, 'monthly'),
  ('platform', 'justify-sample-size', 'Unplanned sample-size increases', 'Share of trials needing an unplanned sample-size increase.', 'percent', 'decrease', 15, 5, 'annually'),
  ('platform', 'run-health-economic-model', 'Clarification questions per submission', 'Number of clarification questions from the evidence review group.', 'questions', 'decrease', 40, 20, 'per_occurrence'),
  ('platform', 'train-staff-on-sops', 'On-time training completion', 'Share of assignments completed before the effective date.', 'percent', 'increase', 90, 100, 'monthly'),
  ('acme', 'answer-oncology-medical-inquiries', 'Median business days to answer', 'Time from inquiry receipt to answer sent.', 'days', 'decrease', 4, 2, 'monthly'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Weeks from decision to submission', 'Time from the decision to file to both submissions.', 'weeks', 'decrease', 14, 8, 'per_occurrence')
) AS v(t, slug, name, description, unit, direction, baseline, target, frequency)
ON CONFLICT DO NOTHING;

-- == jtbd_enablers ===========================================================
INSERT INTO public.jtbd_enablers (id, tenant_id, jtbd_id, enabler, enabler_type, description)
SELECT vital.seed_uuid('jtbd_enablers', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.enabler, v.kind, v.description
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Structured content authoring', 'technology', 'Reusable content blocks keep values identical across modules.'),
  ('platform', 'design-adaptive-protocol', 'Agency guidance on adaptive designs', 'regulatory_guidance', 'Published expectations for pre-specification and error control.'),
  ('platform', 'monitor-trial-safety-signals', 'Pooled safety data model', 'data', 'One model for adverse events across all ongoing studies.'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Searchable submission archive', 'technology', 'Every past sequence indexed and searchable at page level.'),
  ('platform', 'build-value-dossier', 'Evidence library with tagged claims', 'data', 'References tagged by claim, population and comparator.'),
  ('platform', 'negotiate-payer-coverage', 'Pricing governance committee', 'organisational', 'Fast decisions on offer ranges.'),
  ('platform', 'run-capa-investigation', 'Root-cause analysis training', 'skill', 'Investigators trained in structured root-cause methods.'),
  ('platform', 'prepare-for-gmp-inspection', 'Inspection readiness programme', 'process', 'Standing mock inspections and a trained back-room team.'),
  ('platform', 'write-clinical-study-report', 'CDISC-standard outputs', 'data', 'Outputs produced in predictable, machine-readable structures.'),
  ('platform', 'plan-statistical-analysis', 'ICH E9 estimand framework', 'regulatory_guidance', 'A shared language for what each analysis estimates.'),
  ('platform', 'clean-and-lock-trial-database', 'Risk-based data review', 'process', 'Cleaning effort focused on critical data.'),
  ('platform', 'track-regulatory-intelligence', 'Programme register', 'data', 'Current list of programmes, indications and regions.'),
  ('platform', 'assess-hipaa-breach', 'Data inventory', 'data', 'Map of which systems hold which PHI.'),
  ('platform', 'engage-key-opinion-leaders', 'Insight taxonomy', 'process', 'Shared codes for classifying field insights.'),
  ('platform', 'plan-product-launch', 'Launch excellence office', 'organisational', 'A team that runs readiness reviews across functions.'),
  ('platform', 'select-trial-sites', 'Site performance database', 'data', 'Enrolment and quality history for every site used before.'),
  ('platform', 'manage-post-market-surveillance', 'Validated safety database', 'technology', 'Case management with regulatory submission gateways.'),
  ('platform', 'justify-sample-size', 'Internal historical trial data', 'data', 'Variance and event rates from the company''s own studies.'),
  ('platform', 'run-health-economic-model', 'HTA methods guides', 'regulatory_guidance', 'Published reference cases of each assessment body.'),
  ('platform', 'train-staff-on-sops', 'Role-based training matrix', 'process', 'Maps each SOP to the roles that must train on it.'),
  ('acme', 'answer-oncology-medical-inquiries', 'Standard-response library', 'data', 'Approved answers to frequent oncology questions.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Rare-disease patient registry partnership', 'partner', 'Access to registry counts for prevalence estimates.')
) AS v(t, slug, enabler, kind, description)
ON CONFLICT DO NOTHING;

-- == jtbd_evidence_sources ===================================================
INSERT INTO public.jtbd_evidence_sources (id, tenant_id, jtbd_id, title, source_type, citation, url,
                                          published_on, sample_size, evidence_strength)
SELECT vital.seed_uuid('jtbd_evidence_sources', v.t, v.slug, '1'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       v.title, v.kind, v.citation, v.url, v.published::date, v.sample, v.strength
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'Interviews with regulatory leads at small and mid-size biotechs', 'interview', 'VITAL research programme, 2026', NULL, '2026-06-15', 14, 'moderate'),
  ('platform', 'design-adaptive-protocol', 'ICH E20 draft guideline on adaptive designs', 'regulatory_guidance', 'ICH E20, Step 2 draft', 'https://www.ich.org/page/efficacy-guidelines', '2025-06-25', NULL, 'high'),
  ('platform', 'monitor-trial-safety-signals', 'Workshop with safety physicians on signal workflows', 'workshop', 'VITAL research programme, 2026', NULL, '2026-05-20', 9, 'moderate'),
  ('platform', 'respond-to-fda-deficiency-letter', 'Review of published complete response letter themes', 'literature', 'Analysis of publicly disclosed complete response letters', NULL, '2026-03-01', 60, 'moderate'),
  ('platform', 'build-value-dossier', 'Survey of market access teams', 'survey', 'VITAL access survey, 2026', NULL, '2026-07-01', 48, 'moderate'),
  ('platform', 'negotiate-payer-coverage', 'Interviews with payer account directors', 'interview', 'VITAL research programme, 2026', NULL, '2026-04-10', 11, 'low'),
  ('platform', 'run-capa-investigation', 'Analysis of repeat deviations at two manufacturing sites', 'internal_data', 'Deviation trend data, 2023-2025', NULL, '2026-02-01', 412, 'high'),
  ('platform', 'prepare-for-gmp-inspection', 'Observation of mock inspections', 'observation', 'VITAL research programme, 2026', NULL, '2026-05-05', 4, 'moderate'),
  ('platform', 'write-clinical-study-report', 'ICH E3 structure and content of clinical study reports', 'regulatory_guidance', 'ICH E3', 'https://www.ich.org/page/efficacy-guidelines', '1995-11-30', NULL, 'high'),
  ('platform', 'plan-statistical-analysis', 'ICH E9(R1) addendum on estimands', 'regulatory_guidance', 'ICH E9(R1)', 'https://www.ich.org/page/efficacy-guidelines', '2019-11-20', NULL, 'high'),
  ('platform', 'clean-and-lock-trial-database', 'Benchmark of lock timelines across recent studies', 'internal_data', 'Data management metrics, 2024-2026', NULL, '2026-08-01', 37, 'high'),
  ('platform', 'track-regulatory-intelligence', 'Interviews with regulatory intelligence managers', 'interview', 'VITAL research programme, 2026', NULL, '2026-06-02', 8, 'low'),
  ('platform', 'assess-hipaa-breach', 'HHS breach notification rule guidance', 'regulatory_guidance', '45 CFR 164.400-414', 'https://www.hhs.gov/hipaa/for-professionals/breach-notification/index.html', '2013-01-25', NULL, 'high'),
  ('platform', 'engage-key-opinion-leaders', 'Field medical survey on insight capture', 'survey', 'VITAL field medical survey, 2026', NULL, '2026-07-15', 63, 'moderate'),
  ('platform', 'plan-product-launch', 'Expert panel of launch leaders', 'expert_opinion', 'VITAL research programme, 2026', NULL, '2026-04-22', 6, 'low'),
  ('platform', 'select-trial-sites', 'Enrolment performance of activated sites', 'internal_data', 'Clinical operations metrics, 2022-2025', NULL, '2026-01-15', 850, 'high'),
  ('platform', 'manage-post-market-surveillance', 'Good pharmacovigilance practices, Module VI', 'regulatory_guidance', 'EMA GVP Module VI', 'https://www.ema.europa.eu/', '2017-07-28', NULL, 'high'),
  ('platform', 'justify-sample-size', 'Review of sample-size reporting in published trials', 'literature', 'Methodological literature review', NULL, '2026-03-18', 120, 'moderate'),
  ('platform', 'run-health-economic-model', 'Interviews with health economists', 'interview', 'VITAL research programme, 2026', NULL, '2026-05-28', 10, 'moderate'),
  ('platform', 'train-staff-on-sops', 'Audit of training records before inspections', 'internal_data', 'Quality audit findings, 2025', NULL, '2026-02-20', 230, 'moderate'),
  ('acme', 'answer-oncology-medical-inquiries', 'Acme medical information inquiry log', 'internal_data', 'Acme Therapeutics inquiry log, 2025', NULL, '2026-01-31', 1840, 'high'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'Rare cardiomyopathy registry extract', 'internal_data', 'Registry partnership data extract', NULL, '2026-04-30', 2300, 'moderate')
) AS v(t, slug, title, kind, citation, url, published, sample, strength)
ON CONFLICT DO NOTHING;

-- == jtbd_related_jobs =======================================================
-- Read as "<slug> <relation> <related>". The demo tenants link their own job
-- to a platform job (related_jtbd_tenant_id = platform).
INSERT INTO public.jtbd_related_jobs (id, tenant_id, jtbd_id, related_jtbd_tenant_id, related_jtbd_id, relation_type, notes)
SELECT vital.seed_uuid('jtbd_related_jobs', v.t, v.slug, v.related),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       vital.platform_tenant_id(), vital.seed_uuid('jtbds', 'platform', v.related),
       v.relation, v.notes
FROM (VALUES
  ('platform', 'prepare-ind-submission', 'respond-to-fda-deficiency-letter', 'precedes', 'Information requests during review reuse the IND''s evidence.'),
  ('platform', 'design-adaptive-protocol', 'justify-sample-size', 'contains', 'Sample size is part of the protocol design.'),
  ('platform', 'monitor-trial-safety-signals', 'manage-post-market-surveillance', 'precedes', 'Signals from development carry into the post-marketing plan.'),
  ('platform', 'respond-to-fda-deficiency-letter', 'prepare-for-gmp-inspection', 'related_to', 'Deficiencies often include pre-approval inspection findings.'),
  ('platform', 'build-value-dossier', 'run-health-economic-model', 'depends_on', 'The dossier''s economic chapter summarises the model.'),
  ('platform', 'negotiate-payer-coverage', 'build-value-dossier', 'depends_on', 'Negotiation uses the dossier''s value case.'),
  ('platform', 'run-capa-investigation', 'train-staff-on-sops', 'precedes', 'Corrective actions often revise SOPs that then need training.'),
  ('platform', 'prepare-for-gmp-inspection', 'run-capa-investigation', 'depends_on', 'Open CAPAs are a main inspection topic.'),
  ('platform', 'write-clinical-study-report', 'clean-and-lock-trial-database', 'follows', 'The report starts once the database is locked.'),
  ('platform', 'plan-statistical-analysis', 'justify-sample-size', 'depends_on', 'The SAP restates the sample-size justification.'),
  ('platform', 'clean-and-lock-trial-database', 'write-clinical-study-report', 'precedes', 'Lock hands the data to the reporting team.'),
  ('platform', 'track-regulatory-intelligence', 'prepare-ind-submission', 'related_to', 'New guidance can change the content of an IND.'),
  ('platform', 'assess-hipaa-breach', 'train-staff-on-sops', 'precedes', 'Breaches caused by human error lead to retraining.'),
  ('platform', 'engage-key-opinion-leaders', 'plan-product-launch', 'related_to', 'Expert insights shape launch positioning.'),
  ('platform', 'plan-product-launch', 'negotiate-payer-coverage', 'contains', 'Access negotiation is part of launch readiness.'),
  ('platform', 'select-trial-sites', 'design-adaptive-protocol', 'follows', 'Site profiles depend on the final protocol.'),
  ('platform', 'manage-post-market-surveillance', 'monitor-trial-safety-signals', 'follows', 'Post-marketing surveillance continues the development safety work.'),
  ('platform', 'justify-sample-size', 'plan-statistical-analysis', 'precedes', 'The justification feeds the SAP.'),
  ('platform', 'run-health-economic-model', 'build-value-dossier', 'precedes', 'Model results feed the dossier.'),
  ('platform', 'train-staff-on-sops', 'prepare-for-gmp-inspection', 'related_to', 'Training records are checked in every inspection.'),
  ('acme', 'answer-oncology-medical-inquiries', 'engage-key-opinion-leaders', 'related_to', 'Frequent questions reveal topics for expert exchanges.'),
  ('pharmaco', 'prepare-orphan-drug-designation', 'prepare-ind-submission', 'precedes', 'Designation is usually requested before or alongside the IND.')
) AS v(t, slug, related, relation, notes)
ON CONFLICT DO NOTHING;

-- == jtbd_ai_assessments =====================================================
INSERT INTO public.jtbd_ai_assessments (id, tenant_id, jtbd_id, scores, assessor_type, model_name,
                                        rationale, recommendation, assessed_at)
SELECT vital.seed_uuid('jtbd_ai_assessments', v.t, v.slug, '2026-10'),
       CASE WHEN v.t = 'platform' THEN vital.platform_tenant_id() ELSE vital.seed_uuid('tenants', v.t) END,
       vital.seed_uuid('jtbds', v.t, v.slug),
       jsonb_build_object('data_readiness', v.s[1], 'process_standardisation', v.s[2],
                          'automation_potential', v.s[3], 'risk_tolerance', v.s[4],
                          'regulatory_clarity', v.s[5], 'workforce_readiness', v.s[6]),
       'hybrid', 'vital-readiness-assessor-2026-10', v.rationale, v.recommendation,
       timestamptz '2026-10-15 10:00+00'
FROM (VALUES
  ('platform', 'prepare-ind-submission', '{8,7,7,5,7,6}'::numeric[], 'Inputs are documents in known formats; errors are costly but reviewable.', 'Start with consistency checking, then summary drafting.'),
  ('platform', 'design-adaptive-protocol', '{6,5,6,5,6,4}'::numeric[], 'Simulation is automatable; design judgement is not.', 'Pilot simulation set-up with statisticians in control.'),
  ('platform', 'monitor-trial-safety-signals', '{7,7,6,3,6,6}'::numeric[], 'Structured data but low tolerance for missed signals.', 'Use AI to prioritise and summarise, never to dismiss a signal.'),
  ('platform', 'respond-to-fda-deficiency-letter', '{7,5,6,4,6,6}'::numeric[], 'Archive search is high value; answers need expert framing.', 'Deploy retrieval first; keep drafting with regulatory writers.'),
  ('platform', 'build-value-dossier', '{7,6,7,6,7,7}'::numeric[], 'Evidence is document-based and claims are checkable.', 'Adopt traceable drafting across the dossier.'),
  ('platform', 'negotiate-payer-coverage', '{5,4,4,5,6,5}'::numeric[], 'Negotiation is relational; modelling support is the main lever.', 'Limit scope to scenario modelling and payer profiles.'),
  ('platform', 'run-capa-investigation', '{7,7,6,6,7,6}'::numeric[], 'Quality records are structured and plentiful.', 'Deploy similar-event search across sites.'),
  ('platform', 'prepare-for-gmp-inspection', '{6,7,6,4,7,6}'::numeric[], 'Retrieval helps; anything shown to inspectors needs control.', 'Use in the back room only.'),
  ('platform', 'write-clinical-study-report', '{9,8,8,6,8,7}'::numeric[], 'Outputs are structured and the checks are objective.', 'Make automated number checking the default.'),
  ('platform', 'plan-statistical-analysis', '{7,7,5,5,8,6}'::numeric[], 'Strong guidance framework; content needs expert judgement.', 'Use for consistency checks and shells.'),
  ('platform', 'clean-and-lock-trial-database', '{8,8,7,6,7,7}'::numeric[], 'EDC data are structured and workflows are standard.', 'Deploy query drafting and blocker prediction.'),
  ('platform', 'track-regulatory-intelligence', '{8,7,8,7,7,8}'::numeric[], 'Public sources and repeatable steps.', 'Automate collection and summaries; keep impact calls human.'),
  ('platform', 'assess-hipaa-breach', '{5,6,5,2,8,5}'::numeric[], 'Clear rules but sensitive data and legal exposure.', 'Offer guided templates; no automated determination.'),
  ('platform', 'engage-key-opinion-leaders', '{6,5,6,6,6,7}'::numeric[], 'Notes are unstructured but insight coding is learnable.', 'Pilot insight structuring with one field team.'),
  ('platform', 'plan-product-launch', '{5,4,5,6,6,6}'::numeric[], 'Many inputs but little standardisation across functions.', 'Standardise readiness reporting before adding AI.'),
  ('platform', 'select-trial-sites', '{7,6,6,6,7,6}'::numeric[], 'Good historical data where the company ran earlier studies.', 'Score sites for studies in data-rich indications first.'),
  ('platform', 'manage-post-market-surveillance', '{8,8,7,4,8,7}'::numeric[], 'High volumes and clear rules, but validated processes are required.', 'Extend intake automation under validation.'),
  ('platform', 'justify-sample-size', '{6,7,6,6,8,7}'::numeric[], 'Calculations are standard; assumptions need judgement.', 'Offer assumption search with scripted calculations.'),
  ('platform', 'run-health-economic-model', '{6,6,6,5,7,5}'::numeric[], 'Model checking is rule-based; structure choices are not.', 'Start with formula audit and input tracing.'),
  ('platform', 'train-staff-on-sops', '{8,8,8,7,7,7}'::numeric[], 'Documents and matrices are structured and low risk.', 'Deploy change summaries and assessments.'),
  ('acme', 'answer-oncology-medical-inquiries', '{8,7,7,5,7,7}'::numeric[], 'Standard responses give a strong base; off-label answers need care.', 'Pilot drafting for on-label questions first.'),
  ('pharmaco', 'prepare-orphan-drug-designation', '{6,6,5,6,7,6}'::numeric[], 'Sparse data; arithmetic and traceability matter most.', 'Use extraction and threshold checks; keep rationale writing human.')
) AS v(t, slug, s, rationale, recommendation)
ON CONFLICT DO NOTHING;
