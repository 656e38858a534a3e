DROP FUNCTION IF EXISTS vital.storage_default_bucket();
DROP TABLE IF EXISTS public.storage_objects;
DROP TABLE IF EXISTS public.storage_buckets;
