-- Rollback of 20261124000006_templates.
DROP TABLE IF EXISTS public.mission_templates;
DROP TABLE IF EXISTS public.output_templates;
DROP TABLE IF EXISTS public.prompt_template_versions;
DROP TABLE IF EXISTS public.prompt_templates;
DROP TABLE IF EXISTS public.panel_archetypes;
DROP FUNCTION IF EXISTS vital.prompt_templates_record_version();
DROP FUNCTION IF EXISTS vital.prompt_templates_bump_version();
