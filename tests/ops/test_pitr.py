"""Point-in-time recovery on an embedded server of its own: archive, write, recover to a moment between."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest

from vital.db.embedded import EmbeddedServer


@pytest.fixture
def data_dir():
    """Outside pytest's temporary root, which a concurrent pytest session may close (chmod 700) to the
    server's own user."""
    path = Path(tempfile.mkdtemp(prefix="vital-pitr-"))
    yield path / ".vital"
    shutil.rmtree(path, ignore_errors=True)


def test_the_embedded_server_recovers_to_a_moment_from_its_wal_archive(cli_env, data_dir):
    env = cli_env(None, COLUMNS="400", VITAL_PG_SERVER_OPTIONS="-c fsync=off -c synchronous_commit=off",
                  VITAL_DATA_DIR=str(data_dir))

    def vital(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "vital", *args], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    vital("db", "up")
    # This process holds the server between the commands (as a second `vital` process would): each command
    # then finds it running instead of starting and stopping it, and the statements below need no process.
    server = EmbeddedServer(data_dir / "pgdata", options=env["VITAL_PG_SERVER_OPTIONS"])
    server.acquire()
    try:
        recovers(vital, server, env, data_dir)
    finally:
        server.release()
    assert not server.is_running()  # the last holder stopped it


def recovers(vital, server: EmbeddedServer, env: dict, data_dir: Path) -> None:
    def psql(statement: str) -> list[tuple]:
        with psycopg.connect(server.url("vital"), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    assert "WAL archiving on" in vital("db", "pitr", "enable")
    # The scheduled base backup (vital.pitr_base_backup) in a real worker, queued as its schedule would:
    # with the archive configured and the last base backup older than VITAL_PITR_BASE_BACKUP_HOURS, a new one.
    bases = data_dir / "wal-archive" / "base"
    time.sleep(1.1)  # base backups are named by the second
    worker = subprocess.Popen([sys.executable, "-m", "vital", "worker", "--concurrency", "1"], env={
        **env, "VITAL_WAL_ARCHIVE_DIR": str(data_dir / "wal-archive"), "VITAL_PITR_BASE_BACKUP_HOURS": "0.0002"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        psql("INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, args) "
             "VALUES ('maintenance', 'vital.pitr_base_backup', '{\"timestamp\": 0}')")
        deadline = time.monotonic() + 120
        while len(list(bases.glob("*/base.json"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(list(bases.glob("*/base.json"))) == 2
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(60)
    psql("INSERT INTO tenants (name, subdomain) VALUES ('Before', 'before')")
    time.sleep(0.5)
    moment = datetime.now(timezone.utc)
    time.sleep(0.5)
    psql("INSERT INTO tenants (name, subdomain) VALUES ('After', 'after')")
    # A restore stops the server and starts it in recovery: it must be the server's only holder then.
    server.release()
    assert "recovered to" in vital("db", "restore", "--to", moment.isoformat())
    server.acquire()
    assert psql("SELECT string_agg(subdomain, ',' ORDER BY subdomain) FROM tenants") == [("before",)]
    assert psql("SELECT pg_is_in_recovery(), current_setting('restore_command')") == [(False, "")]
    kept = [p.name for p in data_dir.iterdir() if p.name.startswith("pgdata.before-")]
    assert len(kept) == 1  # the data it replaced stays, for the operator to remove
    too_early = vital_fails(env, "db", "restore", "--to", "2000-01-01T00:00:00+00:00")
    assert "No base backup finished before" in too_early


def vital_fails(env, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "vital", *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    return done.stderr
