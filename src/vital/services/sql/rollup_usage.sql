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
