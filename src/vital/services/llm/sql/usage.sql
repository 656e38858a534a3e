-- Model calls (llm/usage.py).

-- name: insert
-- Bookkeeping: written through its SECURITY DEFINER function (docs/roles.md).
SELECT vital.record_llm_usage(%(provider)s, %(model)s, %(operation)s, %(status)s, %(prompt_tokens)s::integer,
                              %(completion_tokens)s::integer, %(cost_usd)s::numeric, %(latency_ms)s::integer, %(session_id)s, %(message_id)s,
                              %(panel_id)s, %(workflow_run_id)s)
