-- Rollback of 20261124000008_jtbds.
-- Dropping a table drops its policies, triggers and indexes with it.
DROP VIEW IF EXISTS public.jtbd_completeness;
DROP TABLE IF EXISTS public.jtbd_ai_assessments;
DROP TABLE IF EXISTS public.jtbd_related_jobs;
DROP TABLE IF EXISTS public.jtbd_evidence_sources;
DROP TABLE IF EXISTS public.jtbd_enablers;
DROP TABLE IF EXISTS public.jtbd_kpis;
DROP TABLE IF EXISTS public.jtbd_success_criteria;
DROP TABLE IF EXISTS public.jtbd_competing_solutions;
DROP TABLE IF EXISTS public.jtbd_value_drivers;
DROP TABLE IF EXISTS public.jtbd_solution_requirements;
DROP TABLE IF EXISTS public.jtbd_pain_points;
DROP TABLE IF EXISTS public.jtbd_obstacles;
DROP TABLE IF EXISTS public.jtbd_constraints;
DROP TABLE IF EXISTS public.jtbd_roles;
DROP TABLE IF EXISTS public.jtbd_executors;
DROP TABLE IF EXISTS public.jtbd_gen_ai_use_cases;
DROP TABLE IF EXISTS public.jtbd_gen_ai_opportunities;
DROP TABLE IF EXISTS public.jtbd_outcome_ratings;
DROP TABLE IF EXISTS public.jtbd_desired_outcomes;
DROP TABLE IF EXISTS public.jtbd_job_steps;
DROP TABLE IF EXISTS public.jtbds;

DROP FUNCTION IF EXISTS public.jtbd_outcome_apply_odi_scores(uuid, uuid, text);
DROP FUNCTION IF EXISTS public.jtbd_outcome_odi_scores(uuid, uuid, text);
DROP FUNCTION IF EXISTS vital.jtbd_ai_readiness(jsonb);
DROP FUNCTION IF EXISTS vital.jtbd_ai_scores_valid(jsonb);
