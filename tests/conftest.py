"""Fixtures: the real embedded PostgreSQL, never a mock. See tests/pg.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests import pg
from tests.harness import running
from tests.helpers import TEST_JWT_SECRET

# Tests never read the developer's environment.
for _name in [n for n in os.environ if n.startswith("VITAL_") or n == "DATABASE_URL"]:
    del os.environ[_name]

# The source holds no JWT secret (issue 13): this run's (tests/helpers.py), for every Settings the
# tests build and every `vital` they start. Tests of the generated secret unset it explicitly.
os.environ["VITAL_JWT_SECRET"] = TEST_JWT_SECRET


# The fast subset (`pytest -m "not slow"`, under a minute) leaves out these modules: each starts
# servers or subprocesses, dumps and restores databases, loads a model, waits on purpose (limiter
# delays) or sweeps a whole API surface. CI runs everything.
SLOW = {
    "tests/console/test_browser.py", "tests/console/test_workspace.py", "tests/console/test_manage.py",
    "tests/auth/test_mail_flows.py", "tests/auth/test_sign_in.py", "tests/auth/test_limiter.py",
    "tests/admin/test_http.py", "tests/api/test_rest.py", "tests/knowledge/test_search.py",
    "tests/knowledge/test_ingest.py", "tests/knowledge/test_limits.py", "tests/services/test_fuzz.py",
    "tests/services/test_openai_compat.py", "tests/services/test_hostile_model.py", "tests/services/test_limits_and_analytics.py",
    "tests/knowledge/test_graph.py", "tests/api/test_fairness.py",
    "tests/api/test_isolation_http.py", "tests/api/test_slow_clients.py", "tests/api/test_properties.py",
    "tests/auth/test_demo_passwords.py", "tests/auth/test_secret.py",
    "tests/auth/test_supabase_client.py", "tests/api/test_supabase_dialect.py", "tests/auth/test_sso.py", "tests/auth/test_supabase_magic_link.py",
    "tests/auth/test_invite_cli.py", "tests/auth/test_sign_in_gaps.py", "tests/api/test_schemathesis.py", "tests/api/test_serve.py",
    "tests/knowledge/test_api.py", "tests/knowledge/test_cli.py", "tests/knowledge/test_embeddings.py",
    "tests/knowledge/test_recall.py", "tests/knowledge/test_formats.py", "tests/ops/test_backup.py", "tests/ops/test_faults.py",
    "tests/ops/test_ingestion_kill.py", "tests/ops/test_pitr.py", "tests/ops/test_soft_delete.py",
    "tests/ops/test_tenant_portability.py", "tests/ops/test_tenant_auth_data.py", "tests/admin/test_cli.py",
    "tests/roles/test_matrix.py", "tests/services/test_cli.py", "tests/services/test_restart.py",
    "tests/services/test_workflow_caps.py", "tests/api/test_metrics.py",
    "tests/test_cli.py", "tests/test_docs.py", "tests/test_embedded.py", "tests/test_generate.py",
    "tests/test_migrations.py", "tests/test_validator.py", "tests/jobs/test_workers.py", "tests/api/test_storage.py",
    "tests/jobs/test_workflow_runs.py", "tests/jobs/test_fair_turns.py",
    "tests/services/test_answer_quality.py",
    "tests/evaluation/test_runs.py", "tests/evaluation/test_cli.py", "tests/knowledge/test_reparse.py",
}
ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.relative_to(ROOT).as_posix() in SLOW:
            item.add_marker(pytest.mark.slow)


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
               "VITAL_DATA_DIR": str(tmp_path / ".vital"), "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
               # `vital up` and `vital db seed|reset` embed the library as the test template did: from the cache.
               "VITAL_EMBEDDING_PROVIDER": "hash", "VITAL_VECTOR_CACHE_DIR": str(pg.LIBRARY_CACHE)}
        if database:
            env["VITAL_DATABASE_URL"] = pg.url(database)
        env.update(extra)
        return {name: value for name, value in env.items() if value is not None}

    return make


# -- the API harness (tests/harness.py), for every folder ---------------------
@pytest.fixture(scope="session")
def api_db():
    name = pg.clone()
    yield name
    pg.drop(name)


@pytest.fixture(scope="session")
def api(api_db):
    """One app for the session's tests that leave the data as they found it."""
    with running(api_db) as started:
        yield started


@pytest.fixture
def fresh_api(fresh_db):
    """An app on a database of its own, for tests that change data."""
    with running(fresh_db) as started:
        yield started


def pytest_sessionfinish(session, exitstatus):
    if pg.cluster.cache_info().currsize:
        pg.cluster().release()

