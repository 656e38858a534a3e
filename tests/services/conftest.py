"""Services against a clone of the seeded template plus a small corpus written for the tests.

The offline extractive answerer is the model. Retrieval is the any-word full-text
search alone, which keeps the local embedding model (seconds to load) out of
these tests; test_retrieval.py covers the knowledge library's hybrid search."""

from __future__ import annotations

import pytest
from psycopg_pool import ConnectionPool

from tests import pg
from tests.api.conftest import running, tenants_of
from tests.services import corpus
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.services import graphs
from vital.settings import Settings
from vital.tenancy import Caller

SERVICE_SETTINGS = {"embedding_provider": "hash", "services_retrieval": "fulltext"}


def agent_id(database: str, tenant: str, slug: str) -> str:
    """The agent a tenant sees under a slug: its own fork first, else the platform's."""
    with pg.connect(database) as conn:
        return str(conn.execute(
            "SELECT a.id FROM agents a JOIN tenants t ON t.subdomain IN (%s, 'platform') AND a.tenant_id = t.id "
            "WHERE a.slug = %s ORDER BY t.subdomain = 'platform' LIMIT 1", (tenant, slug)).fetchone()[0])


def started(database: str, **overrides):
    with running(database, api_pool_max_size=6, **overrides) as api:
        yield api


def prepared() -> tuple[str, dict]:
    name = pg.clone()
    with pg.connect(name) as conn:
        chunks = corpus.load(conn)
    return name, chunks


@pytest.fixture(scope="session", autouse=True)
def workflow_graphs():
    """Startup's registration of the workflow graphs, for tests that use the services without the API."""
    return graphs.register()


@pytest.fixture(scope="session")
def services_db():
    name, chunks = prepared()
    yield name, chunks
    pg.drop(name)


@pytest.fixture(scope="session")
def chunks(services_db):
    return services_db[1]


@pytest.fixture(scope="session")
def sapi(services_db):
    """The API on the services database, shared by tests that only add their own rows."""
    yield from started(services_db[0], **SERVICE_SETTINGS)


@pytest.fixture
def fresh_sapi():
    """The API on a database of its own (tests that change tiers, counters or tenants)."""
    name, chunks = prepared()
    try:
        for api in started(name, **SERVICE_SETTINGS):
            api.chunks = chunks
            yield api
    finally:
        pg.drop(name)


@pytest.fixture(scope="session")
def api_pool(services_db):
    """Library-level access: a pool logging in as the API role (owns nothing, cannot bypass RLS)."""
    pool = ConnectionPool(with_user(pg.url(services_db[0]), "vital_api"), min_size=1, max_size=6, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def callers(services_db, settings) -> dict[str, Caller]:
    """Each demo tenant's demo user, by subdomain."""
    return {sub: Caller.member(t.id, t.user_id) for sub, t in tenants_of(services_db[0], settings).items()}


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(environment="test", **SERVICE_SETTINGS)
