-- Seed, Agents: the agent hierarchy, the platform tools, the 21 fully profiled
-- platform agents (every column and every junction filled), and for each demo
-- tenant (acme, pharmaco) one level of its own, one tool, one own agent using
-- platform skills and one fork of a platform agent with its children copied.
-- Idempotent: fixed ids from vital.seed_uuid, ON CONFLICT DO NOTHING.
-- What stays SQL here is computed from rows already seeded; the plain data is
-- in the .json files of the same number.

-- Every agent stops answering alone when it is unsure; the threshold is
-- stricter for the strategic tiers, whose answers carry more weight.
INSERT INTO public.agent_escalation_triggers (id, tenant_id, agent_id, trigger_type, condition, confidence_threshold, action, severity)
SELECT vital.seed_uuid('agent_escalation_triggers', 'platform', a.slug, 'low-confidence'), vital.platform_tenant_id(), a.id,
       'low_confidence', 'The answer''s confidence is below the threshold, or the sources retrieved do not support it.',
       CASE a.tier WHEN 1 THEN 0.75 WHEN 2 THEN 0.70 ELSE 0.60 END, 'escalate_to_human', 'medium'
  FROM public.agents a
 WHERE a.tenant_id = vital.platform_tenant_id()
ON CONFLICT DO NOTHING;
-- Version 1 of each platform prompt is the prompt as seeded.
INSERT INTO public.agent_versions (id, tenant_id, agent_id, version, system_prompt, change_note)
SELECT vital.seed_uuid('agent_versions', 'platform', a.slug, '1'), a.tenant_id, a.id, 1, a.system_prompt,
       'Initial release in the VITAL platform library.'
  FROM public.agents a
 WHERE a.tenant_id = vital.platform_tenant_id()
ON CONFLICT DO NOTHING;
-- Forks: a copy of the platform row, then the tenant's edits (a longer prompt,
-- extra capabilities); forked_from keeps the link to the original.
INSERT INTO public.agents (id, tenant_id, slug, name, tagline, domain, subdomain, description, capabilities,
                           persona_tenant_id, persona_id, system_prompt, status, level_tenant_id, level_id,
                           tier, model, temperature, max_tokens, settings, avatar_url, color,
                           forked_from_tenant_id, forked_from_id, created_by)
