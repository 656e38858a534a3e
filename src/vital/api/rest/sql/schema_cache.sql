-- The schema cache's channel (vital.api.rest.schema_cache): PostgREST's, so that
-- `NOTIFY pgrst, 'reload schema'` (and `vital db up`, which sends it) reloads
-- every API process without a restart.

-- name: listen
LISTEN pgrst;
