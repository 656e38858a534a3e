-- Readiness: the database answers, as the API's own login.
SELECT session_user AS login, current_setting('server_version_num')::int AS server_version_num
