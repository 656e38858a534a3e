-- name: database_exists
SELECT 1 FROM pg_database WHERE datname = %(name)s;

-- name: drop_database
DROP DATABASE IF EXISTS {database} WITH (FORCE);

-- name: create_database
CREATE DATABASE {database};
