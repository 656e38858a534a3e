"""Workflow runs under abuse: definitions too large or malformed are refused, graphs that loop or fan
out end their run failed with a readable reason, runs over the tenant's cap are refused with nothing
created, and a dozen concurrent runs on a pool of 3 connections all finish while another tenant is
served. One real server on loopback (uvicorn) over a database of this module's own."""

from __future__ import annotations

import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import httpx
import pytest
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from tests import pg
from tests.harness import api_settings, rested, served_over_loopback, tenants_of, worker_beside
from vital.api import json_body
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.services.workflows import checks
from vital.tenancy import Caller

POOL = 3
LEAKS = ("langgraph", "Traceback", "recursion_limit", "GRAPH_RECURSION", "SELECT")


def tool(node_id: str, **extra) -> dict:
    return {"id": node_id, "type": "tool", "tools": [], **extra}


def chain(n: int) -> dict:
    ids = [f"t{i}" for i in range(1, n + 1)]
    return {"nodes": [tool(i) for i in ids],
            "edges": [{"from": a, "to": b} for a, b in zip(["__start__", *ids], [*ids, "__end__"])]}


LOOP = {"nodes": [tool("a"), tool("b")],
        "edges": [{"from": "__start__", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
FAN_OUT = {"nodes": [tool("hub"), *(tool(f"b{i}") for i in range(30))],
           "edges": [{"from": "__start__", "to": "hub"},
                     *({"from": "hub", "to": f"b{i}"} for i in range(30)),
                     *({"from": f"b{i}", "to": "hub"} for i in range(30))]}


class Site:
    def __init__(self, database: str, port: int, tenants: dict):
        self.database, self.tenants = database, tenants
        self.clients = {sub: httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120, headers={
            "Host": f"{sub}.localhost", "Authorization": f"Bearer {t.token}"}) for sub, t in tenants.items()}

    def limits(self, subdomain: str, **numbers: int) -> None:
        """Operators' per-tenant override of the tier's caps (tenants.settings.limits)."""
        with pg.connect(self.database) as conn:
            conn.execute("UPDATE tenants SET settings = settings || jsonb_build_object('limits', %s::jsonb) "
                         "WHERE subdomain = %s", (Jsonb(numbers), subdomain))

    def define(self, graph: dict, subdomain: str = "acme") -> httpx.Response:
        return self.clients[subdomain].post("/api/v1/workflows/definitions", json={
            "slug": f"caps-{uuid.uuid4().hex[:10]}", "name": "Caps", "graph": graph})

    def run(self, definition_id: str, subdomain: str = "acme") -> httpx.Response:
        return self.clients[subdomain].post("/api/v1/workflows/runs", json={"definition_id": definition_id,
                                                                          "input": {"question": "q"}})

    def started(self, graph: dict) -> dict:
        """A run of a new definition, once the worker has taken it to rest."""
        r = self.define(graph)
        assert r.status_code == 201, r.text
        r = self.run(r.json()["id"])
        assert r.status_code == 201, r.text
        return rested(self.clients["acme"], r.json()["id"])

    def sql(self, query: str, *args) -> list[tuple]:
        with pg.connect(self.database) as conn:
            cur = conn.execute(query, args)
            return cur.fetchall() if cur.description else []


@pytest.fixture(scope="module")
def site():
    name = pg.clone()
    settings = api_settings(name, api_pool_max_size=POOL, embedding_provider="hash", services_retrieval="fulltext")
    try:
        with worker_beside(settings), served_over_loopback(settings) as port:
            s = Site(name, port, tenants_of(name, settings))
            s.limits("acme", concurrent_runs=12, steps_per_run=20)
            yield s
            for client in s.clients.values():
                client.close()
    finally:
        pg.drop(name)


def test_definitions_are_refused_for_size_and_shape(site, monkeypatch):
    walked, parsed = [], []  # the graph's nodes walked by the shape checks, and where bodies were parsed
    monkeypatch.setattr(checks, "_node_ids", lambda nodes, real=checks._node_ids: walked.append(len(nodes))
                        or real(nodes))
    monkeypatch.setattr(json_body, "json", SimpleNamespace(JSONDecodeError=json.JSONDecodeError, loads=lambda raw: (
        parsed.append((len(raw), threading.current_thread().name)), json.loads(raw))[1]))
    huge = {"nodes": [tool(f"n{i}") for i in range(8000)], "edges": [{"from": "__start__", "to": "n0"}]}
    r = site.define(huge)
    assert r.status_code == 422 and r.json()["code"] == "workflow_definition_invalid"
    assert "8000 nodes" in r.json()["message"] and "limit=definition_nodes; tier=pro; allowed=200" in r.json()["details"]
    assert walked == []  # refused on its size alone: no node was looked at
    (size, thread), = parsed  # parsed once, in the thread pool: the event loop serves the others meanwhile
    assert size > json_body.PARSE_ON_LOOP_BYTES and thread.startswith("AnyIO worker"), parsed
    r = site.define({"nodes": [tool("t", tools=["knowledge_search"] * 1000)], "edges": [{"from": "__start__", "to": "t"}]})
    assert r.status_code == 422 and "limit=tools_per_node" in r.json()["details"] and "'t'" in r.json()["message"]
    refusals = {
        "lists 'knowledge_search' more than once": [tool("t", tools=["knowledge_search", "knowledge_search"])],
        "unknown type: 'teleport'": [{"id": "t", "type": "teleport"}],
        "reaches 'island'": [tool("t"), tool("island")],
    }
    for words, nodes in refusals.items():
        r = site.define({"nodes": nodes, "edges": [{"from": "__start__", "to": "t"}, {"from": "t", "to": "__end__"}]})
        assert r.status_code == 400 and words in r.json()["message"], r.text
        assert r.json()["hint"]
    r = site.clients["acme"].post("/rest/v1/workflow_definitions", json={  # around the API: the database's ceiling
        "tenant_id": str(site.tenants["acme"].id), "slug": "caps-rest", "name": "Huge", "graph": huge})
    assert r.status_code == 400 and "workflow_definitions_graph_shape" in r.text
    assert site.sql("SELECT count(*) FROM workflow_definitions WHERE slug LIKE 'caps-%%'")[0][0] == 0


@pytest.mark.parametrize("graph", [LOOP, FAN_OUT], ids=["loop", "fan-out"])
def test_a_graph_that_loops_or_fans_out_ends_its_run_failed(site, graph):
    run = site.started(graph)
    assert run["status"] == "failed" and run["finished_at"]
    assert "step limit 20 reached" in run["error"] and not any(w in run["error"] for w in LEAKS)
    assert len(run["steps"]) == 20
    events = site.clients["acme"].get(f"/api/v1/workflows/runs/{run['id']}/events").json()
    assert events[-1]["event"] == "run_failed" and events[-1]["payload"]["error"] == run["error"]
    assert site.sql("SELECT lease_holder, lease_until FROM workflow_runs WHERE id = %s", run["id"]) == [(None, None)]


LLM = {"nodes": [{"id": "draft", "type": "llm"}], "edges": [{"from": "__start__", "to": "draft"}]}


@pytest.mark.parametrize(("cap", "graph", "words"), [
    ("run_seconds", chain(3), "run time limit of 0 s reached"),
    ("llm_calls_per_step", LLM, "a step reached the limit of 0 model calls"),
], ids=["run time", "model calls"])
def test_a_run_past_a_cap_ends_failed(site, cap, graph, words):
    site.limits("acme", concurrent_runs=12, steps_per_run=20, **{cap: 0})
    try:
        run = site.started(graph)
    finally:
        site.limits("acme", concurrent_runs=12, steps_per_run=20)
    assert run["status"] == "failed" and words in run["error"] and f"limit={cap}" not in run["error"]
    assert site.sql("SELECT count(*) FROM llm_usage WHERE workflow_run_id = %s", run["id"])[0][0] == 0


def test_a_failing_node_ends_its_run_failed_without_internals(site):
    """Any error a node raises: the run ends failed, its reason the error's kind, never its text."""
    from vital.services.workflows import control, definitions, handlers
    from vital.services.workflows.engine import Engine
    from vital.services.workflows.registry import Registry
    from vital.settings import Settings

    def explode(ctx, node, state):
        raise RuntimeError("SELECT secret FROM internals")

    registry = Registry()
    handlers.register(registry)
    registry.node_type("explode", explode)
    acme = site.tenants["acme"]
    caller = Caller.member(acme.id, acme.user_id)
    pool = ConnectionPool(with_user(pg.url(site.database), "vital_api"), min_size=1, max_size=2, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})
    try:
        graph = {"nodes": [tool("first"), {"id": "boom", "type": "explode"}],
                 "edges": [{"from": "__start__", "to": "first"}, {"from": "first", "to": "boom"}]}
        definition = definitions.create_definition(pool, caller, slug=f"caps-{uuid.uuid4().hex[:8]}", name="Boom",
                                                   graph=graph, registry=registry)
        run = control.start(Engine(pool, caller, Settings(environment="test"), registry=registry),
                            definition_id=definition["id"], input={})
    finally:
        pool.close()
    assert run.status == "failed" and run.error == "A step failed unexpectedly (RuntimeError)."
    assert site.sql("SELECT node_key, status, error FROM workflow_run_steps WHERE run_id = %s ORDER BY sequence",
                    run.id)[-1] == ("boom", "failed", run.error)


def test_a_definition_written_around_the_checks_runs_each_tool_once(site):
    """A definition stored without the API's checks (as its owner here; the database's ceiling is 200
    tools a node): a node listing one tool 150 times calls it once."""
    graph = {"nodes": [tool("t", tools=["qms_update"] * 150)], "edges": [{"from": "__start__", "to": "t"},
                                                                         {"from": "t", "to": "__end__"}]}
    definition_id = site.sql("INSERT INTO workflow_definitions (tenant_id, slug, name, status, graph) "
                             "VALUES (%s, %s, 'Thousand tools', 'active', %s) RETURNING id",
                             site.tenants["acme"].id, f"raw-{uuid.uuid4().hex[:8]}", Jsonb(graph))[0][0]
    r = site.run(str(definition_id))
    assert r.status_code == 201 and rested(site.clients["acme"], r.json()["id"])["status"] == "succeeded"
    assert site.sql("SELECT count(*) FROM workflow_events WHERE run_id = %s AND event_type = 'tool_called'",
                    r.json()["id"])[0][0] == 1


def test_runs_over_the_concurrent_cap_are_refused_with_nothing_created(site):
    """Two runs executing elsewhere (their leases live) fill a cap of 2: the third is a 429 with
    Retry-After and no run; once they have ended, a run starts again."""
    site.limits("acme", concurrent_runs=2, steps_per_run=20)
    definition = site.define(chain(1)).json()
    # ended by the worker first, so that nothing but this test moves them from here on
    busy = [rested(site.clients["acme"], site.run(definition["id"]).json()["id"])["id"] for _ in range(2)]
    site.sql("UPDATE workflow_runs SET status = 'running', lease_holder = gen_random_uuid(), "
             "lease_until = now() + interval '1 minute' WHERE id = ANY(%s::uuid[])", busy)
    try:
        before = site.sql("SELECT count(*) FROM workflow_runs")[0][0]
        r = site.run(definition["id"])
        assert r.status_code == 429 and r.json()["code"] == "workflow_run_limit"
        assert "concurrent_runs" in r.json()["message"] and 1 <= int(r.headers["Retry-After"]) <= 60
        assert site.sql("SELECT count(*) FROM workflow_runs")[0][0] == before
        assert site.clients["acme"].post(f"/api/v1/workflows/runs/{busy[0]}/resume").status_code == 409
        # Ask Expert's autonomous modes and panels run workflows too: refused at the cap, they leave no
        # session, panel, member, counted session or event behind
        written = ("SELECT (SELECT count(*) FROM ask_expert_sessions) + (SELECT count(*) FROM panel_sessions) "
                   "+ (SELECT count(*) FROM panel_members) + (SELECT count(*) FROM workflow_runs) "
                   "+ (SELECT coalesce(sum(value), 0) FROM tenant_usage) + (SELECT count(*) FROM analytics_events)")
        before = site.sql(written)[0][0]
        agents = [str(r[0]) for r in site.sql(  # the tenant's own and the platform's, as a member sees them
            "SELECT a.id FROM agents a JOIN tenants t ON a.tenant_id IN (t.id, vital.platform_tenant_id()) "
            "WHERE t.subdomain = 'acme' AND a.status = 'active' ORDER BY a.tenant_id = t.id DESC, a.id LIMIT 3")]
        acme = site.clients["acme"]
        refused = [acme.post("/api/v1/ask-expert/sessions", json={"mode": 3, "agent_id": agents[0], "query": "q"}),
                   acme.post("/api/v1/ask-expert/sessions", json={"mode": 4, "query": "stability of biologics"}),
                   acme.post("/api/v1/panels", json={"question": "q", "archetype": "structured", "agents": agents}),
                   acme.post("/api/v1/panels", json={"question": "q", "archetype": "structured", "agents": agents,
                                                     "run": False})]
        for r in refused:
            assert r.status_code == 429 and r.json()["code"] == "workflow_run_limit", r.text
        assert site.sql(written)[0][0] == before
        theirs = site.define(chain(1), "pharmaco").json()["id"]
        assert site.run(theirs, "pharmaco").status_code == 201  # another tenant's cap is its own
    finally:
        site.sql("UPDATE workflow_runs SET status = 'succeeded', finished_at = now(), lease_holder = NULL, "
                 "lease_until = NULL WHERE id = ANY(%s::uuid[])", busy)
        site.limits("acme", concurrent_runs=12, steps_per_run=20)
    assert rested(site.clients["acme"], site.run(definition["id"]).json()["id"])["status"] == "succeeded"


def test_many_concurrent_runs_do_not_starve_the_pool(site):
    """4x the API pool's connections in concurrent runs of a tenant's own definition: all are accepted at once
    (queued runs hold no connection), more of them are in motion together than the pool has connections, the
    worker takes every one to success, and the other tenant is served meanwhile."""
    definition = site.define(chain(8)).json()
    runs, other, peak = 4 * POOL, [], [0]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            other.append(site.clients["pharmaco"].get("/rest/v1/agents?select=id&limit=1").status_code)
            peak[0] = max(peak[0], site.sql("SELECT count(*) FROM workflow_runs WHERE definition_id = %s "
                                            "AND status IN ('pending', 'running')", definition["id"])[0][0])
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(runs) as executor:
            answers = list(executor.map(lambda _: site.run(definition["id"]), range(runs)))
        assert [a.status_code for a in answers] == [201] * runs, [a.text for a in answers if a.status_code != 201]
        finals = [rested(site.clients["acme"], a.json()["id"], timeout=120) for a in answers]
    finally:
        done.set()
        watcher.join()
    assert {f["status"] for f in finals} == {"succeeded"}
    assert other and set(other) == {200}
    assert peak[0] > POOL
    assert site.sql("SELECT status, count(*) FROM workflow_runs WHERE definition_id = %s GROUP BY status",
                    definition["id"]) == [("succeeded", runs)]
