-- Rollback of 20261124000015_api_access.
DROP FUNCTION IF EXISTS vital.api_key_scopes(uuid, text, text);
DROP FUNCTION IF EXISTS vital.api_tenant_id(text);
REVOKE USAGE ON SCHEMA vital FROM vital_api;
