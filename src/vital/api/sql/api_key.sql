-- A live API key of the tenant, found by prefix and checked by its sha256 hash, and
-- the member who created it (the key acts for them).
SELECT key_id, scopes, created_by FROM vital.api_key_lookup(%(tenant_id)s, %(prefix)s, %(key_hash)s)
