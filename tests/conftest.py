"""Fixtures: the real embedded PostgreSQL, never a mock. See tests/pg.py."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import pytest

from tests import pg

# Tests never read the developer's environment.
for _name in [n for n in os.environ if n.startswith("VITAL_") or n == "DATABASE_URL"]:
    del os.environ[_name]

# The source holds no JWT secret (issue 13): this run's, random, for every Settings the tests
# build and every `vital` they start. Tests of the generated secret unset it explicitly.
TEST_JWT_SECRET = secrets.token_urlsafe(48)
os.environ["VITAL_JWT_SECRET"] = TEST_JWT_SECRET


@pytest.fixture
def db():
    """Owner connection to the shared seeded clone; everything is rolled back after the test."""
    conn = pg.connect(pg.shared_db())
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


@pytest.fixture
def fresh_db():
    """A new database cloned from the migrated, seeded template; dropped afterwards."""
    name = pg.clone()
    yield name
    pg.drop(name)


@pytest.fixture
def empty_db():
    """A new, empty database (no migration applied); dropped afterwards."""
    name = pg.create_empty()
    yield name
    pg.drop(name)


@pytest.fixture
def cli_env(tmp_path):
    """Environment for running the `vital` CLI as a subprocess against a test database."""

    def make(database: str | None = None, **extra: str | None) -> dict[str, str]:
        """extra: variables to set, or to unset when None (e.g. VITAL_JWT_SECRET=None)."""
        # The `vital` script sits beside the interpreter running the tests.
        path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
        env = {"PATH": path, "HOME": str(tmp_path), "VITAL_ENVIRONMENT": "test", "VITAL_JWT_SECRET": TEST_JWT_SECRET,
               "VITAL_DATA_DIR": str(tmp_path / ".vital"), "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
        if database:
            env["VITAL_DATABASE_URL"] = pg.url(database)
        env.update(extra)
        return {name: value for name, value in env.items() if value is not None}

    return make


def pytest_sessionfinish(session, exitstatus):
    if pg.cluster.cache_info().currsize:
        pg.cluster().release()

