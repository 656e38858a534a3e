-- Readiness: the database answers, as the API's own login.
SELECT session_user, current_setting('server_version_num')::int
