-- A run's lease (docs/services.md, "Run caps"): one execution at a time holds it,
-- renewed before each step and after each model call, released when the run rests.
-- A lease whose holder is NULL is a new run's reservation: it counts towards the
-- concurrent-run cap and any execution may take it. RLS keeps all of it to the
-- caller's tenant.

-- name: tenant_lock
-- Claims of one tenant take turns (until their transaction ends), so two cannot both
-- take the last free place under the cap.
SELECT pg_advisory_xact_lock(hashtextextended('vital.workflow_runs.lease:' || (SELECT auth.tenant_id())::text, 0));

-- name: live
-- Runs of the tenant executing (or reserved) now, or queued for a worker (pending, however
-- long the queue), other than this one; when the first lease is due to end (Retry-After).
SELECT count(*) AS live, ceil(extract(epoch FROM min(lease_until) - now())) AS wait_seconds
  FROM public.workflow_runs
 WHERE (lease_until > now() OR status = 'pending') AND status NOT IN ('succeeded', 'failed', 'cancelled')
   AND id IS DISTINCT FROM %(run_id)s::uuid;

-- name: state
-- remaining: seconds until a live lease expires unless renewed.
SELECT status, lease_holder, coalesce(lease_until > now(), false) AS live,
       ceil(extract(epoch FROM lease_until - now()))::int AS remaining
  FROM public.workflow_runs WHERE id = %(run_id)s FOR UPDATE;

-- name: claim
UPDATE public.workflow_runs SET lease_holder = %(holder)s, lease_until = now() + make_interval(secs => %(seconds)s)
 WHERE id = %(run_id)s;

-- name: renew
-- Before each step: still ours? Then renewed, with the run's status and how many steps it took.
UPDATE public.workflow_runs r
   SET lease_until = now() + make_interval(secs => %(seconds)s)
 WHERE r.id = %(run_id)s AND r.lease_holder = %(holder)s
RETURNING r.status, (SELECT count(*) FROM public.workflow_run_steps s
                      WHERE s.tenant_id = r.tenant_id AND s.run_id = r.id) AS steps;

-- name: release
UPDATE public.workflow_runs SET lease_holder = NULL, lease_until = NULL
 WHERE id = %(run_id)s AND lease_holder = %(holder)s;
