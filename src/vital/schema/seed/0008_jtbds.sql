-- Seed, JTBDs: the 20 platform jobs-to-be-done of the shared slug list, each
-- complete (5-12 desired outcomes, an eight-stage job map, a gen-AI opportunity
-- with 3-5 use cases, a row in every child table), plus one complete JTBD for
-- each demo tenant (acme, pharmaco) built on platform personas and org roles.
-- Idempotent: fixed ids from vital.seed_uuid(<table>, <tenant>, <jtbd slug>, <n>),
-- ON CONFLICT DO NOTHING. Column t of every VALUES list names the tenant.
-- The first desired outcome of every JTBD is scored from a ten-respondent survey
-- (jtbd_outcome_ratings, generated below), so its scores are whole numbers that
-- public.jtbd_outcome_odi_scores derives back exactly.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

-- == jtbd_outcome_ratings ====================================================
-- Ten panel answers for outcome 1 of every seeded JTBD, built so that exactly
-- importance_score of them rate importance 4-5 and satisfaction_score of them
-- rate satisfaction 4-5: the ODI derivation gives back the stored scores.
INSERT INTO public.jtbd_outcome_ratings (id, tenant_id, outcome_id, survey_wave, respondent_ref,
                                         respondent_persona_tenant_id, respondent_persona_id,
                                         importance_rating, satisfaction_rating, responded_at)
SELECT vital.seed_uuid('jtbd_outcome_ratings', tn.subdomain, j.slug, '1', r.i::text),
       o.tenant_id, o.id, '2026-q3-panel', 'panel-' || lpad(r.i::text, 2, '0'),
       j.job_executor_tenant_id, j.job_executor,
       CASE WHEN r.i <= o.importance_score THEN 4 + r.i % 2 ELSE 1 + r.i % 3 END,
       CASE WHEN 11 - r.i <= o.satisfaction_score THEN 4 + r.i % 2 ELSE 1 + r.i % 3 END,
       timestamptz '2026-09-01 09:00+00' + r.i * interval '37 minutes'
FROM public.jtbds AS j
JOIN public.tenants AS tn ON tn.id = j.tenant_id
JOIN public.jtbd_desired_outcomes AS o
  ON o.tenant_id = j.tenant_id AND o.id = vital.seed_uuid('jtbd_desired_outcomes', tn.subdomain, j.slug, '1')
CROSS JOIN generate_series(1, 10) AS r(i)
WHERE j.id = vital.seed_uuid('jtbds', tn.subdomain, j.slug)
ON CONFLICT DO NOTHING;
