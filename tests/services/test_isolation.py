"""Another tenant can neither see nor touch sessions, panels or workflow runs (HTTP level)."""

from __future__ import annotations

import pytest

from tests.services.conftest import agent_id


@pytest.fixture(scope="module")
def acme_things(sapi, services_db):
    """One of each, made by acme: a mode-1 session, a mode-3 session waiting, a panel, a run."""
    acme = sapi.as_("acme")
    agent = agent_id(services_db[0], "acme", "quality-systems-architect")
    chat = acme.post("/api/v1/ask-expert/sessions", json={"mode": 1, "agent_id": agent,
                                                          "query": "How do we prepare for a GMP inspection?"}).json()
    waiting = acme.post("/api/v1/ask-expert/sessions", json={"mode": 3, "agent_id": agent,
                                                             "query": "How do we prepare for a GMP inspection?"}).json()
    panel = acme.post("/api/v1/panels", json={"question": "Should we run a mock GMP inspection?",
                                              "archetype": "structured", "size": 3}).json()
    return {"chat": chat, "waiting": waiting, "panel": panel, "run": waiting["run"]}


def reads(things):
    return [f"/api/v1/ask-expert/sessions/{things['chat']['id']}",
            f"/api/v1/ask-expert/sessions/{things['waiting']['id']}",
            f"/api/v1/panels/{things['panel']['id']}",
            f"/api/v1/panels/{things['panel']['id']}/report",
            f"/api/v1/workflows/runs/{things['run']['id']}",
            f"/api/v1/workflows/runs/{things['run']['id']}/events"]


def writes(things):
    return [(f"/api/v1/ask-expert/sessions/{things['chat']['id']}/messages", {"content": "GMP inspection?"}),
            (f"/api/v1/ask-expert/sessions/{things['waiting']['id']}/approve", {}),
            (f"/api/v1/ask-expert/sessions/{things['waiting']['id']}/cancel", None),
            (f"/api/v1/panels/{things['panel']['id']}/contributions", {"content": "mine"}),
            (f"/api/v1/panels/{things['panel']['id']}/cancel", None),
            (f"/api/v1/workflows/runs/{things['run']['id']}/approvals", {}),
            (f"/api/v1/workflows/runs/{things['run']['id']}/pause", None),
            (f"/api/v1/workflows/runs/{things['run']['id']}/cancel", None)]


def test_the_owner_sees_them(sapi, acme_things):
    for path in reads(acme_things):
        assert sapi.as_("acme").get(path).status_code == 200, path


def test_another_tenant_cannot_read_them(sapi, acme_things):
    for path in reads(acme_things):
        r = sapi.as_("pharmaco").get(path)
        assert r.status_code == 404, (path, r.text)


def test_another_tenant_cannot_act_on_them(sapi, services_db, acme_things):
    for path, body in writes(acme_things):
        r = sapi.as_("pharmaco").post(path, json=body)
        assert r.status_code == 404, (path, r.status_code, r.text)
    # ... and nothing changed
    assert sapi.as_("acme").get(f"/api/v1/workflows/runs/{acme_things['run']['id']}").json()["status"] == \
        "waiting_approval"
    assert len(sapi.as_("acme").get(f"/api/v1/ask-expert/sessions/{acme_things['chat']['id']}").json()["messages"]) == 2


def test_lists_are_per_tenant(sapi, acme_things):
    pharmaco = sapi.as_("pharmaco")
    assert acme_things["chat"]["id"] not in {s["id"] for s in pharmaco.get("/api/v1/ask-expert/sessions").json()}
    assert acme_things["panel"]["id"] not in {p["id"] for p in pharmaco.get("/api/v1/panels").json()}
    assert acme_things["run"]["id"] not in {r["id"] for r in pharmaco.get("/api/v1/workflows/runs").json()}
    assert acme_things["chat"]["id"] in {s["id"] for s in sapi.as_("acme").get("/api/v1/ask-expert/sessions").json()}


def test_answers_never_cite_another_tenants_documents(sapi, chunks):
    acme_chunks = {c for ids in chunks["acme"].values() for c in ids}
    pharmaco_chunks = {c for ids in chunks["pharmaco"].values() for c in ids}
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={
        "mode": 2, "query": "What did the PCB-214 hepatotoxicity review find about Hy's law cases?"})
    cited = {c["chunk_id"] for m in r.json()["messages"] for c in m["citations"]}
    assert not cited & pharmaco_chunks
    r = sapi.as_("pharmaco").post("/api/v1/ask-expert/sessions", json={
        "mode": 2, "query": "What did the PCB-214 hepatotoxicity review find about Hy's law cases?"})
    cited = {c["chunk_id"] for m in r.json()["messages"] for c in m["citations"]}
    assert cited & pharmaco_chunks and not cited & acme_chunks


def test_a_panel_cannot_seat_another_tenants_agent(sapi, services_db):
    own = agent_id(services_db[0], "pharmaco", "rare-disease-evidence-analyst")
    r = sapi.as_("acme").post("/api/v1/panels", json={
        "question": "Should we use an external control arm?", "archetype": "structured",
        "agents": [own, agent_id(services_db[0], "acme", "biostatistician"),
                   agent_id(services_db[0], "acme", "clinical-protocol-designer")]})
    assert r.status_code == 404
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={"mode": 1, "agent_id": own, "query": "q"})
    assert r.status_code == 404
