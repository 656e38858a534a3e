"""Knowledge fixtures: a fresh seeded database per test (ingestion commits), acting as a tenant's user."""

from __future__ import annotations

import os
from dataclasses import dataclass

import psycopg
import pytest

from tests import pg
from tests.helpers import USERS
from vital.db.tenant import tenant_transaction
from vital.knowledge import embeddings
from vital.knowledge.ingest import FileInput, IngestReport, Ingestor
from vital.knowledge.search import SearchRequest, search
from vital.settings import Settings
from vital.tenancy import Caller

os.environ.pop("OPENAI_API_KEY", None)  # read as VITAL_EMBEDDING_API_KEY's alias; tests never use the developer's


def settings(**overrides) -> Settings:
    return Settings(environment="test", **{"embedding_provider": "hash", **overrides})


@dataclass
class KB:
    """An owner connection (autocommit) to a test database; every call acts as a tenant's user under RLS."""

    conn: psycopg.Connection

    def tenant(self, subdomain: str):
        return self.conn.execute("SELECT id FROM tenants WHERE subdomain = %s", (subdomain,)).fetchone()[0]

    def claims(self, subdomain: str, email: str | None = "default", role: str = "authenticated") -> dict:
        email = USERS.get(subdomain) if email == "default" else email
        user = self.conn.execute("SELECT id FROM auth.users WHERE email = %s", (email,)).fetchone()[0] \
            if email else None
        return Caller.member(self.tenant(subdomain), user, role=role)

    def model(self, s: Settings):
        embedder = embeddings.current(s)
        with tenant_transaction(self.conn, Caller.service()) as c:
            return embedder, embeddings.register(c, embedder)

    def ingest(self, subdomain: str, files: dict[str, bytes], s: Settings | None = None, **options) -> IngestReport:
        s = s or settings()
        embedder, model = self.model(s)
        inputs = [FileInput.from_bytes(name, data) for name, data in files.items()]
        return Ingestor(self.conn, self.claims(subdomain), s, embedder, model).run(inputs, **options)

    def search(self, subdomain: str, text: str, s: Settings | None = None, *, email: str | None = "default",
               **request) -> dict:
        with tenant_transaction(self.conn, self.claims(subdomain, email)) as c:
            return search(c, self.tenant(subdomain), SearchRequest(text, **request), s or settings())

    def one(self, statement: str, *params):
        return self.conn.execute(statement, params).fetchone()


@pytest.fixture
def kb(fresh_db):
    with pg.connect(fresh_db, autocommit=True) as conn:
        yield KB(conn)


@pytest.fixture(scope="module")
def module_db():
    """One fresh database for a module whose tests only read what its first fixture wrote."""
    name = pg.clone()
    yield name
    pg.drop(name)
