-- Analytics (analytics.py): events, feedback, daily roll-ups and their listings.

-- name: event
INSERT INTO public.analytics_events (tenant_id, event_type, subject_type, subject_id, properties)
VALUES ((SELECT auth.tenant_id()), %(event_type)s, %(subject_type)s, %(subject_id)s, %(properties)s)

-- name: feedback_insert
-- The answer must be visible to the caller (RLS), else nothing is inserted.
INSERT INTO public.feedback (tenant_id, message_id, synthesis_id, rating, reasons, comment)
SELECT (SELECT auth.tenant_id()), %(message_id)s, %(synthesis_id)s, %(rating)s, %(reasons)s, %(comment)s
 WHERE EXISTS (SELECT FROM public.ask_expert_messages WHERE id = %(message_id)s AND role = 'assistant')
    OR EXISTS (SELECT FROM public.panel_syntheses WHERE id = %(synthesis_id)s)
RETURNING id, created_at

-- name: rollup_usage
-- One UTC day of the caller's tenant, recomputed from the raw tables and upserted.
WITH bounds AS (
  SELECT (%(day)s::date)::timestamp AT TIME ZONE 'utc' AS lo,
         (%(day)s::date + 1)::timestamp AT TIME ZONE 'utc' AS hi
),
counts (metric, value) AS (
  SELECT 'ask_expert_sessions', count(*)::numeric FROM public.ask_expert_sessions, bounds
   WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'ask_expert_messages', count(*) FROM public.ask_expert_messages, bounds
   WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'panel_sessions', count(*) FROM public.panel_sessions, bounds WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'workflow_runs', count(*) FROM public.workflow_runs, bounds WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'llm_tokens', coalesce(sum(total_tokens), 0) FROM public.llm_usage, bounds
   WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'llm_cost_usd', coalesce(sum(cost_usd), 0) FROM public.llm_usage, bounds
   WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'searches', count(*) FROM public.search_logs, bounds WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'feedback_ratings', count(*) FROM public.feedback, bounds WHERE created_at >= lo AND created_at < hi
  UNION ALL
  SELECT 'active_users', count(DISTINCT created_by) FROM public.analytics_events, bounds
   WHERE occurred_at >= lo AND occurred_at < hi AND created_by IS NOT NULL
)
INSERT INTO public.usage_metrics (tenant_id, metric, day, value)
SELECT (SELECT auth.tenant_id()), metric, %(day)s::date, value FROM counts
ON CONFLICT ON CONSTRAINT usage_metrics_day_key DO UPDATE SET value = excluded.value
RETURNING metric, value

-- name: rollup_agents
-- Per agent and UTC day: answers, ratings, answer latency (metadata.timings.total_ms), spend.
WITH bounds AS (
  SELECT (%(day)s::date)::timestamp AT TIME ZONE 'utc' AS lo,
         (%(day)s::date + 1)::timestamp AT TIME ZONE 'utc' AS hi
),
answers AS (
  SELECT m.id, m.agent_tenant_id, m.agent_id, (m.metadata #>> '{timings,total_ms}')::numeric AS latency_ms
    FROM public.ask_expert_messages m, bounds
   WHERE m.role = 'assistant' AND m.agent_id IS NOT NULL AND m.created_at >= lo AND m.created_at < hi
),
rated AS (
  SELECT f.message_id, avg(f.rating) AS rating FROM public.feedback f WHERE f.message_id IS NOT NULL
   GROUP BY f.message_id
),
spend AS (
  SELECT u.message_id, sum(u.total_tokens) AS tokens, sum(u.cost_usd) AS cost
    FROM public.llm_usage u WHERE u.message_id IS NOT NULL GROUP BY u.message_id
)
INSERT INTO public.agent_performance (tenant_id, agent_tenant_id, agent_id, day, answers, rated_answers, avg_rating,
                                      p50_latency_ms, p95_latency_ms, total_tokens, cost_usd)
SELECT (SELECT auth.tenant_id()), a.agent_tenant_id, a.agent_id, %(day)s::date, count(*), count(r.rating),
       round(avg(r.rating), 2),
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms))::integer,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY a.latency_ms))::integer,
       coalesce(sum(s.tokens), 0), coalesce(sum(s.cost), 0)
  FROM answers a
  LEFT JOIN rated r ON r.message_id = a.id
  LEFT JOIN spend s ON s.message_id = a.id
 GROUP BY a.agent_tenant_id, a.agent_id
ON CONFLICT ON CONSTRAINT agent_performance_agent_day_key DO UPDATE
   SET answers = excluded.answers, rated_answers = excluded.rated_answers, avg_rating = excluded.avg_rating,
       p50_latency_ms = excluded.p50_latency_ms, p95_latency_ms = excluded.p95_latency_ms,
       total_tokens = excluded.total_tokens, cost_usd = excluded.cost_usd
RETURNING agent_id

-- name: usage_metrics
SELECT day, metric, value FROM public.usage_metrics
 WHERE day BETWEEN %(since)s AND %(until)s
 ORDER BY day, metric

-- name: agent_performance
SELECT p.day, p.agent_id, a.slug AS agent_slug, p.answers, p.rated_answers, p.avg_rating, p.p50_latency_ms, p.p95_latency_ms,
       p.total_tokens, p.cost_usd
  FROM public.agent_performance p
  LEFT JOIN public.agents a ON a.tenant_id = p.agent_tenant_id AND a.id = p.agent_id
 WHERE p.day BETWEEN %(since)s AND %(until)s
 ORDER BY p.day, a.slug
