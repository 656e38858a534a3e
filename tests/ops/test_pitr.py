"""Point-in-time recovery on an embedded server of its own: archive, write, recover to a moment between."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest


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

    def psql(statement: str) -> str:
        return vital("db", "psql", "-Atc", statement)

    vital("db", "up")
    assert "WAL archiving on" in vital("db", "pitr", "enable")
    psql("INSERT INTO tenants (name, subdomain) VALUES ('Before', 'before')")
    time.sleep(0.5)
    moment = datetime.now(timezone.utc)
    time.sleep(0.5)
    psql("INSERT INTO tenants (name, subdomain) VALUES ('After', 'after')")
    assert "recovered to" in vital("db", "restore", "--to", moment.isoformat())
    assert psql("SELECT string_agg(subdomain, ',' ORDER BY subdomain) FROM tenants") == "before\n"
    assert psql("SELECT pg_is_in_recovery(), current_setting('restore_command')") == "f|\n"
    kept = [p.name for p in data_dir.iterdir() if p.name.startswith("pgdata.before-")]
    assert len(kept) == 1  # the data it replaced stays, for the operator to remove
    too_early = vital_fails(env, "db", "restore", "--to", "2000-01-01T00:00:00+00:00")
    assert "No base backup finished before" in too_early


def vital_fails(env, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "vital", *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    return done.stderr
