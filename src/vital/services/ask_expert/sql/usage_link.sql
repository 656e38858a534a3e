-- A run's model calls served the answer it ended with (the caller's own rows).
SELECT vital.link_llm_usage(%(run_id)s, %(message_id)s)
