"""Services against a clone of the seeded template plus a small corpus written for the tests.

The offline extractive answerer is the model. Retrieval is the one production answers
use (`services_retrieval = knowledge`: the knowledge library's hybrid search, topped up by
an any-word full-text search), over vectors of the corpus made by the same re-embedding
job as production's; the embedder is the hashing one, which needs no model download."""

from __future__ import annotations

import copy
import functools

import pytest
from psycopg_pool import ConnectionPool

from tests import pg
from tests.harness import running, tenants_of
from tests.services import corpus
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.db.tenant import tenant_transaction
from vital.knowledge import embeddings
from vital.knowledge.reembed import reembed
from vital.services import graphs
from vital.settings import Settings
from vital.tenancy import Caller, Rule, find_tenant

SERVICE_SETTINGS = {"embedding_provider": "hash", "services_retrieval": "knowledge"}


def agent_id(database: str, tenant: str, slug: str) -> str:
    """The agent a tenant sees under a slug: its own fork first, else the platform's."""
    with pg.connect(database) as conn:
        return str(conn.execute(
            "SELECT a.id FROM agents a JOIN tenants t ON t.subdomain IN (%s, 'platform') AND a.tenant_id = t.id "
            "WHERE a.slug = %s ORDER BY t.subdomain = 'platform' LIMIT 1", (tenant, slug)).fetchone()[0])


def started(database: str, **overrides):
    with running(database, api_pool_max_size=6, worker=True, **overrides) as api:
        yield api


def prepared() -> tuple[str, dict]:
    """A new database with the corpus and its vectors: a clone of the one built once per run."""
    template, chunks = _prepared_template()
    return pg.clone(template=template), copy.deepcopy(chunks)


@functools.cache
def _prepared_template() -> tuple[str, dict]:
    name = pg.clone("vital_services_template")
    with pg.connect(name) as conn:
        chunks = corpus.load(conn)
    with pg.connect(name, autocommit=True) as conn:  # each tenant's job in a transaction of its own
        embed(conn, Settings(environment="test", **SERVICE_SETTINGS))
    return name, chunks


def embed(conn, settings: Settings) -> None:
    """Vectors for every chunk a demo tenant's answers can cite: its own and the platform's."""
    embedder = embeddings.current(settings)
    with tenant_transaction(conn, Caller.service()) as c:
        model = embeddings.register(c, embedder)
    for subdomain in ("platform", "acme", "pharmaco"):
        tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING)
        reembed(conn, Caller.member(tenant.id, subdomain=subdomain), embedder, model)


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