SELECT vital.seed_uuid('agents', f.tenant_key, p.slug), vital.seed_uuid('tenants', f.tenant_key), p.slug, p.name,
       p.tagline, p.domain, p.subdomain, p.description || ' ' || f.description_addition,
       p.capabilities || f.extra_capabilities, p.persona_tenant_id, p.persona_id,
       p.system_prompt || E'\n\n' || f.prompt_addition, 'active', p.level_tenant_id, p.level_id,
       p.tier, p.model, p.temperature, p.max_tokens, p.settings, p.avatar_url, p.color,
       p.tenant_id, p.id, vital.seed_uuid('users', f.user_email)
  FROM (VALUES
    ('acme', 'ada@acme.example', 'fda-regulatory-strategist',
     'Acme edition: tuned to oncology programmes reviewed by the FDA Oncology Center of Excellence.',
     ARRAY['oncology accelerated approval and confirmatory trial planning', 'dose optimisation expectations (Project Optimus)'],
     $p$Acme context: Acme develops targeted oncology therapies. Consider the Oncology Center of Excellence review practices, dose optimisation expectations before registrational trials, and that accelerated approval now usually requires the confirmatory trial to be under way at the time of approval. Search Acme's vault (veeva_vault_search) for earlier FDA minutes on the same product before advising.$p$),
    ('pharmaco', 'paul@pharmaco.example', 'clinical-safety-monitor',
     'PharmaCo edition: tuned to cardiovascular and rare disease trials.',
     ARRAY['cardiovascular safety assessment (QT/QTc, MACE)', 'independent event adjudication support'],
     $p$PharmaCo context: PharmaCo runs cardiovascular and rare disease trials. Pay particular attention to QT/QTc prolongation (ICH E14/S7B), major adverse cardiovascular events sent for independent adjudication, and the small denominators of rare disease trials, where a single case can be a signal. Case line listings come from the safety database through argus_case_export, which needs approval for each export.$p$)
  ) AS f(tenant_key, user_email, slug, description_addition, extra_capabilities, prompt_addition)
  JOIN public.agents p
    ON p.tenant_id = vital.platform_tenant_id() AND p.slug = f.slug
ON CONFLICT DO NOTHING;
-- Fork children: every child row of the platform original, copied into the
-- tenant (the links still point at platform skills, tools, agents...). The forks
-- are named by id so that a re-run never touches forks users made themselves.

WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_tools (id, tenant_id, agent_id, tool_tenant_id, tool_id, usage_notes, requires_approval, created_by)
SELECT vital.seed_uuid('agent_tools', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.tool_tenant_id, c.tool_id, c.usage_notes, c.requires_approval, f.created_by
  FROM forks f
  JOIN public.agent_tools c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_capabilities (id, tenant_id, agent_id, capability_tenant_id, capability_id, proficiency, created_by)
SELECT vital.seed_uuid('agent_capabilities', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.capability_tenant_id, c.capability_id, c.proficiency, f.created_by
  FROM forks f
  JOIN public.agent_capabilities c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_skills (id, tenant_id, agent_id, skill_tenant_id, skill_id, proficiency, created_by)
SELECT vital.seed_uuid('agent_skills', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.skill_tenant_id, c.skill_id, c.proficiency, f.created_by
  FROM forks f
  JOIN public.agent_skills c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_knowledge_domains (id, tenant_id, agent_id, domain_tenant_id, domain_id, is_primary, created_by)
SELECT vital.seed_uuid('agent_knowledge_domains', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.domain_tenant_id, c.domain_id, c.is_primary, f.created_by
  FROM forks f
  JOIN public.agent_knowledge_domains c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_jtbds (id, tenant_id, agent_id, jtbd_tenant_id, jtbd_id, role, created_by)
SELECT vital.seed_uuid('agent_jtbds', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.jtbd_tenant_id, c.jtbd_id, c.role, f.created_by
  FROM forks f
  JOIN public.agent_jtbds c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_prompt_starters (id, tenant_id, agent_id, position, title, prompt, created_by)
SELECT vital.seed_uuid('agent_prompt_starters', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.position, c.title, c.prompt, f.created_by
  FROM forks f
  JOIN public.agent_prompt_starters c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_relationships (id, tenant_id, agent_id, related_agent_tenant_id, related_agent_id, kind, notes, created_by)
SELECT vital.seed_uuid('agent_relationships', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.related_agent_tenant_id, c.related_agent_id, c.kind, c.notes, f.created_by
  FROM forks f
  JOIN public.agent_relationships c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_success_criteria (id, tenant_id, agent_id, position, criterion, measure, target, created_by)
SELECT vital.seed_uuid('agent_success_criteria', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.position, c.criterion, c.measure, c.target, f.created_by
  FROM forks f
  JOIN public.agent_success_criteria c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_escalation_triggers (id, tenant_id, agent_id, trigger_type, condition, confidence_threshold, action, severity, created_by)
SELECT vital.seed_uuid('agent_escalation_triggers', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.trigger_type, c.condition, c.confidence_threshold, c.action, c.severity, f.created_by
  FROM forks f
  JOIN public.agent_escalation_triggers c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_regulatory_jurisdictions (id, tenant_id, agent_id, jurisdiction_tenant_id, jurisdiction_id, is_primary, created_by)
SELECT vital.seed_uuid('agent_regulatory_jurisdictions', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.jurisdiction_tenant_id, c.jurisdiction_id, c.is_primary, f.created_by
  FROM forks f
  JOIN public.agent_regulatory_jurisdictions c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
WITH forks AS (
  SELECT a.tenant_id, a.id AS agent_id, a.slug, a.created_by, f.tenant_key, a.forked_from_tenant_id, a.forked_from_id
    FROM (VALUES ('acme', 'fda-regulatory-strategist'), ('pharmaco', 'clinical-safety-monitor')) AS f(tenant_key, slug)
    JOIN public.agents a
      ON a.tenant_id = vital.seed_uuid('tenants', f.tenant_key) AND a.id = vital.seed_uuid('agents', f.tenant_key, f.slug)
)
INSERT INTO public.agent_knowledge_sources (id, tenant_id, agent_id, name, source_type, url, publisher, created_by)
SELECT vital.seed_uuid('agent_knowledge_sources', f.tenant_key, f.slug, 'fork', c.id::text), f.tenant_id, f.agent_id,
       c.name, c.source_type, c.url, c.publisher, f.created_by
  FROM forks f
  JOIN public.agent_knowledge_sources c ON c.tenant_id = f.forked_from_tenant_id AND c.agent_id = f.forked_from_id
ON CONFLICT DO NOTHING;
