-- Domain 4, Personas (24 tables): personas, the VPANES-scored user personas of the
-- platform library, and their 23 child tables (typical day, evidence, motivations,
-- values, frustrations, goals, pain points, challenges, responsibilities, tools,
-- stakeholders, skills, education, certifications, success metrics, buying
-- triggers, aspirations, conferences, publications, social channels, personality
-- traits, org roles, VPANES assessments).
-- Every child row belongs to a persona of its own tenant (composite key, ON DELETE
-- CASCADE): a tenant that forks a platform persona copies its children too.

-- == functions ===============================================================
-- Before the tables: the VPANES CHECKs and generated columns need them.
-- VPANES = Visibility, Pain, Actions, Needs, Emotions, Scenarios, each 0-10.
-- plpgsql, so that each test runs only once the shape it relies on is known
-- (jsonb_object_keys and jsonb_each raise on a scalar), and never raises itself:
-- generated columns are computed before the CHECKs, so a bad score must reach
-- the CHECK (and its readable name) instead of failing in a cast.
CREATE OR REPLACE FUNCTION vital.vpanes_has_exact_keys(scores jsonb) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = ''
  AS $$
  BEGIN
    IF jsonb_typeof(scores) <> 'object' THEN
      RETURN false;
    END IF;
    RETURN scores ?& ARRAY['visibility', 'pain', 'actions', 'needs', 'emotions', 'scenarios']
       AND (SELECT count(*) FROM jsonb_object_keys(scores)) = 6;
  END
  $$;
COMMENT ON FUNCTION vital.vpanes_has_exact_keys(jsonb) IS
  'CHECK helper: true when a VPANES object has exactly the keys visibility, pain, actions, needs, emotions, scenarios.';

-- Null (no opinion) on a non-object: the keys CHECK reports that one, so that
-- each bad value gets exactly one constraint name.
CREATE OR REPLACE FUNCTION vital.vpanes_in_range(scores jsonb) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = ''
  AS $$
  BEGIN
    IF jsonb_typeof(scores) <> 'object' THEN
      RETURN NULL;
    END IF;
    -- CASE, not OR: SQL does not promise to evaluate OR left to right, and the
    -- cast raises on a non-number.
    RETURN NOT EXISTS (
      SELECT FROM jsonb_each(scores) AS s
       WHERE CASE WHEN jsonb_typeof(s.value) = 'number'
                  THEN NOT (s.value::numeric BETWEEN 0 AND 10)
                  ELSE true END
    );
  END
  $$;
COMMENT ON FUNCTION vital.vpanes_in_range(jsonb) IS
  'CHECK helper: true when every value of a VPANES object is a JSON number from 0 to 10.';

CREATE OR REPLACE FUNCTION vital.vpanes_total(scores jsonb) RETURNS numeric
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = ''
  AS $$
  BEGIN
    IF NOT (vital.vpanes_has_exact_keys(scores) AND coalesce(vital.vpanes_in_range(scores), false)) THEN
      RETURN NULL;
    END IF;
    RETURN (scores ->> 'visibility')::numeric + (scores ->> 'pain')::numeric
         + (scores ->> 'actions')::numeric + (scores ->> 'needs')::numeric
         + (scores ->> 'emotions')::numeric + (scores ->> 'scenarios')::numeric;
  END
  $$;
COMMENT ON FUNCTION vital.vpanes_total(jsonb) IS
  'Sum of the six VPANES scores (0-60); null when the scores are missing or malformed.';

CREATE OR REPLACE FUNCTION vital.vpanes_tier(total numeric) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = ''
  AS $$
    SELECT CASE
      WHEN total >= 46 THEN 'ideal'
      WHEN total >= 31 THEN 'high'
      WHEN total >= 16 THEN 'medium'
      ELSE 'low'
    END
  $$;
COMMENT ON FUNCTION vital.vpanes_tier(numeric) IS
  'VPANES tier of a total: >= 46 ideal, >= 31 high, >= 16 medium, else low.';

