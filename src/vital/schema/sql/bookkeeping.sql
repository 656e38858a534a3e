-- The table the Supabase CLI reads to know what is applied, created only where
-- missing; VITAL adds a checksum (to refuse edited files) and the time applied.
CREATE SCHEMA IF NOT EXISTS supabase_migrations;
CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (
  version    text NOT NULL PRIMARY KEY,
  statements text[],
  name       text
);
ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS checksum text;
ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS applied_at timestamptz DEFAULT now();
