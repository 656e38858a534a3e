"""Property-based: schemathesis drives every services operation with generated input; never a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi

from tests import pg
from tests.services.conftest import SERVICE_SETTINGS, prepared
from vital.api.app import create_app
from vital.settings import Settings

EXAMPLES = 12
PREFIXES = ("/api/v1/ask-expert", "/api/v1/panels", "/api/v1/workflows", "/api/v1/analytics", "/api/v1/feedback")


@pytest.fixture(scope="module")
def schema():
    database, _ = prepared()
    s = Settings(environment="test", database_url=pg.url(database), tenant_cache_seconds=0, **SERVICE_SETTINGS)
    app = create_app(s)
    token = _token(database, s)
    config = schemathesis.Config.from_dict({
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "generation": {"max-examples": EXAMPLES},
        "headers": {"Host": "acme.localhost", "Authorization": f"Bearer {token}"},
    })
    try:
        loaded = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
        yield loaded
    finally:
        asgi.shutdown_lifespans()
        pg.drop(database)


def _token(database: str, s: Settings) -> str:
    from vital.auth.tokens import mint_token

    with pg.connect(database) as conn:
        tenant_id, user_id = conn.execute("SELECT t.id, u.id FROM tenants t, auth.users u WHERE t.subdomain = 'acme' "
                                          "AND u.email = 'ada@acme.example'").fetchone()
    return mint_token(s, tenant_id=tenant_id, user_id=user_id)


def operations(schema) -> list:
    return [op.ok() for op in schema.get_all_operations() if op.ok().path.startswith(PREFIXES)]


def test_no_request_makes_the_services_fail(schema):
    found = operations(schema)
    assert len(found) >= 25
    for operation in found:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(checks=[not_a_server_error])

        run()
