-- Rollback of 20261124000019_sign_in.
DROP FUNCTION IF EXISTS vital.rate_clear(text, text);
DROP FUNCTION IF EXISTS vital.rate_peek(text, text);
DROP FUNCTION IF EXISTS vital.rate_hit(text, text, interval);
DROP FUNCTION IF EXISTS vital.set_user_metadata(uuid, jsonb);
DROP FUNCTION IF EXISTS vital.set_password(uuid, text);
DROP FUNCTION IF EXISTS vital.end_sessions(uuid, uuid, text, text);
DROP FUNCTION IF EXISTS vital.session_is_live(uuid, uuid, uuid);
DROP FUNCTION IF EXISTS vital.rotate_refresh_token(uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS vital.start_session(uuid, uuid, text, timestamptz, text, inet, text);
DROP FUNCTION IF EXISTS vital.sign_in_user(uuid, uuid);
DROP FUNCTION IF EXISTS vital.sign_in_candidate(uuid, text);
DROP TABLE IF EXISTS vital.rate_counters;
DROP TABLE IF EXISTS vital.refresh_tokens;
DROP TABLE IF EXISTS vital.auth_sessions;
DROP TABLE IF EXISTS vital.user_passwords;
