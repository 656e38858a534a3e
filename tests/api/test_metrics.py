"""What operators see (docs/operations.md#metrics-and-traces): Prometheus metrics after real requests,
behind the service key on the API's port and without credentials on the loopback metrics port, no tenant
label unless switched on; and an OpenTelemetry span per request through the real SDK's in-memory exporter."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from fastapi.testclient import TestClient
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests import pg
from tests.harness import Api, api_settings, running
from vital.api import tracing
from vital.api.app import create_app
from vital.auth.tokens import mint_key


@pytest.fixture(scope="module")
def metrics_db():
    """acme as usual; pharmaco may hold no request at all, so each of its requests is a fairness 429."""
    name = pg.clone()
    with pg.connect(name, autocommit=True) as owner:
        owner.execute("UPDATE tenants SET settings = settings || '{\"limits\": {\"concurrent_requests\": 0}}' "
                      "WHERE subdomain = 'pharmaco'")
    yield name
    pg.drop(name)


SAMPLE = (b"# Sample size\n\nThe trial needs 120 patients per arm to reach 90 % power at a two-sided alpha of 0.05. "
          b"The sample size allows for 10 % dropout.\n")


def scrape(api: Api) -> str:
    r = api.client.get("/metrics", headers={"Authorization": f"Bearer {mint_key(api.settings, 'service_role')}"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


def value(text: str, name: str, **labels: str) -> float:
    """The sample `name` whose labels include these (0 when absent)."""
    total = 0.0
    for line in text.splitlines():
        found = re.match(r"^(\w+)(?:\{(.*)\})? (\S+)$", line)
        if not found or found.group(1) != name:
            continue
        have = dict(re.findall(r'(\w+)="([^"]*)"', found.group(2) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(found.group(3))
    return total


def test_requests_latency_throttling_and_pool(metrics_db):
    with running(metrics_db, llm_provider="extractive", services_retrieval="fulltext") as api:
        acme = api.as_("acme")
        assert acme.get("/rest/v1/agents?select=id&limit=1").status_code == 200
        assert acme.get("/rest/v1/no_such_table").status_code == 404
        refused = api.as_("pharmaco").get("/rest/v1/agents?select=id")
        assert refused.status_code == 429 and refused.headers["Retry-After"]
        agent = acme.get("/rest/v1/agents?select=id&slug=eq.biostatistician").json()[0]["id"]
        # A question its documents answer: a declined one ("not in your documents") calls no model and spends nothing.
        assert acme.post("/api/v1/knowledge/documents", files=[("files", ("sample-size.md", SAMPLE))]).status_code == 201
        asked = acme.post("/api/v1/ask-expert/sessions", json={"mode": 1, "agent_id": agent,
                                                               "query": "How many patients per arm does the trial need?"})
        assert asked.status_code == 201, asked.text
        assert asked.json()["messages"][-1]["metadata"]["outcome"] == "answered"
        signin = api.client.post("http://acme.localhost/auth/v1/token?grant_type=password",
                                 headers={"apikey": mint_key(api.settings, "anon")},
                                 json={"email": "nobody@acme.example", "password": "wrong-password"})
        assert signin.status_code == 400
        assert api.client.request("BREW", "/health").status_code == 405  # made-up methods: one series
        text = scrape(api)

    # By route template and tier, never the raw path, never the tenant.
    assert value(text, "vital_http_requests_total", route="/rest/v1/{table}", method="GET", status="200",
                 tier="pro") + value(text, "vital_http_requests_total", route="/rest/v1/{table}", method="GET",
                                     status="200", tier="free") + value(
        text, "vital_http_requests_total", route="/rest/v1/{table}", method="GET", status="200",
        tier="enterprise") >= 2
    assert value(text, "vital_http_requests_total", route="/rest/v1/{table}", status="404") == 1
    assert value(text, "vital_http_requests_total", route="/rest/v1/{table}", status="429") == 1
    assert "no_such_table" not in text and "acme" not in text and "pharmaco" not in text
    assert value(text, "vital_http_requests_total", route="/health", method="other", status="405") == 1
    assert "BREW" not in text
    assert value(text, "vital_http_throttled_total", limit="concurrent_requests") == 1
    assert value(text, "vital_http_request_duration_seconds_count", route="/rest/v1/{table}", method="GET") >= 4
    assert value(text, "vital_http_request_duration_seconds_bucket", route="/rest/v1/{table}", le="30.0") >= 4
    assert value(text, "vital_http_requests_in_flight") == 1  # the scrape itself
    assert value(text, "vital_auth_sign_ins_total", grant="password", outcome="refused") == 1
    # The offline answerer counts its tokens (its cost is 0).
    assert value(text, "vital_llm_calls_total", provider="extractive") == 1
    assert value(text, "vital_llm_tokens_total", provider="extractive", kind="completion") > 0
    assert "vital_llm_cost_usd_total" in text
    # Read at scrape time: the pool, the tenants' slots and streams, the job queue (its schema may not exist yet).
    for pool in ("api", "read"):  # the worker threads' pool and the /rest/v1 reads' (async) one
        assert value(text, "vital_db_pool_connections", pool=pool) >= 1  # in use and idle: its size (min_size 1)
        assert f'vital_db_pool_connections{{pool="{pool}",state="in_use"}}' in text
        assert f'vital_db_pool_waiting{{pool="{pool}"}} 0.0' in text
        assert value(text, "vital_db_pool_max", pool=pool) == api.settings.api_pool_max_size
    assert "vital_db_tenant_slots_in_use" in text and "vital_event_streams_open" in text
    assert value(text, "vital_jobs_stats_up") == 1 and "vital_jobs{" not in text  # the queue read, and empty


def test_service_key_required_on_the_api_port(api):
    for headers in ({}, {"Authorization": f"Bearer {mint_key(api.settings, 'anon')}"},
                    {"Authorization": f"Bearer {api.tenants['acme'].token}"}, {"Authorization": "Bearer x.y.z"}):
        r = api.client.get("/metrics", headers=headers)
        assert r.status_code == 401, (headers, r.text)
        assert set(r.json()) == {"code", "message", "details", "hint"} and "service_role" in r.json()["message"]
        assert "vital_http" not in r.text
    assert "vital_http_requests_total" in scrape(api)


# Jobs as the queue holds them (no worker runs in these tests): three waiting, one failed.
JOBS = """
INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, status, args)
SELECT 'tenants', 'vital.ingest', status::procrastinate.procrastinate_job_status, '{}'
  FROM unnest(ARRAY['todo', 'todo', 'todo', 'failed']) AS status"""


def test_tenant_label_when_switched_on_the_metrics_port_and_the_job_queue(metrics_db):
    """The queue's counts come through vital.job_queue_stats() (migration 30)."""
    with pg.connect(metrics_db, autocommit=True) as owner:
        owner.execute(JOBS)
    with running(metrics_db, metrics_tenant_labels=True, metrics_port=0) as api:
        assert api.as_("acme").get("/rest/v1/agents?select=id&limit=1").status_code == 200
        assert api.as_("pharmaco").get("/rest/v1/agents?select=id").status_code == 429
        port = api.client.app.state.metrics_port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:  # no credentials
            text = r.read().decode()
    assert value(text, "vital_http_requests_total", route="/rest/v1/{table}", status="200", tenant="acme") == 1
    assert value(text, "vital_http_throttled_total", limit="concurrent_requests", tenant="pharmaco") == 1
    with pytest.raises(OSError):  # closed with the app
        urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2)
    assert value(text, "vital_jobs_stats_up") == 1
    assert value(text, "vital_jobs", task="vital.ingest", status="todo") == 3
    assert value(text, "vital_jobs", task="vital.ingest", status="failed") == 1


