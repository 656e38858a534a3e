-- Rollback of 20261124000013_services.
DROP TABLE IF EXISTS public.panel_syntheses;
DROP TABLE IF EXISTS public.panel_votes;
DROP TABLE IF EXISTS public.panel_contributions;
DROP TABLE IF EXISTS public.panel_members;
DROP TABLE IF EXISTS public.panel_sessions;
DROP TABLE IF EXISTS public.ask_expert_citations;
DROP TABLE IF EXISTS public.ask_expert_messages;
DROP TABLE IF EXISTS public.ask_expert_sessions;
