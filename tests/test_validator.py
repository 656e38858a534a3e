"""Each validator check: the clean schema has no finding, a broken object gives exactly
the expected finding, and fixing it clears it. All inside a rolled-back transaction."""

from __future__ import annotations

import dataclasses

import pytest

from tests import pg
from vital.validation.runner import load_checks, run_checks
from vital.validation.suppressions import load_suppressions

PROBE = """
CREATE TABLE public.zz_probe (
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id  uuid NOT NULL REFERENCES public.tenants (id),
  parent_id  uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX zz_probe_created_idx ON public.zz_probe (tenant_id, created_at);
CALL vital.secure_tenant_table('public.zz_probe');
CALL vital.secure_table_roles('public.zz_probe', 'data');
"""
SECURE = "CALL vital.secure_tenant_table('public.zz_probe')"
ROLES = "CALL vital.secure_table_roles('public.zz_probe', 'data')"
DROP_ROLES = "; ".join([f"DROP POLICY role_{op} ON zz_probe" for op in ("read", "insert", "update", "delete")]
                       + [f"DROP POLICY key_scope_{op} ON zz_probe" for op in ("insert", "update", "delete")])

# check -> (break, fix, expected findings as {(check, object)})
CASES = {
    "table_missing_tenant_id": (
        """CREATE TABLE public.zz_global (id int PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(),
                                          updated_at timestamptz NOT NULL DEFAULT now());
           ALTER TABLE public.zz_global ENABLE ROW LEVEL SECURITY; ALTER TABLE public.zz_global FORCE ROW LEVEL SECURITY;
           CREATE POLICY tenant_isolation ON public.zz_global USING (id > 0) WITH CHECK (id > 0);
           CALL vital.secure_table_roles('public.zz_global', 'data');
           CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.zz_global
             FOR EACH ROW EXECUTE FUNCTION vital.set_updated_at()""",
        "DROP TABLE public.zz_global",
        {("table_missing_tenant_id", "zz_global")}),
    "rls_disabled": (
        "ALTER TABLE zz_probe DISABLE ROW LEVEL SECURITY", "ALTER TABLE zz_probe ENABLE ROW LEVEL SECURITY",
        {("rls_disabled", "zz_probe"), ("policy_without_rls", "zz_probe")}),
    "policy_without_rls": (
        "ALTER TABLE zz_probe DISABLE ROW LEVEL SECURITY", SECURE,
        {("rls_disabled", "zz_probe"), ("policy_without_rls", "zz_probe")}),
    "rls_not_forced": (
        "ALTER TABLE zz_probe NO FORCE ROW LEVEL SECURITY", "ALTER TABLE zz_probe FORCE ROW LEVEL SECURITY",
        {("rls_not_forced", "zz_probe")}),
    "tenant_isolation_policy_missing": (
        """DROP POLICY tenant_isolation ON zz_probe;
           CREATE POLICY other ON zz_probe TO authenticated USING (tenant_id = (SELECT auth.tenant_id()))""",
        f"DROP POLICY other ON zz_probe; {SECURE}",
        {("tenant_isolation_policy_missing", "zz_probe")}),
    "rls_without_policy": (
        "DROP POLICY tenant_isolation ON zz_probe; " + DROP_ROLES, f"{SECURE}; {ROLES}",
        {("rls_without_policy", "zz_probe"), ("tenant_isolation_policy_missing", "zz_probe"),
         ("table_missing_role_class", "zz_probe")}),
    "policy_reads_claims_per_row": (
        "ALTER POLICY tenant_isolation ON zz_probe USING (tenant_id = auth.tenant_id())", SECURE,
        {("policy_reads_claims_per_row", "zz_probe policy tenant_isolation")}),
    "table_missing_role_class": (
        "DROP POLICY role_read ON zz_probe", ROLES,
        {("table_missing_role_class", "zz_probe")}),
    "policy_always_true": (
        "CREATE POLICY open_door ON zz_probe FOR SELECT USING (true)", "DROP POLICY open_door ON zz_probe",
        {("policy_always_true", "zz_probe policy open_door")}),
    "table_missing_primary_key": (
        "ALTER TABLE zz_probe DROP CONSTRAINT zz_probe_pkey", "ALTER TABLE zz_probe ADD PRIMARY KEY (tenant_id, id)",
        {("table_missing_primary_key", "zz_probe")}),
    "duplicate_index": (
        "CREATE INDEX zz_dup ON zz_probe (tenant_id, created_at)", "DROP INDEX zz_dup",
        {("duplicate_index", "zz_dup = zz_probe_created_idx")}),
    "fk_missing_index": (
        """ALTER TABLE zz_probe ADD CONSTRAINT zz_probe_parent_fk
             FOREIGN KEY (tenant_id, parent_id) REFERENCES profiles (tenant_id, id)""",
        "CREATE INDEX zz_probe_parent_idx ON zz_probe (tenant_id, parent_id)",
        {("fk_missing_index", "zz_probe zz_probe_parent_fk")}),
    "fk_without_tenant_id": (
        """CREATE INDEX zz_probe_parent_idx ON zz_probe (parent_id, id);
           ALTER TABLE zz_probe ADD CONSTRAINT zz_probe_bad_fk FOREIGN KEY (parent_id, id) REFERENCES profiles (tenant_id, id)""",
        "ALTER TABLE zz_probe DROP CONSTRAINT zz_probe_bad_fk",
        {("fk_without_tenant_id", "zz_probe zz_probe_bad_fk")}),
    "key_not_distributable": (
        "CREATE UNIQUE INDEX zz_probe_id_key ON zz_probe (id)", "DROP INDEX zz_probe_id_key",
        {("key_not_distributable", "zz_probe zz_probe_id_key")}),
    "view_not_security_invoker": (
        "CREATE VIEW zz_view AS SELECT id FROM zz_probe", "ALTER VIEW zz_view SET (security_invoker = true)",
        {("view_not_security_invoker", "zz_view")}),
    "security_definer_search_path": (
        "CREATE FUNCTION public.zz_fn() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
        "ALTER FUNCTION public.zz_fn() SET search_path = ''",
        {("security_definer_search_path", "zz_fn()"), ("function_search_path_mutable", "zz_fn()")}),
    "function_search_path_mutable": (
        "CREATE FUNCTION vital.zz_fn() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1'",
        "ALTER FUNCTION vital.zz_fn() SET search_path = ''",
        {("function_search_path_mutable", "vital.zz_fn()")}),
    "table_missing_created_at": (
        "ALTER TABLE zz_probe DROP COLUMN created_at",
        "ALTER TABLE zz_probe ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()",
        {("table_missing_created_at", "zz_probe")}),
    "table_missing_updated_at": (
        "DROP TRIGGER set_updated_at ON zz_probe", SECURE,
        {("table_missing_updated_at", "zz_probe")}),
    "extension_in_public": (
        "CREATE EXTENSION ltree SCHEMA public", "DROP EXTENSION ltree",
        {("extension_in_public", "ltree")}),
    "timestamp_without_time_zone": (
        "ALTER TABLE zz_probe ADD COLUMN happened timestamp", "ALTER TABLE zz_probe DROP COLUMN happened",
        {("timestamp_without_time_zone", "zz_probe.happened")}),
    "migrations_applied_out_of_order": (
        "UPDATE supabase_migrations.schema_migrations SET applied_at = now() + interval '1 day' "
        "WHERE version = (SELECT min(version) FROM supabase_migrations.schema_migrations)",
        "UPDATE supabase_migrations.schema_migrations SET applied_at = now() - interval '1 day' "
        "WHERE version = (SELECT min(version) FROM supabase_migrations.schema_migrations)",
        {("migrations_applied_out_of_order", pg.migrations()[0].version)}),
}


