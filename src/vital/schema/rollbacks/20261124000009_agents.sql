-- Rollback of 20261124000009_agents.
-- Indexes, triggers and policies go with their tables; no CASCADE, so that a
-- later domain still referring to agents makes this fail loudly.
DROP TABLE IF EXISTS public.agent_versions;
DROP TABLE IF EXISTS public.agent_knowledge_sources;
DROP TABLE IF EXISTS public.agent_regulatory_jurisdictions;
DROP TABLE IF EXISTS public.agent_escalation_triggers;
DROP TABLE IF EXISTS public.agent_success_criteria;
DROP TABLE IF EXISTS public.agent_relationships;
DROP TABLE IF EXISTS public.agent_prompt_starters;
DROP TABLE IF EXISTS public.agent_jtbds;
DROP TABLE IF EXISTS public.agent_knowledge_domains;
DROP TABLE IF EXISTS public.agent_skills;
DROP TABLE IF EXISTS public.agent_capabilities;
DROP TABLE IF EXISTS public.agent_tools;
DROP TABLE IF EXISTS public.agents;
DROP TABLE IF EXISTS public.tools;
DROP TABLE IF EXISTS public.agent_levels;
DROP FUNCTION IF EXISTS vital.agent_capabilities_text(text[]);
