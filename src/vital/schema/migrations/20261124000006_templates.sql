-- Domain 12, Templates (5 tables): panel_archetypes, prompt_templates,
-- prompt_template_versions, output_templates, mission_templates.
-- All are library tables: the platform ships the archetypes and templates, a
-- tenant reads them, forks them and writes its own.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.panel_archetypes (
  id                         uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                  uuid NOT NULL REFERENCES public.tenants (id),
  slug                       text NOT NULL
                             CONSTRAINT panel_archetypes_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                       text NOT NULL CHECK (length(btrim(name)) > 0),
  description                text,
  consensus_threshold        numeric(3, 2) NOT NULL
                             CONSTRAINT panel_archetypes_consensus_threshold_range
                             CHECK (consensus_threshold > 0 AND consensus_threshold <= 1),
  speaking_order             text NOT NULL DEFAULT 'round_robin'
                             CONSTRAINT panel_archetypes_speaking_order_check
                             CHECK (speaking_order IN ('round_robin', 'free', 'question_led', 'opposed',
                                                       'anonymous_rounds', 'mixed')),
  default_rounds             smallint NOT NULL DEFAULT 3
                             CONSTRAINT panel_archetypes_default_rounds_range CHECK (default_rounds BETWEEN 1 AND 10),
  min_members                smallint NOT NULL DEFAULT 3,
  max_members                smallint NOT NULL DEFAULT 7,
  allows_human_contributions boolean NOT NULL DEFAULT false,
  settings                   jsonb NOT NULL DEFAULT '{}'::jsonb
                             CONSTRAINT panel_archetypes_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  created_by                 uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT panel_archetypes_slug_key UNIQUE (tenant_id, slug),
  CONSTRAINT panel_archetypes_member_range
    CHECK (min_members >= 2 AND max_members >= min_members AND max_members <= 25),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_archetypes IS 'How an Ask Panel / Ask Committee discussion is run: turn order, rounds and the agreement needed for consensus.';
COMMENT ON COLUMN public.panel_archetypes.consensus_threshold IS 'Share of weighted agreement (0-1] at which the panel has reached consensus.';
COMMENT ON COLUMN public.panel_archetypes.speaking_order IS 'round_robin | free | question_led | opposed | anonymous_rounds | mixed.';
COMMENT ON COLUMN public.panel_archetypes.default_rounds IS 'Discussion rounds a new panel of this archetype gets unless the session says otherwise.';
COMMENT ON COLUMN public.panel_archetypes.min_members IS 'Fewest agent members (moderator not counted) the archetype works with.';
COMMENT ON COLUMN public.panel_archetypes.max_members IS 'Most agent members (moderator not counted) before the discussion stops being useful.';
COMMENT ON COLUMN public.panel_archetypes.allows_human_contributions IS 'true: people may post contributions between agent turns (hybrid panels).';
COMMENT ON COLUMN public.panel_archetypes.settings IS 'Archetype-specific knobs read by the orchestrator, e.g. {"anonymous": true} for Delphi.';

CREATE TABLE IF NOT EXISTS public.prompt_templates (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  slug                  text NOT NULL
                        CONSTRAINT prompt_templates_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  description           text,
  category              text NOT NULL
                        CONSTRAINT prompt_templates_category_check
                        CHECK (category IN ('agent_system', 'rag_answer', 'panel', 'committee', 'mission',
                                            'evaluation', 'utility')),
  body                  text NOT NULL CHECK (length(btrim(body)) > 0),
  variables             jsonb NOT NULL DEFAULT '[]'::jsonb
                        CONSTRAINT prompt_templates_variables_shape
                        CHECK (jsonb_typeof(variables) = 'array'
                               AND NOT jsonb_path_exists(variables,
                                 '$[*] ? (@.type() != "object"
                                          || !(@.name.type() == "string")
                                          || !(@.name like_regex "^[a-z][a-z0-9_]*$")
                                          || (exists(@.description) && @.description.type() != "string")
                                          || (exists(@.required) && @.required.type() != "boolean"))')),
  model_settings        jsonb NOT NULL DEFAULT '{}'::jsonb
                        CONSTRAINT prompt_templates_model_settings_shape
                        CHECK (jsonb_typeof(model_settings) = 'object'
                               AND NOT jsonb_path_exists(model_settings,
                                 '$.temperature ? (@.type() != "number" || @ < 0 || @ > 2)')
                               AND NOT jsonb_path_exists(model_settings,
                                 '$.top_p ? (@.type() != "number" || @ <= 0 || @ > 1)')
                               AND NOT jsonb_path_exists(model_settings,
                                 '$.max_output_tokens ? (@.type() != "number" || @ < 1)')),
  version               integer NOT NULL DEFAULT 1
                        CONSTRAINT prompt_templates_version_positive CHECK (version >= 1),
  version_note          text,
  status                text NOT NULL DEFAULT 'draft'
                        CONSTRAINT prompt_templates_status_check CHECK (status IN ('draft', 'active', 'archived')),
  forked_from_tenant_id uuid,
  forked_from_id        uuid,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  deleted_at            timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT prompt_templates_slug_key UNIQUE (tenant_id, slug),
  -- MATCH FULL: with a plain FK a row with only one of the two columns set
  -- would escape the check.
  FOREIGN KEY (forked_from_tenant_id, forked_from_id) REFERENCES public.prompt_templates (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (forked_from_tenant_id, forked_from_id),
  CONSTRAINT prompt_templates_forked_from_tenant_check
    CHECK (forked_from_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT prompt_templates_not_own_fork CHECK (forked_from_id <> id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.prompt_templates IS 'Reusable LLM prompts with {{variable}} placeholders; every change of body, variables or model settings is kept in prompt_template_versions.';
COMMENT ON COLUMN public.prompt_templates.category IS 'Where the prompt is used: agent_system | rag_answer | panel | committee | mission | evaluation | utility.';
COMMENT ON COLUMN public.prompt_templates.body IS 'Prompt text; {{name}} placeholders are filled from the declared variables.';
COMMENT ON COLUMN public.prompt_templates.variables IS 'Declared placeholders: [{"name": "question", "description": "...", "required": true}, ...]; name is snake_case.';
COMMENT ON COLUMN public.prompt_templates.model_settings IS 'Model call defaults: temperature 0-2, top_p (0-1], max_output_tokens >= 1, model.';
COMMENT ON COLUMN public.prompt_templates.version IS 'Kept by trigger: 1 at creation, +1 at every change of body, variables or model_settings.';
COMMENT ON COLUMN public.prompt_templates.version_note IS 'Why the current version was made; copied into its history row.';
COMMENT ON COLUMN public.prompt_templates.status IS 'draft | active | archived: only active templates are offered to agents and services.';
COMMENT ON COLUMN public.prompt_templates.forked_from_tenant_id IS 'Tenant of the template this one was copied from: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.prompt_templates.forked_from_id IS 'The template this one was copied from, if any.';
COMMENT ON COLUMN public.prompt_templates.deleted_at IS 'Soft delete: set = hidden from normal reads; clear it to restore.';

CREATE TABLE IF NOT EXISTS public.prompt_template_versions (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id          uuid NOT NULL REFERENCES public.tenants (id),
  prompt_template_id uuid NOT NULL,
  version            integer NOT NULL
                     CONSTRAINT prompt_template_versions_version_positive CHECK (version >= 1),
  body               text NOT NULL,
  variables          jsonb NOT NULL DEFAULT '[]'::jsonb
                     CONSTRAINT prompt_template_versions_variables_is_array CHECK (jsonb_typeof(variables) = 'array'),
  model_settings     jsonb NOT NULL DEFAULT '{}'::jsonb
                     CONSTRAINT prompt_template_versions_model_settings_is_object CHECK (jsonb_typeof(model_settings) = 'object'),
  change_note        text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  created_by         uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT prompt_template_versions_version_key UNIQUE (tenant_id, prompt_template_id, version),
  FOREIGN KEY (tenant_id, prompt_template_id) REFERENCES public.prompt_templates (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.prompt_template_versions IS 'History of a prompt template: one row per version, written by trigger when the template is created or its prompt changes.';
COMMENT ON COLUMN public.prompt_template_versions.version IS 'The template''s version number this row snapshots.';
COMMENT ON COLUMN public.prompt_template_versions.body IS 'The template''s body, variables and model_settings as they were at this version.';
COMMENT ON COLUMN public.prompt_template_versions.change_note IS 'Why the version was made (the template''s version_note at the time).';
COMMENT ON COLUMN public.prompt_template_versions.created_by IS 'Who made the version: the user whose change of the template created it.';

CREATE TABLE IF NOT EXISTS public.output_templates (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  slug           text NOT NULL
                 CONSTRAINT output_templates_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name           text NOT NULL CHECK (length(btrim(name)) > 0),
  description    text,
  format         text NOT NULL DEFAULT 'markdown'
                 CONSTRAINT output_templates_format_check
                 CHECK (format IN ('markdown', 'html', 'docx', 'pdf', 'json')),
  audience       text NOT NULL DEFAULT 'internal'
                 CONSTRAINT output_templates_audience_check
                 CHECK (audience IN ('executive', 'scientific', 'regulatory', 'clinical', 'payer',
                                     'patient', 'internal')),
  sections       jsonb NOT NULL
                 CONSTRAINT output_templates_sections_shape
                 CHECK (jsonb_typeof(sections) = 'array'
                        AND sections <> '[]'::jsonb
                        AND NOT jsonb_path_exists(sections,
                          '$[*] ? (@.type() != "object"
                                   || !(@.key.type() == "string")
                                   || !(@.key like_regex "^[a-z][a-z0-9_]*$")
                                   || !(@.title.type() == "string")
                                   || (exists(@.guidance) && @.guidance.type() != "string")
                                   || (exists(@.required) && @.required.type() != "boolean"))')),
  citation_style text NOT NULL DEFAULT 'numbered'
                 CONSTRAINT output_templates_citation_style_check
                 CHECK (citation_style IN ('numbered', 'author_year', 'footnote', 'none')),
  max_words      integer
                 CONSTRAINT output_templates_max_words_positive CHECK (max_words > 0),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT output_templates_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.output_templates IS 'Report formats for answers, panel syntheses and mission deliverables: ordered sections, audience, citation style.';
COMMENT ON COLUMN public.output_templates.sections IS 'Ordered sections: [{"key": "snake_case", "title": "...", "guidance": "...", "required": true}, ...].';
COMMENT ON COLUMN public.output_templates.audience IS 'Who reads the output; sets tone and depth: executive | scientific | regulatory | clinical | payer | patient | internal.';
COMMENT ON COLUMN public.output_templates.format IS 'Rendered file format: markdown | html | docx | pdf | json.';
COMMENT ON COLUMN public.output_templates.citation_style IS 'How sources are cited: numbered | author_year | footnote | none.';
COMMENT ON COLUMN public.output_templates.max_words IS 'Soft length limit given to the writer; null = none.';

CREATE TABLE IF NOT EXISTS public.mission_templates (
  id                        uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                 uuid NOT NULL REFERENCES public.tenants (id),
  slug                      text NOT NULL
                            CONSTRAINT mission_templates_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                      text NOT NULL CHECK (length(btrim(name)) > 0),
  description               text,
  objective                 text NOT NULL CHECK (length(btrim(objective)) > 0),
  applicable_modes          smallint[] NOT NULL DEFAULT '{3,4}'
                            CONSTRAINT mission_templates_applicable_modes_check
                            CHECK (cardinality(applicable_modes) > 0 AND applicable_modes <@ '{3,4}'::smallint[]),
  steps                     jsonb NOT NULL
                            CONSTRAINT mission_templates_steps_shape
                            CHECK (jsonb_typeof(steps) = 'array'
                                   AND steps <> '[]'::jsonb
                                   AND NOT jsonb_path_exists(steps,
                                     '$[*] ? (@.type() != "object"
                                              || !(@.key.type() == "string")
                                              || !(@.key like_regex "^[a-z][a-z0-9_]*$")
                                              || !(@.title.type() == "string")
                                              || !(@.kind.type() == "string")
                                              || !(@.kind == "plan" || @.kind == "retrieve" || @.kind == "analyze"
                                                   || @.kind == "tool_call" || @.kind == "draft" || @.kind == "review"
                                                   || @.kind == "human_approval" || @.kind == "synthesize")
                                              || (exists(@.instructions) && @.instructions.type() != "string")
                                              || (exists(@.tools) && @.tools.type() != "array")
                                              || (exists(@.depends_on) && @.depends_on.type() != "array")
                                              || (exists(@.requires_approval) && @.requires_approval.type() != "boolean"))')),
  default_budget            jsonb NOT NULL DEFAULT '{"max_tokens": 200000, "max_cost_usd": 5}'::jsonb
                            CONSTRAINT mission_templates_default_budget_shape
                            CHECK (jsonb_typeof(default_budget) = 'object'
                                   AND default_budget ?& ARRAY['max_tokens', 'max_cost_usd']
                                   AND default_budget - ARRAY['max_tokens', 'max_cost_usd', 'max_tool_calls',
                                                              'max_minutes'] = '{}'::jsonb
                                   AND NOT jsonb_path_exists(default_budget, '$.* ? (@.type() != "number" || @ <= 0)')),
  requires_plan_approval    boolean NOT NULL DEFAULT true,
  output_template_tenant_id uuid,
  output_template_id        uuid,
  status                    text NOT NULL DEFAULT 'draft'
                            CONSTRAINT mission_templates_status_check CHECK (status IN ('draft', 'active', 'archived')),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  created_by                uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT mission_templates_slug_key UNIQUE (tenant_id, slug),
  FOREIGN KEY (output_template_tenant_id, output_template_id) REFERENCES public.output_templates (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (output_template_tenant_id, output_template_id),
  CONSTRAINT mission_templates_output_template_tenant_check
    CHECK (output_template_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.mission_templates IS 'Plans for the autonomous Ask Expert modes (3: user picks the agent, 4: system picks): ordered steps, a default budget and the deliverable''s format.';
COMMENT ON COLUMN public.mission_templates.objective IS 'What a mission of this kind must deliver, stated for the planner.';
COMMENT ON COLUMN public.mission_templates.applicable_modes IS 'Ask Expert modes the template is offered in: a non-empty subset of {3,4}.';
COMMENT ON COLUMN public.mission_templates.steps IS 'Ordered plan: [{"key", "title", "kind": plan|retrieve|analyze|tool_call|draft|review|human_approval|synthesize, "instructions"?, "tools"?: [...], "depends_on"?: [keys], "requires_approval"?: bool}].';
COMMENT ON COLUMN public.mission_templates.default_budget IS 'Ceilings a mission starts with: max_tokens and max_cost_usd (required), max_tool_calls, max_minutes; all positive numbers.';
COMMENT ON COLUMN public.mission_templates.requires_plan_approval IS 'true: a person approves the generated plan before the first step runs.';
COMMENT ON COLUMN public.mission_templates.output_template_tenant_id IS 'Tenant of the output template: this row''s own tenant or the platform library.';
COMMENT ON COLUMN public.mission_templates.output_template_id IS 'Format of the mission''s final deliverable (optional).';
COMMENT ON COLUMN public.mission_templates.status IS 'draft | active | archived: only active templates are offered in modes 3 and 4.';

-- == functions ===============================================================
-- The version number follows the prompt, not the caller: it moves only when
-- body, variables or model settings change, and cannot be set by hand.
CREATE OR REPLACE FUNCTION vital.prompt_templates_bump_version() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    IF (NEW.body, NEW.variables, NEW.model_settings)
       IS DISTINCT FROM (OLD.body, OLD.variables, OLD.model_settings) THEN
      NEW.version := OLD.version + 1;
    ELSE
      NEW.version := OLD.version;
    END IF;
    RETURN NEW;
  END
  $$;
COMMENT ON FUNCTION vital.prompt_templates_bump_version() IS 'Trigger: increments prompt_templates.version when the prompt changes.';

-- History is written by the database, whoever changes the template. Runs as the
-- writer, so the history row passes the same RLS as the change itself.
CREATE OR REPLACE FUNCTION vital.prompt_templates_record_version() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND NEW.version = OLD.version THEN
      RETURN NULL;
    END IF;
    INSERT INTO public.prompt_template_versions
      (tenant_id, prompt_template_id, version, body, variables, model_settings, change_note)
    VALUES
      (NEW.tenant_id, NEW.id, NEW.version, NEW.body, NEW.variables, NEW.model_settings, NEW.version_note)
    ON CONFLICT (tenant_id, prompt_template_id, version) DO NOTHING;
    RETURN NULL;
  END
  $$;
COMMENT ON FUNCTION vital.prompt_templates_record_version() IS 'Trigger: snapshots a prompt template into prompt_template_versions at creation and at each new version.';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER bump_version BEFORE UPDATE ON public.prompt_templates
  FOR EACH ROW EXECUTE FUNCTION vital.prompt_templates_bump_version();
CREATE OR REPLACE TRIGGER record_version AFTER INSERT OR UPDATE ON public.prompt_templates
  FOR EACH ROW EXECUTE FUNCTION vital.prompt_templates_record_version();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.prompt_templates
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.panel_archetypes', library => true);
CALL vital.secure_tenant_table('public.prompt_templates', library => true);
CALL vital.secure_tenant_table('public.prompt_template_versions', library => true);
CALL vital.secure_tenant_table('public.output_templates', library => true);
CALL vital.secure_tenant_table('public.mission_templates', library => true);

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS panel_archetypes_created_by_idx ON public.panel_archetypes (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS prompt_templates_forked_from_idx ON public.prompt_templates (forked_from_tenant_id, forked_from_id);
CREATE INDEX IF NOT EXISTS prompt_templates_status_idx ON public.prompt_templates (tenant_id, status);
CREATE INDEX IF NOT EXISTS prompt_templates_created_by_idx ON public.prompt_templates (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS prompt_template_versions_created_by_idx ON public.prompt_template_versions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS output_templates_created_by_idx ON public.output_templates (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS mission_templates_output_template_idx
  ON public.mission_templates (output_template_tenant_id, output_template_id);
CREATE INDEX IF NOT EXISTS mission_templates_status_idx ON public.mission_templates (tenant_id, status);
CREATE INDEX IF NOT EXISTS mission_templates_created_by_idx ON public.mission_templates (tenant_id, created_by);
