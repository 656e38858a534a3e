-- Rollback of 20261124000028_workflow_run_leases.
-- The graphs' CHECK as 20261124000012_workflows made it.
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
  'CHECK helper: true when a workflow graph has unique string node ids and every edge joins known nodes (or __start__/__end__).';
-- A CHECK runs with the privileges of the writer, who needs EXECUTE.
GRANT EXECUTE ON FUNCTION vital.workflow_graph_is_valid(jsonb) TO authenticated, service_role;
DROP INDEX IF EXISTS public.workflow_runs_lease_idx;
ALTER TABLE public.workflow_runs DROP COLUMN IF EXISTS lease_until;
ALTER TABLE public.workflow_runs DROP COLUMN IF EXISTS lease_holder;
