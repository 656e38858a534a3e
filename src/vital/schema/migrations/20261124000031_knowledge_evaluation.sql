-- Evaluation of answers over the knowledge base (docs/knowledge.md#evaluation):
-- golden sets of questions (eval_sets, eval_questions) and the runs that ask them
-- (eval_runs, eval_results: per run its metrics, per question what was retrieved,
-- answered and judged), so that a regression shows as a difference between runs.
-- Domain: knowledge. The questions name knowledge documents and facts in them, the
-- platform's golden set is a library like the platform's documents (the platform
-- tenant's rows, readable by every tenant, changed by none), and what a run measures
-- is retrieval and answers from that knowledge; analytics is bookkeeping written by
-- definer functions, while these rows are working data the tenant writes under RLS.
-- In `public` (SCHEMA.md "Beyond the 125": a table meant to be served): a tenant's
-- questions are edited through /rest/v1, and every generated guarantee (isolation,
-- role matrix, export and erasure, validator) covers them.
-- Role class `data` for all four: owners, admins, members (and write keys) write;
-- viewers and read keys read sets, runs and results but neither edit questions nor
-- start runs.
-- vital.enqueue_job() also accepts the `vital.eval` task (a run in the background).

-- == types ===================================================================

-- == functions ===============================================================
-- For the CHECK of eval_questions.fact_pattern (before the table): the pattern
-- compiles as a regular expression, so a bad one is refused when written (400)
-- rather than when a run reaches it.
CREATE OR REPLACE FUNCTION vital.eval_pattern_is_valid(pattern text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$
  BEGIN
    PERFORM '' ~* pattern;
    RETURN true;
  EXCEPTION WHEN invalid_regular_expression THEN
    RETURN false;
  END
  $$;
COMMENT ON FUNCTION vital.eval_pattern_is_valid(text) IS
  'Whether a golden question''s fact pattern compiles as a (case-insensitive) regular expression.';
REVOKE EXECUTE ON FUNCTION vital.eval_pattern_is_valid(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION vital.eval_pattern_is_valid(text) TO authenticated, service_role;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.eval_sets (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  slug        text NOT NULL
              CONSTRAINT eval_sets_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
  name        text NOT NULL CONSTRAINT eval_sets_name_length CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  metadata    jsonb NOT NULL DEFAULT '{}'::jsonb
              CONSTRAINT eval_sets_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT eval_sets_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.eval_sets IS
  'Golden sets of evaluation questions: the platform''s (seeded from the library''s questions, readable by every tenant) and a tenant''s own.';

CREATE TABLE IF NOT EXISTS public.eval_questions (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  set_id            uuid NOT NULL,
  question          text NOT NULL CONSTRAINT eval_questions_question_length CHECK (length(question) BETWEEN 1 AND 4000),
  expected_document text CONSTRAINT eval_questions_expected_document_length CHECK (length(expected_document) <= 500),
  fact_pattern      text
                    CONSTRAINT eval_questions_fact_pattern_valid
                    CHECK (length(fact_pattern) <= 1000 AND vital.eval_pattern_is_valid(fact_pattern)),
  should_decline    boolean NOT NULL DEFAULT false,
  tag               text NOT NULL DEFAULT 'golden'
                    CONSTRAINT eval_questions_tag_check CHECK (tag IN ('golden', 'dev', 'heldout')),
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb
                    CONSTRAINT eval_questions_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  -- A question to decline expects nothing; any other expects a document, a fact, or both.
  CONSTRAINT eval_questions_expectation_check CHECK (
    CASE WHEN should_decline THEN expected_document IS NULL AND fact_pattern IS NULL
         ELSE expected_document IS NOT NULL OR fact_pattern IS NOT NULL END),
  FOREIGN KEY (tenant_id, set_id) REFERENCES public.eval_sets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.eval_questions IS
  'One golden question: what it asks, the document that answers it and/or a fact pattern the answer must contain, or that it should be declined.';
COMMENT ON COLUMN public.eval_questions.expected_document IS
  'The document that answers it: a library slug (metadata.slug), a document id, its source_ref or its title.';
COMMENT ON COLUMN public.eval_questions.fact_pattern IS
  'Case-insensitive regular expression a correct answer contains (Python''s re at run time).';
COMMENT ON COLUMN public.eval_questions.tag IS
  'golden (what CI and regressions use), dev (to tune on), heldout (judged only, never tuned on).';

CREATE TABLE IF NOT EXISTS public.eval_runs (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  status            text NOT NULL DEFAULT 'queued'
                    CONSTRAINT eval_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  tag               text NOT NULL DEFAULT 'golden'
                    CONSTRAINT eval_runs_tag_check CHECK (tag IN ('golden', 'dev', 'heldout', 'all')),
  set_tenant_id     uuid,
  set_id            uuid,
  mode              integer NOT NULL DEFAULT 2 CONSTRAINT eval_runs_mode_check CHECK (mode IN (1, 2)),
  k                 integer NOT NULL DEFAULT 5 CONSTRAINT eval_runs_k_range CHECK (k BETWEEN 1 AND 50),
  settings          jsonb NOT NULL DEFAULT '{}'::jsonb
                    CONSTRAINT eval_runs_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  questions_total   integer NOT NULL DEFAULT 0,
  questions_done    integer NOT NULL DEFAULT 0,
  progress          numeric(5, 4) GENERATED ALWAYS AS (
                      CASE WHEN questions_total > 0 THEN round(questions_done::numeric / questions_total, 4) END
                    ) STORED,
  metrics           jsonb NOT NULL DEFAULT '{}'::jsonb
                    CONSTRAINT eval_runs_metrics_is_object CHECK (jsonb_typeof(metrics) = 'object'),
  error             text,
  started_at        timestamptz,
  finished_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT eval_runs_counts_check CHECK (questions_total >= 0 AND questions_done BETWEEN 0 AND questions_total),
  CONSTRAINT eval_runs_time_order CHECK (finished_at >= started_at),
  CONSTRAINT eval_runs_set_tenant_check CHECK (set_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (set_tenant_id, set_id) REFERENCES public.eval_sets (tenant_id, id) MATCH FULL
    ON DELETE SET NULL (set_tenant_id, set_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.eval_runs IS
  'One evaluation run: the questions of a tag (and set) asked as the tenant, with its settings, progress and metrics.';
COMMENT ON COLUMN public.eval_runs.settings IS
  'What the figures depend on: agent, answerer, retrieval, passages, embedding model.';
COMMENT ON COLUMN public.eval_runs.metrics IS
  'hit_at_k, mrr, fact_recall, decline_precision, decline_recall, wrong_confident_rate, citation_validity, latency p50/p95 (docs/knowledge.md#evaluation).';

CREATE TABLE IF NOT EXISTS public.eval_results (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  run_id            uuid NOT NULL,
  question_tenant_id uuid,
  question_id       uuid,
  position          integer NOT NULL CONSTRAINT eval_results_position_check CHECK (position >= 0),
  question          text NOT NULL,
  expected_document text,
  fact_pattern      text,
  should_decline    boolean NOT NULL DEFAULT false,
  retrieved         jsonb NOT NULL DEFAULT '[]'::jsonb
                    CONSTRAINT eval_results_retrieved_is_array CHECK (jsonb_typeof(retrieved) = 'array'),
  hit_rank          integer CONSTRAINT eval_results_hit_rank_check CHECK (hit_rank >= 1),
  answer            text,
  confidence        real CONSTRAINT eval_results_confidence_range CHECK (confidence BETWEEN 0 AND 1),
  fact_found        boolean,
  declined          boolean,
  correct           boolean,
  citations_total   integer NOT NULL DEFAULT 0,
  citations_valid   integer NOT NULL DEFAULT 0,
  latency_ms        real,
  session_id        uuid,
  error             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT eval_results_run_position_key UNIQUE (tenant_id, run_id, position),
  CONSTRAINT eval_results_citations_check CHECK (citations_valid BETWEEN 0 AND citations_total),
  CONSTRAINT eval_results_question_tenant_check CHECK (question_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, run_id) REFERENCES public.eval_runs (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (question_tenant_id, question_id) REFERENCES public.eval_questions (tenant_id, id) MATCH FULL
    ON DELETE SET NULL (question_tenant_id, question_id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES public.ask_expert_sessions (tenant_id, id)
    ON DELETE SET NULL (session_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.eval_results IS
  'One question of a run: the question as asked (a copy: the run stays readable if the question changes), what was retrieved, the answer and how it was judged.';
COMMENT ON COLUMN public.eval_results.retrieved IS
  'Documents in retrieval order: [{"rank", "document_id", "title", "slug"}].';
COMMENT ON COLUMN public.eval_results.hit_rank IS 'Rank of the expected document among the retrieved ones (null: not retrieved).';
COMMENT ON COLUMN public.eval_results.declined IS 'The answer declined (confidence under 0.3, or the answerer said so).';
COMMENT ON COLUMN public.eval_results.correct IS
  'Declined when it should, or (answerable) the fact found, else the expected document cited.';
COMMENT ON COLUMN public.eval_results.citations_valid IS
  'Cited sentences found word for word in (or, from a generative model, supported by) the chunk they cite.';

-- == functions ===============================================================
-- Background runs: vital.enqueue_job (20261124000029) accepts vital.eval too.
CREATE OR REPLACE FUNCTION vital.enqueue_job(task text, args jsonb DEFAULT '{}'::jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = ''
AS $$
DECLARE
  v_tenant uuid := auth.tenant_id();
  v_lock   text;
  v_id     bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'a job needs a tenant' USING ERRCODE = '42501';
  END IF;
  IF task NOT IN ('vital.ingest', 'vital.reembed', 'vital.eval') THEN
    RAISE EXCEPTION 'unknown tenant task %', task USING ERRCODE = '22023',
      HINT = 'Tenants enqueue vital.ingest, vital.reembed or vital.eval.';
  END IF;
  IF jsonb_typeof(args) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'job arguments must be a JSON object' USING ERRCODE = '22023';
  END IF;
  v_lock := CASE WHEN task = 'vital.reembed' THEN task || ':' || v_tenant END;
  INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, queueing_lock, args)
  VALUES ('tenants', task, v_lock,
          (args - 'tenant_id' - 'claims') || jsonb_build_object('tenant_id', v_tenant, 'claims', auth.jwt()))
  ON CONFLICT (queueing_lock) WHERE status = 'todo' DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id INTO v_id FROM procrastinate.procrastinate_jobs WHERE queueing_lock = v_lock AND status = 'todo';
  END IF;
  RETURN v_id;
END $$;
COMMENT ON FUNCTION vital.enqueue_job(text, jsonb) IS
  'Enqueue a tenant task (vital.ingest, vital.reembed, vital.eval) for the caller''s tenant, with the caller''s claims.';

-- == triggers ================================================================

-- == policies ================================================================
CALL vital.secure_tenant_table('public.eval_sets', library => true);
CALL vital.secure_tenant_table('public.eval_questions', library => true);
CALL vital.secure_tenant_table('public.eval_runs');
CALL vital.secure_tenant_table('public.eval_results');
CALL vital.secure_table_roles('public.eval_sets', 'data');
CALL vital.secure_table_roles('public.eval_questions', 'data');
CALL vital.secure_table_roles('public.eval_runs', 'data');
CALL vital.secure_table_roles('public.eval_results', 'data');

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS eval_sets_created_by_idx ON public.eval_sets (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS eval_questions_set_id_idx ON public.eval_questions (tenant_id, set_id, tag);
CREATE INDEX IF NOT EXISTS eval_questions_created_by_idx ON public.eval_questions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS eval_runs_created_at_idx ON public.eval_runs (tenant_id, created_at);
CREATE INDEX IF NOT EXISTS eval_runs_set_idx ON public.eval_runs (set_tenant_id, set_id);
CREATE INDEX IF NOT EXISTS eval_runs_created_by_idx ON public.eval_runs (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS eval_results_question_idx ON public.eval_results (question_tenant_id, question_id);
CREATE INDEX IF NOT EXISTS eval_results_session_id_idx ON public.eval_results (tenant_id, session_id);
CREATE INDEX IF NOT EXISTS eval_results_created_by_idx ON public.eval_results (tenant_id, created_by);
