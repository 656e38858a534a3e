"""vital db backup / restore: a backup of the seeded platform restores every table equal."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tests import pg
from tests.ops.digests import digests
from vital.cli.main import cli
from vital.db.connection import with_user
from vital.errors import PermissionDenied
from vital.ops.backup import backup
from vital.ops.pgtools import checksum_path, sha256_file


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """One backup for the module: `vital db backup` (in-process, the same command) of a clone nothing writes to."""
    name = pg.clone()
    path = tmp_path_factory.mktemp("backup") / "platform.dump"
    done = CliRunner().invoke(cli, ["db", "backup", str(path)],
                              env={"VITAL_DATABASE_URL": pg.url(name), "VITAL_ENVIRONMENT": "test"})
    assert done.exit_code == 0, done.output
    yield name, path
    pg.drop(name)


@pytest.fixture
def dump(backed_up, tmp_path):
    """The module's backup and its checksum file, copied: a test may damage its copy."""
    path = tmp_path / backed_up[1].name
    shutil.copyfile(backed_up[1], path)
    shutil.copyfile(checksum_path(backed_up[1]), checksum_path(path))
    return path


def test_a_backup_of_the_seeded_platform_restores_every_table_with_equal_rows(backed_up, empty_db, dump, vital):
    assert checksum_path(dump).read_text() == f"{sha256_file(dump)}  {dump.name}\n"
    done = vital(empty_db, "db", "restore", str(dump))
    assert "checksum verified" in done.stdout
    source, restored = digests(backed_up[0]), digests(empty_db)
    assert len(source) >= 125  # every table of every schema: public, auth, supabase_migrations
    assert sum(n for n, _ in source.values()) > 1000
    assert restored == source


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(fresh_db, dump, vital):
    before = digests(fresh_db)
    refused = vital(fresh_db, "db", "restore", str(dump), ok=False)
    assert refused.returncode == 1 and "is not empty" in refused.stderr
    with pg.connect(fresh_db) as conn:
        conn.execute("DELETE FROM agent_tools")
        conn.execute("INSERT INTO tenants (name, subdomain) VALUES ('Late', 'late')")
    assert digests(fresh_db) != before
    assert "existing objects replaced" in vital(fresh_db, "db", "restore", "--force", str(dump)).stdout
    assert digests(fresh_db) == before


def test_a_damaged_backup_is_refused_and_nothing_is_written(empty_db, dump, vital):
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    refused = vital(empty_db, "db", "restore", str(dump), ok=False)
    assert refused.returncode == 1 and "does not match its checksum" in refused.stderr
    with pg.connect(empty_db) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0


def test_a_restore_that_fails_midway_leaves_the_database_as_it_was(empty_db, dump, vital):
    with pg.connect(empty_db, autocommit=True) as conn:  # a view the backup does not know keeps tenants alive
        conn.execute("CREATE TABLE public.tenants (id int); INSERT INTO public.tenants VALUES (1); "
                     "CREATE VIEW public.tenant_ids AS SELECT id FROM public.tenants")
    before = digests(empty_db)
    failed = vital(empty_db, "db", "restore", "--force", str(dump), ok=False)
    assert failed.returncode == 1 and "pg_restore failed" in failed.stderr
    assert digests(empty_db) == before
    with pg.connect(empty_db) as conn:
        assert conn.execute("SELECT to_regclass('public.agents'), to_regclass('auth.users')").fetchone() == (None, None)


def test_a_backup_needs_a_login_that_reads_past_row_level_security(fresh_db, tmp_path):
    with pytest.raises(PermissionDenied, match="bypasses row-level security"):
        backup(with_user(pg.url(fresh_db), "vital_api"), tmp_path / "x.dump")
    assert not list(tmp_path.iterdir())


def test_a_backup_with_a_password_keeps_it_off_the_command_line(fresh_db, tmp_path, monkeypatch):
    seen, real = [], subprocess.Popen

    def spy(args, **kw):
        seen.append((args, kw.get("env", {}).get("PGPASSWORD")))
        return real(args, **kw)

    monkeypatch.setattr(subprocess, "Popen", spy)
    url = pg.url(fresh_db).replace("postgres@", "postgres:s3cret@")  # trust auth: any password is accepted
    backup(url, tmp_path / "x.dump")
    (args, password), = seen
    assert password == "s3cret" and not any("s3cret" in a for a in args)
