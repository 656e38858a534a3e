-- Rollback of 20261124000041_tenant_llm_settings.
DROP FUNCTION IF EXISTS vital.set_tenant_llm(jsonb);
DROP FUNCTION IF EXISTS vital.allow_tenant_llm(uuid, jsonb);
