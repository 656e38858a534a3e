"""Workflows through the API: definitions as graphs, runs with steps, approvals, events; pause/resume/cancel.
The API queues each run (and each decision, each resumption); the worker beside it executes them."""

from __future__ import annotations

import uuid

import pytest

from tests.harness import rested

GRAPH = {
    "nodes": [
        {"id": "collect", "type": "retrieval", "label": "Collect the SOPs"},
        {"id": "draft", "type": "llm", "label": "Draft", "description": "GMP inspection readiness and CAPA closure"},
        {"id": "review", "type": "human_approval", "label": "QA review"},
        {"id": "publish", "type": "tool", "label": "Publish", "tools": ["qms_update", "knowledge_search"]},
    ],
    "edges": [
        {"from": "__start__", "to": "collect"},
        {"from": "collect", "to": "draft"},
        {"from": "draft", "to": "review"},
        {"from": "review", "to": "publish", "condition": "approved"},
        {"from": "review", "to": "draft", "condition": "changes_requested"},
        {"from": "publish", "to": "__end__"},
    ],
}

# A run the API queued: still pending, or already taken (and moved on) by the worker beside the API.
TAKEN = ("pending", "running", "waiting_approval")


def new_definition(caller, slug: str | None = None) -> dict:
    r = caller.post("/api/v1/workflows/definitions", json={
        "slug": slug or f"inspection-prep-{uuid.uuid4().hex[:8]}", "name": "Inspection preparation", "graph": GRAPH})
    assert r.status_code == 201, r.text
    return r.json()


def test_definitions_list_own_and_platform(sapi):
    slugs = {d["slug"] for d in sapi.as_("acme").get("/api/v1/workflows/definitions").json()}
    assert {"autonomous-expert", "panel-deliberation", "deviation-triage"} <= slugs
    assert "safety-signal-review" not in slugs  # pharmaco's


def test_a_new_slug_version_and_a_bad_graph(sapi):
    acme = sapi.as_("acme")
    first = new_definition(acme)
    again = new_definition(acme, first["slug"])
    assert (first["version"], again["version"]) == (1, 2)
    r = acme.post("/api/v1/workflows/definitions", json={
        "slug": "broken", "name": "Broken", "graph": {"nodes": [{"id": "a"}], "edges": [{"from": "a", "to": "b"}]}})
    assert r.status_code == 400 and r.json()["code"] == "workflow_definition_invalid"
    assert "'b' is unknown" in r.json()["message"]


def test_run_steps_approval_and_events(sapi, chunks):
    acme = sapi.as_("acme")
    definition = new_definition(acme)
    r = acme.post("/api/v1/workflows/runs", json={"definition_id": definition["id"],
                                                  "input": {"question": "How do we prepare for a GMP inspection?"}})
    assert r.status_code == 201, r.text
    # queued for the worker beside the API, which may have taken it already by the time the answer is read
    assert r.json()["status"] in TAKEN and r.headers["Location"] == f"/api/v1/workflows/runs/{r.json()['id']}"
    run = rested(acme, r.json()["id"])
    assert run["status"] == "waiting_approval"
    assert [(s["node"], s["status"]) for s in run["steps"]] == [
        ("collect", "succeeded"), ("draft", "succeeded"), ("review", "waiting_approval")]
    assert run["approvals"][0]["request"]["options"] == ["approved", "changes_requested"]
    r = acme.post(f"/api/v1/workflows/runs/{run['id']}/approvals", json={"decision": "ship-it"})
    assert r.status_code == 400 and "approved, changes_requested" in r.json()["hint"]
    r = acme.post(f"/api/v1/workflows/runs/{run['id']}/approvals", json={"approved": False,
                                                                        "decision": "changes_requested"})
    assert r.json()["status"] in TAKEN and r.json()["approvals"][0]["status"] == "rejected"
    run = rested(acme, run["id"])
    assert run["status"] == "waiting_approval" and [s["node"] for s in run["steps"]].count("draft") == 2
    run = rested(acme, acme.post(f"/api/v1/workflows/runs/{run['id']}/approvals", json={"comment": "ok"}).json()["id"])
    assert run["status"] == "succeeded" and run["steps"][-1]["node"] == "publish"
    tools = run["output"]["outputs"]["publish"]["tools"]
    assert tools["qms_update"]["status"] == "unavailable" and tools["knowledge_search"]["status"] == "succeeded"
    draft = run["output"]["outputs"]["draft"]
    assert {c["chunk_id"] for c in draft["citations"]} <= set(chunks["acme"]["GMP inspection readiness"])
    events = acme.get(f"/api/v1/workflows/runs/{run['id']}/events").json()
    assert [e["sequence"] for e in events] == list(range(1, len(events) + 1))
    kinds = [e["event"] for e in events]
    assert kinds[0] == "run_started" and kinds[-1] == "run_succeeded"
    assert kinds.count("approval_requested") == 2 and kinds.count("approval_decided") == 2
    assert "tool_called" in kinds and "llm_called" in kinds
    later = acme.get(f"/api/v1/workflows/runs/{run['id']}/events?after={len(events) - 2}").json()
    assert [e["sequence"] for e in later] == [len(events) - 1, len(events)]


