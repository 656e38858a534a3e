-- What the console's Personas page needs beyond 20261124000007/8, both under the caller's
-- RLS: the agents' completeness gaps as a view (the persona and JTBD views' companion; the
-- rule is the one `vital db completeness` reports, which now reads this view), and
-- copy_job_to_tenant(), which copies a platform JTBD with its desired outcomes in one
-- statement, so a refusal half-way (an outcome the tenant may not write) leaves nothing.

-- == types ===================================================================

-- == tables ==================================================================
-- Not a table: an agent is complete with at least one row in each junction below and
-- no empty column (bookkeeping and fork columns aside). security_invoker: the caller's
-- RLS applies, so a tenant sees its own agents' gaps and the platform library's.
CREATE OR REPLACE VIEW public.agent_completeness WITH (security_invoker = true) AS
SELECT a.tenant_id,
       a.id AS agent_id,
       a.slug,
       a.name,
       c.missing_sections,
       c.empty_columns,
       (cardinality(c.missing_sections) = 0 AND c.empty_columns IS NULL) AS is_complete
  FROM public.agents AS a
 CROSS JOIN LATERAL (
   SELECT array_remove(ARRAY[
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_tools AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'tools' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_capabilities AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'capabilities' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_skills AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'skills' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_knowledge_domains AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'knowledge domains' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_jtbds AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'JTBDs' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_prompt_starters AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'prompt starters' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_relationships AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'relationships' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_success_criteria AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'success criteria' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_escalation_triggers AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'escalation triggers' END,
            CASE WHEN NOT EXISTS (SELECT FROM public.agent_regulatory_jurisdictions AS x
                                   WHERE x.tenant_id = a.tenant_id AND x.agent_id = a.id) THEN 'jurisdictions' END
          ]::text[], NULL) AS missing_sections,
          (SELECT array_agg(e.key ORDER BY e.key) FROM jsonb_each(to_jsonb(a)) AS e
            WHERE e.value = 'null'::jsonb
              AND e.key NOT IN ('deleted_at', 'created_by', 'forked_from_tenant_id', 'forked_from_id')) AS empty_columns
 ) AS c
 WHERE a.deleted_at IS NULL;
COMMENT ON VIEW public.agent_completeness IS 'Completeness report: which live agents lack a row in one of their junctions (tools, capabilities, skills, ...) or leave a column empty.';
COMMENT ON COLUMN public.agent_completeness.missing_sections IS 'Junctions (in words) with no row for this agent.';
COMMENT ON COLUMN public.agent_completeness.empty_columns IS 'Columns of the agent that are null (deleted_at, created_by and the fork columns aside); null when none.';
GRANT SELECT ON public.agent_completeness TO authenticated, service_role;

-- == functions ===============================================================
-- A JTBD the caller reads (the platform library's, typically) copied to the caller's
-- tenant with its desired outcomes (scores kept), as one statement: the request's one
-- transaction commits both or neither. SECURITY INVOKER: RLS and the role classes decide
-- every row read and written, exactly as two /rest/v1 calls would. The job map and the
-- other sections stay with the original. Returns the copy's id; null when no live job
-- with that id is readable. A live copy already there is refused (unique_violation).
CREATE OR REPLACE FUNCTION public.copy_job_to_tenant(job_id uuid)
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE
  SECURITY INVOKER
  SET search_path = ''
  AS $$
DECLARE
  v_tenant uuid := (SELECT auth.tenant_id());
  v_src    public.jtbds;
  v_copy   uuid;
BEGIN
  SELECT j.* INTO v_src FROM public.jtbds AS j
   WHERE j.id = copy_job_to_tenant.job_id AND j.deleted_at IS NULL
   ORDER BY j.tenant_id IS NOT DISTINCT FROM v_tenant, j.tenant_id  -- another tenant's (the library) first
   LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT FROM public.jtbds AS j
              WHERE j.tenant_id = v_tenant AND j.forked_from_id = v_src.id AND j.deleted_at IS NULL) THEN
    RAISE EXCEPTION 'this job is already copied'
      USING ERRCODE = 'unique_violation',
            HINT = 'Your organisation already has a copy of this job: open it from Personas & JTBDs.';
  END IF;
  INSERT INTO public.jtbds (tenant_id, slug, title, job_executor_tenant_id, job_executor, situation, motivation,
                            expected_outcome, job_type, frequency, complexity, knowledge_domain_tenant_id,
                            knowledge_domain_id, tags, status, metadata, forked_from_tenant_id, forked_from_id)
  VALUES (v_tenant, v_src.slug, v_src.title, v_src.job_executor_tenant_id, v_src.job_executor, v_src.situation,
          v_src.motivation, v_src.expected_outcome, v_src.job_type, v_src.frequency, v_src.complexity,
          v_src.knowledge_domain_tenant_id, v_src.knowledge_domain_id, v_src.tags, v_src.status, v_src.metadata,
          v_src.tenant_id, v_src.id)
  RETURNING id INTO v_copy;
  INSERT INTO public.jtbd_desired_outcomes (tenant_id, jtbd_id, direction, outcome_statement, importance_score,
                                            satisfaction_score, score_source, respondent_count, scored_at, position)
  SELECT v_tenant, v_copy, o.direction, o.outcome_statement, o.importance_score, o.satisfaction_score,
         o.score_source, o.respondent_count, o.scored_at, o.position
    FROM public.jtbd_desired_outcomes AS o
   WHERE o.tenant_id = v_src.tenant_id AND o.jtbd_id = v_src.id;
  RETURN v_copy;
END
$$;
COMMENT ON FUNCTION public.copy_job_to_tenant(uuid) IS
  'Copy a readable JTBD (a platform one, say) with its desired outcomes to the caller''s tenant in one transaction; the copy''s id, or null when no such job is readable. Under the caller''s RLS.';

-- Members call it through POST /rest/v1/rpc as `authenticated`; service_role for servers.
REVOKE ALL ON FUNCTION public.copy_job_to_tenant(uuid) FROM PUBLIC, anon;
GRANT EXECUTE ON FUNCTION public.copy_job_to_tenant(uuid) TO authenticated, service_role;

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
