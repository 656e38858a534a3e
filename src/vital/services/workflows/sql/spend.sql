SELECT coalesce(sum(total_tokens), 0)::bigint AS tokens, coalesce(sum(cost_usd), 0)::float8 AS cost_usd
  FROM public.llm_usage
 WHERE workflow_run_id = %(run_id)s
