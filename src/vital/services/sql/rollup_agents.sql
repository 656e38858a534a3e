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
