-- Operators' acts on passwords, on an owner connection (the CLI).

-- name: has_password
SELECT EXISTS (SELECT 1 FROM vital.user_passwords WHERE user_id = %(user_id)s) AS has_password

-- name: set_password
SELECT vital.set_password(%(user_id)s, %(hash)s)

-- name: end_sessions
SELECT vital.end_sessions(%(user_id)s, NULL, 'global', 'password_change') AS ended
