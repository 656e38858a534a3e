-- Seed, Knowledge: the platform's embedding models and GCP primer, and for each
-- demo tenant an onboarding SOP with its source, collection, chunks, jobs,
-- entities, domain links and access rule. Embeddings stay null: ingestion
-- computes them with the configured model (an 'embed' job is queued for acme).
-- Idempotent: fixed ids, ON CONFLICT DO NOTHING.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

-- Documents and their chunks in one statement, so that each text is written once:
-- a document's content is its chunks joined by blank lines, and the chunk
-- offsets follow from that.
WITH tenant (tenant, tid) AS (VALUES
  ('platform', vital.platform_tenant_id()),
  ('acme', vital.seed_uuid('tenants', 'acme')),
  ('pharmaco', vital.seed_uuid('tenants', 'pharmaco'))
),
doc_src (tenant, doc, collection, source, source_ref, title, mime_type, metadata) AS (VALUES
  ('platform', 'ich-e6-overview', 'gcp-essentials', 'ich-guidelines', 'E6/overview',
   'ICH E6 Good Clinical Practice: an overview', 'text/markdown',
   '{"guideline": "ICH E6", "revisions_covered": ["R2", "R3"], "document_type": "primer"}'),
  ('acme', 'onboarding-sop', 'clinical-operations-sops', 'qms-sharepoint', 'Clinical Operations/SOPs/SOP-CLO-014.pdf',
   'SOP-CLO-014 Onboarding of clinical operations staff', 'application/pdf',
   '{"sop_number": "SOP-CLO-014", "effective_date": "2026-09-01", "document_type": "sop"}'),
  ('pharmaco', 'onboarding-sop', 'pharmacovigilance-sops', 'pv-handbook', 'PV/PV-SOP-003',
   'PV-SOP-003 Onboarding of drug safety associates', 'text/html',
   '{"sop_number": "PV-SOP-003", "effective_date": "2026-06-15", "document_type": "sop"}')
),
chunk_src (tenant, doc, idx, section, body) AS (VALUES
  ('platform', 'ich-e6-overview', 0, 'Scope',
   'ICH E6 is the Good Clinical Practice guideline agreed within the International Council for '
   'Harmonisation by regulators and the research-based industry. It describes how interventional '
   'trials are planned, run, recorded and reported so that participants'' rights, safety and '
   'well-being are protected and the results can be relied on. Because regulators in many '
   'jurisdictions accept data from trials conducted to this standard, sponsors build it into '
   'protocols, vendor contracts and their own operating procedures.'),
  ('platform', 'ich-e6-overview', 1, 'Protecting participants',
   'Two safeguards protect participants. Before any trial-specific procedure, each person gives '
   'informed consent freely, it is documented, and it is sought again whenever new information '
   'could change their willingness to continue. An independent ethics committee or institutional '
   'review board approves the protocol, the consent materials and significant amendments, and '
   'keeps oversight while the trial runs. Investigators stay responsible for the medical care of '
   'participants and report serious adverse events to the sponsor promptly, as the protocol sets out.'),
  ('platform', 'ich-e6-overview', 2, 'Risk-based quality management',
   'The 2016 addendum, E6(R2), asked sponsors to manage quality according to risk: find the '
   'processes and data that matter most for participant safety and reliable results, agree '
   'tolerance limits for them, and direct monitoring there rather than checking every value at '
   'the site. The third revision, E6(R3), extends this with principles meant to fit any trial '
   'design or data source, favouring quality built into the design, oversight proportionate to '
   'risk, and technology such as electronic consent used where it is fit for purpose.'),
  ('acme', 'onboarding-sop', 0, 'Purpose and scope',
   'This procedure sets out how Acme Therapeutics prepares new clinical operations staff to work '
   'on a study without supervision. It covers clinical research associates, study start-up '
   'specialists and clinical trial managers, whether employed or contracted, and staff moving '
   'into clinical operations from another Acme function.'),
  ('acme', 'onboarding-sop', 1, 'Training before system access',
   'Within the first ten working days the new starter completes GCP training, reads the trial '
   'master file index and the current monitoring and deviation-handling SOPs, and signs the '
   'training record for each. The line manager requests eTMF and EDC accounts only after the '
   'training record is complete and the quality assurance lead has countersigned it.'),
  ('pharmaco', 'onboarding-sop', 0, 'Purpose',
   'New drug safety associates at PharmaCo Biologics learn to process individual case safety '
   'reports under supervision before they receive case-processing rights in the safety database. '
   'This SOP lists the onboarding steps, who signs each one off, and the records kept as '
   'evidence for inspections.'),
  ('pharmaco', 'onboarding-sop', 1, 'Readiness for case processing',
   'The associate shadows a senior colleague on at least twenty cases drawn from spontaneous, '
   'literature and clinical-trial sources, codes events with the current MedDRA version, and '
   'shows that they apply the day-zero clock rules for expedited reports correctly. The '
   'pharmacovigilance physician reviews a sample of their first independent cases before '
   'signing off the onboarding record.')
),
docs AS (
  INSERT INTO public.rag_documents
    (id, tenant_id, collection_id, source_id, source_ref, title, content, content_hash, mime_type, status, metadata)
  SELECT vital.seed_uuid('rag_documents', d.tenant, d.doc), t.tid,
         vital.seed_uuid('knowledge_collections', d.tenant, d.collection),
         vital.seed_uuid('knowledge_sources', d.tenant, d.source),
         d.source_ref, d.title, c.content, encode(sha256(convert_to(c.content, 'UTF8')), 'hex'),
         d.mime_type, 'ready', d.metadata::jsonb
    FROM doc_src d
    JOIN tenant t USING (tenant)
    JOIN (SELECT tenant, doc, string_agg(body, E'\n\n' ORDER BY idx) AS content
            FROM chunk_src GROUP BY tenant, doc) c USING (tenant, doc)
  ON CONFLICT DO NOTHING
  RETURNING id
)
INSERT INTO public.rag_knowledge_chunks
  (id, tenant_id, document_id, chunk_index, chunk_text, token_count, char_start, char_end, metadata)
