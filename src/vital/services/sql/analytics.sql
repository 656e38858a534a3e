-- Analytics (analytics.py): events, feedback, daily roll-ups and their listings.

-- name: event
-- Bookkeeping: written through its SECURITY DEFINER function (docs/roles.md).
SELECT vital.record_event(%(event_type)s, %(subject_type)s, %(subject_id)s, %(properties)s)

-- name: feedback_insert
-- The answer must be visible to the caller (RLS), else nothing is inserted.
INSERT INTO public.feedback (tenant_id, message_id, synthesis_id, rating, reasons, comment)
SELECT (SELECT auth.tenant_id()), %(message_id)s, %(synthesis_id)s, %(rating)s, %(reasons)s, %(comment)s
 WHERE EXISTS (SELECT FROM public.ask_expert_messages WHERE id = %(message_id)s AND role = 'assistant')
    OR EXISTS (SELECT FROM public.panel_syntheses WHERE id = %(synthesis_id)s)
RETURNING id, created_at

-- name: rollup_usage
-- One UTC day of the caller's tenant, recomputed from the raw tables and upserted.
SELECT metric, value FROM vital.rollup_usage(%(day)s)

-- name: rollup_agents
-- Per agent and UTC day: answers, ratings, answer latency, spend.
SELECT agent_id FROM vital.rollup_agent_performance(%(day)s)

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
