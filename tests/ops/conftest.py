"""The `vital` command as a subprocess against a test database."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.fixture
def vital(cli_env):
    """vital(database, *args, ok=True): run `vital ARGS` with DATABASE_URL set to the test database
    (wide columns: messages are not wrapped)."""

    def run(database: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "vital", *args], env=cli_env(database, COLUMNS="400"),
                              capture_output=True, text=True, timeout=300)
        if ok:
            assert done.returncode == 0, done.stderr
        return done

    return run
