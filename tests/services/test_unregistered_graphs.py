"""A process that never registered a workflow's behaviour (`graphs.register()` not called) refuses its
runs with a clear error before anything is written or marked running: no run is left pending or running."""

from __future__ import annotations

import uuid

import pytest

from tests import pg
from vital.services.workflows import control, definitions, handlers
from vital.services.workflows.engine import Engine
from vital.services.workflows.registry import REGISTRY, NotRegistered, Registry

GRAPH = {
    "nodes": [{"id": "collect", "type": "retrieval", "label": "Collect the SOPs"},
              {"id": "review", "type": "human_approval", "label": "QA review"}],
    "edges": [{"from": "__start__", "to": "collect"}, {"from": "collect", "to": "review"},
              {"from": "review", "to": "__end__", "condition": "approved"}],
}


def generic_only() -> Registry:
    """The generic node types, without the services' graphs."""
    registry = Registry()
    handlers.register(registry)
    return registry


@pytest.fixture
def definition(api_pool, callers):
    return definitions.create_definition(api_pool, callers["acme"], slug=f"unregistered-{uuid.uuid4().hex[:8]}",
                                         name="Unregistered", graph=GRAPH)


def runs_of(database: str, definition_id: str) -> list[str]:
    with pg.connect(database) as conn:
        return [r[0] for r in conn.execute("SELECT status FROM workflow_runs WHERE definition_id = %s",
                                           (definition_id,))]


def test_starting_a_run_with_nothing_registered_creates_no_run(api_pool, callers, settings, definition, services_db):
    engine = Engine(api_pool, callers["acme"], settings, registry=Registry())
    with pytest.raises(NotRegistered, match="no graph is registered") as refused:
        control.start(engine, definition_id=definition["id"], input={"question": "GMP inspection"})
    assert "graphs.register()" in refused.value.hint
    assert runs_of(services_db[0], definition["id"]) == []


def test_a_pending_run_is_not_marked_running_by_a_process_without_its_behaviour(api_pool, callers, settings,
                                                                                 definition, services_db):
    run_id = Engine(api_pool, callers["acme"], settings).create(definition_id=definition["id"],
                                                                input={"question": "GMP inspection"})
    with pytest.raises(NotRegistered):
        Engine(api_pool, callers["acme"], settings, registry=Registry()).advance(run_id)
    assert runs_of(services_db[0], definition["id"]) == ["pending"]
    # a process that registered it runs it
    assert Engine(api_pool, callers["acme"], settings).advance(run_id).status == "waiting_approval"


def test_a_services_graph_has_no_generic_stand_in(api_pool, callers, settings, services_db):
    """The generic handlers could run autonomous-expert's nodes, wrongly: its own graph is required."""
    engine = Engine(api_pool, callers["acme"], settings, registry=generic_only(), graph="autonomous-expert")
    with pytest.raises(NotRegistered, match="'autonomous-expert' is not registered"):
        engine.create(slug="autonomous-expert", input={"question": "HIPAA breach"})


def test_the_api_refuses_an_autonomous_session_before_writing_it(sapi, services_db, monkeypatch):
    monkeypatch.setattr(REGISTRY, "_graphs", set())  # as if startup had not registered the services' graphs
    count = "SELECT (SELECT count(*) FROM ask_expert_sessions), (SELECT count(*) FROM workflow_runs)"
    with pg.connect(services_db[0]) as conn:
        before = conn.execute(count).fetchone()
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={"mode": 4, "query": "HIPAA breach notice?"})
    assert r.status_code == 500 and "not registered" in r.json()["message"], r.text
    with pg.connect(services_db[0]) as conn:
        assert conn.execute(count).fetchone() == before
