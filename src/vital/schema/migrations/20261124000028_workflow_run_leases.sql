-- Workflow runs hold no connection while they execute (docs/services.md, "Run caps").
-- A process that executes a run claims it with a lease: who holds it (a random id per
-- execution) and until when. The lease is renewed before each step and released when
-- the run rests; a process that dies leaves a lease that simply expires, after which
-- the run can be resumed. Live leases are also what a tenant's concurrent-run cap counts.
-- The columns are the tenant's own like the rest of the row (RLS unchanged): a tenant
-- that clears its own leases only stops its own runs at their next step. The graphs'
-- shape CHECK also gets an absolute size ceiling, for writes through /rest/v1.

-- == types ===================================================================

-- == tables ==================================================================
ALTER TABLE public.workflow_runs ADD COLUMN IF NOT EXISTS lease_holder uuid;
ALTER TABLE public.workflow_runs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
COMMENT ON COLUMN public.workflow_runs.lease_holder IS 'The execution that holds the run''s lease (null: nobody executes it).';
COMMENT ON COLUMN public.workflow_runs.lease_until IS 'Until when the lease holds unless renewed; an expired lease can be taken over.';

-- == functions ===============================================================
-- The graphs' CHECK gets a size ceiling (existing rows are not re-checked).
CREATE OR REPLACE FUNCTION vital.workflow_graph_is_valid(graph jsonb) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path = ''
  AS $$
  DECLARE
    node_ids text[];
  BEGIN
    IF jsonb_typeof(graph) IS DISTINCT FROM 'object'
       OR jsonb_typeof(graph -> 'nodes') IS DISTINCT FROM 'array'
       OR jsonb_typeof(graph -> 'edges') IS DISTINCT FROM 'array' THEN
      RETURN false;
    END IF;
    -- The absolute ceiling, for writes that do not come through the API's per-tier checks
    -- (/rest/v1): above the largest tier's caps (workflows/caps.py), so that those decide.
    IF jsonb_array_length(graph -> 'nodes') > 2000 OR jsonb_array_length(graph -> 'edges') > 10000
       OR EXISTS (SELECT FROM jsonb_array_elements(graph -> 'nodes') AS n
                   WHERE jsonb_typeof(n -> 'tools') = 'array' AND jsonb_array_length(n -> 'tools') > 200) THEN
      RETURN false;
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(graph -> 'nodes') AS n
                WHERE jsonb_typeof(n -> 'id') IS DISTINCT FROM 'string'
                   OR n ->> 'id' IN ('__start__', '__end__')) THEN
      RETURN false;
    END IF;
    SELECT array_agg(n ->> 'id') INTO node_ids FROM jsonb_array_elements(graph -> 'nodes') AS n;
    IF node_ids IS NULL
       OR cardinality(node_ids) <> (SELECT count(DISTINCT x) FROM unnest(node_ids) AS x) THEN
      RETURN false;
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(graph -> 'edges') AS e
                WHERE jsonb_typeof(e -> 'from') IS DISTINCT FROM 'string'
                   OR jsonb_typeof(e -> 'to') IS DISTINCT FROM 'string'
                   OR NOT (e ->> 'from' = ANY (node_ids || '__start__'::text))
                   OR NOT (e ->> 'to' = ANY (node_ids || '__end__'::text))) THEN
      RETURN false;
    END IF;
    RETURN EXISTS (SELECT FROM jsonb_array_elements(graph -> 'edges') AS e
                    WHERE e ->> 'from' = '__start__');
  END
  $$;
COMMENT ON FUNCTION vital.workflow_graph_is_valid(jsonb) IS
  'CHECK helper: true when a workflow graph has at most 2,000 nodes, 10,000 edges and 200 tools per node, unique string node ids, and every edge joins known nodes (or __start__/__end__).';
-- A CHECK runs with the privileges of the writer, who needs EXECUTE.
GRANT EXECUTE ON FUNCTION vital.workflow_graph_is_valid(jsonb) TO authenticated, service_role;

-- == triggers ================================================================

-- == policies ================================================================

-- == indexes =================================================================
-- The concurrent-run cap counts a tenant's live leases.
CREATE INDEX IF NOT EXISTS workflow_runs_lease_idx ON public.workflow_runs (tenant_id, lease_until)
  WHERE lease_until IS NOT NULL;
