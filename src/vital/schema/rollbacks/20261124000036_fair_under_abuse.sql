-- Rollback of 20261124000036_fair_under_abuse.
DROP FUNCTION IF EXISTS vital.rate_add(text, text[], integer[], interval);
DROP FUNCTION IF EXISTS vital.tenants_to_roll_up();
