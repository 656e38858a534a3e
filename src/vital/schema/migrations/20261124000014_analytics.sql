-- Domain 9, Analytics (5 tables): analytics_events, usage_metrics, feedback,
-- llm_usage, agent_performance. All tenant-private. usage_metrics and
-- agent_performance are daily roll-ups written by maintenance jobs; the other
-- three are written as things happen.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.analytics_events (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  event_type   text NOT NULL
               CONSTRAINT analytics_events_event_type_format
               CHECK (event_type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  subject_type text
               CONSTRAINT analytics_events_subject_type_check
               CHECK (subject_type IN ('ask_expert_sessions', 'ask_expert_messages', 'panel_sessions',
                                       'workflow_runs', 'agents', 'personas', 'jtbds', 'rag_documents',
                                       'search_logs', 'profiles')),
  subject_id   uuid,
  properties   jsonb NOT NULL DEFAULT '{}'::jsonb
               CONSTRAINT analytics_events_properties_is_object CHECK (jsonb_typeof(properties) = 'object'),
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT analytics_events_subject_pair CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.analytics_events IS 'Product events (what users did, what the platform did), append-only, for funnels and dashboards.';
COMMENT ON COLUMN public.analytics_events.event_type IS 'Dotted lower-case name, <area>.<action>: ask_expert.session_started, panel.consensus_reached, knowledge.document_ingested.';
COMMENT ON COLUMN public.analytics_events.subject_type IS 'Table of the row the event is about; with subject_id a loose reference (events outlive their subjects, so no foreign key).';
COMMENT ON COLUMN public.analytics_events.properties IS 'Event attributes; GIN-indexed for containment filters (properties @> ...).';
COMMENT ON COLUMN public.analytics_events.occurred_at IS 'When it happened at the source; created_at is when it was recorded.';
COMMENT ON COLUMN public.analytics_events.created_by IS 'The user whose action the event records (null for system events).';

CREATE TABLE IF NOT EXISTS public.usage_metrics (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  metric      text NOT NULL
              CONSTRAINT usage_metrics_metric_check
              CHECK (metric IN ('active_users', 'ask_expert_sessions', 'ask_expert_messages', 'panel_sessions',
                                'workflow_runs', 'llm_tokens', 'llm_cost_usd', 'documents_ingested',
                                'searches', 'api_requests', 'feedback_ratings')),
  day         date NOT NULL,
  value       numeric(18, 4) NOT NULL DEFAULT 0
              CONSTRAINT usage_metrics_value_nonnegative CHECK (value >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT usage_metrics_day_key UNIQUE (tenant_id, metric, day),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.usage_metrics IS 'Daily roll-ups per tenant and metric for dashboards (tenant_usage holds the counters that enforce tier limits).';
COMMENT ON COLUMN public.usage_metrics.day IS 'The UTC day the value covers.';
COMMENT ON COLUMN public.usage_metrics.value IS 'The day''s total (a count, or USD for llm_cost_usd); upserted by the roll-up job.';

CREATE TABLE IF NOT EXISTS public.feedback (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  message_id   uuid,
  synthesis_id uuid,
  rating       smallint NOT NULL
               CONSTRAINT feedback_rating_range CHECK (rating BETWEEN 1 AND 5),
  reasons      text[] NOT NULL DEFAULT '{}'
               CONSTRAINT feedback_reasons_check
               CHECK (reasons <@ ARRAY['accurate', 'helpful', 'well_cited', 'inaccurate', 'incomplete',
                                       'missing_citation', 'outdated', 'off_topic', 'too_long', 'unsafe']::text[]),
  comment      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES public.ask_expert_messages (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, synthesis_id) REFERENCES public.panel_syntheses (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT feedback_one_target CHECK (num_nonnulls(message_id, synthesis_id) = 1),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.feedback IS 'A user''s 1-5 rating of an answer: an Ask Expert message or a panel synthesis (exactly one).';
COMMENT ON COLUMN public.feedback.reasons IS 'Tags chosen with the rating, from a fixed list (accurate, missing_citation, outdated, ...).';
COMMENT ON COLUMN public.feedback.created_by IS 'The user who rated.';

CREATE TABLE IF NOT EXISTS public.llm_usage (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  provider          text NOT NULL
                    CONSTRAINT llm_usage_provider_check
                    CHECK (provider IN ('openai', 'azure-openai', 'anthropic', 'vllm', 'ollama',
                                        'llama-cpp', 'extractive', 'other')),
  model             text NOT NULL,
  operation         text NOT NULL DEFAULT 'chat'
                    CONSTRAINT llm_usage_operation_check CHECK (operation IN ('chat', 'embedding', 'rerank')),
  status            text NOT NULL DEFAULT 'succeeded'
                    CONSTRAINT llm_usage_status_check CHECK (status IN ('succeeded', 'failed')),
  prompt_tokens     integer NOT NULL DEFAULT 0
                    CONSTRAINT llm_usage_prompt_tokens_nonnegative CHECK (prompt_tokens >= 0),
  completion_tokens integer NOT NULL DEFAULT 0
                    CONSTRAINT llm_usage_completion_tokens_nonnegative CHECK (completion_tokens >= 0),
  total_tokens      integer GENERATED ALWAYS AS (prompt_tokens + completion_tokens) STORED,
  cost_usd          numeric(12, 6) NOT NULL DEFAULT 0
                    CONSTRAINT llm_usage_cost_nonnegative CHECK (cost_usd >= 0),
  latency_ms        integer
                    CONSTRAINT llm_usage_latency_nonnegative CHECK (latency_ms >= 0),
  session_id        uuid,
  message_id        uuid,
  panel_id          uuid,
  workflow_run_id   uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  -- Cost records outlive what they were spent on: deleting it only clears the link.
  FOREIGN KEY (tenant_id, session_id) REFERENCES public.ask_expert_sessions (tenant_id, id)
    ON DELETE SET NULL (session_id),
  FOREIGN KEY (tenant_id, message_id) REFERENCES public.ask_expert_messages (tenant_id, id)
    ON DELETE SET NULL (message_id),
  FOREIGN KEY (tenant_id, panel_id) REFERENCES public.panel_sessions (tenant_id, id)
    ON DELETE SET NULL (panel_id),
  FOREIGN KEY (tenant_id, workflow_run_id) REFERENCES public.workflow_runs (tenant_id, id)
    ON DELETE SET NULL (workflow_run_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.llm_usage IS 'One row per model call: tokens, cost and latency, linked to what it served (session, message, panel, run).';
COMMENT ON COLUMN public.llm_usage.provider IS 'Endpoint family; extractive is the offline answerer (no model call, zero cost).';
COMMENT ON COLUMN public.llm_usage.model IS 'Model name as sent to the provider (gpt-4o-mini, text-embedding-3-small, ...).';
COMMENT ON COLUMN public.llm_usage.cost_usd IS 'Cost in USD at the price in force at call time.';
COMMENT ON COLUMN public.llm_usage.latency_ms IS 'Wall time of the call, request sent to last token received.';

CREATE TABLE IF NOT EXISTS public.agent_performance (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  agent_tenant_id   uuid NOT NULL,
  agent_id          uuid NOT NULL,
  day               date NOT NULL,
  answers           integer NOT NULL DEFAULT 0
                    CONSTRAINT agent_performance_answers_nonnegative CHECK (answers >= 0),
  rated_answers     integer NOT NULL DEFAULT 0,
  avg_rating        numeric(3, 2)
                    CONSTRAINT agent_performance_avg_rating_range CHECK (avg_rating BETWEEN 1 AND 5),
  p50_latency_ms    integer
                    CONSTRAINT agent_performance_p50_latency_nonnegative CHECK (p50_latency_ms >= 0),
  p95_latency_ms    integer,
  total_tokens      bigint NOT NULL DEFAULT 0
                    CONSTRAINT agent_performance_total_tokens_nonnegative CHECK (total_tokens >= 0),
  cost_usd          numeric(12, 6) NOT NULL DEFAULT 0
                    CONSTRAINT agent_performance_cost_nonnegative CHECK (cost_usd >= 0),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_performance_agent_day_key UNIQUE (tenant_id, agent_tenant_id, agent_id, day),
  FOREIGN KEY (agent_tenant_id, agent_id) REFERENCES public.agents (tenant_id, id),
  CONSTRAINT agent_performance_agent_tenant_check
    CHECK (agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT agent_performance_rated_answers_range CHECK (rated_answers BETWEEN 0 AND answers),
  CONSTRAINT agent_performance_avg_rating_present CHECK ((avg_rating IS NULL) = (rated_answers = 0)),
  CONSTRAINT agent_performance_latency_order CHECK (p95_latency_ms >= p50_latency_ms),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_performance IS 'Daily roll-up per agent (own or platform) of its answers in this tenant: volume, ratings, latency, spend.';
COMMENT ON COLUMN public.agent_performance.agent_tenant_id IS 'Tenant of the agent: the row''s own tenant or the platform library.';
COMMENT ON COLUMN public.agent_performance.day IS 'The UTC day the roll-up covers.';
COMMENT ON COLUMN public.agent_performance.answers IS 'Assistant messages the agent produced that day.';
COMMENT ON COLUMN public.agent_performance.rated_answers IS 'Of those, how many received feedback; avg_rating is over them (null when none).';
COMMENT ON COLUMN public.agent_performance.p50_latency_ms IS 'Median answer latency of the day (p95_latency_ms: 95th percentile).';

-- == policies ================================================================
CALL vital.secure_tenant_table('public.analytics_events');
CALL vital.secure_tenant_table('public.usage_metrics');
CALL vital.secure_tenant_table('public.feedback');
CALL vital.secure_tenant_table('public.llm_usage');
CALL vital.secure_tenant_table('public.agent_performance');

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS analytics_events_created_by_idx ON public.analytics_events (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS analytics_events_event_type_idx ON public.analytics_events (tenant_id, event_type, occurred_at);
CREATE INDEX IF NOT EXISTS analytics_events_occurred_at_idx ON public.analytics_events (tenant_id, occurred_at);
CREATE INDEX IF NOT EXISTS analytics_events_subject_idx ON public.analytics_events (tenant_id, subject_type, subject_id);
CREATE INDEX IF NOT EXISTS analytics_events_properties_idx ON public.analytics_events USING gin (properties jsonb_path_ops);

CREATE INDEX IF NOT EXISTS usage_metrics_created_by_idx ON public.usage_metrics (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS feedback_message_id_idx ON public.feedback (tenant_id, message_id);
CREATE INDEX IF NOT EXISTS feedback_synthesis_id_idx ON public.feedback (tenant_id, synthesis_id);
CREATE INDEX IF NOT EXISTS feedback_created_by_idx ON public.feedback (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS feedback_created_at_idx ON public.feedback (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS llm_usage_session_id_idx ON public.llm_usage (tenant_id, session_id);
CREATE INDEX IF NOT EXISTS llm_usage_message_id_idx ON public.llm_usage (tenant_id, message_id);
CREATE INDEX IF NOT EXISTS llm_usage_panel_id_idx ON public.llm_usage (tenant_id, panel_id);
CREATE INDEX IF NOT EXISTS llm_usage_workflow_run_id_idx ON public.llm_usage (tenant_id, workflow_run_id);
CREATE INDEX IF NOT EXISTS llm_usage_created_by_idx ON public.llm_usage (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS llm_usage_created_at_idx ON public.llm_usage (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS agent_performance_agent_idx ON public.agent_performance (agent_tenant_id, agent_id);
CREATE INDEX IF NOT EXISTS agent_performance_created_by_idx ON public.agent_performance (tenant_id, created_by);
