-- Foreign keys into the platform library, kept by triggers on a Citus cluster.
-- There a foreign key between distributed tables must pair their distribution
-- columns (tenant_id with tenant_id); a reference (<x>_tenant_id, <x>_id) to a
-- platform row points at another shard and cannot be one. Arguments of both
-- functions: the other table, the referencing columns and the referenced
-- columns (comma-separated); the release side adds the key's ON DELETE action
-- and the columns SET NULL clears. Library keys are uuids (SCHEMA.md).

-- On the referencing table: the referenced row exists (a null column skips the
-- check, as MATCH SIMPLE does).
CREATE OR REPLACE FUNCTION vital.library_reference_check() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    cols text[] := string_to_array(TG_ARGV[1], ',');
    pcols text[] := string_to_array(TG_ARGV[2], ',');
    new_row jsonb := to_jsonb(NEW);
    cond text[] := '{}';
    vals text[] := '{}';
    found boolean;
  BEGIN
    FOR i IN 1 .. cardinality(cols) LOOP
      IF new_row ->> cols[i] IS NULL THEN
        RETURN NULL;
      END IF;
      cond := cond || format('%I = ($1)[%s]::uuid', pcols[i], i);
      vals := vals || (new_row ->> cols[i]);
    END LOOP;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %s)', TG_ARGV[0], array_to_string(cond, ' AND '))
      INTO found USING vals;
    IF NOT found THEN
      RAISE EXCEPTION 'insert or update on table "%" violates library reference "%"', TG_TABLE_NAME, TG_NAME
        USING ERRCODE = 'foreign_key_violation',
              DETAIL = format('Key (%s)=(%s) is not present in table %s.', TG_ARGV[1], array_to_string(vals, ', '),
                              TG_ARGV[0]);
    END IF;
    RETURN NULL;
  END
  $$;

-- On the referenced table: a deleted row takes its references along as the foreign
-- key said (a/r: refuse, c: delete them, n: clear the columns); a changed key is refused
-- while referenced (every key here is ON UPDATE NO ACTION).
CREATE OR REPLACE FUNCTION vital.library_reference_release() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
  DECLARE
    cols text[] := string_to_array(TG_ARGV[1], ',');
    pcols text[] := string_to_array(TG_ARGV[2], ',');
    action text := CASE WHEN TG_OP = 'DELETE' THEN TG_ARGV[3] ELSE 'a' END;
    old_row jsonb := to_jsonb(OLD);
    cond text[] := '{}';
    vals text[] := '{}';
    found boolean;
  BEGIN
    IF TG_OP = 'UPDATE' AND (SELECT bool_and(old_row -> c = to_jsonb(NEW) -> c) FROM unnest(pcols) c) THEN
      RETURN NULL;
    END IF;
    FOR i IN 1 .. cardinality(cols) LOOP
      cond := cond || format('%I = ($1)[%s]::uuid', cols[i], i);
      vals := vals || (old_row ->> pcols[i]);
    END LOOP;
    IF action = 'c' THEN
      EXECUTE format('DELETE FROM %s WHERE %s', TG_ARGV[0], array_to_string(cond, ' AND ')) USING vals;
    ELSIF action = 'n' THEN
      EXECUTE format('UPDATE %s SET %s WHERE %s', TG_ARGV[0],
                     (SELECT string_agg(format('%I = NULL', c), ', ') FROM unnest(string_to_array(TG_ARGV[4], ',')) c),
                     array_to_string(cond, ' AND ')) USING vals;
    ELSE
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %s)', TG_ARGV[0], array_to_string(cond, ' AND '))
        INTO found USING vals;
      IF found THEN
        RAISE EXCEPTION 'update or delete on table "%" violates library reference "%" on table %',
          TG_TABLE_NAME, TG_NAME, TG_ARGV[0]
          USING ERRCODE = 'foreign_key_violation',
                DETAIL = format('Key (%s)=(%s) is still referenced.', TG_ARGV[2], array_to_string(vals, ', '));
      END IF;
    END IF;
    RETURN NULL;
  END
  $$;