def _findings(db, migrations=None) -> set[tuple[str, str]]:
    found = run_checks(db, migrations if migrations is not None else pg.migrations())
    return {(f.check, f.object) for f in found}


def test_the_full_schema_validates_clean(db):
    assert _findings(db) == set()


def test_every_check_has_a_test_case():
    names = {c.name for c in load_checks()}
    covered = set(CASES) | {"migrations_sequential", "migration_missing_rollback"}
    assert names == covered


@pytest.mark.parametrize("check", sorted(CASES))
def test_a_broken_object_gives_exactly_its_finding_and_the_fix_clears_it(db, check):
    broken, fix, expected = CASES[check]
    db.execute(PROBE)
    assert _findings(db) == set(), "the probe table itself must be clean"
    db.execute(broken)
    assert _findings(db) == expected
    db.execute(fix)
    assert _findings(db) == set()


def test_migrations_sequential_finds_a_missing_file_and_a_gap(db):
    migrations = pg.migrations()
    newest = migrations[-1]
    assert _findings(db, migrations[:-1]) == {("migrations_sequential", newest.version),
                                              ("migration_missing_rollback", newest.version)}
    late = dataclasses.replace(migrations[0], version="20000101000000", name="late")
    assert _findings(db, [late, *migrations]) == {("migrations_sequential", "20000101000000")}
    assert _findings(db, migrations) == set()


def test_migration_missing_rollback(db, tmp_path):
    migrations = pg.migrations()
    orphan = dataclasses.replace(migrations[1], rollback=tmp_path / "gone.sql")
    assert _findings(db, [migrations[0], orphan, *migrations[2:]]) == {
        ("migration_missing_rollback", migrations[1].version)}


def test_suppressions_need_a_reason_and_mark_findings(db, tmp_path):
    from vital.errors import ConfigError

    bad = tmp_path / "s.toml"
    bad.write_text('[[suppress]]\ncheck = "rls_disabled"\nobject = "zz_probe"\nreason = ""\n')
    with pytest.raises(ConfigError, match="no reason"):
        load_suppressions(bad)
    good = tmp_path / "g.toml"
    good.write_text('[[suppress]]\ncheck = "rls_not_forced"\nobject = "zz_probe"\nreason = "a test exception"\n')
    db.execute(PROBE + "; ALTER TABLE zz_probe NO FORCE ROW LEVEL SECURITY")
    [finding] = run_checks(db, pg.migrations(), suppressions=load_suppressions(good))
    assert finding.suppressed_because == "a test exception"


def test_the_cli_exits_non_zero_on_errors_and_prints_json(fresh_db, cli_env):
    import json
    import subprocess

    env = cli_env(fresh_db)
    clean = subprocess.run(["vital", "db", "validate", "--json"], env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["counts"] == {"error": 0, "warning": 0, "info": 0}
    with pg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("ALTER TABLE profiles DISABLE ROW LEVEL SECURITY")
    broken = subprocess.run(["vital", "db", "validate"], env=env, capture_output=True, text=True)
    assert broken.returncode == 1
    assert "rls_disabled" in broken.stdout and "profiles" in broken.stdout
