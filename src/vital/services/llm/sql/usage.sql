-- Model calls (llm/usage.py).

-- name: insert
INSERT INTO public.llm_usage (tenant_id, provider, model, operation, status, prompt_tokens, completion_tokens,
                              cost_usd, latency_ms, session_id, message_id, panel_id, workflow_run_id)
VALUES ((SELECT auth.tenant_id()), %(provider)s, %(model)s, %(operation)s, %(status)s, %(prompt_tokens)s,
        %(completion_tokens)s, %(cost_usd)s, %(latency_ms)s, %(session_id)s, %(message_id)s, %(panel_id)s,
        %(workflow_run_id)s)
