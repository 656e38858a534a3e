-- Rollback of 20261124000002_platform_helpers.
DROP PROCEDURE IF EXISTS vital.secure_tenant_table(regclass, boolean);
DROP FUNCTION IF EXISTS vital.set_updated_at();
DROP FUNCTION IF EXISTS vital.seed_uuid(text[]);
DROP FUNCTION IF EXISTS vital.platform_tenant_id();
DROP SCHEMA IF EXISTS vital;