-- A CHECK and a generated column run with the privileges of the writer, who needs EXECUTE.
GRANT EXECUTE ON FUNCTION vital.vpanes_has_exact_keys(jsonb), vital.vpanes_in_range(jsonb),
  vital.vpanes_total(jsonb), vital.vpanes_tier(numeric) TO authenticated, service_role;

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.personas (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  slug                  text NOT NULL
                        CONSTRAINT personas_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                  text NOT NULL CHECK (length(btrim(name)) > 0),
  role_title            text NOT NULL CHECK (length(btrim(role_title)) > 0),
  function_tenant_id    uuid,
  function_id           uuid,
  description           text NOT NULL DEFAULT '',
  seniority             text NOT NULL DEFAULT 'senior'
                        CONSTRAINT personas_seniority_check
                        CHECK (seniority IN ('entry', 'mid', 'senior', 'principal', 'executive')),
  years_experience      smallint
                        CONSTRAINT personas_years_experience_range CHECK (years_experience BETWEEN 0 AND 60),
  vpanes_scores         jsonb
                        CONSTRAINT personas_vpanes_keys CHECK (vital.vpanes_has_exact_keys(vpanes_scores))
                        CONSTRAINT personas_vpanes_range CHECK (vital.vpanes_in_range(vpanes_scores)),
  vpanes_total          numeric GENERATED ALWAYS AS (vital.vpanes_total(vpanes_scores)) STORED,
  vpanes_tier           text GENERATED ALWAYS AS (vital.vpanes_tier(vital.vpanes_total(vpanes_scores))) STORED
                        CONSTRAINT personas_vpanes_tier_check CHECK (vpanes_tier IN ('ideal', 'high', 'medium', 'low')),
  status                text NOT NULL DEFAULT 'draft'
                        CONSTRAINT personas_status_check CHECK (status IN ('draft', 'active', 'archived')),
  forked_from_tenant_id uuid,
  forked_from_id        uuid,
  metadata              jsonb NOT NULL DEFAULT '{}'::jsonb
                        CONSTRAINT personas_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  deleted_at            timestamptz,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT personas_slug_key UNIQUE (tenant_id, slug),
  -- MATCH FULL on the optional references: with a plain FK a row with only one
  -- of the two columns set would escape the check.
  FOREIGN KEY (function_tenant_id, function_id) REFERENCES public.org_functions (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (function_tenant_id, function_id),
  CONSTRAINT personas_function_tenant_check
    CHECK (function_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (forked_from_tenant_id, forked_from_id) REFERENCES public.personas (tenant_id, id)
    MATCH FULL ON DELETE SET NULL (forked_from_tenant_id, forked_from_id),
  CONSTRAINT personas_forked_from_tenant_check
    CHECK (forked_from_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.personas IS 'User personas scored with VPANES (library: the platform''s are read by every tenant, which may fork them).';
COMMENT ON COLUMN public.personas.slug IS 'Stable natural key, unique per tenant (a fork may reuse the platform slug).';
COMMENT ON COLUMN public.personas.role_title IS 'The job title as it appears on an org chart or a job posting.';
COMMENT ON COLUMN public.personas.function_id IS 'Optional org_functions row (own tenant or platform library; function_tenant_id says which).';
COMMENT ON COLUMN public.personas.seniority IS 'Same scale as org_roles.seniority: entry | mid | senior | principal | executive.';
COMMENT ON COLUMN public.personas.years_experience IS 'Typical years of professional experience of someone in this role.';
COMMENT ON COLUMN public.personas.vpanes_scores IS 'Current VPANES scoring: exactly the keys visibility, pain, actions, needs, emotions, scenarios, each a number 0-10; null until first assessed. History in persona_vpanes_assessments.';
COMMENT ON COLUMN public.personas.vpanes_total IS 'Generated: sum of the six scores, 0-60.';
COMMENT ON COLUMN public.personas.vpanes_tier IS 'Generated: ideal (>= 46), high (>= 31), medium (>= 16), low.';
COMMENT ON COLUMN public.personas.forked_from_id IS 'The persona this one was copied from (usually a platform persona); null for originals.';
COMMENT ON COLUMN public.personas.deleted_at IS 'Soft delete: set to hide the persona, cleared to restore it.';

CREATE TABLE IF NOT EXISTS public.persona_typical_day_activities (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  persona_id       uuid NOT NULL,
  sort_order       smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  time_of_day      time NOT NULL,
  duration_minutes smallint
                   CONSTRAINT persona_typical_day_activities_duration_range CHECK (duration_minutes BETWEEN 5 AND 720),
  activity         text NOT NULL CHECK (length(btrim(activity)) > 0),
  activity_type    text NOT NULL DEFAULT 'focused_work'
                   CONSTRAINT persona_typical_day_activities_activity_type_check
                   CHECK (activity_type IN ('meeting', 'focused_work', 'review', 'communication',
                                            'administration', 'planning', 'learning', 'travel')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_typical_day_activities IS 'A persona''s typical working day, in order; a complete profile has 6 to 13 activities.';
COMMENT ON COLUMN public.persona_typical_day_activities.sort_order IS 'Position in the day (1 = first); ties are read in time_of_day order.';
COMMENT ON COLUMN public.persona_typical_day_activities.time_of_day IS 'Local time the activity usually starts.';

CREATE TABLE IF NOT EXISTS public.persona_evidence_sources (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  persona_id       uuid NOT NULL,
  sort_order       smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  source_type      text NOT NULL
                   CONSTRAINT persona_evidence_sources_source_type_check
                   CHECK (source_type IN ('interview', 'survey', 'observation', 'regulatory_guidance',
                                          'peer_reviewed', 'industry_report', 'professional_body',
                                          'job_posting', 'internal_data')),
  citation         text NOT NULL CHECK (length(btrim(citation)) > 0),
  url              text
                   CONSTRAINT persona_evidence_sources_url_format CHECK (url ~ '^https?://[^\s]+$'),
  publication_year smallint
                   CONSTRAINT persona_evidence_sources_year_range CHECK (publication_year BETWEEN 1950 AND 2100),
  sample_size      integer
                   CONSTRAINT persona_evidence_sources_sample_size_positive CHECK (sample_size > 0),
  relevance        text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_evidence_sources IS 'What a persona is based on (research, guidance, reports); a complete profile cites 5 to 10.';
COMMENT ON COLUMN public.persona_evidence_sources.citation IS 'Human-readable reference: author or body, title, edition.';
COMMENT ON COLUMN public.persona_evidence_sources.sample_size IS 'Respondents or participants, for interviews and surveys.';
COMMENT ON COLUMN public.persona_evidence_sources.relevance IS 'What this source tells us about the persona.';

CREATE TABLE IF NOT EXISTS public.persona_motivations (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  persona_id      uuid NOT NULL,
  sort_order      smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  motivation      text NOT NULL CHECK (length(btrim(motivation)) > 0),
  motivation_type text NOT NULL DEFAULT 'intrinsic'
                  CONSTRAINT persona_motivations_motivation_type_check
                  CHECK (motivation_type IN ('intrinsic', 'extrinsic')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_motivations IS 'What drives the persona at work, most important first.';

CREATE TABLE IF NOT EXISTS public.persona_values (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  value_name  text NOT NULL CHECK (length(btrim(value_name)) > 0),
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_values IS 'Professional values the persona will not trade away (patient safety, rigour...).';
COMMENT ON COLUMN public.persona_values.value_name IS 'Short name of the value; description says how it shows at work.';

CREATE TABLE IF NOT EXISTS public.persona_frustrations (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  frustration text NOT NULL CHECK (length(btrim(frustration)) > 0),
  frequency   text NOT NULL DEFAULT 'frequent'
              CONSTRAINT persona_frustrations_frequency_check
              CHECK (frequency IN ('occasional', 'frequent', 'constant')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_frustrations IS 'Day-to-day irritations (emotional side); structural problems are pain points.';

CREATE TABLE IF NOT EXISTS public.persona_goals (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  persona_id   uuid NOT NULL,
  sort_order   smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  goal         text NOT NULL CHECK (length(btrim(goal)) > 0),
  time_horizon text NOT NULL DEFAULT 'medium_term'
               CONSTRAINT persona_goals_time_horizon_check
               CHECK (time_horizon IN ('short_term', 'medium_term', 'long_term')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_goals IS 'Objectives the persona is measured on or pursues in the role.';
COMMENT ON COLUMN public.persona_goals.time_horizon IS 'short_term: this quarter; medium_term: this year; long_term: beyond.';

CREATE TABLE IF NOT EXISTS public.persona_pain_points (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  pain_point  text NOT NULL CHECK (length(btrim(pain_point)) > 0),
  severity    text NOT NULL DEFAULT 'medium'
              CONSTRAINT persona_pain_points_severity_check
              CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  impact      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_pain_points IS 'Problems that cost the persona time, money or risk, with how badly.';
COMMENT ON COLUMN public.persona_pain_points.impact IS 'The consequence when the pain point bites (delay, finding, rework...).';

CREATE TABLE IF NOT EXISTS public.persona_challenges (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  challenge   text NOT NULL CHECK (length(btrim(challenge)) > 0),
  category    text NOT NULL DEFAULT 'operational'
              CONSTRAINT persona_challenges_category_check
              CHECK (category IN ('regulatory', 'operational', 'technical', 'organizational',
                                  'financial', 'scientific')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_challenges IS 'Hard problems of the role that are nobody''s fault (the environment, the science, the rules).';

CREATE TABLE IF NOT EXISTS public.persona_responsibilities (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  persona_id     uuid NOT NULL,
  sort_order     smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  responsibility text NOT NULL CHECK (length(btrim(responsibility)) > 0),
  time_share_pct smallint
                 CONSTRAINT persona_responsibilities_time_share_range CHECK (time_share_pct BETWEEN 0 AND 100),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_responsibilities IS 'What the persona is accountable for.';
COMMENT ON COLUMN public.persona_responsibilities.time_share_pct IS 'Rough share of working time, in percent; need not sum to 100.';

CREATE TABLE IF NOT EXISTS public.persona_tools_used (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  persona_id      uuid NOT NULL,
  sort_order      smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  tool_name       text NOT NULL CHECK (length(btrim(tool_name)) > 0),
  vendor          text,
  tool_category   text NOT NULL DEFAULT 'other'
                  CONSTRAINT persona_tools_used_tool_category_check
                  CHECK (tool_category IN ('edc', 'ctms', 'safety_database', 'statistics',
                                           'document_management', 'regulatory_information',
                                           'quality_management', 'analytics', 'literature',
                                           'collaboration', 'crm', 'privacy_management',
                                           'modelling', 'ai_assistant', 'other')),
  usage_frequency text NOT NULL DEFAULT 'weekly'
                  CONSTRAINT persona_tools_used_usage_frequency_check
                  CHECK (usage_frequency IN ('daily', 'weekly', 'monthly', 'occasional')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_tools_used IS 'Software the persona works in (free text: these are market products, not VITAL agent tools).';

CREATE TABLE IF NOT EXISTS public.persona_stakeholders (
  id                    uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id             uuid NOT NULL REFERENCES public.tenants (id),
  persona_id            uuid NOT NULL,
  sort_order            smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  stakeholder_role      text NOT NULL CHECK (length(btrim(stakeholder_role)) > 0),
  relationship          text NOT NULL
                        CONSTRAINT persona_stakeholders_relationship_check
                        CHECK (relationship IN ('manager', 'direct_report', 'peer', 'internal_partner',
                                                'external_partner', 'regulator', 'customer', 'vendor')),
  influence             text NOT NULL DEFAULT 'medium'
                        CONSTRAINT persona_stakeholders_influence_check CHECK (influence IN ('low', 'medium', 'high')),
  interaction_frequency text NOT NULL DEFAULT 'weekly'
                        CONSTRAINT persona_stakeholders_interaction_frequency_check
                        CHECK (interaction_frequency IN ('daily', 'weekly', 'monthly', 'quarterly', 'ad_hoc')),
  notes                 text NOT NULL DEFAULT '',
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  created_by            uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_stakeholders IS 'People the persona works with or answers to, seen from the persona.';
COMMENT ON COLUMN public.persona_stakeholders.influence IS 'How much this stakeholder sways the persona''s decisions.';

CREATE TABLE IF NOT EXISTS public.persona_skills (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  persona_id      uuid NOT NULL,
  skill_tenant_id uuid NOT NULL,
  skill_id        uuid NOT NULL,
  proficiency     text NOT NULL DEFAULT 'intermediate'
                  CONSTRAINT persona_skills_proficiency_check
                  CHECK (proficiency IN ('basic', 'intermediate', 'advanced', 'expert')),
  is_core         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT persona_skills_persona_skill_key UNIQUE (tenant_id, persona_id, skill_tenant_id, skill_id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (skill_tenant_id, skill_id) REFERENCES public.skills (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT persona_skills_skill_tenant_check
    CHECK (skill_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_skills IS 'Skills (taxonomy, own tenant or platform library) a persona has, and how well.';
COMMENT ON COLUMN public.persona_skills.skill_tenant_id IS 'Tenant of the skill: the row''s own tenant or the platform.';
COMMENT ON COLUMN public.persona_skills.is_core IS 'True for the skills the role cannot be done without.';

CREATE TABLE IF NOT EXISTS public.persona_education (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  persona_id     uuid NOT NULL,
  sort_order     smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  degree         text NOT NULL CHECK (length(btrim(degree)) > 0),
  level          text NOT NULL
                 CONSTRAINT persona_education_level_check
                 CHECK (level IN ('diploma', 'bachelor', 'master', 'doctorate', 'professional_doctorate')),
  field_of_study text NOT NULL DEFAULT '',
  prevalence     text NOT NULL DEFAULT 'common'
                 CONSTRAINT persona_education_prevalence_check
                 CHECK (prevalence IN ('required', 'common', 'preferred')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_education IS 'Degrees typical of people in this persona.';
COMMENT ON COLUMN public.persona_education.level IS 'professional_doctorate: MD, PharmD and the like.';
COMMENT ON COLUMN public.persona_education.prevalence IS 'required by most employers, common among holders, or preferred (an advantage).';

CREATE TABLE IF NOT EXISTS public.persona_certifications (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  persona_id    uuid NOT NULL,
  sort_order    smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  certification text NOT NULL CHECK (length(btrim(certification)) > 0),
  issuing_body  text NOT NULL DEFAULT '',
  prevalence    text NOT NULL DEFAULT 'common'
                CONSTRAINT persona_certifications_prevalence_check
                CHECK (prevalence IN ('required', 'common', 'preferred')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_certifications IS 'Professional certifications and licences typical of the persona.';
COMMENT ON COLUMN public.persona_certifications.prevalence IS 'required by most employers, common among holders, or preferred (an advantage).';

CREATE TABLE IF NOT EXISTS public.persona_success_metrics (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  metric      text NOT NULL CHECK (length(btrim(metric)) > 0),
  target      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_success_metrics IS 'How the persona (and their manager) judges that the job is done well.';
COMMENT ON COLUMN public.persona_success_metrics.target IS 'The usual target, as said in the field (free text: units vary).';

CREATE TABLE IF NOT EXISTS public.persona_buying_triggers (
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES public.tenants (id),
  persona_id    uuid NOT NULL,
  sort_order    smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  trigger_event text NOT NULL CHECK (length(btrim(trigger_event)) > 0),
  urgency       text NOT NULL DEFAULT 'medium'
                CONSTRAINT persona_buying_triggers_urgency_check CHECK (urgency IN ('low', 'medium', 'high')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_buying_triggers IS 'Events that make the persona look for a new solution, and how urgently.';

CREATE TABLE IF NOT EXISTS public.persona_aspirations (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  aspiration  text NOT NULL CHECK (length(btrim(aspiration)) > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_aspirations IS 'Career and personal ambitions beyond the current objectives (goals are the job''s).';

CREATE TABLE IF NOT EXISTS public.persona_conferences (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  persona_id      uuid NOT NULL,
  sort_order      smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  conference_name text NOT NULL CHECK (length(btrim(conference_name)) > 0),
  organizer       text NOT NULL DEFAULT '',
  typical_month   smallint
                  CONSTRAINT persona_conferences_typical_month_range CHECK (typical_month BETWEEN 1 AND 12),
  participation   text NOT NULL DEFAULT 'attendee'
                  CONSTRAINT persona_conferences_participation_check
                  CHECK (participation IN ('attendee', 'speaker', 'exhibitor', 'committee')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_conferences IS 'Conferences the persona goes to, and in what capacity.';
COMMENT ON COLUMN public.persona_conferences.typical_month IS 'Month (1-12) the meeting is usually held; null when it moves.';

CREATE TABLE IF NOT EXISTS public.persona_publications (
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        uuid NOT NULL REFERENCES public.tenants (id),
  persona_id       uuid NOT NULL,
  sort_order       smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  title            text NOT NULL CHECK (length(btrim(title)) > 0),
  publisher        text NOT NULL DEFAULT '',
  publication_type text NOT NULL
                   CONSTRAINT persona_publications_publication_type_check
                   CHECK (publication_type IN ('journal', 'trade_news', 'newsletter', 'guidance_feed',
                                               'podcast', 'book', 'blog')),
  url              text
                   CONSTRAINT persona_publications_url_format CHECK (url ~ '^https?://[^\s]+$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_publications IS 'What the persona reads or listens to to stay current (their media diet, not their own papers).';

CREATE TABLE IF NOT EXISTS public.persona_social_channels (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  persona_id   uuid NOT NULL,
  sort_order   smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  channel_name text NOT NULL CHECK (length(btrim(channel_name)) > 0),
  channel_type text NOT NULL
               CONSTRAINT persona_social_channels_channel_type_check
               CHECK (channel_type IN ('professional_network', 'community', 'forum', 'messaging',
                                       'microblog', 'video', 'podcast')),
  usage_level  text NOT NULL DEFAULT 'medium'
               CONSTRAINT persona_social_channels_usage_level_check CHECK (usage_level IN ('low', 'medium', 'high')),
  purpose      text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_social_channels IS 'Online channels where the persona can be reached, and what they use each for.';

CREATE TABLE IF NOT EXISTS public.persona_personality_traits (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  persona_id  uuid NOT NULL,
  sort_order  smallint NOT NULL DEFAULT 1 CHECK (sort_order >= 1),
  trait       text NOT NULL CHECK (length(btrim(trait)) > 0),
  description text NOT NULL DEFAULT '',
  intensity   smallint NOT NULL DEFAULT 3
              CONSTRAINT persona_personality_traits_intensity_range CHECK (intensity BETWEEN 1 AND 5),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_personality_traits IS 'Working-style traits that shape how the persona wants answers delivered.';
COMMENT ON COLUMN public.persona_personality_traits.intensity IS '1 (slight) to 5 (defining).';

CREATE TABLE IF NOT EXISTS public.persona_roles (
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id      uuid NOT NULL REFERENCES public.tenants (id),
  persona_id     uuid NOT NULL,
  role_tenant_id uuid NOT NULL,
  role_id        uuid NOT NULL,
  is_primary     boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  created_by     uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT persona_roles_persona_role_key UNIQUE (tenant_id, persona_id, role_tenant_id, role_id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (role_tenant_id, role_id) REFERENCES public.org_roles (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT persona_roles_role_tenant_check
    CHECK (role_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_roles IS 'Org roles (own tenant or platform library) a persona stands for; at most one primary.';
COMMENT ON COLUMN public.persona_roles.role_tenant_id IS 'Tenant of the org role: the row''s own tenant or the platform.';

CREATE TABLE IF NOT EXISTS public.persona_vpanes_assessments (
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id    uuid NOT NULL REFERENCES public.tenants (id),
  persona_id   uuid NOT NULL,
  scores       jsonb NOT NULL
               CONSTRAINT persona_vpanes_assessments_scores_keys CHECK (vital.vpanes_has_exact_keys(scores))
               CONSTRAINT persona_vpanes_assessments_scores_range CHECK (vital.vpanes_in_range(scores)),
  vpanes_total numeric GENERATED ALWAYS AS (vital.vpanes_total(scores)) STORED,
  vpanes_tier  text GENERATED ALWAYS AS (vital.vpanes_tier(vital.vpanes_total(scores))) STORED
               CONSTRAINT persona_vpanes_assessments_vpanes_tier_check
               CHECK (vpanes_tier IN ('ideal', 'high', 'medium', 'low')),
  rationale    text NOT NULL CHECK (length(btrim(rationale)) > 0),
  method       text NOT NULL DEFAULT 'expert_review'
               CONSTRAINT persona_vpanes_assessments_method_check
               CHECK (method IN ('expert_review', 'user_research', 'survey', 'ai_assisted', 'self_assessment')),
  assessor     text NOT NULL DEFAULT '',
  assessed_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, persona_id) REFERENCES public.personas (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.persona_vpanes_assessments IS 'History of VPANES scorings of a persona, each with its rationale; personas.vpanes_scores holds the current one.';
COMMENT ON COLUMN public.persona_vpanes_assessments.scores IS 'Same shape as personas.vpanes_scores: the six VPANES keys, each a number 0-10.';
COMMENT ON COLUMN public.persona_vpanes_assessments.vpanes_tier IS 'Generated: ideal (>= 46), high (>= 31), medium (>= 16), low.';
COMMENT ON COLUMN public.persona_vpanes_assessments.assessor IS 'Who scored (a person or team, possibly outside the tenant); created_by is who recorded it.';

-- Not a table: the completeness report SCHEMA.md asks for. A complete profile has
-- 6-13 typical-day activities, 5-10 evidence sources, a VPANES score and at least
-- one row in every other child table. security_invoker: the caller's RLS applies.
CREATE OR REPLACE VIEW public.persona_completeness WITH (security_invoker = true) AS
SELECT p.tenant_id,
       p.id AS persona_id,
       p.slug,
       p.name,
       c.typical_day_activities,
       c.evidence_sources,
       p.vpanes_scores IS NOT NULL AS vpanes_scored,
       c.missing_sections,
       (c.typical_day_activities BETWEEN 6 AND 13
        AND c.evidence_sources BETWEEN 5 AND 10
        AND p.vpanes_scores IS NOT NULL
        AND cardinality(c.missing_sections) = 0) AS is_complete
  FROM public.personas AS p
 CROSS JOIN LATERAL (
   SELECT (SELECT count(*) FROM public.persona_typical_day_activities AS x
            WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) AS typical_day_activities,
          (SELECT count(*) FROM public.persona_evidence_sources AS x
            WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) AS evidence_sources,
          array_remove(ARRAY[
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_motivations AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'motivations' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_values AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'values' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_frustrations AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'frustrations' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_goals AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'goals' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_pain_points AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'pain_points' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_challenges AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'challenges' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_responsibilities AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'responsibilities' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_tools_used AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'tools_used' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_stakeholders AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'stakeholders' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_skills AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'skills' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_education AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'education' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_certifications AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'certifications' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_success_metrics AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'success_metrics' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_buying_triggers AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'buying_triggers' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_aspirations AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'aspirations' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_conferences AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'conferences' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_publications AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'publications' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_social_channels AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'social_channels' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_personality_traits AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'personality_traits' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_roles AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'roles' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.persona_vpanes_assessments AS x
                                   WHERE x.tenant_id = p.tenant_id AND x.persona_id = p.id) THEN 'vpanes_assessments' END
          ]::text[], NULL) AS missing_sections
 ) AS c
 WHERE p.deleted_at IS NULL;
COMMENT ON VIEW public.persona_completeness IS 'Completeness report: which live personas fall outside 6-13 activities or 5-10 evidence sources, lack a VPANES score, or have an empty section.';
COMMENT ON COLUMN public.persona_completeness.missing_sections IS 'Child tables (without the persona_ prefix) with no row for this persona.';
GRANT SELECT ON public.persona_completeness TO authenticated, service_role;

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.personas
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.personas', library => true);
CALL vital.secure_tenant_table('public.persona_typical_day_activities', library => true);
CALL vital.secure_tenant_table('public.persona_evidence_sources', library => true);
CALL vital.secure_tenant_table('public.persona_motivations', library => true);
CALL vital.secure_tenant_table('public.persona_values', library => true);
CALL vital.secure_tenant_table('public.persona_frustrations', library => true);
CALL vital.secure_tenant_table('public.persona_goals', library => true);
CALL vital.secure_tenant_table('public.persona_pain_points', library => true);
CALL vital.secure_tenant_table('public.persona_challenges', library => true);
CALL vital.secure_tenant_table('public.persona_responsibilities', library => true);
CALL vital.secure_tenant_table('public.persona_tools_used', library => true);
CALL vital.secure_tenant_table('public.persona_stakeholders', library => true);
CALL vital.secure_tenant_table('public.persona_skills', library => true);
CALL vital.secure_tenant_table('public.persona_education', library => true);
CALL vital.secure_tenant_table('public.persona_certifications', library => true);
CALL vital.secure_tenant_table('public.persona_success_metrics', library => true);
CALL vital.secure_tenant_table('public.persona_buying_triggers', library => true);
CALL vital.secure_tenant_table('public.persona_aspirations', library => true);
CALL vital.secure_tenant_table('public.persona_conferences', library => true);
CALL vital.secure_tenant_table('public.persona_publications', library => true);
CALL vital.secure_tenant_table('public.persona_social_channels', library => true);
CALL vital.secure_tenant_table('public.persona_personality_traits', library => true);
CALL vital.secure_tenant_table('public.persona_roles', library => true);
CALL vital.secure_tenant_table('public.persona_vpanes_assessments', library => true);

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS personas_function_id_idx ON public.personas (function_tenant_id, function_id);
CREATE INDEX IF NOT EXISTS personas_forked_from_id_idx ON public.personas (forked_from_tenant_id, forked_from_id);
CREATE INDEX IF NOT EXISTS personas_created_by_idx ON public.personas (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS personas_status_idx ON public.personas (tenant_id, status);
CREATE INDEX IF NOT EXISTS personas_vpanes_tier_idx ON public.personas (tenant_id, vpanes_tier);
CREATE INDEX IF NOT EXISTS personas_created_at_idx ON public.personas (tenant_id, created_at);

-- Ordered lists: (tenant_id, persona_id, sort_order) serves the foreign key and the read order.
CREATE INDEX IF NOT EXISTS persona_typical_day_activities_persona_id_sort_order_idx
  ON public.persona_typical_day_activities (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_typical_day_activities_created_by_idx
  ON public.persona_typical_day_activities (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_evidence_sources_persona_id_sort_order_idx
  ON public.persona_evidence_sources (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_evidence_sources_created_by_idx
  ON public.persona_evidence_sources (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_motivations_persona_id_sort_order_idx
  ON public.persona_motivations (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_motivations_created_by_idx
  ON public.persona_motivations (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_values_persona_id_sort_order_idx
  ON public.persona_values (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_values_created_by_idx
  ON public.persona_values (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_frustrations_persona_id_sort_order_idx
  ON public.persona_frustrations (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_frustrations_created_by_idx
  ON public.persona_frustrations (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_goals_persona_id_sort_order_idx
  ON public.persona_goals (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_goals_created_by_idx
  ON public.persona_goals (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_pain_points_persona_id_sort_order_idx
  ON public.persona_pain_points (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_pain_points_created_by_idx
  ON public.persona_pain_points (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_challenges_persona_id_sort_order_idx
  ON public.persona_challenges (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_challenges_created_by_idx
  ON public.persona_challenges (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_responsibilities_persona_id_sort_order_idx
  ON public.persona_responsibilities (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_responsibilities_created_by_idx
  ON public.persona_responsibilities (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_tools_used_persona_id_sort_order_idx
  ON public.persona_tools_used (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_tools_used_created_by_idx
  ON public.persona_tools_used (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_stakeholders_persona_id_sort_order_idx
  ON public.persona_stakeholders (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_stakeholders_created_by_idx
  ON public.persona_stakeholders (tenant_id, created_by);
-- persona_skills_persona_skill_key already leads with (tenant_id, persona_id).
CREATE INDEX IF NOT EXISTS persona_skills_skill_id_idx
  ON public.persona_skills (skill_tenant_id, skill_id);
CREATE INDEX IF NOT EXISTS persona_skills_created_by_idx
  ON public.persona_skills (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_education_persona_id_sort_order_idx
  ON public.persona_education (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_education_created_by_idx
  ON public.persona_education (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_certifications_persona_id_sort_order_idx
  ON public.persona_certifications (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_certifications_created_by_idx
  ON public.persona_certifications (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_success_metrics_persona_id_sort_order_idx
  ON public.persona_success_metrics (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_success_metrics_created_by_idx
  ON public.persona_success_metrics (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_buying_triggers_persona_id_sort_order_idx
  ON public.persona_buying_triggers (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_buying_triggers_created_by_idx
  ON public.persona_buying_triggers (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_aspirations_persona_id_sort_order_idx
  ON public.persona_aspirations (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_aspirations_created_by_idx
  ON public.persona_aspirations (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_conferences_persona_id_sort_order_idx
  ON public.persona_conferences (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_conferences_created_by_idx
  ON public.persona_conferences (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_publications_persona_id_sort_order_idx
  ON public.persona_publications (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_publications_created_by_idx
  ON public.persona_publications (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_social_channels_persona_id_sort_order_idx
  ON public.persona_social_channels (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_social_channels_created_by_idx
  ON public.persona_social_channels (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS persona_personality_traits_persona_id_sort_order_idx
  ON public.persona_personality_traits (tenant_id, persona_id, sort_order);
CREATE INDEX IF NOT EXISTS persona_personality_traits_created_by_idx
  ON public.persona_personality_traits (tenant_id, created_by);
-- persona_roles_persona_role_key already leads with (tenant_id, persona_id).
CREATE INDEX IF NOT EXISTS persona_roles_role_id_idx
  ON public.persona_roles (role_tenant_id, role_id);
CREATE INDEX IF NOT EXISTS persona_roles_created_by_idx
  ON public.persona_roles (tenant_id, created_by);
-- At most one primary role per persona.
CREATE UNIQUE INDEX IF NOT EXISTS persona_roles_one_primary_idx
  ON public.persona_roles (tenant_id, persona_id) WHERE is_primary;
CREATE INDEX IF NOT EXISTS persona_vpanes_assessments_persona_id_assessed_at_idx
  ON public.persona_vpanes_assessments (tenant_id, persona_id, assessed_at);
CREATE INDEX IF NOT EXISTS persona_vpanes_assessments_created_by_idx
  ON public.persona_vpanes_assessments (tenant_id, created_by);
