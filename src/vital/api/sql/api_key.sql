-- A live API key of the tenant, found by prefix and checked by its sha256 hash.
SELECT key_id, scopes FROM vital.api_key_scopes(%(tenant_id)s, %(prefix)s, %(key_hash)s)
