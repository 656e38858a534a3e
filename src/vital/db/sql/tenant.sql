-- The tenant context of one transaction (vital.db.tenant), on every request:
-- one statement each, and set_config(..., true) so nothing outlives the transaction.
-- The statement timeout is the request kind's (vital.db.budget), or the session's when none is given.

-- name: read_only
SET TRANSACTION READ ONLY;

-- name: context
SELECT set_config('role', %(role)s, true), set_config('request.jwt.claims', %(claims)s, true),
       set_config('statement_timeout', coalesce(%(timeout)s, current_setting('statement_timeout')), true);
