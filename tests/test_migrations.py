"""Migrations: file names, rollbacks, idempotence, locking, failure and tampering."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import pg
from vital.errors import MigrationError
from vital.schema.migrator import FILE_NAME, Migrator, discover, split_statements
from vital.settings import SCHEMA_DIR

MIGRATIONS = SCHEMA_DIR / "migrations"
ROLLBACKS = SCHEMA_DIR / "rollbacks"


def test_every_migration_file_name_has_the_supabase_format_and_a_rollback():
    forward = sorted(p.name for p in MIGRATIONS.glob("*.sql"))
    assert forward, "no migrations found"
    for name in forward:
        assert FILE_NAME.match(name), name
    assert sorted(p.name for p in ROLLBACKS.glob("*.sql")) == forward
    assert [m.version for m in discover(MIGRATIONS, ROLLBACKS)] == sorted(n[:14] for n in forward)


def test_a_badly_named_migration_file_is_refused(tmp_path):
    (tmp_path / "001_init.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="not <YYYYMMDDHHMMSS>_<name>.sql"):
        discover(tmp_path, tmp_path)


def _migrator(database: str, migrations=None):
    conn = pg.connect(database, autocommit=True)
    return conn, Migrator(conn, migrations if migrations is not None else pg.migrations())


def test_up_then_down_all_then_up_gives_the_same_schema(empty_db):
    conn, m = _migrator(empty_db)
    with conn, m:
        baseline = pg.schema_dump(empty_db)          # bookkeeping table only
        m.up()
        once = pg.schema_dump(empty_db)
        m.down(to="0")
        assert pg.schema_dump(empty_db) == baseline  # every rollback undid exactly its file
        m.up()
        assert pg.schema_dump(empty_db) == once


def test_every_forward_file_applied_twice_changes_nothing(fresh_db):
    before = pg.schema_dump(fresh_db)
    with pg.connect(fresh_db, autocommit=True) as conn:
        for m in pg.migrations():
            with conn.transaction():
                for stmt in split_statements(m.text):
                    conn.execute(stmt.sql, prepare=False)
    assert pg.schema_dump(fresh_db) == before


def test_two_concurrent_db_up_runs_apply_each_migration_once(empty_db, cli_env):
    env = cli_env(empty_db)
    procs = [subprocess.Popen(["vital", "db", "up"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    applied = [int(re.search(r"(\d+) migration\(s\) applied", out).group(1)) for out, _ in outputs]
    assert sorted(applied) == [0, len(pg.migrations())]
    with pg.connect(empty_db) as conn:
        rows = conn.execute("SELECT version, count(*) FROM supabase_migrations.schema_migrations GROUP BY 1").fetchall()
    assert len(rows) == len(pg.migrations()) and all(n == 1 for _, n in rows)


def _copy_migrations(tmp_path: Path, upto: int | None = None) -> tuple[Path, Path]:
    fwd, back = tmp_path / "migrations", tmp_path / "rollbacks"
    fwd.mkdir(), back.mkdir()
    for m in pg.migrations()[:upto]:
        shutil.copy(m.path, fwd), shutil.copy(m.rollback, back)
    return fwd, back


def test_a_failing_migration_leaves_no_trace_and_names_the_statement(empty_db, tmp_path):
    fwd, back = _copy_migrations(tmp_path, upto=3)
    (fwd / "20991231000000_broken.sql").write_text(
        "CREATE TABLE public.half_done (id int);\n\n-- the next one fails\nSELECT 1/0;\n")
    (back / "20991231000000_broken.sql").write_text("DROP TABLE IF EXISTS public.half_done;\n")
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        with pytest.raises(MigrationError) as caught:
            m.up()
        assert "20991231000000_broken.sql failed at statement 2 (line 4): SELECT 1/0" in caught.value.message
        assert "division by zero" in caught.value.details
        assert conn.execute("SELECT to_regclass('public.half_done')").fetchone()[0] is None
        assert "20991231000000" not in m.applied()
        assert len(m.applied()) == 3  # the good ones before it stay applied


def test_an_applied_file_that_was_edited_is_refused(empty_db, tmp_path):
    fwd, back = _copy_migrations(tmp_path, upto=3)
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        m.up()
    core = next(fwd.glob("*_core.sql"))
    core.write_text(core.read_text() + "\n-- a quiet edit\n")
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        assert [r.state for r in m.status()][-1] == "edited"
        with pytest.raises(MigrationError, match="edited after it was applied"):
            m.up()


def test_a_pending_file_older_than_the_newest_applied_needs_include_all(empty_db, tmp_path):
    fwd, back = _copy_migrations(tmp_path, upto=3)
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        m.up()
    (fwd / "20200101000000_late.sql").write_text("CREATE TABLE IF NOT EXISTS public.late (id int);\n")
    (back / "20200101000000_late.sql").write_text("DROP TABLE IF EXISTS public.late;\n")
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        with pytest.raises(MigrationError, match="older than the newest applied"):
            m.up()
        assert [x.label for x in m.up(include_all=True)] == ["20200101000000_late"]


def test_down_steps_and_to(empty_db, tmp_path):
    fwd, back = _copy_migrations(tmp_path, upto=3)
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        m.up()
        versions = sorted(m.applied())
        assert [x.version for x in m.down(steps=2)] == versions[:0:-1]
        assert sorted(m.applied()) == versions[:1]
        m.up()
        m.down(to=versions[0])
        assert sorted(m.applied()) == versions[:1]


def test_down_without_a_rollback_file_changes_nothing(empty_db, tmp_path):
    fwd, back = _copy_migrations(tmp_path, upto=3)
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        m.up()
    next(back.glob("*_core.sql")).unlink()
    conn, m = _migrator(empty_db, discover(fwd, back))
    with conn, m:
        with pytest.raises(MigrationError, match="No rollback file"):
            m.down(steps=1)
        assert len(m.applied()) == 3
