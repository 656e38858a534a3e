"""The one API harness of the tests: the app in-process (TestClient) on a clone of the seeded
template, logging in as vital_api, and the demo tenants' callers. tests/api, tests/services and
the others import it from here; the fixtures that start it (api, fresh_api) are in tests/conftest.py."""

from __future__ import annotations

import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Iterator
from uuid import UUID

import uvicorn
from fastapi.testclient import TestClient

from tests import pg
from tests.helpers import TEST_JWT_SECRET, USERS
from vital.api.app import create_app
from vital.api.http_server import server_options
from vital.auth.tokens import mint_token
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker
from vital.settings import Settings


def api_settings(database: str, **overrides) -> Settings:
    # No tenant cache: tests change tenants and keys and must see it at once.
    values = {"environment": "test", "database_url": pg.url(database), "tenant_cache_seconds": 0,
              "jwt_secret": TEST_JWT_SECRET, "api_pool_min_size": 1, "api_pool_max_size": 4, **overrides}
    return Settings(**values)


@dataclass
class As:
    """Requests to one host with one set of headers: a tenant's user, a key, or nobody."""
    client: TestClient
    host: str
    headers: dict

    def request(self, method: str, path: str, headers: dict | None = None, **kw):
        return self.client.request(method, f"http://{self.host}{path}", headers={**self.headers, **(headers or {})},
                                   **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path, **kw):
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@dataclass
class Tenant:
    subdomain: str
    id: UUID
    user_id: UUID
    token: str


def tenants_of(database: str, settings: Settings) -> dict[str, Tenant]:
    found = {}
    with pg.connect(database) as conn:
        for subdomain, email in USERS.items():
            tenant_id, user_id = conn.execute(
                "SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = %s AND u.email = %s",
                (subdomain, email)).fetchone()
            found[subdomain] = Tenant(subdomain, tenant_id, user_id,
                                      mint_token(settings, tenant_id=tenant_id, user_id=user_id))
    return found


class Api:
    """A started app and the demo tenants' callers."""

    def __init__(self, client: TestClient, database: str, settings: Settings):
        self.client, self.database, self.settings = client, database, settings
        self.tenants = tenants_of(database, settings)

    def as_(self, subdomain: str, token: str | None = "own", **headers) -> As:
        if token == "own":
            token = self.tenants[subdomain].token
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        return As(self.client, f"{subdomain}.localhost", {**auth, **headers})

    @property
    def relations(self):
        """The tables the API serves (api/rest/relations.py)."""
        return self.client.app.state.api.relations


@contextmanager
def running(database: str, *, worker: bool = False, **overrides) -> Iterator[Api]:
    """The app started (lifespan run) on `database`, with these settings changed; `worker`: with a
    background-job worker beside it, as `vital up` runs one (workflow runs need it)."""
    settings = api_settings(database, **overrides)
    with ExitStack() as stack:
        if worker:
            stack.enter_context(worker_beside(settings))
        client = stack.enter_context(TestClient(create_app(settings)))
        yield Api(client, database, settings)


def worker_beside(settings: Settings) -> InProcessWorker:
    """A background-job worker on a thread, with the API's settings (its model, its retrieval)."""
    return InProcessWorker(Database(settings))


MOVING = ("pending", "running")


def rested(client, run_id: str, timeout: float = 60.0) -> dict:
    """The workflow run once it rests (ended, waiting for a person, paused), polled as its tenant sees it:
    a worker executes it after the API queued it."""
    deadline = time.monotonic() + timeout
    while True:
        run = client.get(f"/api/v1/workflows/runs/{run_id}").json()
        if run["status"] not in MOVING:
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run['status']} after {timeout} s"
        time.sleep(0.1)


@contextmanager
def served_over_loopback(settings: Settings) -> Iterator[int]:
    """The app behind a real uvicorn on 127.0.0.1 (an ephemeral port, yielded), for the real clients."""
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_config=None,
                                           lifespan="on", access_log=False,
                                           **server_options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
