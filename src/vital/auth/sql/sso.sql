-- Single sign-on: every statement calls a definer function of migration 20261124000023_sso.

-- name: provider_for
SELECT provider_id, issuer, client_id, client_secret_sealed, domains, default_role, redirect_urls
FROM vital.sso_provider_for(%(tenant_id)s, %(domain)s, %(provider_id)s)

-- name: flow_start
SELECT vital.sso_flow_start(%(tenant_id)s, %(provider_id)s, %(state_hash)s, %(redirect_to)s, %(expires_at)s)

-- name: flow_take
SELECT provider_id, redirect_to, expired FROM vital.sso_flow_take(%(tenant_id)s, %(state_hash)s)

-- name: link_user
SELECT outcome, user_id, created_membership
FROM vital.sso_link_user(%(tenant_id)s, %(provider_id)s, %(subject)s, %(email)s, %(name)s)

-- name: required
SELECT vital.sso_required(%(tenant_id)s, %(role)s) AS required

-- name: settings
SELECT provider_id, issuer, client_id, has_client_secret, domains, default_role, require_sso, redirect_urls,
       updated_at
FROM vital.sso_settings()

-- name: set
SELECT vital.sso_set(%(issuer)s, %(client_id)s, %(secret_sealed)s, %(domains)s, %(default_role)s,
                     %(require_sso)s, %(redirect_urls)s) AS provider_id

-- name: remove
SELECT vital.sso_remove() AS removed
