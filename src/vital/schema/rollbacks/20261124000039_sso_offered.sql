-- Rollback of 20261124000039_sso_offered.
DROP FUNCTION IF EXISTS vital.sso_offered(uuid);
