"""Faults that must end in a clear error, never a hang or half a change: a migration
that fails midway, a closed pool, an unreachable database, a full disk."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from psycopg import sql
from psycopg_pool import ConnectionPool

from tests import pg
from tests.harness import running
from tests.helpers import tenant_id
from tests.ops.digests import digests
from vital.db.connection import SESSION_OPTIONS
from vital.db.embedded import SERVER_USER
from vital.db.tenant import tenant_transaction
from vital.errors import DatabaseUnavailable, MigrationError
from vital.schema.migrator import Migrator, discover
from vital.tenancy import Caller


def test_a_migration_that_fails_midway_leaves_schema_and_rows_as_they_were(fresh_db, tmp_path):
    fwd, back = tmp_path / "migrations", tmp_path / "rollbacks"
    fwd.mkdir(), back.mkdir()
    for m in pg.migrations():
        shutil.copy(m.path, fwd), shutil.copy(m.rollback, back)
    (fwd / "29991231000000_breaks_midway.sql").write_text(
        "ALTER TABLE public.agents ADD COLUMN rating int;\n"
        "UPDATE public.agents SET name = name || ' (renamed)';\n"
        "DROP POLICY tenant_isolation ON public.personas;\n"
        "CREATE INDEX agents_rating_idx ON public.agents (tenant_id, rating);\n"
        "SELECT 1 / 0;\n")
    (back / "29991231000000_breaks_midway.sql").write_text("SELECT 1;\n")
    schema, rows = pg.schema_dump(fresh_db), digests(fresh_db)
    with pg.connect(fresh_db, autocommit=True) as conn, Migrator(conn, discover(fwd, back)) as m:
        with pytest.raises(MigrationError, match="breaks_midway.sql failed at statement 5"):
            m.up()
        assert "29991231000000" not in m.applied()
    assert pg.schema_dump(fresh_db) == schema
    assert digests(fresh_db) == rows


def test_a_closed_pool_gives_a_clear_error_at_once():
    pool = ConnectionPool(pg.url(pg.shared_db()), min_size=1, open=True, timeout=5,
                          kwargs={"options": SESSION_OPTIONS})
    pool.close()
    started_at = time.perf_counter()
    with pytest.raises(DatabaseUnavailable) as caught:
        with tenant_transaction(pool, Caller.anonymous()):
            pass
    assert time.perf_counter() - started_at < 1
    assert "closed" in str(caught.value)


def test_an_unreachable_database_gives_a_clear_error_within_the_pool_timeout(tmp_path):
    pool = ConnectionPool(f"postgresql://vital_api@/vital?host={tmp_path}&port=1", min_size=0, max_size=2, timeout=1,
                          open=True, reconnect_timeout=1)
    started_at = time.perf_counter()
    with pytest.raises(DatabaseUnavailable, match="No database connection became free in time"):
        with tenant_transaction(pool, Caller.anonymous()):
            pass
    assert time.perf_counter() - started_at < 3
    pool.close()


def test_the_api_answers_503_with_a_message_when_its_pool_is_closed(fresh_db):
    with running(fresh_db) as api:
        assert api.as_("acme").get("/rest/v1/agents?select=id&limit=1").status_code == 200
        api.client.app.state.api.pool.close()
        api.client.portal.call(api.client.app.state.api.read_pool.close)  # the reads' own pool (async)
        started_at = time.perf_counter()
        answer = api.as_("acme").get("/rest/v1/agents?select=id&limit=1")
        assert time.perf_counter() - started_at < 1
        assert answer.status_code == 503 and answer.json()["message"] == "The database is unavailable."
        assert "closed" in answer.json()["details"]


@pytest.fixture
def full_disk(fresh_db):
    """A 1 MB tmpfs as a tablespace: the disk a table lives on runs full. Needs root (mount)."""
    mount = Path(tempfile.mkdtemp(prefix="vital-full-disk-"))
    mount.chmod(0o755)  # the server's own user must reach it
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        mount.rmdir()
        pytest.skip("mounting a small tmpfs needs root")
    space = f"full_{fresh_db}"
    try:
        entry = pwd.getpwnam(SERVER_USER) if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
        os.chown(mount, entry.pw_uid, entry.pw_gid)
        pg.admin(sql.SQL("CREATE TABLESPACE {} LOCATION {}").format(sql.Identifier(space), sql.Literal(str(mount))))
        yield space
    finally:
        pg.drop(fresh_db)  # its table lives in the tablespace
        pg.admin(sql.SQL("DROP TABLESPACE IF EXISTS {}").format(sql.Identifier(space)))
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def test_a_full_disk_gives_a_clear_error_not_a_hang(fresh_db, full_disk):
    with pg.connect(fresh_db) as conn:
        conn.execute(sql.SQL("ALTER TABLE search_logs SET TABLESPACE {}").format(sql.Identifier(full_disk)))
        acme = tenant_id(conn, "acme")
        conn.commit()
        started_at = time.perf_counter()
        with pytest.raises(DatabaseUnavailable) as caught:
            with tenant_transaction(conn, Caller.member(acme)):
                conn.execute("SELECT vital.log_search(repeat(md5(g::text), 20), 'hybrid', NULL, NULL, '{}', '[]', 1) "
                             "FROM generate_series(1, 100000) g")
        assert time.perf_counter() - started_at < 30
        assert caught.value.sqlstate == "53100" and "No space left on device" in caught.value.details
