SELECT p.day, p.agent_id, a.slug, p.answers, p.rated_answers, p.avg_rating, p.p50_latency_ms, p.p95_latency_ms,
       p.total_tokens, p.cost_usd
  FROM public.agent_performance p
  LEFT JOIN public.agents a ON a.tenant_id = p.agent_tenant_id AND a.id = p.agent_id
 WHERE p.day BETWEEN %(since)s AND %(until)s
 ORDER BY p.day, a.slug
