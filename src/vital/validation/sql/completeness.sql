-- Completeness of the profiles, per tenant (platform included): one row per gap.
-- Columns: tenant, kind, object, problem. Runs as the owner (every tenant at once).
WITH agent_gaps AS (  -- the rule of the agent_completeness view (20261124000042), which the console reads
  SELECT tenant_id, slug AS object, missing_sections AS missing_junctions, empty_columns
  FROM agent_completeness WHERE NOT is_complete
),
persona_counts AS (
  SELECT p.tenant_id, p.slug AS object,
         (SELECT count(*) FROM persona_typical_day_activities c WHERE c.tenant_id = p.tenant_id AND c.persona_id = p.id) AS activities,
         (SELECT count(*) FROM persona_evidence_sources c WHERE c.tenant_id = p.tenant_id AND c.persona_id = p.id) AS evidence
  FROM personas p WHERE p.deleted_at IS NULL
),
jtbd_counts AS (
  SELECT j.tenant_id, j.slug AS object,
         (SELECT count(*) FROM jtbd_desired_outcomes o WHERE o.tenant_id = j.tenant_id AND o.jtbd_id = j.id) AS outcomes
  FROM jtbds j WHERE j.deleted_at IS NULL
),
opportunity_counts AS (
  SELECT o.tenant_id, j.slug || ': ' || o.title AS object,
         (SELECT count(*) FROM jtbd_gen_ai_use_cases u WHERE u.tenant_id = o.tenant_id AND u.opportunity_id = o.id) AS use_cases
  FROM jtbd_gen_ai_opportunities o JOIN jtbds j ON j.tenant_id = o.tenant_id AND j.id = o.jtbd_id
),
gaps AS (
  SELECT tenant_id, 'agent' AS kind, object,
         concat_ws('; ', 'no ' || array_to_string(missing_junctions, ', no '),
                   'empty: ' || array_to_string(empty_columns, ', ')) AS problem
  FROM agent_gaps
  UNION ALL
  SELECT tenant_id, 'persona', object, activities || ' typical-day activities (6-13 expected)'
  FROM persona_counts WHERE activities NOT BETWEEN 6 AND 13
  UNION ALL
  SELECT tenant_id, 'persona', object, evidence || ' evidence sources (5-10 expected)'
  FROM persona_counts WHERE evidence NOT BETWEEN 5 AND 10
  UNION ALL
  SELECT tenant_id, 'jtbd', object, outcomes || ' desired outcomes (5-12 expected)'
  FROM jtbd_counts WHERE outcomes NOT BETWEEN 5 AND 12
  UNION ALL
  SELECT tenant_id, 'opportunity', object, use_cases || ' use cases (3-5 expected)'
  FROM opportunity_counts WHERE use_cases NOT BETWEEN 3 AND 5
)
SELECT t.subdomain AS tenant, g.kind, g.object, g.problem
FROM gaps g JOIN tenants t ON t.id = g.tenant_id
WHERE %(tenant)s::text IS NULL OR t.subdomain = %(tenant)s::text
ORDER BY t.subdomain = 'platform' DESC, t.subdomain, g.kind, g.object, g.problem
