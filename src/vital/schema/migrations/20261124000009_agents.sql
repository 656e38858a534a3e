-- Domain 3, Agents (15 tables): agent_levels, tools, agents, agent_tools,
-- agent_capabilities, agent_skills, agent_knowledge_domains, agent_jtbds,
-- agent_prompt_starters, agent_relationships, agent_success_criteria,
-- agent_escalation_triggers, agent_regulatory_jurisdictions,
-- agent_knowledge_sources, agent_versions.
-- All are library tables: the platform seeds the expert agents, tenants read them,
-- add their own and fork platform agents. A child row always belongs to an agent
-- of its own tenant (a fork copies the children it keeps); what the child points
-- at (skill, tool, JTBD, related agent...) may be a platform row.

-- == functions ===============================================================
-- Before the tables: the generated agents.search_vector needs it.
-- array_to_string is only STABLE (it calls the element type's output function),
-- which a generated column refuses; for text[] the output never depends on a
-- setting, so this wrapper is truly immutable.
CREATE OR REPLACE FUNCTION vital.agent_capabilities_text(capabilities text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$ SELECT array_to_string(capabilities, ' ') $$;
COMMENT ON FUNCTION vital.agent_capabilities_text(text[]) IS
  'Generated-column helper: the capability phrases of an agent as one space-separated text.';

-- A generated column runs with the privileges of the writer, who needs EXECUTE.
GRANT EXECUTE ON FUNCTION vital.agent_capabilities_text(text[]) TO authenticated, service_role;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.agent_levels (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  level         smallint NOT NULL
                CONSTRAINT agent_levels_level_check CHECK (level BETWEEN 1 AND 5),
  code          text GENERATED ALWAYS AS ('L' || level::text) STORED,
  slug          text NOT NULL
                CONSTRAINT agent_levels_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name          text NOT NULL CHECK (length(btrim(name)) > 0),
  description   text NOT NULL CHECK (length(btrim(description)) > 0),
  can_delegate  boolean NOT NULL DEFAULT false,
  requires_human_review boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_levels_level_key UNIQUE (tenant_id, level),
  CONSTRAINT agent_levels_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_levels IS 'The 5-level agent hierarchy (L1 master, L2 expert, L3 specialist, L4 worker, L5 tool); the platform seeds it, a tenant may redefine a level for its own agents.';
COMMENT ON COLUMN public.agent_levels.level IS '1 (master, orchestrates) to 5 (tool, deterministic wrapper); lower numbers sit higher in the hierarchy.';
COMMENT ON COLUMN public.agent_levels.code IS 'Display code derived from level: L1..L5.';
COMMENT ON COLUMN public.agent_levels.can_delegate IS 'Agents of this level may hand sub-tasks to agents of a lower level (higher number).';
COMMENT ON COLUMN public.agent_levels.requires_human_review IS 'Outputs of agents at this level are reviewed by a person before they are used.';

CREATE TABLE IF NOT EXISTS public.tools (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  slug              text NOT NULL
                    CONSTRAINT tools_slug_format CHECK (slug ~ '^[a-z][a-z0-9_]{0,63}$'),
  name              text NOT NULL CHECK (length(btrim(name)) > 0),
  description       text NOT NULL CHECK (length(btrim(description)) > 0),
  category          text NOT NULL
                    CONSTRAINT tools_category_check
                    CHECK (category IN ('retrieval', 'regulatory', 'clinical', 'statistics', 'safety',
                                        'economics', 'documents', 'planning', 'security', 'integration')),
  input_schema      jsonb NOT NULL DEFAULT '{"type": "object", "properties": {}}'::jsonb
                    CONSTRAINT tools_input_schema_shape
                    CHECK (jsonb_typeof(input_schema) = 'object'
                           AND input_schema @> '{"type": "object"}'
                           AND jsonb_typeof(coalesce(input_schema -> 'properties', '{}'::jsonb)) = 'object'
                           AND jsonb_typeof(coalesce(input_schema -> 'required', '[]'::jsonb)) = 'array'),
  handler           text NOT NULL
                    CONSTRAINT tools_handler_format CHECK (handler ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  config            jsonb NOT NULL DEFAULT '{}'::jsonb
                    CONSTRAINT tools_config_is_object CHECK (jsonb_typeof(config) = 'object'),
  requires_approval boolean NOT NULL DEFAULT false,
  status            text NOT NULL DEFAULT 'active'
                    CONSTRAINT tools_status_check CHECK (status IN ('active', 'deprecated', 'disabled')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT tools_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.tools IS 'Function-calling tools agents may use (search, calculators, lookups, tenant integrations).';
COMMENT ON COLUMN public.tools.slug IS 'The function name shown to the model: snake_case, at most 64 characters (the OpenAI function-name limit).';
COMMENT ON COLUMN public.tools.input_schema IS 'JSON Schema of the arguments: an object schema, with properties an object and required an array when present.';
COMMENT ON COLUMN public.tools.handler IS 'Dotted key of the server-side implementation the tool runner dispatches to, e.g. knowledge.search.';
COMMENT ON COLUMN public.tools.config IS 'Non-secret settings of the handler (base URL, defaults); secrets never go here.';
COMMENT ON COLUMN public.tools.requires_approval IS 'A person approves each call first (autonomous modes 3 and 4 pause for it).';

CREATE TABLE IF NOT EXISTS public.agents (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  slug                  text NOT NULL
                        CONSTRAINT agents_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  tagline               text,
  domain                text NOT NULL CHECK (length(btrim(domain)) > 0),
  subdomain             text,
  description           text NOT NULL CHECK (length(btrim(description)) > 0),
  capabilities          text[] NOT NULL DEFAULT '{}'
                        CONSTRAINT agents_capabilities_no_nulls CHECK (array_position(capabilities, NULL) IS NULL),
  persona_tenant_id     uuid,
  persona_id            uuid,
  system_prompt         text NOT NULL CHECK (length(btrim(system_prompt)) > 0),
  status                text NOT NULL DEFAULT 'draft'
                        CONSTRAINT agents_status_check CHECK (status IN ('active', 'draft', 'archived')),
  level_tenant_id       uuid NOT NULL DEFAULT vital.platform_tenant_id(),
  level_id              uuid NOT NULL,
  tier                  smallint NOT NULL DEFAULT 3
                        CONSTRAINT agents_tier_check CHECK (tier IN (1, 2, 3)),
  model                 text CHECK (length(btrim(model)) > 0),
  temperature           numeric(3,2) NOT NULL DEFAULT 0.2
                        CONSTRAINT agents_temperature_range CHECK (temperature BETWEEN 0 AND 2),
  max_tokens            integer NOT NULL DEFAULT 4096
                        CONSTRAINT agents_max_tokens_positive CHECK (max_tokens > 0),
  -- SQL/JSON path filters never raise on a wrong type (a cast would), so any bad
  -- value reports this constraint's name.
  settings              jsonb NOT NULL DEFAULT '{}'::jsonb
                        CONSTRAINT agents_settings_shape
                        CHECK (jsonb_typeof(settings) = 'object'
                               AND NOT settings ?| array['model', 'temperature', 'max_tokens']
                               AND NOT jsonb_path_exists(settings,
                                 '$ ? (exists(@.top_p) && (@.top_p.type() != "number" || @.top_p < 0 || @.top_p > 1))')
                               AND NOT jsonb_path_exists(settings,
                                 '$ ? (exists(@.presence_penalty) && (@.presence_penalty.type() != "number" || @.presence_penalty < -2 || @.presence_penalty > 2))')
                               AND NOT jsonb_path_exists(settings,
                                 '$ ? (exists(@.frequency_penalty) && (@.frequency_penalty.type() != "number" || @.frequency_penalty < -2 || @.frequency_penalty > 2))')
                               AND NOT jsonb_path_exists(settings, '$ ? (exists(@.stop) && @.stop.type() != "array")')
                               AND NOT jsonb_path_exists(settings, '$.stop[*] ? (@.type() != "string")')
                               AND NOT jsonb_path_exists(settings,
                                 '$ ? (exists(@.response_format) && !(@.response_format.type == "text" || @.response_format.type == "json_object" || @.response_format.type == "json_schema"))')),
  avatar_url            text,
  color                 text CONSTRAINT agents_color_hex CHECK (color ~ '^#[0-9a-f]{6}$'),
  forked_from_tenant_id uuid,
  forked_from_id        uuid,
  -- regconfig spelled out: only to_tsvector(regconfig, text) is IMMUTABLE.
  search_vector         tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('english'::regconfig, name || ' ' || domain || ' ' || coalesce(subdomain, '')), 'A')
                          || setweight(to_tsvector('english'::regconfig, vital.agent_capabilities_text(capabilities)), 'B')
                          || setweight(to_tsvector('english'::regconfig, coalesce(tagline, '') || ' ' || description), 'C')
                        ) STORED,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  deleted_at            timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agents_slug_key UNIQUE (tenant_id, slug),
  -- MATCH FULL: both columns set or both null (a plain FK skips the check when
  -- only one is null).
  FOREIGN KEY (persona_tenant_id, persona_id) REFERENCES public.personas (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (persona_tenant_id, persona_id),
  CONSTRAINT agents_persona_tenant_check
    CHECK (persona_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (level_tenant_id, level_id) REFERENCES public.agent_levels (tenant_id, id),
  CONSTRAINT agents_level_tenant_check
    CHECK (level_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (forked_from_tenant_id, forked_from_id) REFERENCES public.agents (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (forked_from_tenant_id, forked_from_id),
  CONSTRAINT agents_forked_from_tenant_check
    CHECK (forked_from_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT agents_forked_from_not_self
    CHECK (NOT (forked_from_tenant_id = tenant_id AND forked_from_id = id)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agents IS 'AI expert agents: the platform library (136+ planned, 21 seeded) and each tenant''s own agents and forks. Soft-deleted, audited.';
COMMENT ON COLUMN public.agents.slug IS 'Lower-case kebab-case key, unique per tenant (deleted rows keep theirs, so a restore never collides); a fork may keep the platform slug.';
COMMENT ON COLUMN public.agents.tagline IS 'One-line summary shown on agent cards.';
COMMENT ON COLUMN public.agents.domain IS 'Broad field, by convention a top-level knowledge_domains slug (regulatory-affairs...); free text for keyword matching, the curated links are in agent_knowledge_domains.';
COMMENT ON COLUMN public.agents.subdomain IS 'Narrower field inside domain, free text (fda-submissions, adaptive-trials...).';
COMMENT ON COLUMN public.agents.capabilities IS 'The original''s free-text capability phrases, matched by keyword when the system picks an agent (GIN); the taxonomy links are in agent_capabilities.';
COMMENT ON COLUMN public.agents.persona_tenant_id IS 'Tenant of the persona (own or platform); null together with persona_id.';
COMMENT ON COLUMN public.agents.persona_id IS 'The user persona the agent is built to serve (its primary user).';
COMMENT ON COLUMN public.agents.system_prompt IS 'The current system prompt; every published prompt is kept in agent_versions.';
COMMENT ON COLUMN public.agents.status IS 'draft (being written, not offered) | active (offered to users) | archived (kept for history, not offered).';
COMMENT ON COLUMN public.agents.level_tenant_id IS 'Tenant of the level row (normally the platform).';
COMMENT ON COLUMN public.agents.level_id IS 'Place in the 5-level hierarchy (agent_levels).';
COMMENT ON COLUMN public.agents.tier IS 'Priority tier: 1 core strategic experts, 2 domain specialists, 3 operational support agents.';
COMMENT ON COLUMN public.agents.model IS 'Model name for an OpenAI-compatible endpoint; null means the deployment''s configured default.';
COMMENT ON COLUMN public.agents.temperature IS 'Sampling temperature, 0 to 2.';
COMMENT ON COLUMN public.agents.max_tokens IS 'Upper bound on tokens generated per answer.';
COMMENT ON COLUMN public.agents.settings IS 'Further model parameters: top_p 0-1, presence_penalty and frequency_penalty -2..2, stop (array of strings), response_format {"type": text|json_object|json_schema}; other provider keys pass through; model, temperature and max_tokens live in their columns only.';
COMMENT ON COLUMN public.agents.color IS 'Accent colour of the agent card, lower-case #rrggbb.';
COMMENT ON COLUMN public.agents.forked_from_tenant_id IS 'Tenant of the agent this one was copied from (own or platform); null together with forked_from_id.';
COMMENT ON COLUMN public.agents.forked_from_id IS 'The agent this one is a fork of, so that a tenant''s fork can shadow the platform original in lists.';
COMMENT ON COLUMN public.agents.search_vector IS 'Generated full-text vector over name, domain and subdomain (A), capabilities (B), tagline and description (C), for keyword selection of agents.';
COMMENT ON COLUMN public.agents.deleted_at IS 'Soft delete: set to hide the agent from normal reads; clear it to restore.';

CREATE TABLE IF NOT EXISTS public.agent_tools (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  agent_id          uuid NOT NULL,
  tool_tenant_id    uuid NOT NULL,
  tool_id           uuid NOT NULL,
  usage_notes       text,
  requires_approval boolean,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_tools_agent_tool_key UNIQUE (tenant_id, agent_id, tool_tenant_id, tool_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tool_tenant_id, tool_id) REFERENCES public.tools (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_tools_tool_tenant_check
    CHECK (tool_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_tools IS 'Tools an agent may call; the tool may be the tenant''s own or a platform tool.';
COMMENT ON COLUMN public.agent_tools.usage_notes IS 'When and how this agent should call the tool; added to the tool description given to the model.';
COMMENT ON COLUMN public.agent_tools.requires_approval IS 'Overrides tools.requires_approval for this agent; null keeps the tool''s setting.';

CREATE TABLE IF NOT EXISTS public.agent_capabilities (
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES public.tenants (id),
  agent_id            uuid NOT NULL,
  capability_tenant_id uuid NOT NULL,
  capability_id       uuid NOT NULL,
  proficiency         text NOT NULL DEFAULT 'advanced'
                      CONSTRAINT agent_capabilities_proficiency_check
                      CHECK (proficiency IN ('foundational', 'intermediate', 'advanced', 'expert')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_capabilities_agent_capability_key
    UNIQUE (tenant_id, agent_id, capability_tenant_id, capability_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (capability_tenant_id, capability_id) REFERENCES public.capabilities (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_capabilities_capability_tenant_check
    CHECK (capability_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_capabilities IS 'Taxonomy capabilities an agent has (the curated form of agents.capabilities), with a proficiency.';
COMMENT ON COLUMN public.agent_capabilities.proficiency IS 'foundational | intermediate | advanced | expert.';

CREATE TABLE IF NOT EXISTS public.agent_skills (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  agent_id        uuid NOT NULL,
  skill_tenant_id uuid NOT NULL,
  skill_id        uuid NOT NULL,
  proficiency     text NOT NULL DEFAULT 'advanced'
                  CONSTRAINT agent_skills_proficiency_check
                  CHECK (proficiency IN ('foundational', 'intermediate', 'advanced', 'expert')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_skills_agent_skill_key UNIQUE (tenant_id, agent_id, skill_tenant_id, skill_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (skill_tenant_id, skill_id) REFERENCES public.skills (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_skills_skill_tenant_check
    CHECK (skill_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_skills IS 'Taxonomy skills an agent applies, with a proficiency; a tenant''s agent may use platform skills.';
COMMENT ON COLUMN public.agent_skills.proficiency IS 'foundational | intermediate | advanced | expert.';

CREATE TABLE IF NOT EXISTS public.agent_knowledge_domains (
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES public.tenants (id),
  agent_id          uuid NOT NULL,
  domain_tenant_id  uuid NOT NULL,
  domain_id         uuid NOT NULL,
  is_primary        boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  created_by        uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_knowledge_domains_agent_domain_key UNIQUE (tenant_id, agent_id, domain_tenant_id, domain_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (domain_tenant_id, domain_id) REFERENCES public.knowledge_domains (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_knowledge_domains_domain_tenant_check
    CHECK (domain_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_knowledge_domains IS 'Knowledge domains an agent covers; retrieval for the agent can be scoped to them.';
COMMENT ON COLUMN public.agent_knowledge_domains.is_primary IS 'The agent''s home domain(s), as opposed to adjacent ones it can speak to.';

CREATE TABLE IF NOT EXISTS public.agent_jtbds (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  agent_id       uuid NOT NULL,
  jtbd_tenant_id uuid NOT NULL,
  jtbd_id        uuid NOT NULL,
  role           text NOT NULL DEFAULT 'primary'
                 CONSTRAINT agent_jtbds_role_check CHECK (role IN ('primary', 'supporting')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_jtbds_agent_jtbd_key UNIQUE (tenant_id, agent_id, jtbd_tenant_id, jtbd_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (jtbd_tenant_id, jtbd_id) REFERENCES public.jtbds (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_jtbds_jtbd_tenant_check
    CHECK (jtbd_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_jtbds IS 'Jobs-to-be-done an agent helps with: the original''s jtbd_id[] array as a junction, so each link has a foreign key (the API may still show jtbd_ids).';
COMMENT ON COLUMN public.agent_jtbds.role IS 'primary: the agent leads on this job | supporting: it contributes to it.';

CREATE TABLE IF NOT EXISTS public.agent_prompt_starters (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  agent_id    uuid NOT NULL,
  position    smallint NOT NULL DEFAULT 1
              CONSTRAINT agent_prompt_starters_position_positive CHECK (position >= 1),
  title       text NOT NULL CHECK (length(btrim(title)) > 0),
  prompt      text NOT NULL CHECK (length(btrim(prompt)) > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_prompt_starters_agent_position_key UNIQUE (tenant_id, agent_id, position),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_prompt_starters IS 'Example questions offered when a user opens a conversation with the agent.';
COMMENT ON COLUMN public.agent_prompt_starters.title IS 'Short label of the starter button; prompt is the text sent.';

CREATE TABLE IF NOT EXISTS public.agent_relationships (
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id               uuid NOT NULL REFERENCES public.tenants (id),
  agent_id                uuid NOT NULL,
  related_agent_tenant_id uuid NOT NULL,
  related_agent_id        uuid NOT NULL,
  kind                    text NOT NULL
                          CONSTRAINT agent_relationships_kind_check
                          CHECK (kind IN ('reports_to', 'peer', 'escalates_to')),
  notes                   text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  created_by              uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_relationships_link_key
    UNIQUE (tenant_id, agent_id, kind, related_agent_tenant_id, related_agent_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (related_agent_tenant_id, related_agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_relationships_related_agent_tenant_check
    CHECK (related_agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT agent_relationships_not_self
    CHECK (NOT (related_agent_tenant_id = tenant_id AND related_agent_id = agent_id)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_relationships IS 'Directed links between agents: agent_id reports to, is a peer of, or escalates to the related agent (own or platform).';
COMMENT ON COLUMN public.agent_relationships.kind IS 'reports_to (at most one per agent: the hierarchy is a tree) | peer | escalates_to (who takes over when an escalation trigger fires).';
COMMENT ON COLUMN public.agent_relationships.notes IS 'What the relationship is used for, e.g. which questions go to the peer.';

CREATE TABLE IF NOT EXISTS public.agent_success_criteria (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  agent_id    uuid NOT NULL,
  position    smallint NOT NULL DEFAULT 1
              CONSTRAINT agent_success_criteria_position_positive CHECK (position >= 1),
  criterion   text NOT NULL CHECK (length(btrim(criterion)) > 0),
  measure     text NOT NULL CHECK (length(btrim(measure)) > 0),
  target      text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_success_criteria_agent_position_key UNIQUE (tenant_id, agent_id, position),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_success_criteria IS 'What a good answer from the agent looks like, and how it is measured (evaluations, agent_performance).';
COMMENT ON COLUMN public.agent_success_criteria.measure IS 'How the criterion is checked (reviewer rubric, automatic check, user rating...).';
COMMENT ON COLUMN public.agent_success_criteria.target IS 'The level to reach, in words or numbers (">= 95% of answers").';

CREATE TABLE IF NOT EXISTS public.agent_escalation_triggers (
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES public.tenants (id),
  agent_id             uuid NOT NULL,
  trigger_type         text NOT NULL
                       CONSTRAINT agent_escalation_triggers_trigger_type_check
                       CHECK (trigger_type IN ('low_confidence', 'topic', 'risk', 'safety_signal',
                                               'regulatory_commitment', 'out_of_scope', 'user_request')),
  condition            text NOT NULL CHECK (length(btrim(condition)) > 0),
  confidence_threshold numeric(3,2)
                       CONSTRAINT agent_escalation_triggers_threshold_range
                       CHECK (confidence_threshold BETWEEN 0 AND 1),
  action               text NOT NULL DEFAULT 'escalate_to_human'
                       CONSTRAINT agent_escalation_triggers_action_check
                       CHECK (action IN ('escalate_to_agent', 'escalate_to_human', 'stop_and_warn')),
  severity             text NOT NULL DEFAULT 'medium'
                       CONSTRAINT agent_escalation_triggers_severity_check
                       CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  created_by           uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_escalation_triggers_threshold_required
    CHECK (trigger_type <> 'low_confidence' OR confidence_threshold IS NOT NULL),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_escalation_triggers IS 'When the agent must stop answering alone; the agent to escalate to is its escalates_to relationship.';
COMMENT ON COLUMN public.agent_escalation_triggers.condition IS 'The situation in words; it is also given to the model so that it recognises it.';
COMMENT ON COLUMN public.agent_escalation_triggers.confidence_threshold IS 'For low_confidence: escalate when the answer''s confidence (0-1) falls below it.';
COMMENT ON COLUMN public.agent_escalation_triggers.action IS 'escalate_to_agent (its escalates_to relationship) | escalate_to_human | stop_and_warn (answer nothing, say why).';

CREATE TABLE IF NOT EXISTS public.agent_regulatory_jurisdictions (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id              uuid NOT NULL REFERENCES public.tenants (id),
  agent_id               uuid NOT NULL,
  jurisdiction_tenant_id uuid NOT NULL,
  jurisdiction_id        uuid NOT NULL,
  is_primary             boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  created_by             uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_regulatory_jurisdictions_agent_jurisdiction_key
    UNIQUE (tenant_id, agent_id, jurisdiction_tenant_id, jurisdiction_id),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (jurisdiction_tenant_id, jurisdiction_id)
    REFERENCES public.regulatory_jurisdictions (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT agent_regulatory_jurisdictions_jurisdiction_tenant_check
    CHECK (jurisdiction_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_regulatory_jurisdictions IS 'Jurisdictions whose rules the agent knows (us, eu, uk...); answers outside them should say so.';
COMMENT ON COLUMN public.agent_regulatory_jurisdictions.is_primary IS 'The jurisdiction the agent answers for by default when the question names none.';

CREATE TABLE IF NOT EXISTS public.agent_knowledge_sources (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  agent_id     uuid NOT NULL,
  name         text NOT NULL CHECK (length(btrim(name)) > 0),
  source_type  text NOT NULL
               CONSTRAINT agent_knowledge_sources_source_type_check
               CHECK (source_type IN ('regulation', 'guidance', 'standard', 'terminology', 'database',
                                      'literature', 'internal', 'website')),
  url          text CONSTRAINT agent_knowledge_sources_url_format CHECK (url ~ '^https?://[^\s]+$'),
  publisher    text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_knowledge_sources_agent_name_key UNIQUE (tenant_id, agent_id, name),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_knowledge_sources IS 'Authoritative sources an agent relies on, by name, type and URL. No foreign key to knowledge_sources: that table comes later (20261124000010_knowledge), and the ingestion pipeline matches the two by url/name.';
COMMENT ON COLUMN public.agent_knowledge_sources.url IS 'http(s) address of the source; null for sources without one (internal binders, textbooks).';
COMMENT ON COLUMN public.agent_knowledge_sources.publisher IS 'Issuing body or editor (FDA, EMA, ICH, CDISC...).';

CREATE TABLE IF NOT EXISTS public.agent_versions (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  agent_id      uuid NOT NULL,
  version       integer NOT NULL
                CONSTRAINT agent_versions_version_positive CHECK (version >= 1),
  system_prompt text NOT NULL CHECK (length(btrim(system_prompt)) > 0),
  change_note   text NOT NULL CHECK (length(btrim(change_note)) > 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT agent_versions_agent_version_key UNIQUE (tenant_id, agent_id, version),
  FOREIGN KEY (tenant_id, agent_id) REFERENCES public.agents (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.agent_versions IS 'History of an agent''s system prompt: one row per published version; the highest version matches agents.system_prompt.';
COMMENT ON COLUMN public.agent_versions.version IS '1, 2, 3... per agent; written by whoever changes agents.system_prompt, in the same transaction.';
COMMENT ON COLUMN public.agent_versions.change_note IS 'Why the prompt changed (shown in the prompt history).';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.agents
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.agent_levels', library => true);
CALL vital.secure_tenant_table('public.tools', library => true);
CALL vital.secure_tenant_table('public.agents', library => true);
CALL vital.secure_tenant_table('public.agent_tools', library => true);
CALL vital.secure_tenant_table('public.agent_capabilities', library => true);
CALL vital.secure_tenant_table('public.agent_skills', library => true);
CALL vital.secure_tenant_table('public.agent_knowledge_domains', library => true);
CALL vital.secure_tenant_table('public.agent_jtbds', library => true);
CALL vital.secure_tenant_table('public.agent_prompt_starters', library => true);
CALL vital.secure_tenant_table('public.agent_relationships', library => true);
CALL vital.secure_tenant_table('public.agent_success_criteria', library => true);
CALL vital.secure_tenant_table('public.agent_escalation_triggers', library => true);
CALL vital.secure_tenant_table('public.agent_regulatory_jurisdictions', library => true);
CALL vital.secure_tenant_table('public.agent_knowledge_sources', library => true);
CALL vital.secure_tenant_table('public.agent_versions', library => true);

-- == indexes =================================================================
-- Foreign keys led by (tenant_id, agent_id) are covered by each junction's
-- unique key; the others get their own index.
CREATE INDEX IF NOT EXISTS agent_levels_created_by_idx ON public.agent_levels (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS tools_created_by_idx ON public.tools (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS tools_status_idx ON public.tools (tenant_id, status);

CREATE INDEX IF NOT EXISTS agents_persona_idx ON public.agents (persona_tenant_id, persona_id);
CREATE INDEX IF NOT EXISTS agents_level_idx ON public.agents (level_tenant_id, level_id);
CREATE INDEX IF NOT EXISTS agents_forked_from_idx ON public.agents (forked_from_tenant_id, forked_from_id);
CREATE INDEX IF NOT EXISTS agents_created_by_idx ON public.agents (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS agents_status_idx ON public.agents (tenant_id, status);
CREATE INDEX IF NOT EXISTS agents_created_at_idx ON public.agents (tenant_id, created_at);
CREATE INDEX IF NOT EXISTS agents_capabilities_idx ON public.agents USING gin (capabilities);
CREATE INDEX IF NOT EXISTS agents_search_vector_idx ON public.agents USING gin (search_vector);

CREATE INDEX IF NOT EXISTS agent_tools_tool_idx ON public.agent_tools (tool_tenant_id, tool_id);
CREATE INDEX IF NOT EXISTS agent_tools_created_by_idx ON public.agent_tools (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_capabilities_capability_idx
  ON public.agent_capabilities (capability_tenant_id, capability_id);
CREATE INDEX IF NOT EXISTS agent_capabilities_created_by_idx ON public.agent_capabilities (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_skills_skill_idx ON public.agent_skills (skill_tenant_id, skill_id);
CREATE INDEX IF NOT EXISTS agent_skills_created_by_idx ON public.agent_skills (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_knowledge_domains_domain_idx
  ON public.agent_knowledge_domains (domain_tenant_id, domain_id);
CREATE INDEX IF NOT EXISTS agent_knowledge_domains_created_by_idx
  ON public.agent_knowledge_domains (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_jtbds_jtbd_idx ON public.agent_jtbds (jtbd_tenant_id, jtbd_id);
CREATE INDEX IF NOT EXISTS agent_jtbds_created_by_idx ON public.agent_jtbds (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_prompt_starters_created_by_idx
  ON public.agent_prompt_starters (tenant_id, created_by);

-- The hierarchy is a tree: one manager per agent.
CREATE UNIQUE INDEX IF NOT EXISTS agent_relationships_one_reports_to_key
  ON public.agent_relationships (tenant_id, agent_id) WHERE kind = 'reports_to';
CREATE INDEX IF NOT EXISTS agent_relationships_related_agent_idx
  ON public.agent_relationships (related_agent_tenant_id, related_agent_id);
CREATE INDEX IF NOT EXISTS agent_relationships_created_by_idx
  ON public.agent_relationships (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_success_criteria_created_by_idx
  ON public.agent_success_criteria (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_escalation_triggers_agent_idx
  ON public.agent_escalation_triggers (tenant_id, agent_id);
CREATE INDEX IF NOT EXISTS agent_escalation_triggers_created_by_idx
  ON public.agent_escalation_triggers (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_regulatory_jurisdictions_jurisdiction_idx
  ON public.agent_regulatory_jurisdictions (jurisdiction_tenant_id, jurisdiction_id);
CREATE INDEX IF NOT EXISTS agent_regulatory_jurisdictions_created_by_idx
  ON public.agent_regulatory_jurisdictions (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_knowledge_sources_created_by_idx
  ON public.agent_knowledge_sources (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS agent_versions_created_by_idx ON public.agent_versions (tenant_id, created_by);
