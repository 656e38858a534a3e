-- The tenant context of one transaction (vital.db.tenant), on every request: one
-- statement, and set_config(..., true) so nothing outlives the transaction.
-- Read-only is set here too (transaction_read_only: once on, a transaction cannot
-- turn it off again), so the context costs one round trip, not two.
-- The statement timeout is the request kind's (vital.db.budget), or the session's when none is given.

-- name: context
SELECT set_config('role', %(role)s, true), set_config('request.jwt.claims', %(claims)s, true),
       set_config('statement_timeout', coalesce(%(timeout)s, current_setting('statement_timeout')), true),
       CASE WHEN %(read_only)s THEN set_config('transaction_read_only', 'on', true) END;

-- The event loop's reads (vital.db.tenant.tenant_read) send BEGIN, the context, their
-- statements and COMMIT as one message: one round trip instead of four.
-- name: begin
BEGIN;

-- name: commit
COMMIT;

-- After a statement of that message failed (the rest of it was skipped, COMMIT too).
-- name: rollback
ROLLBACK;
