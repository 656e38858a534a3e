-- One-time links and codes (migration 20261124000021_mail_links): every statement calls a
-- definer function; the API role sees none of the tables.

-- name: issue
SELECT outcome, kind
FROM vital.issue_link(%(tenant_id)s, %(email)s, %(kind)s, %(token_hash)s, %(code_hash)s, %(expires_at)s,
                      %(create_user)s, %(password_hash)s)

-- name: spend
SELECT outcome, user_id, email, kind
FROM vital.spend_link(%(tenant_id)s, %(token_hash)s, %(code_hash)s, %(kinds)s)

-- name: redirect_urls
SELECT vital.redirect_urls(%(tenant_id)s) AS urls

-- name: sign_in_offer
SELECT vital.signup_open(%(tenant_id)s) AS signup_open, vital.sso_offered(%(tenant_id)s) AS sso_offered
