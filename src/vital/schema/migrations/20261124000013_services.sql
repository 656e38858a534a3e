-- Domain 7, Services (8 tables): ask_expert_sessions, ask_expert_messages,
-- ask_expert_citations, panel_sessions, panel_members, panel_contributions,
-- panel_votes, panel_syntheses. All tenant-private; they point into the platform
-- library (agents, panel archetypes, mission templates, knowledge chunks) through
-- <x>_tenant_id columns.

-- == tables ==================================================================
CREATE TABLE IF NOT EXISTS public.ask_expert_sessions (
  id                         uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                  uuid NOT NULL REFERENCES public.tenants (id),
  user_id                    uuid NOT NULL DEFAULT auth.uid(),
  mode                       smallint NOT NULL
                             CONSTRAINT ask_expert_sessions_mode_check CHECK (mode IN (1, 2, 3, 4)),
  agent_tenant_id            uuid,
  selected_agent_id          uuid,
  mission_template_tenant_id uuid,
  mission_template_id        uuid,
  workflow_run_id            uuid,
  title                      text,
  query                      text NOT NULL CHECK (length(btrim(query)) > 0),
  status                     text NOT NULL DEFAULT 'active'
                             CONSTRAINT ask_expert_sessions_status_check
                             CHECK (status IN ('active', 'waiting_approval', 'completed', 'failed', 'cancelled')),
  settings                   jsonb NOT NULL DEFAULT '{}'::jsonb
                             CONSTRAINT ask_expert_sessions_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  budget_tokens              integer
                             CONSTRAINT ask_expert_sessions_budget_tokens_positive CHECK (budget_tokens > 0),
  budget_usd                 numeric(10, 4)
                             CONSTRAINT ask_expert_sessions_budget_usd_nonnegative CHECK (budget_usd >= 0),
  completed_at               timestamptz,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  created_by                 uuid DEFAULT auth.uid(),
  deleted_at                 timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES public.profiles (tenant_id, user_id),
  FOREIGN KEY (agent_tenant_id, selected_agent_id) REFERENCES public.agents (tenant_id, id),
  CONSTRAINT ask_expert_sessions_agent_tenant_check
    CHECK (agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT ask_expert_sessions_agent_pair
    CHECK ((agent_tenant_id IS NULL) = (selected_agent_id IS NULL)),
  CONSTRAINT ask_expert_sessions_agent_required
    CHECK (mode IN (2, 4) OR selected_agent_id IS NOT NULL),
  FOREIGN KEY (mission_template_tenant_id, mission_template_id) REFERENCES public.mission_templates (tenant_id, id),
  CONSTRAINT ask_expert_sessions_mission_template_tenant_check
    CHECK (mission_template_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT ask_expert_sessions_mission_template_pair
    CHECK ((mission_template_tenant_id IS NULL) = (mission_template_id IS NULL)),
  CONSTRAINT ask_expert_sessions_mission_template_autonomous
    CHECK (mission_template_id IS NULL OR mode IN (3, 4)),
  FOREIGN KEY (tenant_id, workflow_run_id) REFERENCES public.workflow_runs (tenant_id, id)
    ON DELETE SET NULL (workflow_run_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.ask_expert_sessions IS 'One Ask Expert conversation of a user with an expert agent, in one of the four modes.';
COMMENT ON COLUMN public.ask_expert_sessions.user_id IS 'The asking user (a profile of the tenant).';
COMMENT ON COLUMN public.ask_expert_sessions.mode IS '1 user picks the agent, interactive; 2 system picks, interactive; 3 user picks, autonomous; 4 system picks, autonomous.';
COMMENT ON COLUMN public.ask_expert_sessions.agent_tenant_id IS 'Tenant of the selected agent: the session''s own tenant or the platform library.';
COMMENT ON COLUMN public.ask_expert_sessions.selected_agent_id IS 'The expert agent; required in modes 1 and 3, null in modes 2 and 4 until the system has chosen.';
COMMENT ON COLUMN public.ask_expert_sessions.mission_template_id IS 'Modes 3 and 4: the mission template the plan starts from (own or platform).';
COMMENT ON COLUMN public.ask_expert_sessions.workflow_run_id IS 'Modes 3 and 4: the workflow run that executes the plan.';
COMMENT ON COLUMN public.ask_expert_sessions.query IS 'The user''s opening question.';
COMMENT ON COLUMN public.ask_expert_sessions.settings IS 'Per-session options: retrieval depth, model, temperature, language.';
COMMENT ON COLUMN public.ask_expert_sessions.budget_tokens IS 'Token ceiling of the session; null = the tenant tier default.';
COMMENT ON COLUMN public.ask_expert_sessions.budget_usd IS 'Cost ceiling of the session in USD; null = no session-level ceiling.';

CREATE TABLE IF NOT EXISTS public.ask_expert_messages (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  session_id      uuid NOT NULL,
  seq             integer NOT NULL
                  CONSTRAINT ask_expert_messages_seq_positive CHECK (seq >= 1),
  role            text NOT NULL
                  CONSTRAINT ask_expert_messages_role_check CHECK (role IN ('user', 'assistant')),
  agent_tenant_id uuid,
  agent_id        uuid,
  content         text NOT NULL,
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb
                  CONSTRAINT ask_expert_messages_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT ask_expert_messages_seq_key UNIQUE (tenant_id, session_id, seq),
  FOREIGN KEY (tenant_id, session_id) REFERENCES public.ask_expert_sessions (tenant_id, id) ON DELETE CASCADE,
  -- CASE, not AND: the cast must only run on a number (AND does not fix the order).
  CONSTRAINT ask_expert_messages_citations_is_array
    CHECK (NOT metadata ? 'citations' OR jsonb_typeof(metadata -> 'citations') = 'array'),
  CONSTRAINT ask_expert_messages_confidence_range
    CHECK (CASE WHEN NOT metadata ? 'confidence' THEN true
                WHEN jsonb_typeof(metadata -> 'confidence') = 'number'
                  THEN (metadata ->> 'confidence')::numeric BETWEEN 0 AND 1
                ELSE false END),
  FOREIGN KEY (agent_tenant_id, agent_id) REFERENCES public.agents (tenant_id, id),
  CONSTRAINT ask_expert_messages_agent_tenant_check
    CHECK (agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT ask_expert_messages_agent_pair
    CHECK ((agent_tenant_id IS NULL) = (agent_id IS NULL)),
  CONSTRAINT ask_expert_messages_agent_on_assistant
    CHECK (agent_id IS NULL OR role = 'assistant'),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.ask_expert_messages IS 'The turns of an Ask Expert session: the user''s questions and the agents'' answers.';
COMMENT ON COLUMN public.ask_expert_messages.seq IS 'Order of the message in its session, from 1 (created_at ties within a transaction).';
COMMENT ON COLUMN public.ask_expert_messages.agent_id IS 'Assistant messages: the agent that answered (in mode 2/4 the one the system chose).';
COMMENT ON COLUMN public.ask_expert_messages.metadata IS 'Object; citations: array (as shown, the rows are in ask_expert_citations); confidence: number 0..1; plus model, latency, retrieval details.';

CREATE TABLE IF NOT EXISTS public.ask_expert_citations (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  message_id      uuid NOT NULL,
  chunk_tenant_id uuid,
  chunk_id        uuid,
  rank            integer NOT NULL
                  CONSTRAINT ask_expert_citations_rank_positive CHECK (rank >= 1),
  score           double precision
                  CONSTRAINT ask_expert_citations_score_range CHECK (score BETWEEN 0 AND 1),
  quote           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT ask_expert_citations_rank_key UNIQUE (tenant_id, message_id, rank),
  FOREIGN KEY (tenant_id, message_id) REFERENCES public.ask_expert_messages (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (chunk_tenant_id, chunk_id) REFERENCES public.rag_knowledge_chunks (tenant_id, id)
    ON DELETE SET NULL (chunk_tenant_id, chunk_id),
  CONSTRAINT ask_expert_citations_chunk_tenant_check
    CHECK (chunk_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT ask_expert_citations_chunk_pair
    CHECK ((chunk_tenant_id IS NULL) = (chunk_id IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.ask_expert_citations IS 'The knowledge chunks an answer cites (own or platform), in rank order.';
COMMENT ON COLUMN public.ask_expert_citations.chunk_tenant_id IS 'Tenant of the cited chunk: the message''s own tenant or the platform library.';
COMMENT ON COLUMN public.ask_expert_citations.chunk_id IS 'The cited chunk; set to null if the chunk is deleted (re-ingestion), the quote stays.';
COMMENT ON COLUMN public.ask_expert_citations.rank IS 'Position of the citation in the answer, from 1.';
COMMENT ON COLUMN public.ask_expert_citations.score IS 'Retrieval relevance normalised to 0..1.';
COMMENT ON COLUMN public.ask_expert_citations.quote IS 'The cited passage as shown to the user, kept so that the answer stays checkable after re-ingestion.';

CREATE TABLE IF NOT EXISTS public.panel_sessions (
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id           uuid NOT NULL REFERENCES public.tenants (id),
  kind                text NOT NULL DEFAULT 'panel'
                      CONSTRAINT panel_sessions_kind_check CHECK (kind IN ('panel', 'committee')),
  archetype_tenant_id uuid,
  archetype_id        uuid,
  workflow_run_id     uuid,
  question            text NOT NULL CHECK (length(btrim(question)) > 0),
  context             text,
  status              text NOT NULL DEFAULT 'pending'
                      CONSTRAINT panel_sessions_status_check
                      CHECK (status IN ('pending', 'running', 'waiting_approval', 'completed', 'failed', 'cancelled')),
  consensus_threshold numeric(3, 2) NOT NULL
                      CONSTRAINT panel_sessions_consensus_threshold_range CHECK (consensus_threshold BETWEEN 0 AND 1),
  consensus_level     numeric(4, 3)
                      CONSTRAINT panel_sessions_consensus_level_range CHECK (consensus_level BETWEEN 0 AND 1),
  max_rounds          integer NOT NULL DEFAULT 3
                      CONSTRAINT panel_sessions_max_rounds_positive CHECK (max_rounds >= 1),
  current_round       integer NOT NULL DEFAULT 0,
  settings            jsonb NOT NULL DEFAULT '{}'::jsonb
                      CONSTRAINT panel_sessions_settings_is_object CHECK (jsonb_typeof(settings) = 'object'),
  completed_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  created_by          uuid DEFAULT auth.uid(),
  deleted_at          timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (archetype_tenant_id, archetype_id) REFERENCES public.panel_archetypes (tenant_id, id),
  CONSTRAINT panel_sessions_archetype_tenant_check
    CHECK (archetype_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT panel_sessions_archetype_pair
    CHECK ((archetype_tenant_id IS NULL) = (archetype_id IS NULL)),
  CONSTRAINT panel_sessions_archetype_required
    CHECK (kind = 'committee' OR archetype_id IS NOT NULL),
  CONSTRAINT panel_sessions_current_round_range CHECK (current_round BETWEEN 0 AND max_rounds),
  FOREIGN KEY (tenant_id, workflow_run_id) REFERENCES public.workflow_runs (tenant_id, id)
    ON DELETE SET NULL (workflow_run_id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_sessions IS 'Ask Panel / Ask Committee: several agents (and optionally people) deliberate on one question over rounds.';
COMMENT ON COLUMN public.panel_sessions.kind IS 'panel: consensus by an archetype''s rules; committee: a chair whose vote counts double, 75% supermajority for a strong recommendation.';
COMMENT ON COLUMN public.panel_sessions.archetype_id IS 'The panel archetype (structured, open, socratic, adversarial, delphi, hybrid; own or platform); required for a panel.';
COMMENT ON COLUMN public.panel_sessions.workflow_run_id IS 'The LangGraph run that orchestrates the rounds, if any.';
COMMENT ON COLUMN public.panel_sessions.context IS 'Background given to every member (documents, constraints).';
COMMENT ON COLUMN public.panel_sessions.consensus_threshold IS 'Consensus level needed, copied from the archetype at start (0.75 for a committee) so later archetype edits do not rewrite history.';
COMMENT ON COLUMN public.panel_sessions.consensus_level IS 'Latest consensus level, 0..1 (the detail is in panel_syntheses).';
COMMENT ON COLUMN public.panel_sessions.current_round IS 'Rounds completed so far, 0 before the first.';

CREATE TABLE IF NOT EXISTS public.panel_members (
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES public.tenants (id),
  panel_id        uuid NOT NULL,
  agent_tenant_id uuid,
  agent_id        uuid,
  user_id         uuid,
  role            text NOT NULL DEFAULT 'member'
                  CONSTRAINT panel_members_role_check
                  CHECK (role IN ('member', 'moderator', 'chair', 'advocate', 'opponent')),
  weight          numeric(5, 2) NOT NULL DEFAULT 1
                  CONSTRAINT panel_members_weight_positive CHECK (weight > 0),
  seat            integer NOT NULL DEFAULT 1
                  CONSTRAINT panel_members_seat_positive CHECK (seat >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT panel_members_panel_member_key UNIQUE (tenant_id, panel_id, id),
  CONSTRAINT panel_members_participant_key UNIQUE NULLS NOT DISTINCT (tenant_id, panel_id, agent_id, user_id),
  FOREIGN KEY (tenant_id, panel_id) REFERENCES public.panel_sessions (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (agent_tenant_id, agent_id) REFERENCES public.agents (tenant_id, id),
  CONSTRAINT panel_members_agent_tenant_check
    CHECK (agent_tenant_id IN (tenant_id, vital.platform_tenant_id())),
  CONSTRAINT panel_members_agent_pair
    CHECK ((agent_tenant_id IS NULL) = (agent_id IS NULL)),
  FOREIGN KEY (tenant_id, user_id) REFERENCES public.profiles (tenant_id, user_id),
  CONSTRAINT panel_members_one_participant CHECK (num_nonnulls(agent_id, user_id) = 1),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_members IS 'Seats of a panel: an agent (own or platform) or a person of the tenant, with a role and a vote weight.';
COMMENT ON COLUMN public.panel_members.agent_tenant_id IS 'Tenant of the agent: the panel''s own tenant or the platform library.';
COMMENT ON COLUMN public.panel_members.user_id IS 'A human participant instead of an agent (exactly one of agent_id, user_id).';
COMMENT ON COLUMN public.panel_members.role IS 'member | moderator | chair | advocate | opponent; at most one chair and one moderator per panel.';
COMMENT ON COLUMN public.panel_members.weight IS 'Base vote weight, > 0. The committee rule (chair counts double) is applied by the service on top of it.';
COMMENT ON COLUMN public.panel_members.seat IS 'Speaking order within a round.';
COMMENT ON CONSTRAINT panel_members_panel_member_key ON public.panel_members IS
  'Target of (tenant_id, panel_id, member_id) references, so that a contribution or vote cannot name a member of another panel.';

CREATE TABLE IF NOT EXISTS public.panel_contributions (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  panel_id    uuid NOT NULL,
  member_id   uuid NOT NULL,
  round       integer NOT NULL
              CONSTRAINT panel_contributions_round_positive CHECK (round >= 1),
  turn        integer NOT NULL DEFAULT 1
              CONSTRAINT panel_contributions_turn_positive CHECK (turn >= 1),
  content     text NOT NULL,
  stance      text
              CONSTRAINT panel_contributions_stance_check
              CHECK (stance IN ('support', 'oppose', 'neutral', 'undecided')),
  confidence  numeric(4, 3)
              CONSTRAINT panel_contributions_confidence_range CHECK (confidence BETWEEN 0 AND 1),
  citations   jsonb NOT NULL DEFAULT '[]'::jsonb
              CONSTRAINT panel_contributions_citations_is_array CHECK (jsonb_typeof(citations) = 'array'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT panel_contributions_turn_key UNIQUE (tenant_id, panel_id, member_id, round, turn),
  FOREIGN KEY (tenant_id, panel_id) REFERENCES public.panel_sessions (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, panel_id, member_id) REFERENCES public.panel_members (tenant_id, panel_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_contributions IS 'What each member said in each round of a panel.';
COMMENT ON COLUMN public.panel_contributions.turn IS 'Several contributions of one member in one round (open and socratic panels), from 1.';
COMMENT ON COLUMN public.panel_contributions.stance IS 'The member''s position on the question in this contribution.';
COMMENT ON COLUMN public.panel_contributions.citations IS 'Array of {chunk_tenant_id, chunk_id, quote}: the evidence the member relied on.';

CREATE TABLE IF NOT EXISTS public.panel_votes (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES public.tenants (id),
  panel_id    uuid NOT NULL,
  member_id   uuid NOT NULL,
  round       integer NOT NULL
              CONSTRAINT panel_votes_round_positive CHECK (round >= 1),
  position    text,
  abstain     boolean NOT NULL DEFAULT false,
  weight      numeric(5, 2) NOT NULL DEFAULT 1
              CONSTRAINT panel_votes_weight_positive CHECK (weight > 0),
  confidence  numeric(4, 3)
              CONSTRAINT panel_votes_confidence_range CHECK (confidence BETWEEN 0 AND 1),
  rationale   text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT panel_votes_member_round_key UNIQUE (tenant_id, panel_id, member_id, round),
  FOREIGN KEY (tenant_id, panel_id) REFERENCES public.panel_sessions (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, panel_id, member_id) REFERENCES public.panel_members (tenant_id, panel_id, id)
    ON DELETE CASCADE,
  CONSTRAINT panel_votes_position_or_abstain CHECK (abstain = (position IS NULL)),
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_votes IS 'One vote per member per round: a position (an option label) or an abstention.';
COMMENT ON COLUMN public.panel_votes.position IS 'The option voted for (e.g. approve, approve-with-conditions, reject); null when abstaining.';
COMMENT ON COLUMN public.panel_votes.weight IS 'The member''s weight when the vote was cast (a copy: later seat changes do not rewrite the tally).';

CREATE TABLE IF NOT EXISTS public.panel_syntheses (
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id               uuid NOT NULL REFERENCES public.tenants (id),
  panel_id                uuid NOT NULL,
  round                   integer NOT NULL
                          CONSTRAINT panel_syntheses_round_positive CHECK (round >= 1),
  consensus_level         numeric(4, 3) NOT NULL
                          CONSTRAINT panel_syntheses_consensus_level_range CHECK (consensus_level BETWEEN 0 AND 1),
  threshold               numeric(3, 2) NOT NULL
                          CONSTRAINT panel_syntheses_threshold_range CHECK (threshold BETWEEN 0 AND 1),
  reached                 boolean GENERATED ALWAYS AS (consensus_level >= threshold) STORED,
  recommendation          text NOT NULL,
  recommendation_strength text NOT NULL
                          CONSTRAINT panel_syntheses_recommendation_strength_check
                          CHECK (recommendation_strength IN ('strong', 'moderate', 'weak', 'none')),
  tally                   jsonb NOT NULL DEFAULT '{}'::jsonb
                          CONSTRAINT panel_syntheses_tally_is_object CHECK (jsonb_typeof(tally) = 'object'),
  dissent                 jsonb NOT NULL DEFAULT '[]'::jsonb
                          CONSTRAINT panel_syntheses_dissent_is_array CHECK (jsonb_typeof(dissent) = 'array'),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  created_by              uuid DEFAULT auth.uid(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT panel_syntheses_round_key UNIQUE (tenant_id, panel_id, round),
  FOREIGN KEY (tenant_id, panel_id) REFERENCES public.panel_sessions (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, created_by) REFERENCES public.profiles (tenant_id, user_id)
);
COMMENT ON TABLE public.panel_syntheses IS 'The moderator''s synthesis after a round: consensus level, recommendation and the dissent, which is always kept.';
COMMENT ON COLUMN public.panel_syntheses.consensus_level IS 'Weighted agreement 0..1 as computed by the service (committee: chair counted double).';
COMMENT ON COLUMN public.panel_syntheses.threshold IS 'The threshold applied (the panel''s, 0.75 for a committee''s strong recommendation).';
COMMENT ON COLUMN public.panel_syntheses.reached IS 'consensus_level >= threshold, kept by the database.';
COMMENT ON COLUMN public.panel_syntheses.recommendation_strength IS 'strong | moderate | weak | none; a committee gives strong only at a 75% supermajority.';
COMMENT ON COLUMN public.panel_syntheses.tally IS 'Weighted vote count per position, e.g. {"approve": 3.0, "reject": 1.0, "abstain": 0}.';
COMMENT ON COLUMN public.panel_syntheses.dissent IS 'Array of minority positions: {member_id, position, reason}.';

-- == triggers ================================================================
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.ask_expert_sessions
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();
CREATE OR REPLACE TRIGGER audit_row_change AFTER INSERT OR UPDATE OR DELETE ON public.panel_sessions
  FOR EACH ROW EXECUTE FUNCTION vital.audit_row_change();

-- == policies ================================================================
CALL vital.secure_tenant_table('public.ask_expert_sessions');
CALL vital.secure_tenant_table('public.ask_expert_messages');
CALL vital.secure_tenant_table('public.ask_expert_citations');
CALL vital.secure_tenant_table('public.panel_sessions');
CALL vital.secure_tenant_table('public.panel_members');
CALL vital.secure_tenant_table('public.panel_contributions');
CALL vital.secure_tenant_table('public.panel_votes');
CALL vital.secure_tenant_table('public.panel_syntheses');

-- == indexes =================================================================
CREATE INDEX IF NOT EXISTS ask_expert_sessions_user_id_idx ON public.ask_expert_sessions (tenant_id, user_id, created_at);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_agent_idx ON public.ask_expert_sessions (agent_tenant_id, selected_agent_id);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_mission_template_idx
  ON public.ask_expert_sessions (mission_template_tenant_id, mission_template_id);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_workflow_run_id_idx ON public.ask_expert_sessions (tenant_id, workflow_run_id);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_created_by_idx ON public.ask_expert_sessions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_status_idx ON public.ask_expert_sessions (tenant_id, status);
CREATE INDEX IF NOT EXISTS ask_expert_sessions_created_at_idx ON public.ask_expert_sessions (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS ask_expert_messages_agent_idx ON public.ask_expert_messages (agent_tenant_id, agent_id);
CREATE INDEX IF NOT EXISTS ask_expert_messages_created_by_idx ON public.ask_expert_messages (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS ask_expert_citations_chunk_idx ON public.ask_expert_citations (chunk_tenant_id, chunk_id);
CREATE INDEX IF NOT EXISTS ask_expert_citations_created_by_idx ON public.ask_expert_citations (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS panel_sessions_archetype_idx ON public.panel_sessions (archetype_tenant_id, archetype_id);
CREATE INDEX IF NOT EXISTS panel_sessions_workflow_run_id_idx ON public.panel_sessions (tenant_id, workflow_run_id);
CREATE INDEX IF NOT EXISTS panel_sessions_created_by_idx ON public.panel_sessions (tenant_id, created_by);
CREATE INDEX IF NOT EXISTS panel_sessions_status_idx ON public.panel_sessions (tenant_id, status);
CREATE INDEX IF NOT EXISTS panel_sessions_created_at_idx ON public.panel_sessions (tenant_id, created_at);

CREATE INDEX IF NOT EXISTS panel_members_agent_idx ON public.panel_members (agent_tenant_id, agent_id);
CREATE INDEX IF NOT EXISTS panel_members_user_id_idx ON public.panel_members (tenant_id, user_id);
CREATE INDEX IF NOT EXISTS panel_members_created_by_idx ON public.panel_members (tenant_id, created_by);
-- At most one chair and one moderator per panel.
CREATE UNIQUE INDEX IF NOT EXISTS panel_members_single_role_idx ON public.panel_members (tenant_id, panel_id, role)
  WHERE role IN ('chair', 'moderator');

CREATE INDEX IF NOT EXISTS panel_contributions_created_by_idx ON public.panel_contributions (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS panel_votes_created_by_idx ON public.panel_votes (tenant_id, created_by);

CREATE INDEX IF NOT EXISTS panel_syntheses_created_by_idx ON public.panel_syntheses (tenant_id, created_by);
