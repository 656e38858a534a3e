-- The guards every tenant operation takes (vital.ops.catalog).

-- name: bypasses_rls
-- Whether the login reads past row-level security (every table forces it).
SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user;

-- name: stable_output
-- Text output that depends only on the data, so that checksums compare across servers.
SET LOCAL TimeZone TO 'UTC'; SET LOCAL DateStyle TO 'ISO, YMD';
SET LOCAL IntervalStyle TO 'postgres'; SET LOCAL extra_float_digits TO 1;
SET LOCAL bytea_output TO 'hex';
