-- GoTrue's PKCE flow: every statement calls a definer function of migration
-- 20261124000025_sign_in_gaps (the API role sees none of the tables).

-- name: begin
SELECT vital.pkce_begin(%(tenant_id)s, %(source_hash)s, %(challenge)s, %(method)s)

-- name: code
SELECT vital.pkce_code(%(tenant_id)s, %(source_hash)s, %(user_id)s, %(method)s, %(code_hash)s,
                       %(expires_at)s) AS coded

-- name: exchange
SELECT outcome, user_id, sign_in_method
FROM vital.pkce_exchange(%(tenant_id)s, %(code_hash)s, %(verifier)s, %(verifier_s256)s)
