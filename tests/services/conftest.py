"""Services against a clone of the seeded template plus a small corpus written for the tests.

The offline extractive answerer is the model. Retrieval is the any-word full-text
search alone, which keeps the local embedding model (seconds to load) out of
these tests; test_retrieval.py covers the knowledge library's hybrid search."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from psycopg_pool import ConnectionPool

from tests import pg
from tests.helpers import USERS
from tests.services import corpus
from vital.api.app import create_app
from vital.api.auth import mint_token
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.db.tenant import claims_for
from vital.services.scope import Scope
from vital.settings import Settings

SERVICE_SETTINGS = {"embedding_provider": "hash", "services_retrieval": "fulltext"}


def agent_id(database: str, tenant: str, slug: str) -> str:
    """The agent a tenant sees under a slug: its own fork first, else the platform's."""
    with pg.connect(database) as conn:
        return str(conn.execute(
            "SELECT a.id FROM agents a JOIN tenants t ON t.subdomain IN (%s, 'platform') AND a.tenant_id = t.id "
            "WHERE a.slug = %s ORDER BY t.subdomain = 'platform' LIMIT 1", (tenant, slug)).fetchone()[0])


@dataclass
class Caller:
    """Requests to a tenant's host, with its demo user's token (or another header set)."""
    client: TestClient
    host: str
    headers: dict

    def request(self, method: str, path: str, headers: dict | None = None, **kw):
        return self.client.request(method, f"http://{self.host}{path}", headers={**self.headers, **(headers or {})},
                                   **kw)

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw):
        return self.request("POST", path, **kw)


@dataclass
class Tenant:
    id: UUID
    user_id: UUID
    token: str


class Api:
    def __init__(self, client: TestClient, database: str, settings: Settings):
        self.client, self.database, self.settings = client, database, settings
        self.tenants: dict[str, Tenant] = {}
        with pg.connect(database) as conn:
            for tenant, email in USERS.items():
                tenant_id, user_id = conn.execute(
                    "SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = %s AND u.email = %s",
                    (tenant, email)).fetchone()
                self.tenants[tenant] = Tenant(tenant_id, user_id,
                                              mint_token(settings, tenant_id=tenant_id, user_id=user_id))

    def as_(self, tenant: str, token: str | None = None, **headers) -> Caller:
        token = token or self.tenants[tenant].token
        return Caller(self.client, f"{tenant}.localhost", {"Authorization": f"Bearer {token}", **headers})


def started(database: str, **overrides):
    settings = Settings(environment="test", database_url=pg.url(database), tenant_cache_seconds=0,
                        api_pool_min_size=1, api_pool_max_size=6, **overrides)
    with TestClient(create_app(settings)) as client:
        yield Api(client, database, settings)


def prepared() -> tuple[str, dict]:
    name = pg.clone()
    with pg.connect(name) as conn:
        chunks = corpus.load(conn)
    return name, chunks


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
def scopes(services_db):
    """Library-level access: a pool logging in as the API role, and each demo user's Scope."""
    name = services_db[0]
    pool = ConnectionPool(with_user(pg.url(name), "vital_api"), min_size=1, max_size=6, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})
    found = {}
    with pg.connect(name) as conn:
        for tenant, email in USERS.items():
            tenant_id, user_id = conn.execute(
                "SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = %s AND u.email = %s",
                (tenant, email)).fetchone()
            found[tenant] = Scope(pool, claims_for(tenant_id, user_id))
    yield found
    pool.close()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(environment="test", **SERVICE_SETTINGS)
