-- Rollback of 20261124000004_taxonomy.
DROP TABLE IF EXISTS public.tags;
DROP TABLE IF EXISTS public.regulatory_jurisdictions;
DROP TABLE IF EXISTS public.industries;
DROP TABLE IF EXISTS public.therapeutic_areas;
DROP TABLE IF EXISTS public.capability_skills;
DROP TABLE IF EXISTS public.skills;
DROP TABLE IF EXISTS public.capabilities;
DROP TABLE IF EXISTS public.knowledge_domains;
DROP FUNCTION IF EXISTS vital.knowledge_domains_cascade_path();
DROP FUNCTION IF EXISTS vital.knowledge_domains_set_path();
