-- Rollback of 20261124000023_sso.
DROP FUNCTION IF EXISTS vital.sso_required(uuid, text);
DROP FUNCTION IF EXISTS vital.sso_link_user(uuid, uuid, text, text, text);
DROP FUNCTION IF EXISTS vital.sso_flow_take(uuid, text);
DROP FUNCTION IF EXISTS vital.sso_flow_start(uuid, uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS vital.sso_provider_for(uuid, text, uuid);
DROP FUNCTION IF EXISTS vital.sso_remove();
DROP FUNCTION IF EXISTS vital.sso_set(text, text, text, text[], text, boolean, text[]);
DROP FUNCTION IF EXISTS vital.sso_settings();
DROP FUNCTION IF EXISTS vital.sso_admin_tenant();
DROP TABLE IF EXISTS vital.sso_identities;
DROP TABLE IF EXISTS vital.sso_flows;
DROP TABLE IF EXISTS vital.sso_providers;