def test_a_span_per_request_with_route_and_status(metrics_db):
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    for labels in (False, True):
        settings = api_settings(metrics_db, metrics_tenant_labels=labels)
        app = create_app(settings)
        tracing.install(app, settings, provider)
        with TestClient(app) as client:
            api = Api(client, metrics_db, settings)
            parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            assert api.as_("acme", traceparent=parent).get("/rest/v1/agents?select=id&limit=1").status_code == 200
        span = exporter.get_finished_spans()[-1]
        attributes = dict(span.attributes)
        assert span.name == "GET /rest/v1/{table}" and attributes["http.route"] == "/rest/v1/{table}"
        assert attributes["http.response.status_code"] == 200 and attributes["vital.tenant.tier"] != "none"
        assert format(span.context.trace_id, "032x") == "0af7651916cd43dd8448eb211c80319c"
        assert (attributes.get("vital.tenant") == "acme") is labels
        assert str(api.tenants["acme"].id) not in json.dumps(attributes)
        # under it, a client span per database transaction (the tenant's quota, the read): no statement
        # text, and the tenant only when the operator turned the labels on
        database = [s for s in exporter.get_finished_spans() if s.name == "db.transaction"]
        assert database and all(s.parent.span_id == span.context.span_id for s in database)
        for db_span in database:
            db_attributes = dict(db_span.attributes)
            assert db_attributes["db.system.name"] == "postgresql" and db_attributes["vital.db.role"] == "authenticated"
            assert (db_attributes.get("vital.tenant") is not None) is labels
            assert "SELECT" not in json.dumps(db_attributes)
            if not labels:
                assert str(api.tenants["acme"].id) not in json.dumps(db_attributes)
        exporter.clear()
