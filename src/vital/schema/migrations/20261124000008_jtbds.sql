-- Domain 5, JTBDs (20 tables): jobs-to-be-done and Outcome-Driven Innovation.
-- jtbds, jtbd_job_steps, jtbd_desired_outcomes, jtbd_outcome_ratings,
-- jtbd_gen_ai_opportunities, jtbd_gen_ai_use_cases, jtbd_executors, jtbd_roles,
-- jtbd_constraints, jtbd_obstacles, jtbd_pain_points, jtbd_solution_requirements,
-- jtbd_value_drivers, jtbd_competing_solutions, jtbd_success_criteria, jtbd_kpis,
-- jtbd_enablers, jtbd_evidence_sources, jtbd_related_jobs, jtbd_ai_assessments.
-- All are library tables: the platform seeds them, tenants read them and fork.
-- Children reference their JTBD inside the same tenant (a tenant forks a platform
-- JTBD before it adds children); only the persona, org role, knowledge domain and
-- related-job references may point into the platform library.

-- == functions ===============================================================
-- This section comes before the tables: the CHECK and the generated columns of
-- jtbd_ai_assessments need the first two functions. A generated column is
-- computed before the CHECKs run, so the readiness function returns NULL on a
-- malformed document instead of failing on a cast: the CHECK then reports the
-- shape error by name.
CREATE OR REPLACE FUNCTION vital.jtbd_ai_scores_valid(scores jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$
    SELECT CASE WHEN jsonb_typeof(scores) = 'object' THEN
      (SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM jsonb_object_keys(scores) AS k)
        = ARRAY['automation_potential', 'data_readiness', 'process_standardisation',
                'regulatory_clarity', 'risk_tolerance', 'workforce_readiness']
      AND NOT EXISTS (
        SELECT FROM jsonb_each(scores) AS e
        WHERE NOT CASE WHEN jsonb_typeof(e.value) = 'number'
                       THEN (e.value)::numeric BETWEEN 0 AND 10
                       ELSE false END)
    ELSE false END
  $$;
COMMENT ON FUNCTION vital.jtbd_ai_scores_valid(jsonb) IS
  'Shape of jtbd_ai_assessments.scores: exactly the six readiness keys, each a number 0-10.';

CREATE OR REPLACE FUNCTION vital.jtbd_ai_readiness(scores jsonb) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$
    SELECT CASE WHEN vital.jtbd_ai_scores_valid(scores) THEN
      round(((scores ->> 'data_readiness')::numeric
           + (scores ->> 'process_standardisation')::numeric
           + (scores ->> 'automation_potential')::numeric
           + (scores ->> 'risk_tolerance')::numeric
           + (scores ->> 'regulatory_clarity')::numeric
           + (scores ->> 'workforce_readiness')::numeric) / 6, 2)
    END
  $$;
COMMENT ON FUNCTION vital.jtbd_ai_readiness(jsonb) IS
  'Mean of the six readiness scores (0-10), NULL when the document is malformed.';

GRANT EXECUTE ON FUNCTION vital.jtbd_ai_scores_valid(jsonb), vital.jtbd_ai_readiness(jsonb)
  TO authenticated, service_role;

-- ODI scores from raw ratings: the share of respondents answering 4 or 5 on the
-- 5-point scale, times 10, to one decimal. Raw values (0-10) are returned as
-- measured; NULL with respondents = 0 when nobody answered. An outcome id names
-- a row per tenant (a fork may keep the id), so the tenant is an argument; by
-- default the caller's own row is taken, else the platform's. PL/pgSQL, so that
-- it can sit here, before the tables it reads.
CREATE OR REPLACE FUNCTION public.jtbd_outcome_odi_scores(
    p_outcome_id uuid, p_tenant_id uuid DEFAULT NULL, p_survey_wave text DEFAULT NULL)
  RETURNS TABLE (importance numeric, satisfaction numeric, respondents integer, outcome_tenant_id uuid)
  LANGUAGE plpgsql STABLE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
  BEGIN
    outcome_tenant_id := coalesce(p_tenant_id, (
      SELECT o.tenant_id FROM public.jtbd_desired_outcomes AS o
      WHERE o.id = p_outcome_id
      ORDER BY o.tenant_id IS NOT DISTINCT FROM (SELECT auth.tenant_id()) DESC,
               o.tenant_id = vital.platform_tenant_id() DESC,
               o.tenant_id
      LIMIT 1));
    SELECT round(10.0 * count(*) FILTER (WHERE r.importance_rating >= 4) / nullif(count(*), 0), 1),
           round(10.0 * count(*) FILTER (WHERE r.satisfaction_rating >= 4) / nullif(count(*), 0), 1),
           count(*)::integer
      INTO importance, satisfaction, respondents
      FROM public.jtbd_outcome_ratings AS r
     WHERE r.tenant_id = outcome_tenant_id
       AND r.outcome_id = p_outcome_id
       AND (p_survey_wave IS NULL OR r.survey_wave = p_survey_wave);
    RETURN NEXT;
  END
  $$;
COMMENT ON FUNCTION public.jtbd_outcome_odi_scores(uuid, uuid, text) IS
  'ODI importance and satisfaction (0-10) of a desired outcome from its ratings: share of 4-5 answers times 10; respondents counts the answers.';

-- Writes the derived scores onto the outcome. importance_score and
-- satisfaction_score are 1-10, so a derived 0 (nobody answered 4-5) is clamped
-- to 1: the outcome still ranks last, and the raw answers keep the difference.
-- Returns the updated row; no row when there are no ratings or when the caller
-- may not update the outcome (a platform outcome, for a tenant).
CREATE OR REPLACE FUNCTION public.jtbd_outcome_apply_odi_scores(
    p_outcome_id uuid, p_tenant_id uuid DEFAULT NULL, p_survey_wave text DEFAULT NULL)
  RETURNS TABLE (tenant_id uuid, id uuid, importance_score numeric, satisfaction_score numeric,
                 opportunity_score numeric, opportunity_band text, is_overserved boolean,
                 respondent_count integer)
  LANGUAGE plpgsql VOLATILE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
  #variable_conflict use_column
  DECLARE
    s record;
  BEGIN
    SELECT * INTO s FROM public.jtbd_outcome_odi_scores(p_outcome_id, p_tenant_id, p_survey_wave);
    IF s.respondents = 0 THEN
      RETURN;
    END IF;
    RETURN QUERY
      UPDATE public.jtbd_desired_outcomes AS o
         SET importance_score   = least(greatest(s.importance, 1), 10),
             satisfaction_score = least(greatest(s.satisfaction, 1), 10),
             score_source       = 'survey',
             respondent_count   = s.respondents,
             scored_at          = now()
       WHERE o.tenant_id = s.outcome_tenant_id
         AND o.id = p_outcome_id
      RETURNING o.tenant_id, o.id, o.importance_score, o.satisfaction_score,
                o.opportunity_score, o.opportunity_band, o.is_overserved, o.respondent_count;
  END
  $$;
COMMENT ON FUNCTION public.jtbd_outcome_apply_odi_scores(uuid, uuid, text) IS
  'Sets importance/satisfaction of a desired outcome from its survey ratings (ODI), clamped to 1-10; returns the updated row.';

GRANT EXECUTE ON FUNCTION public.jtbd_outcome_odi_scores(uuid, uuid, text),
                          public.jtbd_outcome_apply_odi_scores(uuid, uuid, text)
  TO authenticated, service_role;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.jtbds (
  id                         uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                  uuid NOT NULL REFERENCES public.tenants (id),
  slug                       text NOT NULL
                             CONSTRAINT jtbds_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title                      text NOT NULL
                             CONSTRAINT jtbds_title_not_blank CHECK (length(btrim(title)) > 0),
  job_executor_tenant_id     uuid NOT NULL,
  job_executor               uuid NOT NULL,
  situation                  text NOT NULL
                             CONSTRAINT jtbds_situation_form CHECK (
                               situation = btrim(situation)
                               AND length(situation) BETWEEN 3 AND 500
                               AND situation !~ '[[:cntrl:]]'
                               AND situation !~* '^when\M'
                               AND situation !~ '[.,;:!?]$'),
  motivation                 text NOT NULL
                             CONSTRAINT jtbds_motivation_form CHECK (
                               motivation = btrim(motivation)
                               AND length(motivation) BETWEEN 3 AND 500
                               AND motivation !~ '[[:cntrl:]]'
                               AND motivation !~* '^(i\s+want|want\s+to|to)\M'
                               AND motivation !~ '[.,;:!?]$'),
  expected_outcome           text NOT NULL
                             CONSTRAINT jtbds_expected_outcome_form CHECK (
                               expected_outcome = btrim(expected_outcome)
                               AND length(expected_outcome) BETWEEN 3 AND 500
                               AND expected_outcome !~ '[[:cntrl:]]'
                               AND expected_outcome !~* '^(so|i\s+can|can)\M'
                               AND expected_outcome !~ '[.,;:!?]$'),
  job_statement              text GENERATED ALWAYS AS (
                               'When ' || situation || ', I want to ' || motivation
                               || ', so I can ' || expected_outcome || '.') STORED,
  job_type                   text NOT NULL DEFAULT 'core_functional'
                             CONSTRAINT jtbds_job_type_check
                             CHECK (job_type IN ('core_functional', 'related', 'emotional', 'social', 'consumption_chain')),
  frequency                  text
                             CONSTRAINT jtbds_frequency_check
                             CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'annually', 'per_project', 'ad_hoc')),
  complexity                 text NOT NULL DEFAULT 'medium'
                             CONSTRAINT jtbds_complexity_check CHECK (complexity IN ('low', 'medium', 'high', 'very_high')),
  knowledge_domain_tenant_id uuid,
  knowledge_domain_id        uuid,
  tags                       text[] NOT NULL DEFAULT '{}',
  forked_from_tenant_id      uuid,
  forked_from_id             uuid,
  status                     text NOT NULL DEFAULT 'draft'
                             CONSTRAINT jtbds_status_check CHECK (status IN ('draft', 'active', 'archived')),
  metadata                   jsonb NOT NULL DEFAULT '{}'::jsonb
                             CONSTRAINT jtbds_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  created_by                 uuid DEFAULT auth.uid(),
  deleted_at                 timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbds_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id),
  FOREIGN KEY (job_executor_tenant_id, job_executor) REFERENCES public.personas (tenant_id, id),
  CONSTRAINT jtbds_job_executor_tenant_check
    CHECK (job_executor_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (knowledge_domain_tenant_id, knowledge_domain_id)
    REFERENCES public.knowledge_domains (tenant_id, id)
    ON DELETE SET NULL (knowledge_domain_tenant_id, knowledge_domain_id),
  CONSTRAINT jtbds_knowledge_domain_tenant_check
    CHECK (knowledge_domain_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT jtbds_knowledge_domain_pair
    CHECK ((knowledge_domain_tenant_id IS NULL) = (knowledge_domain_id IS NULL)),
  FOREIGN KEY (forked_from_tenant_id, forked_from_id) REFERENCES public.jtbds (tenant_id, id)
    ON DELETE SET NULL (forked_from_tenant_id, forked_from_id),
  CONSTRAINT jtbds_forked_from_tenant_check
    CHECK (forked_from_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT jtbds_forked_from_pair CHECK ((forked_from_tenant_id IS NULL) = (forked_from_id IS NULL))
);
COMMENT ON TABLE public.jtbds IS 'Jobs-to-be-done: what a persona is trying to get done, stated as "When [situation], I want to [motivation], so I can [outcome]".';
COMMENT ON COLUMN public.jtbds.job_executor_tenant_id IS 'Tenant of the executing persona: the JTBD''s own tenant or the platform library.';
COMMENT ON COLUMN public.jtbds.job_executor IS 'The persona who executes the job (personas.id); further personas are in jtbd_executors.';
COMMENT ON COLUMN public.jtbds.situation IS 'The [situation] of the job statement, without the leading "When" and without final punctuation.';
COMMENT ON COLUMN public.jtbds.motivation IS 'The [motivation] of the job statement, without the leading "I want to".';
COMMENT ON COLUMN public.jtbds.expected_outcome IS 'The [outcome] of the job statement, without the leading "so I can" and without the final period.';
COMMENT ON COLUMN public.jtbds.job_statement IS 'Generated from the three parts, so it always has the form "When ..., I want to ..., so I can ....".';
COMMENT ON COLUMN public.jtbds.job_type IS 'ODI job kind: core_functional | related | emotional | social | consumption_chain.';
COMMENT ON COLUMN public.jtbds.frequency IS 'How often the executor does the job; NULL when unknown.';
COMMENT ON COLUMN public.jtbds.complexity IS 'How hard the job is to get done well: low | medium | high | very_high.';
COMMENT ON COLUMN public.jtbds.knowledge_domain_tenant_id IS 'Tenant of the knowledge domain: own tenant or the platform library (both NULL when unset).';
COMMENT ON COLUMN public.jtbds.tags IS 'Free keywords for filtering the library (GIN-indexed).';
COMMENT ON COLUMN public.jtbds.forked_from_id IS 'The JTBD this one was copied from (usually a platform JTBD); null for originals.';
COMMENT ON COLUMN public.jtbds.deleted_at IS 'Soft delete: normal reads filter deleted_at IS NULL; setting it back to NULL restores the job.';

CREATE TABLE IF NOT EXISTS public.jtbd_job_steps (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id     uuid NOT NULL,
  stage       text NOT NULL
              CONSTRAINT jtbd_job_steps_stage_check
              CHECK (stage IN ('define', 'locate', 'prepare', 'confirm', 'execute', 'monitor', 'modify', 'conclude')),
  stage_rank  smallint GENERATED ALWAYS AS (
                CASE stage WHEN 'define' THEN 1 WHEN 'locate' THEN 2 WHEN 'prepare' THEN 3
                           WHEN 'confirm' THEN 4 WHEN 'execute' THEN 5 WHEN 'monitor' THEN 6
                           WHEN 'modify' THEN 7 WHEN 'conclude' THEN 8 END) STORED,
  step_order  smallint NOT NULL
              CONSTRAINT jtbd_job_steps_step_order_positive CHECK (step_order > 0),
  title       text NOT NULL CHECK (length(btrim(title)) > 0),
  description text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_job_steps_order_key UNIQUE (tenant_id, jtbd_id, step_order),
  CONSTRAINT jtbd_job_steps_jtbd_step_key UNIQUE (tenant_id, jtbd_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_job_steps IS 'The job map: the steps of a JTBD along the universal job map (define ... conclude). A complete map covers all eight stages.';
COMMENT ON COLUMN public.jtbd_job_steps.stage IS 'Universal job map stage: define | locate | prepare | confirm | execute | monitor | modify | conclude.';
COMMENT ON COLUMN public.jtbd_job_steps.stage_rank IS 'Position of the stage in the universal job map (1 define ... 8 conclude), for sorting.';
COMMENT ON COLUMN public.jtbd_job_steps.step_order IS 'Order of the step inside its JTBD; a stage may hold several steps.';

CREATE TABLE IF NOT EXISTS public.jtbd_desired_outcomes (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id            uuid NOT NULL,
  job_step_id        uuid,
  direction          text NOT NULL DEFAULT 'minimize'
                     CONSTRAINT jtbd_desired_outcomes_direction_check
                     CHECK (direction IN ('minimize', 'maximize', 'increase')),
  outcome_statement  text NOT NULL
                     CONSTRAINT jtbd_desired_outcomes_statement_form CHECK (
                       outcome_statement = btrim(outcome_statement)
                       AND length(outcome_statement) BETWEEN 10 AND 400
                       AND lower(split_part(outcome_statement, ' ', 1)) = direction
                       AND outcome_statement !~ '[.,;:]$'),
  importance_score   numeric(3,1) NOT NULL
                     CONSTRAINT jtbd_desired_outcomes_importance_range CHECK (importance_score BETWEEN 1 AND 10),
  satisfaction_score numeric(3,1) NOT NULL
                     CONSTRAINT jtbd_desired_outcomes_satisfaction_range CHECK (satisfaction_score BETWEEN 1 AND 10),
  opportunity_score  numeric(3,1) GENERATED ALWAYS AS (
                       importance_score + greatest(importance_score - satisfaction_score, 0)) STORED,
  opportunity_band   text GENERATED ALWAYS AS (
                       CASE WHEN importance_score + greatest(importance_score - satisfaction_score, 0) >= 15 THEN 'extreme'
                            WHEN importance_score + greatest(importance_score - satisfaction_score, 0) >= 12 THEN 'high'
                            WHEN importance_score + greatest(importance_score - satisfaction_score, 0) >= 10 THEN 'moderate'
                            ELSE 'table_stakes' END) STORED,
  is_overserved      boolean GENERATED ALWAYS AS (satisfaction_score > importance_score) STORED,
  score_source       text NOT NULL DEFAULT 'expert_estimate'
                     CONSTRAINT jtbd_desired_outcomes_score_source_check
                     CHECK (score_source IN ('expert_estimate', 'workshop', 'survey')),
  respondent_count   integer
                     CONSTRAINT jtbd_desired_outcomes_respondent_count_positive CHECK (respondent_count > 0),
  scored_at          timestamptz,
  position           smallint NOT NULL DEFAULT 1
                     CONSTRAINT jtbd_desired_outcomes_position_positive CHECK (position > 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_desired_outcomes_statement_key UNIQUE (tenant_id, jtbd_id, outcome_statement),
  CONSTRAINT jtbd_desired_outcomes_jtbd_outcome_key UNIQUE (tenant_id, jtbd_id, id),
  CONSTRAINT jtbd_desired_outcomes_survey_has_respondents
    CHECK (score_source <> 'survey' OR respondent_count IS NOT NULL),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  -- Through (tenant_id, jtbd_id, id) so that the step belongs to the same JTBD.
  FOREIGN KEY (tenant_id, jtbd_id, job_step_id) REFERENCES public.jtbd_job_steps (tenant_id, jtbd_id, id)
    ON DELETE SET NULL (job_step_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_desired_outcomes IS 'ODI desired outcomes of a JTBD with importance and satisfaction; a complete JTBD has 5-12 (a completeness rule, not a constraint).';
COMMENT ON COLUMN public.jtbd_desired_outcomes.job_step_id IS 'The job map step the outcome measures, if any (same JTBD).';
COMMENT ON COLUMN public.jtbd_desired_outcomes.direction IS 'ODI direction of improvement; the statement starts with it ("Minimize the time it takes to ...").';
COMMENT ON COLUMN public.jtbd_desired_outcomes.importance_score IS 'Importance 1-10: share of respondents rating 4-5 of 5, times 10 (clamped to at least 1), or an expert estimate.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.satisfaction_score IS 'Satisfaction with current solutions 1-10, derived like importance_score.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.opportunity_score IS 'ODI opportunity: importance + max(importance - satisfaction, 0), 1-19.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.opportunity_band IS 'extreme (>= 15) | high, underserved (>= 12) | moderate (>= 10) | table_stakes.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.is_overserved IS 'Satisfaction above importance: current solutions over-deliver on this outcome.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.score_source IS 'Where the scores come from: expert_estimate | workshop | survey (public.jtbd_outcome_apply_odi_scores).';
COMMENT ON COLUMN public.jtbd_desired_outcomes.respondent_count IS 'Survey respondents behind the scores; required when score_source = survey.';
COMMENT ON COLUMN public.jtbd_desired_outcomes.scored_at IS 'When the current scores were set (estimate, workshop or survey derivation).';
COMMENT ON COLUMN public.jtbd_desired_outcomes.position IS 'Display order of the outcome inside its JTBD.';

CREATE TABLE IF NOT EXISTS public.jtbd_outcome_ratings (
  id                           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                    uuid NOT NULL REFERENCES public.tenants (id),
  outcome_id                   uuid NOT NULL,
  survey_wave                  text NOT NULL DEFAULT 'baseline'
                               CONSTRAINT jtbd_outcome_ratings_survey_wave_not_blank CHECK (length(btrim(survey_wave)) > 0),
  respondent_ref               text NOT NULL
                               CONSTRAINT jtbd_outcome_ratings_respondent_ref_format
                               CHECK (length(respondent_ref) BETWEEN 1 AND 100 AND respondent_ref !~ '@'),
  respondent_persona_tenant_id uuid,
  respondent_persona_id        uuid,
  importance_rating            smallint NOT NULL
                               CONSTRAINT jtbd_outcome_ratings_importance_range CHECK (importance_rating BETWEEN 1 AND 5),
  satisfaction_rating          smallint NOT NULL
                               CONSTRAINT jtbd_outcome_ratings_satisfaction_range CHECK (satisfaction_rating BETWEEN 1 AND 5),
  responded_at                 timestamptz NOT NULL DEFAULT now(),
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now(),
  created_by                   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_outcome_ratings_respondent_key UNIQUE (tenant_id, outcome_id, survey_wave, respondent_ref),
  FOREIGN KEY (tenant_id, outcome_id) REFERENCES public.jtbd_desired_outcomes (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (respondent_persona_tenant_id, respondent_persona_id) REFERENCES public.personas (tenant_id, id)
    ON DELETE SET NULL (respondent_persona_tenant_id, respondent_persona_id),
  CONSTRAINT jtbd_outcome_ratings_respondent_persona_tenant_check
    CHECK (respondent_persona_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT jtbd_outcome_ratings_respondent_persona_pair
    CHECK ((respondent_persona_tenant_id IS NULL) = (respondent_persona_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_outcome_ratings IS 'Raw ODI survey answers: one respondent''s 1-5 importance and satisfaction ratings of one desired outcome.';
COMMENT ON COLUMN public.jtbd_outcome_ratings.survey_wave IS 'Which survey (or wave of it) the answer belongs to; scores may be derived per wave.';
COMMENT ON COLUMN public.jtbd_outcome_ratings.respondent_ref IS 'Pseudonymous respondent key (never an e-mail address): one answer per respondent, outcome and wave.';
COMMENT ON COLUMN public.jtbd_outcome_ratings.respondent_persona_tenant_id IS 'Tenant of the respondent''s persona segment: own tenant or the platform library.';
COMMENT ON COLUMN public.jtbd_outcome_ratings.respondent_persona_id IS 'The persona segment the respondent belongs to, for segmented ODI scores.';
COMMENT ON COLUMN public.jtbd_outcome_ratings.importance_rating IS '1 (not at all important) to 5 (extremely important).';
COMMENT ON COLUMN public.jtbd_outcome_ratings.satisfaction_rating IS '1 (not at all satisfied) to 5 (extremely satisfied) with how the outcome is met today.';

CREATE TABLE IF NOT EXISTS public.jtbd_gen_ai_opportunities (
  id                         uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                  uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id                    uuid NOT NULL,
  outcome_id                 uuid,
  title                      text NOT NULL CHECK (length(btrim(title)) > 0),
  description                text NOT NULL,
  opportunity_type           text NOT NULL
                             CONSTRAINT jtbd_gen_ai_opportunities_opportunity_type_check
                             CHECK (opportunity_type IN ('automation', 'augmentation', 'content_generation',
                                                         'insight_generation', 'decision_support', 'knowledge_retrieval')),
  automation_level           text NOT NULL DEFAULT 'augment'
                             CONSTRAINT jtbd_gen_ai_opportunities_automation_level_check
                             CHECK (automation_level IN ('assist', 'augment', 'automate')),
  impact_level               text NOT NULL DEFAULT 'medium'
                             CONSTRAINT jtbd_gen_ai_opportunities_impact_level_check
                             CHECK (impact_level IN ('low', 'medium', 'high', 'transformational')),
  feasibility                text NOT NULL DEFAULT 'medium'
                             CONSTRAINT jtbd_gen_ai_opportunities_feasibility_check
                             CHECK (feasibility IN ('low', 'medium', 'high')),
  estimated_time_savings_pct numeric(5,2)
                             CONSTRAINT jtbd_gen_ai_opportunities_time_savings_range
                             CHECK (estimated_time_savings_pct BETWEEN 0 AND 100),
  priority                   smallint NOT NULL DEFAULT 3
                             CONSTRAINT jtbd_gen_ai_opportunities_priority_range CHECK (priority BETWEEN 1 AND 5),
  status                     text NOT NULL DEFAULT 'identified'
                             CONSTRAINT jtbd_gen_ai_opportunities_status_check
                             CHECK (status IN ('identified', 'evaluating', 'piloting', 'deployed', 'retired')),
  metadata                   jsonb NOT NULL DEFAULT '{}'::jsonb
                             CONSTRAINT jtbd_gen_ai_opportunities_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  created_by                 uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_gen_ai_opportunities_title_key UNIQUE (tenant_id, jtbd_id, title),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  -- Through (tenant_id, jtbd_id, id) so that the outcome belongs to the same JTBD.
  FOREIGN KEY (tenant_id, jtbd_id, outcome_id) REFERENCES public.jtbd_desired_outcomes (tenant_id, jtbd_id, id)
    ON DELETE SET NULL (outcome_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_gen_ai_opportunities IS 'Where generative AI could help get the job done better; each holds 3-5 use cases when complete.';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.outcome_id IS 'The desired outcome (same JTBD) the opportunity mainly improves, if any.';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.automation_level IS 'assist (suggests) | augment (drafts, a human decides) | automate (acts, a human audits).';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.estimated_time_savings_pct IS 'Estimated share of the executor''s time on the job saved, in percent.';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.priority IS '1 (do first) to 5 (later).';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.impact_level IS 'Expected effect on the job: low | medium | high | transformational.';
COMMENT ON COLUMN public.jtbd_gen_ai_opportunities.feasibility IS 'How realistic delivery is with today''s data, models and validation burden.';

CREATE TABLE IF NOT EXISTS public.jtbd_gen_ai_use_cases (
  id                        uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                 uuid NOT NULL REFERENCES public.tenants (id),
  opportunity_id            uuid NOT NULL,
  title                     text NOT NULL CHECK (length(btrim(title)) > 0),
  description               text NOT NULL,
  ai_technique              text NOT NULL
                            CONSTRAINT jtbd_gen_ai_use_cases_ai_technique_check
                            CHECK (ai_technique IN ('retrieval_augmented_generation', 'summarisation', 'drafting',
                                                    'extraction', 'classification', 'agentic_workflow',
                                                    'forecasting', 'translation', 'anomaly_detection')),
  human_oversight           text NOT NULL DEFAULT 'human_in_the_loop'
                            CONSTRAINT jtbd_gen_ai_use_cases_human_oversight_check
                            CHECK (human_oversight IN ('human_in_the_loop', 'human_on_the_loop', 'fully_automated')),
  risk_level                text NOT NULL DEFAULT 'medium'
                            CONSTRAINT jtbd_gen_ai_use_cases_risk_level_check CHECK (risk_level IN ('low', 'medium', 'high')),
  input_data                text,
  output_artifact           text,
  regulatory_considerations text,
  position                  smallint NOT NULL DEFAULT 1
                            CONSTRAINT jtbd_gen_ai_use_cases_position_positive CHECK (position > 0),
  status                    text NOT NULL DEFAULT 'proposed'
                            CONSTRAINT jtbd_gen_ai_use_cases_status_check
                            CHECK (status IN ('proposed', 'validated', 'in_development', 'live', 'retired')),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  created_by                uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_gen_ai_use_cases_title_key UNIQUE (tenant_id, opportunity_id, title),
  FOREIGN KEY (tenant_id, opportunity_id) REFERENCES public.jtbd_gen_ai_opportunities (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_gen_ai_use_cases IS 'Concrete generative-AI use cases of an opportunity; 3-5 per opportunity is a completeness rule.';
COMMENT ON COLUMN public.jtbd_gen_ai_use_cases.ai_technique IS 'Main technique the use case relies on.';
COMMENT ON COLUMN public.jtbd_gen_ai_use_cases.human_oversight IS 'human_in_the_loop (approves each output) | human_on_the_loop (monitors) | fully_automated.';
COMMENT ON COLUMN public.jtbd_gen_ai_use_cases.regulatory_considerations IS 'GxP, privacy or validation points a deployment must address.';
COMMENT ON COLUMN public.jtbd_gen_ai_use_cases.position IS 'Display order of the use case inside its opportunity.';

CREATE TABLE IF NOT EXISTS public.jtbd_executors (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id           uuid NOT NULL,
  persona_tenant_id uuid NOT NULL,
  persona_id        uuid NOT NULL,
  involvement_type  text NOT NULL
                    CONSTRAINT jtbd_executors_involvement_type_check
                    CHECK (involvement_type IN ('co_executor', 'approver', 'contributor', 'consulted', 'informed', 'beneficiary')),
  notes             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_executors_persona_key UNIQUE (tenant_id, jtbd_id, persona_tenant_id, persona_id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (persona_tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT jtbd_executors_persona_tenant_check
    CHECK (persona_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_executors IS 'Personas involved in a JTBD besides its job_executor, with how they are involved.';
COMMENT ON COLUMN public.jtbd_executors.persona_tenant_id IS 'Tenant of the persona: the JTBD''s own tenant or the platform library.';
COMMENT ON COLUMN public.jtbd_executors.involvement_type IS 'co_executor | approver | contributor | consulted | informed | beneficiary.';

CREATE TABLE IF NOT EXISTS public.jtbd_roles (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id            uuid NOT NULL,
  org_role_tenant_id uuid NOT NULL,
  org_role_id        uuid NOT NULL,
  raci               text NOT NULL DEFAULT 'responsible'
                     CONSTRAINT jtbd_roles_raci_check CHECK (raci IN ('responsible', 'accountable', 'consulted', 'informed')),
  notes              text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_roles_org_role_key UNIQUE (tenant_id, jtbd_id, org_role_tenant_id, org_role_id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_role_tenant_id, org_role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT jtbd_roles_org_role_tenant_check
    CHECK (org_role_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_roles IS 'Organisation roles that take part in a JTBD, with their RACI letter.';
COMMENT ON COLUMN public.jtbd_roles.org_role_tenant_id IS 'Tenant of the org role: the JTBD''s own tenant or the platform library.';
COMMENT ON COLUMN public.jtbd_roles.raci IS 'responsible | accountable | consulted | informed.';

CREATE TABLE IF NOT EXISTS public.jtbd_constraints (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id         uuid NOT NULL,
  constraint_type text NOT NULL
                  CONSTRAINT jtbd_constraints_constraint_type_check
                  CHECK (constraint_type IN ('regulatory', 'timeline', 'budget', 'resource', 'technical',
                                             'organisational', 'data', 'ethical')),
  description     text NOT NULL CHECK (length(btrim(description)) > 0),
  is_negotiable   boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_constraints IS 'Fixed limits the job must be done within (a regulation, a deadline, a budget), as opposed to obstacles that could be removed.';
COMMENT ON COLUMN public.jtbd_constraints.is_negotiable IS 'True when the limit can be relaxed (an internal deadline), false when it cannot (a statutory clock).';

CREATE TABLE IF NOT EXISTS public.jtbd_obstacles (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id       uuid NOT NULL,
  obstacle_type text NOT NULL
                CONSTRAINT jtbd_obstacles_obstacle_type_check
                CHECK (obstacle_type IN ('process', 'knowledge', 'tooling', 'organisational', 'regulatory', 'data', 'resource')),
  description   text NOT NULL CHECK (length(btrim(description)) > 0),
  frequency     text NOT NULL DEFAULT 'occasional'
                CONSTRAINT jtbd_obstacles_frequency_check CHECK (frequency IN ('rare', 'occasional', 'frequent', 'constant')),
  impact        text NOT NULL DEFAULT 'medium'
                CONSTRAINT jtbd_obstacles_impact_check CHECK (impact IN ('low', 'medium', 'high', 'critical')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_obstacles IS 'What stands in the way of getting the job done and could be removed (missing data, hand-offs, tooling gaps).';
COMMENT ON COLUMN public.jtbd_obstacles.impact IS 'How much the obstacle hurts the outcome when it occurs: low | medium | high | critical.';

CREATE TABLE IF NOT EXISTS public.jtbd_pain_points (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id     uuid NOT NULL,
  job_step_id uuid,
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  severity    text NOT NULL DEFAULT 'medium'
              CONSTRAINT jtbd_pain_points_severity_check CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  frequency   text NOT NULL DEFAULT 'occasional'
              CONSTRAINT jtbd_pain_points_frequency_check CHECK (frequency IN ('rare', 'occasional', 'frequent', 'constant')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, jtbd_id, job_step_id) REFERENCES public.jtbd_job_steps (tenant_id, jtbd_id, id)
    ON DELETE SET NULL (job_step_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_pain_points IS 'What hurts the executor while doing the job, optionally pinned to a job map step.';
COMMENT ON COLUMN public.jtbd_pain_points.job_step_id IS 'The job map step (same JTBD) where the pain is felt, if any.';

CREATE TABLE IF NOT EXISTS public.jtbd_solution_requirements (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id          uuid NOT NULL,
  requirement      text NOT NULL CHECK (length(btrim(requirement)) > 0),
  requirement_type text NOT NULL DEFAULT 'functional'
                   CONSTRAINT jtbd_solution_requirements_requirement_type_check
                   CHECK (requirement_type IN ('functional', 'non_functional', 'regulatory', 'integration',
                                               'data', 'security', 'usability')),
  priority         text NOT NULL DEFAULT 'should'
                   CONSTRAINT jtbd_solution_requirements_priority_check CHECK (priority IN ('must', 'should', 'could', 'wont')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_solution_requirements IS 'What any solution to the job (an agent, a tool) must or should do.';
COMMENT ON COLUMN public.jtbd_solution_requirements.priority IS 'MoSCoW: must | should | could | wont.';

CREATE TABLE IF NOT EXISTS public.jtbd_value_drivers (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id         uuid NOT NULL,
  driver          text NOT NULL CHECK (length(btrim(driver)) > 0),
  value_category  text NOT NULL
                  CONSTRAINT jtbd_value_drivers_value_category_check
                  CHECK (value_category IN ('time_savings', 'cost_reduction', 'risk_reduction', 'quality_improvement',
                                            'compliance', 'revenue_growth', 'patient_outcomes', 'experience')),
  magnitude       text NOT NULL DEFAULT 'medium'
                  CONSTRAINT jtbd_value_drivers_magnitude_check CHECK (magnitude IN ('low', 'medium', 'high')),
  impact_estimate text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_value_drivers IS 'Why getting the job done better is worth paying for: the value a better solution creates.';
COMMENT ON COLUMN public.jtbd_value_drivers.impact_estimate IS 'Free-text estimate of the value ("two weeks saved per submission").';

CREATE TABLE IF NOT EXISTS public.jtbd_competing_solutions (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id       uuid NOT NULL,
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  solution_type text NOT NULL
                CONSTRAINT jtbd_competing_solutions_solution_type_check
                CHECK (solution_type IN ('manual_process', 'spreadsheet', 'commercial_software', 'consultancy',
                                         'in_house_tool', 'outsourced_vendor', 'general_ai_assistant')),
  strengths     text,
  weaknesses    text,
  prevalence    text NOT NULL DEFAULT 'common'
                CONSTRAINT jtbd_competing_solutions_prevalence_check CHECK (prevalence IN ('rare', 'common', 'dominant')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_competing_solutions IS 'How executors get the job done today (tools, vendors, workarounds) and where those fall short.';
COMMENT ON COLUMN public.jtbd_competing_solutions.prevalence IS 'How widespread the solution is among executors: rare | common | dominant.';

CREATE TABLE IF NOT EXISTS public.jtbd_success_criteria (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id            uuid NOT NULL,
  criterion          text NOT NULL CHECK (length(btrim(criterion)) > 0),
  measurement_method text,
  target             text,
  is_mandatory       boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_success_criteria IS 'How the executor judges that the job was done well.';
COMMENT ON COLUMN public.jtbd_success_criteria.is_mandatory IS 'True when failing the criterion means the job failed, false when it is merely desirable.';

CREATE TABLE IF NOT EXISTS public.jtbd_kpis (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id               uuid NOT NULL,
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  description           text,
  unit                  text NOT NULL CHECK (length(btrim(unit)) > 0),
  direction             text NOT NULL
                        CONSTRAINT jtbd_kpis_direction_check CHECK (direction IN ('increase', 'decrease', 'maintain')),
  baseline_value        numeric,
  target_value          numeric,
  measurement_frequency text NOT NULL DEFAULT 'monthly'
                        CONSTRAINT jtbd_kpis_measurement_frequency_check
                        CHECK (measurement_frequency IN ('per_occurrence', 'weekly', 'monthly', 'quarterly', 'annually')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_kpis_name_key UNIQUE (tenant_id, jtbd_id, name),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_kpis IS 'Measurable indicators of how well the job gets done, with baseline and target.';
COMMENT ON COLUMN public.jtbd_kpis.direction IS 'Which way is better: increase | decrease | maintain.';
COMMENT ON COLUMN public.jtbd_kpis.baseline_value IS 'Typical value today, in unit; NULL when unknown.';
COMMENT ON COLUMN public.jtbd_kpis.measurement_frequency IS 'How often the KPI is measured; per_occurrence = once per execution of the job.';

CREATE TABLE IF NOT EXISTS public.jtbd_enablers (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id      uuid NOT NULL,
  enabler      text NOT NULL CHECK (length(btrim(enabler)) > 0),
  enabler_type text NOT NULL
               CONSTRAINT jtbd_enablers_enabler_type_check
               CHECK (enabler_type IN ('technology', 'data', 'skill', 'process', 'partner',
                                       'regulatory_guidance', 'organisational')),
  description  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_enablers IS 'What must be in place for the job to be done well (data standards, skills, guidance, partners).';

CREATE TABLE IF NOT EXISTS public.jtbd_evidence_sources (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id           uuid NOT NULL,
  title             text NOT NULL CHECK (length(btrim(title)) > 0),
  source_type       text NOT NULL
                    CONSTRAINT jtbd_evidence_sources_source_type_check
                    CHECK (source_type IN ('interview', 'survey', 'observation', 'literature', 'regulatory_guidance',
                                           'internal_data', 'workshop', 'expert_opinion')),
  citation          text,
  url               text CONSTRAINT jtbd_evidence_sources_url_format CHECK (url ~ '^https?://[^\s]+$'),
  published_on      date,
  sample_size       integer CONSTRAINT jtbd_evidence_sources_sample_size_positive CHECK (sample_size > 0),
  evidence_strength text NOT NULL DEFAULT 'moderate'
                    CONSTRAINT jtbd_evidence_sources_evidence_strength_check
                    CHECK (evidence_strength IN ('low', 'moderate', 'high')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_evidence_sources IS 'Where the JTBD and its outcomes come from: interviews, surveys, guidance, literature.';
COMMENT ON COLUMN public.jtbd_evidence_sources.sample_size IS 'Number of interviews, respondents or observations behind the source, where it has one.';
COMMENT ON COLUMN public.jtbd_evidence_sources.evidence_strength IS 'How much weight the source carries: low | moderate | high.';

CREATE TABLE IF NOT EXISTS public.jtbd_related_jobs (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id              uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id                uuid NOT NULL,
  related_jtbd_tenant_id uuid NOT NULL,
  related_jtbd_id        uuid NOT NULL,
  relation_type          text NOT NULL
                         CONSTRAINT jtbd_related_jobs_relation_type_check
                         CHECK (relation_type IN ('precedes', 'follows', 'part_of', 'contains', 'depends_on',
                                                  'alternative_to', 'related_to')),
  notes                  text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  created_by             uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_related_jobs_relation_key
    UNIQUE (tenant_id, jtbd_id, related_jtbd_tenant_id, related_jtbd_id, relation_type),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (related_jtbd_tenant_id, related_jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT jtbd_related_jobs_related_jtbd_tenant_check
    CHECK (related_jtbd_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT jtbd_related_jobs_not_self
    CHECK (related_jtbd_tenant_id <> tenant_id OR related_jtbd_id <> jtbd_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_related_jobs IS 'Directed links between JTBDs (this job precedes, is part of, depends on ... the related job).';
COMMENT ON COLUMN public.jtbd_related_jobs.related_jtbd_tenant_id IS 'Tenant of the related JTBD: own tenant or the platform library.';
COMMENT ON COLUMN public.jtbd_related_jobs.relation_type IS 'Read as "<jtbd> <relation_type> <related jtbd>": precedes | follows | part_of | contains | depends_on | alternative_to | related_to.';

CREATE TABLE IF NOT EXISTS public.jtbd_ai_assessments (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  jtbd_id         uuid NOT NULL,
  scores          jsonb NOT NULL
                  CONSTRAINT jtbd_ai_assessments_scores_shape CHECK (vital.jtbd_ai_scores_valid(scores)),
  readiness_score numeric(4,2) GENERATED ALWAYS AS (vital.jtbd_ai_readiness(scores)) STORED,
  readiness_tier  text GENERATED ALWAYS AS (
                    CASE WHEN vital.jtbd_ai_readiness(scores) >= 7.5 THEN 'ready'
                         WHEN vital.jtbd_ai_readiness(scores) >= 5 THEN 'promising'
                         WHEN vital.jtbd_ai_readiness(scores) >= 2.5 THEN 'exploratory'
                         ELSE 'not_ready' END) STORED,
  assessor_type   text NOT NULL DEFAULT 'human_expert'
                  CONSTRAINT jtbd_ai_assessments_assessor_type_check
                  CHECK (assessor_type IN ('ai_model', 'human_expert', 'hybrid')),
  model_name      text,
  rationale       text,
  recommendation  text,
  assessed_at     timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT jtbd_ai_assessments_model_named CHECK (assessor_type = 'human_expert' OR model_name IS NOT NULL),
  FOREIGN KEY (tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.jtbd_ai_assessments IS 'History of AI-readiness assessments of a JTBD; the latest (assessed_at) is the current one.';
COMMENT ON COLUMN public.jtbd_ai_assessments.scores IS 'Exactly six keys, each a number 0-10, higher = readier: data_readiness, process_standardisation, automation_potential, risk_tolerance, regulatory_clarity, workforce_readiness.';
COMMENT ON COLUMN public.jtbd_ai_assessments.readiness_score IS 'Mean of the six scores, 0-10.';
COMMENT ON COLUMN public.jtbd_ai_assessments.readiness_tier IS 'ready (>= 7.5) | promising (>= 5) | exploratory (>= 2.5) | not_ready.';
COMMENT ON COLUMN public.jtbd_ai_assessments.assessor_type IS 'Who assessed: ai_model | human_expert | hybrid (a model proposed, an expert confirmed).';
COMMENT ON COLUMN public.jtbd_ai_assessments.model_name IS 'The model that produced or co-produced the assessment; required unless a human assessed alone.';

-- Not a table: the completeness report. A complete JTBD has 5-12 desired
-- outcomes, a job map covering all eight stages, at least one gen-AI opportunity,
-- 3-5 use cases per opportunity and at least one row in every other child table.
-- security_invoker: the caller's RLS applies.
CREATE OR REPLACE VIEW public.jtbd_completeness WITH (security_invoker = true) AS
SELECT j.tenant_id,
       j.id AS jtbd_id,
       j.slug,
       j.title,
       c.desired_outcomes,
       c.job_map_stages,
       c.gen_ai_opportunities,
       c.opportunities_off_range,
       c.missing_sections,
       (c.desired_outcomes BETWEEN 5 AND 12
        AND c.job_map_stages = 8
        AND c.gen_ai_opportunities > 0
        AND c.opportunities_off_range = 0
        AND cardinality(c.missing_sections) = 0) AS is_complete
  FROM public.jtbds AS j
 CROSS JOIN LATERAL (
   SELECT (SELECT count(*) FROM public.jtbd_desired_outcomes AS x
            WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) AS desired_outcomes,
          (SELECT count(DISTINCT x.stage) FROM public.jtbd_job_steps AS x
            WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) AS job_map_stages,
          (SELECT count(*) FROM public.jtbd_gen_ai_opportunities AS x
            WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) AS gen_ai_opportunities,
          (SELECT count(*) FROM public.jtbd_gen_ai_opportunities AS x
            WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id
              AND (SELECT count(*) FROM public.jtbd_gen_ai_use_cases AS u
                    WHERE u.tenant_id = x.tenant_id AND u.opportunity_id = x.id) NOT BETWEEN 3 AND 5
          ) AS opportunities_off_range,
          array_remove(ARRAY[
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_executors AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'executors' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_roles AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'roles' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_constraints AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'constraints' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_obstacles AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'obstacles' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_pain_points AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'pain_points' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_solution_requirements AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'solution_requirements' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_value_drivers AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'value_drivers' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_competing_solutions AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'competing_solutions' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_success_criteria AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'success_criteria' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_kpis AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'kpis' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_enablers AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'enablers' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_evidence_sources AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'evidence_sources' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_related_jobs AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'related_jobs' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.jtbd_ai_assessments AS x
                                   WHERE x.tenant_id = j.tenant_id AND x.jtbd_id = j.id) THEN 'ai_assessments' END
          ]::text[], NULL) AS missing_sections
 ) AS c
 WHERE j.deleted_at IS NULL;
COMMENT ON VIEW public.jtbd_completeness IS 'Completeness report: which live JTBDs fall outside 5-12 desired outcomes, lack a stage of the job map or a gen-AI opportunity, have an opportunity outside 3-5 use cases, or have an empty section.';
COMMENT ON COLUMN public.jtbd_completeness.job_map_stages IS 'Distinct universal job map stages covered (8 when complete).';
COMMENT ON COLUMN public.jtbd_completeness.opportunities_off_range IS 'Gen-AI opportunities of the JTBD with fewer than 3 or more than 5 use cases.';
COMMENT ON COLUMN public.jtbd_completeness.missing_sections IS 'Child tables (without the jtbd_ prefix) with no row for this JTBD.';
GRANT SELECT ON public.jtbd_completeness TO authenticated, service_role;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.jtbds
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.jtbds', library => true);
CALL vital.secure_tenant_table('public.jtbd_job_steps', library => true);
CALL vital.secure_tenant_table('public.jtbd_desired_outcomes', library => true);
CALL vital.secure_tenant_table('public.jtbd_outcome_ratings', library => true);
CALL vital.secure_tenant_table('public.jtbd_gen_ai_opportunities', library => true);
CALL vital.secure_tenant_table('public.jtbd_gen_ai_use_cases', library => true);
CALL vital.secure_tenant_table('public.jtbd_executors', library => true);
CALL vital.secure_tenant_table('public.jtbd_roles', library => true);
CALL vital.secure_tenant_table('public.jtbd_constraints', library => true);
CALL vital.secure_tenant_table('public.jtbd_obstacles', library => true);
CALL vital.secure_tenant_table('public.jtbd_pain_points', library => true);
CALL vital.secure_tenant_table('public.jtbd_solution_requirements', library => true);
CALL vital.secure_tenant_table('public.jtbd_value_drivers', library => true);
CALL vital.secure_tenant_table('public.jtbd_competing_solutions', library => true);
CALL vital.secure_tenant_table('public.jtbd_success_criteria', library => true);
CALL vital.secure_tenant_table('public.jtbd_kpis', library => true);
CALL vital.secure_tenant_table('public.jtbd_enablers', library => true);
CALL vital.secure_tenant_table('public.jtbd_evidence_sources', library => true);
CALL vital.secure_tenant_table('public.jtbd_related_jobs', library => true);
CALL vital.secure_tenant_table('public.jtbd_ai_assessments', library => true);

-- == indexes =================================================================
-- Foreign keys led by a primary or unique key need no index of their own:
-- (tenant_id, jtbd_id) leads the *_key constraints of job steps, outcomes,
-- opportunities, executors, roles, KPIs and related jobs; (tenant_id, outcome_id)
-- leads jtbd_outcome_ratings_respondent_key; (tenant_id, opportunity_id) leads
-- jtbd_gen_ai_use_cases_title_key.
CREATE INDEX IF NOT EXISTS jtbds_created_by_idx ON public.jtbds (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS jtbds_job_executor_idx ON public.jtbds (job_executor_tenant_id, job_executor);
CREATE INDEX IF NOT EXISTS jtbds_knowledge_domain_idx ON public.jtbds (knowledge_domain_tenant_id, knowledge_domain_id);
CREATE INDEX IF NOT EXISTS jtbds_forked_from_idx ON public.jtbds (forked_from_tenant_id, forked_from_id);
CREATE INDEX IF NOT EXISTS jtbds_status_idx ON public.jtbds (tenant_id, status);
CREATE INDEX IF NOT EXISTS jtbds_created_at_idx ON public.jtbds (tenant_id, created_at);
CREATE INDEX IF NOT EXISTS jtbds_tags_idx ON public.jtbds USING gin (tags);

CREATE INDEX IF NOT EXISTS jtbd_job_steps_created_by_idx ON public.jtbd_job_steps (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_desired_outcomes_job_step_idx ON public.jtbd_desired_outcomes (tenant_id, jtbd_id, job_step_id);
CREATE INDEX IF NOT EXISTS jtbd_desired_outcomes_created_by_idx ON public.jtbd_desired_outcomes (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS jtbd_desired_outcomes_opportunity_idx ON public.jtbd_desired_outcomes (tenant_id, opportunity_score DESC);

CREATE INDEX IF NOT EXISTS jtbd_outcome_ratings_respondent_persona_idx
  ON public.jtbd_outcome_ratings (respondent_persona_tenant_id, respondent_persona_id);
CREATE INDEX IF NOT EXISTS jtbd_outcome_ratings_created_by_idx ON public.jtbd_outcome_ratings (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_gen_ai_opportunities_outcome_idx
  ON public.jtbd_gen_ai_opportunities (tenant_id, jtbd_id, outcome_id);
CREATE INDEX IF NOT EXISTS jtbd_gen_ai_opportunities_status_idx ON public.jtbd_gen_ai_opportunities (tenant_id, status);
CREATE INDEX IF NOT EXISTS jtbd_gen_ai_opportunities_created_by_idx ON public.jtbd_gen_ai_opportunities (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_gen_ai_use_cases_created_by_idx ON public.jtbd_gen_ai_use_cases (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_executors_persona_idx ON public.jtbd_executors (persona_tenant_id, persona_id);
CREATE INDEX IF NOT EXISTS jtbd_executors_created_by_idx ON public.jtbd_executors (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_roles_org_role_idx ON public.jtbd_roles (org_role_tenant_id, org_role_id);
CREATE INDEX IF NOT EXISTS jtbd_roles_created_by_idx ON public.jtbd_roles (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_constraints_jtbd_id_idx ON public.jtbd_constraints (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_constraints_created_by_idx ON public.jtbd_constraints (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_obstacles_jtbd_id_idx ON public.jtbd_obstacles (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_obstacles_created_by_idx ON public.jtbd_obstacles (tenant_id, created_by);

-- (tenant_id, jtbd_id, job_step_id) serves both the JTBD and the job step keys.
CREATE INDEX IF NOT EXISTS jtbd_pain_points_job_step_idx ON public.jtbd_pain_points (tenant_id, jtbd_id, job_step_id);
CREATE INDEX IF NOT EXISTS jtbd_pain_points_created_by_idx ON public.jtbd_pain_points (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_solution_requirements_jtbd_id_idx ON public.jtbd_solution_requirements (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_solution_requirements_created_by_idx ON public.jtbd_solution_requirements (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_value_drivers_jtbd_id_idx ON public.jtbd_value_drivers (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_value_drivers_created_by_idx ON public.jtbd_value_drivers (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_competing_solutions_jtbd_id_idx ON public.jtbd_competing_solutions (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_competing_solutions_created_by_idx ON public.jtbd_competing_solutions (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_success_criteria_jtbd_id_idx ON public.jtbd_success_criteria (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_success_criteria_created_by_idx ON public.jtbd_success_criteria (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_kpis_created_by_idx ON public.jtbd_kpis (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_enablers_jtbd_id_idx ON public.jtbd_enablers (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_enablers_created_by_idx ON public.jtbd_enablers (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_evidence_sources_jtbd_id_idx ON public.jtbd_evidence_sources (tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_evidence_sources_created_by_idx ON public.jtbd_evidence_sources (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS jtbd_related_jobs_related_jtbd_idx ON public.jtbd_related_jobs (related_jtbd_tenant_id, related_jtbd_id);
CREATE INDEX IF NOT EXISTS jtbd_related_jobs_created_by_idx ON public.jtbd_related_jobs (tenant_id, created_by);

-- Also serves the JTBD key; sorted by assessed_at to find the latest assessment.
CREATE INDEX IF NOT EXISTS jtbd_ai_assessments_jtbd_assessed_idx ON public.jtbd_ai_assessments (tenant_id, jtbd_id, assessed_at);
CREATE INDEX IF NOT EXISTS jtbd_ai_assessments_created_by_idx ON public.jtbd_ai_assessments (tenant_id, created_by);
