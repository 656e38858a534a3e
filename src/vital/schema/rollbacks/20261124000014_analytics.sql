-- Rollback of 20261124000014_analytics.
DROP TABLE IF EXISTS public.agent_performance;
DROP TABLE IF EXISTS public.llm_usage;
DROP TABLE IF EXISTS public.feedback;
DROP TABLE IF EXISTS public.usage_metrics;
DROP TABLE IF EXISTS public.analytics_events;
