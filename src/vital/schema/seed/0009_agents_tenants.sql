-- Seed, Agents: the agent hierarchy, the platform tools, the 21 fully profiled
-- platform agents (every column and every junction filled), and for each demo
-- tenant (acme, pharmaco) one level of its own, one tool, one own agent using
-- platform skills and one fork of a platform agent with its children copied.
-- Idempotent: fixed ids from vital.seed_uuid, ON CONFLICT DO NOTHING.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

-- Prompt history: own agents start at version 1; forks keep the copied platform
-- prompt as version 1 and the tenant's edit as version 2.
INSERT INTO public.agent_versions (id, tenant_id, agent_id, version, system_prompt, change_note, created_by)
SELECT vital.seed_uuid('agent_versions', v.tenant_key, v.agent, v.version::text), a.tenant_id, a.id, v.version,
       CASE WHEN v.from_platform THEN p.system_prompt ELSE a.system_prompt END, v.note, a.created_by
  FROM (VALUES
    ('acme', 'oncology-biomarker-strategist', 1, false, 'First Acme version.'),
    ('acme', 'fda-regulatory-strategist', 1, true, 'Forked from the platform library (platform version 1).'),
    ('acme', 'fda-regulatory-strategist', 2, false, 'Added Acme oncology context and the vault search step.'),
    ('pharmaco', 'rare-disease-evidence-analyst', 1, false, 'First PharmaCo version.'),
    ('pharmaco', 'clinical-safety-monitor', 1, true, 'Forked from the platform library (platform version 1).'),
    ('pharmaco', 'clinical-safety-monitor', 2, false, 'Added cardiovascular and rare disease context and the safety database export.')
  ) AS v(tenant_key, agent, version, from_platform, note)
  JOIN public.agents a
    ON a.tenant_id = vital.seed_uuid('tenants', v.tenant_key) AND a.id = vital.seed_uuid('agents', v.tenant_key, v.agent)
  LEFT JOIN public.agents p
    ON p.tenant_id = a.forked_from_tenant_id AND p.id = a.forked_from_id
ON CONFLICT DO NOTHING;