SELECT vital.seed_uuid('rag_knowledge_chunks', s.tenant, s.doc, s.idx::text), t.tid,
       vital.seed_uuid('rag_documents', s.tenant, s.doc), s.idx, s.body,
       -- Seed estimate; the ingestion pipeline stores the tokenizer's count.
       ceil(array_length(regexp_split_to_array(s.body, '\s+'), 1) * 1.3)::integer,
       s.char_start, s.char_start + length(s.body),
       jsonb_build_object('section', s.section)
  FROM (SELECT c.*,
               coalesce(sum(length(c.body) + 2) OVER (PARTITION BY c.tenant, c.doc ORDER BY c.idx
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::integer
                 AS char_start
          FROM chunk_src c) s
  JOIN tenant t USING (tenant)
ON CONFLICT DO NOTHING;
-- Offsets are found in the chunk text itself, so they cannot drift from it.
INSERT INTO public.rag_extracted_entities
  (id, tenant_id, chunk_id, entity_text, normalized_text, entity_type, start_offset, end_offset, confidence, ontology_code, extractor)
SELECT vital.seed_uuid('rag_extracted_entities', e.tenant, e.doc, e.idx::text, e.entity_text), c.tenant_id, c.id,
       e.entity_text, lower(e.entity_text), e.entity_type,
       strpos(c.chunk_text, e.entity_text) - 1, strpos(c.chunk_text, e.entity_text) - 1 + length(e.entity_text),
       e.confidence, e.ontology_code, 'scispacy-en_core_sci_sm'
  FROM (VALUES
    ('platform', 'ich-e6-overview', 0, 'ICH E6', 'regulation', 0.98::real, NULL),
    ('platform', 'ich-e6-overview', 0, 'International Council for Harmonisation', 'organization', 0.97, NULL),
    ('platform', 'ich-e6-overview', 1, 'informed consent', 'procedure', 0.95, 'MeSH:D007258'),
    ('platform', 'ich-e6-overview', 1, 'institutional review board', 'organization', 0.93, 'MeSH:D035843'),
    ('platform', 'ich-e6-overview', 1, 'serious adverse events', 'adverse_event', 0.90, NULL),
    ('acme', 'onboarding-sop', 1, 'GCP training', 'procedure', 0.88, NULL),
    ('acme', 'onboarding-sop', 1, 'trial master file', 'other', 0.84, NULL),
    ('pharmaco', 'onboarding-sop', 0, 'individual case safety reports', 'other', 0.91, NULL),
    ('pharmaco', 'onboarding-sop', 1, 'MedDRA', 'other', 0.96, NULL)
  ) AS e (tenant, doc, idx, entity_text, entity_type, confidence, ontology_code)
  JOIN public.rag_knowledge_chunks c
    ON c.tenant_id = CASE e.tenant WHEN 'platform' THEN vital.platform_tenant_id()
                                   ELSE vital.seed_uuid('tenants', e.tenant) END
   AND c.id = vital.seed_uuid('rag_knowledge_chunks', e.tenant, e.doc, e.idx::text)
ON CONFLICT DO NOTHING;