def test_rejection_without_its_own_edge_ends_the_run(sapi):
    acme = sapi.as_("acme")
    definition = new_definition(acme)
    run = rested(acme, acme.post("/api/v1/workflows/runs", json={"definition_id": definition["id"],
                                                                 "input": {"question": "q"}}).json()["id"])
    run = rested(acme, acme.post(f"/api/v1/workflows/runs/{run['id']}/approvals", json={"approved": False}).json()["id"])
    assert run["status"] == "cancelled" and run["approvals"][0]["status"] == "rejected"


def test_pause_resume_cancel(sapi):
    acme = sapi.as_("acme")
    definition = new_definition(acme)
    run = rested(acme, acme.post("/api/v1/workflows/runs", json={"definition_id": definition["id"],
                                                                 "input": {"question": "q"}}).json()["id"])
    paused = acme.post(f"/api/v1/workflows/runs/{run['id']}/pause").json()
    assert paused["status"] == "paused"
    assert acme.post(f"/api/v1/workflows/runs/{run['id']}/approvals", json={}).status_code == 409
    assert acme.post(f"/api/v1/workflows/runs/{run['id']}/resume").json()["status"] in TAKEN
    resumed = rested(acme, run["id"])
    assert resumed["status"] == "waiting_approval" and len(resumed["approvals"]) == 1
    cancelled = acme.post(f"/api/v1/workflows/runs/{run['id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["approvals"][0]["status"] == "rejected"
    assert acme.post(f"/api/v1/workflows/runs/{run['id']}/resume").status_code == 409
    assert acme.post(f"/api/v1/workflows/runs/{run['id']}/cancel").status_code == 409
    kinds = [e["event"] for e in acme.get(f"/api/v1/workflows/runs/{run['id']}/events").json()]
    assert {"run_paused", "run_resumed", "run_cancelled"} <= set(kinds)


def test_a_paused_run_stops_before_its_next_step(api_pool, callers, settings):
    """Pausing from elsewhere while a run executes: the step under way finishes, the next one does not start."""
    from vital.services.workflows import control, definitions, runs
    from vital.services.workflows.engine import Engine

    acme = callers["acme"]
    definition = definitions.create_definition(api_pool, acme, slug=f"pausable-{uuid.uuid4().hex[:8]}",
                                               name="Pausable", graph=GRAPH)
    engine = Engine(api_pool, acme, settings)
    run_id = engine.create(definition_id=definition["id"], input={"question": "GMP inspection"})
    engine.sink = lambda event: (event["event"] == "step_succeeded" and event["payload"]["node"] == "collect"
                                 and control.pause(Engine(api_pool, acme, settings), run_id))
    run = engine.advance(run_id)
    assert run.status == "paused"
    assert [s["node"] for s in runs.run_view(api_pool, acme, run_id)["steps"]] == ["collect"]
    engine.sink = None
    assert control.resume(engine, run_id).status == "waiting_approval"


def test_tenant_runs_a_platform_definition_by_slug(sapi):
    r = sapi.as_("acme").post("/api/v1/workflows/runs", json={
        "slug": "regulatory-document-review", "input": {"document_id": str(uuid.uuid4()), "guidance": "ICH E3"}})
    run = rested(sapi.as_("acme"), r.json()["id"])
    assert run["definition"]["slug"] == "regulatory-document-review" and run["status"] == "waiting_approval"
    assert [s["node"] for s in run["steps"]] == ["ingest", "map_requirements", "gap_analysis", "reviewer_signoff"]


@pytest.mark.parametrize("path", ["/api/v1/workflows/runs/{id}", "/api/v1/workflows/runs/{id}/events"])
def test_unknown_run_is_404(sapi, path):
    assert sapi.as_("acme").get(path.format(id=uuid.uuid4())).status_code == 404


def test_a_job_that_runs_twice_repeats_no_step(api_pool, callers, settings):
    """A worker's job may run again (a retry): carrying a run on that rests changes nothing; a decision is
    read back from the records and acted on once."""
    from vital.services.workflows import control, definitions, runs
    from vital.services.workflows.engine import Engine

    acme = callers["acme"]
    definition = definitions.create_definition(api_pool, acme, slug=f"twice-{uuid.uuid4().hex[:8]}",
                                               name="Twice", graph=GRAPH)
    engine = Engine(api_pool, acme, settings)
    run_id = engine.create(definition_id=definition["id"], input={"question": "GMP inspection"})
    assert control.carry_on(engine, run_id).status == "waiting_approval"
    assert control.carry_on(engine, run_id).status == "waiting_approval"
    with engine.tx() as conn:  # what decide_later records, without queueing (no worker here)
        control._record_decision(conn, engine.records(run_id), run_id, True, "approved", "ok")
        conn.execute("UPDATE workflow_runs SET status = 'pending' WHERE id = %s", (run_id,))
    assert control.carry_on(engine, run_id).status == "succeeded"
    assert control.carry_on(engine, run_id).status == "succeeded"
    view = runs.run_view(api_pool, acme, run_id)
    assert [(s["node"], s["status"]) for s in view["steps"]] == [
        ("collect", "succeeded"), ("draft", "succeeded"), ("review", "succeeded"), ("publish", "succeeded")]
    kinds = [e["event"] for e in runs.events(api_pool, acme, run_id)]
    assert kinds.count("run_succeeded") == 1 and kinds.count("approval_decided") == 1
