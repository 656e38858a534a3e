-- Rollback of 20261124000005_organization.
DROP TABLE IF EXISTS public.org_role_therapeutic_areas;
DROP TABLE IF EXISTS public.org_role_kpis;
DROP TABLE IF EXISTS public.org_role_tools;
DROP TABLE IF EXISTS public.org_role_skills;
DROP TABLE IF EXISTS public.org_role_responsibilities;
DROP TABLE IF EXISTS public.org_reporting_lines;
DROP TABLE IF EXISTS public.org_team_members;
DROP TABLE IF EXISTS public.org_teams;
DROP TABLE IF EXISTS public.org_locations;
DROP TABLE IF EXISTS public.org_roles;
DROP TABLE IF EXISTS public.org_departments;
DROP TABLE IF EXISTS public.org_functions;
