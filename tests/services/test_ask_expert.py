"""Ask Expert through the API, in each mode, on the offline answerer: answers cite retrieved passages."""

from __future__ import annotations

import json

import pytest

from tests import pg
from tests.services.conftest import agent_id

SIZE_QUESTION = "How do we calculate the sample size of a non-inferiority trial?"


def sse(response) -> list[tuple[str, dict]]:
    events = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def answer(session: dict) -> dict:
    return [m for m in session["messages"] if m["role"] == "assistant"][-1]


def assert_cites(message: dict, chunk_ids: list[str]):
    """Every citation is a retrieved chunk of the expected document, quoted in the answer."""
    cited = {c["chunk_id"] for c in message["citations"]}
    assert cited and cited <= set(chunk_ids), (cited, chunk_ids)
    assert 0 < message["metadata"]["confidence"] <= 1
    assert message["metadata"]["verification"]["unsupported"] == []
    for citation in message["metadata"]["citations"]:
        assert f"[{citation['ref']}]" in message["content"]


def test_mode_1_answers_with_citations(sapi, services_db, chunks):
    agent = agent_id(services_db[0], "acme", "biostatistician")
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={"mode": 1, "agent_id": agent,
                                                                    "query": SIZE_QUESTION})
    assert r.status_code == 201, r.text
    session = r.json()
    message = answer(session)
    assert message["agent_id"] == agent and message["content"].startswith("Extractive answer")
    assert_cites(message, chunks["acme"]["Non-inferiority trial design"])
    meta = message["metadata"]
    assert meta["extractive"] and meta["answerer"] == "extractive"
    assert {"retrieval_ms", "generation_ms", "first_token_ms", "total_ms"} <= set(meta["timings"])
    with pg.connect(services_db[0]) as conn:
        rows = conn.execute("SELECT rank, chunk_id::text, score FROM ask_expert_citations WHERE message_id = %s "
                            "ORDER BY rank", (message["id"],)).fetchall()
        usage = conn.execute("SELECT provider, total_tokens, cost_usd FROM llm_usage WHERE message_id = %s",
                             (message["id"],)).fetchone()
    assert [r[1] for r in rows] == [c["chunk_id"] for c in meta["citations"]]
    assert usage[0] == "extractive" and usage[1] > 0 and usage[2] == 0


def test_follow_up_in_the_same_session(sapi, services_db, chunks):
    agent = agent_id(services_db[0], "acme", "biostatistician")
    session = sapi.as_("acme").post("/api/v1/ask-expert/sessions",
                                    json={"mode": 1, "agent_id": agent, "query": SIZE_QUESTION}).json()
    r = sapi.as_("acme").post(f"/api/v1/ask-expert/sessions/{session['id']}/messages",
                              json={"content": "How must the non-inferiority margin be justified?"})
    assert r.status_code == 200, r.text
    assert r.json()["seq"] == 4
    assert_cites(r.json(), chunks["acme"]["Non-inferiority trial design"])


def test_answer_streams_as_server_sent_events(sapi, services_db, chunks):
    agent = agent_id(services_db[0], "acme", "quality-systems-architect")
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", headers={"Accept": "text/event-stream"},
                              json={"mode": 1, "agent_id": agent, "query": "How do we prepare for a GMP inspection?"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse(r)
    names = [e for e, _ in events]
    assert names[:2] == ["session", "meta"] and names[-1] == "done" and names.count("delta") >= 2
    done = events[-1][1]
    assert "".join(d["text"] for e, d in events if e == "delta").strip() == done["content"].strip()
    assert {c["chunk_id"] for c in done["citations"]} <= set(chunks["acme"]["GMP inspection readiness"])


@pytest.mark.parametrize("question, expected", [
    ("What are the HIPAA breach notification deadlines for protected health information?", "hipaa-compliance-officer"),
    ("How do we prepare for a GMP inspection?", "quality-systems-architect"),
    ("What should a briefing package for an FDA Type B meeting contain?", "fda-regulatory-strategist"),
    ("How do I build a budget impact model for payers?", "health-economics-analyst"),
])
def test_mode_2_picks_a_fitting_agent(sapi, services_db, question, expected):
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={"mode": 2, "query": question})
    assert r.status_code == 201, r.text
    message = answer(r.json())
    selection = message["metadata"]["agent_selection"]
    assert message["agent_slug"] == expected == selection["candidates"][0]["slug"]
    assert len(selection["candidates"]) > 1 and selection["candidates"][0]["score"] > selection["candidates"][1]["score"]
    assert r.json()["agent_slug"] == expected  # the session records the choice


def test_mode_2_picks_the_tenants_fork(sapi, services_db):
    r = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={
        "mode": 2, "query": "What should a briefing package for an FDA Type B meeting contain?"})
    assert answer(r.json())["agent_id"] == agent_id(services_db[0], "acme", "fda-regulatory-strategist")
    with pg.connect(services_db[0]) as conn:
        owner = conn.execute("SELECT t.subdomain FROM agents a JOIN tenants t ON t.id = a.tenant_id WHERE a.id = %s",
                             (answer(r.json())["agent_id"],)).fetchone()[0]
    assert owner == "acme"


def test_mode_3_plans_waits_for_approval_then_answers(sapi, services_db, chunks):
    agent = agent_id(services_db[0], "acme", "hipaa-compliance-officer")
    acme = sapi.as_("acme")
    r = acme.post("/api/v1/ask-expert/sessions", json={
        "mode": 3, "agent_id": agent,
        "query": "When must we notify individuals and HHS about a breach of protected health information?"})
    assert r.status_code == 201, r.text
    session = r.json()
    assert session["status"] == "waiting_approval" and session["messages"] == []
    run = session["run"]
    approval = run["approvals"][0]
    assert approval["status"] == "pending" and len(approval["request"]["plan"]) >= 2
    assert set(approval["request"]["options"]) == {"approved", "changes_requested", "rejected"}
    assert [s["node"] for s in run["steps"]] == ["plan", "approve"]

    r = acme.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve", json={"comment": "fine"})
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "completed" and done["run"]["status"] == "succeeded"
    nodes = [s["node"] for s in done["run"]["steps"]]
    assert nodes[:2] == ["plan", "approve"] and nodes[-2:] == ["synthesise", "verify"]
    assert nodes.count("execute") == len(approval["request"]["plan"])
    message = answer(done)
    assert_cites(message, chunks["acme"]["HIPAA breach notification"])
    assert message["metadata"]["plan"] == approval["request"]["plan"]
    assert message["metadata"]["workflow_run_id"] == run["id"]
    with pg.connect(services_db[0]) as conn:
        kinds = dict(conn.execute("SELECT kind, count(*) FROM workflow_checkpoints WHERE run_id = %s GROUP BY kind",
                                  (run["id"],)).fetchall())
        linked = conn.execute("SELECT count(*), count(message_id) FROM llm_usage WHERE workflow_run_id = %s",
                              (run["id"],)).fetchone()
    assert kinds["checkpoint"] > 5 and kinds["write"] > 5
    assert linked[0] >= 3 and linked[0] == linked[1]


def test_the_seeded_waiting_session_runs_the_plan_it_was_approved_with(fresh_sapi):
    """pharmaco's demo mode-4 session has a sketch of a checkpoint, not the engine's: approving it
    rebuilds the state from the run's input and the approved plan, and the run carries on."""
    pharmaco = fresh_sapi.as_("pharmaco")
    waiting = [s for s in pharmaco.get("/api/v1/ask-expert/sessions").json() if s["status"] == "waiting_approval"]
    assert len(waiting) == 1 and waiting[0]["mode"] == 4
    session = pharmaco.get(f"/api/v1/ask-expert/sessions/{waiting[0]['id']}").json()
    plan = session["run"]["approvals"][0]["request"]["plan"]
    r = pharmaco.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve", json={"comment": "go ahead"})
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "completed" and done["run"]["status"] == "succeeded"
    nodes = [s["node"] for s in done["run"]["steps"]]
    assert nodes[:2] == ["plan", "approve"] and nodes.count("execute") == len(plan) == 4
    message = answer(done)
    assert message["metadata"]["plan"] == plan
    assert_cites(message, fresh_sapi.chunks["pharmaco"]["PCB-214 confidential hepatic review"]
                 + fresh_sapi.chunks["pharmaco"]["Signal detection SOP"] + _seeded_chunks(fresh_sapi, "pharmaco"))


def test_a_waiting_run_without_engine_state_and_no_plan_to_rebuild_from_is_a_409(fresh_sapi):
    with pg.connect(fresh_sapi.database) as conn:
        conn.execute("UPDATE workflow_approvals SET request = request - 'plan' || '{\"kind\": \"approval\"}' "
                     "WHERE status = 'pending' AND tenant_id = (SELECT id FROM tenants WHERE subdomain = 'pharmaco')")
        conn.commit()
    pharmaco = fresh_sapi.as_("pharmaco")
    waiting = [s for s in pharmaco.get("/api/v1/ask-expert/sessions").json() if s["status"] == "waiting_approval"]
    r = pharmaco.post(f"/api/v1/ask-expert/sessions/{waiting[0]['id']}/approve", json={})
    assert r.status_code == 409 and "no state this engine can continue from" in r.json()["message"]
    assert pharmaco.get(f"/api/v1/ask-expert/sessions/{waiting[0]['id']}").json()["run"]["status"] == "failed"


def _seeded_chunks(api, tenant: str) -> list[str]:
    with pg.connect(api.database) as conn:
        return [str(r[0]) for r in conn.execute(
            "SELECT c.id FROM rag_knowledge_chunks c JOIN tenants t ON t.id = c.tenant_id "
            "WHERE t.subdomain IN (%s, 'platform')", (tenant,))]


def test_mode_3_changes_requested_replans(sapi, services_db):
    agent = agent_id(services_db[0], "acme", "quality-systems-architect")
    acme = sapi.as_("acme")
    session = acme.post("/api/v1/ask-expert/sessions", json={
        "mode": 3, "agent_id": agent, "query": "How do we prepare for a GMP inspection?"}).json()
    r = acme.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve",
                  json={"approved": False, "decision": "changes_requested", "comment": "Cover CAPA closure"})
    again = r.json()
    assert again["status"] == "waiting_approval"
    plans = [a["request"]["plan"] for a in again["run"]["approvals"]]
    assert len(plans) == 2 and plans[1][-1] == "Address the reviewer's request: Cover CAPA closure"
    r = acme.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve", json={"approved": False})
    assert r.json()["status"] == "cancelled" and r.json()["run"]["status"] == "cancelled"


def test_mode_4_picks_the_agent_and_runs_autonomously(sapi, services_db, chunks):
    acme = sapi.as_("acme")
    r = acme.post("/api/v1/ask-expert/sessions", json={
        "mode": 4, "query": "How should the non-inferiority margin and the sample size of a trial be justified?"})
    session = r.json()
    assert session["agent_slug"] in ("biostatistician", "clinical-protocol-designer")
    assert session["run"]["input"]["agent_selection"]["candidates"]
    done = acme.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve", json={}).json()
    message = answer(done)
    assert_cites(message, chunks["acme"]["Non-inferiority trial design"])
    assert message["metadata"]["agent_selection"]["chosen"] == session["agent_id"]


def test_budget_stops_execution_and_answers_from_what_it_has(sapi, services_db):
    agent = agent_id(services_db[0], "acme", "hipaa-compliance-officer")
    acme = sapi.as_("acme")
    session = acme.post("/api/v1/ask-expert/sessions", json={
        "mode": 3, "agent_id": agent, "budget_tokens": 1,
        "query": "When must we notify HHS about a breach of protected health information?"}).json()
    done = acme.post(f"/api/v1/ask-expert/sessions/{session['id']}/approve", json={}).json()
    assert done["status"] == "completed"
    assert [s["node"] for s in done["run"]["steps"]].count("execute") == 1
    assert answer(done)["metadata"]["stopped"] == "budget"
    events = acme.get(f"/api/v1/workflows/runs/{done['run']['id']}/events").json()
    assert "budget_exceeded" in [e["event"] for e in events]


def test_run_events_stream(sapi, services_db):
    agent = agent_id(services_db[0], "acme", "quality-systems-architect")
    acme = sapi.as_("acme")
    session = acme.post("/api/v1/ask-expert/sessions", json={
        "mode": 3, "agent_id": agent, "query": "How do we prepare for a GMP inspection?"}).json()
    events = sse(acme.get(f"/api/v1/ask-expert/sessions/{session['id']}/events"))
    names = [e for e, _ in events]
    assert names[0] == "run_started" and "approval_requested" in names and names[-1] == "end"
    sequences = [d["sequence"] for e, d in events if e != "end"]
    assert sequences == list(range(1, len(sequences) + 1))


@pytest.mark.parametrize("body, status", [
    ({"mode": 1, "query": "q"}, 400),                                   # mode 1 needs an agent
    ({"mode": 2, "query": "q", "agent_id": "00000000-0000-0000-0000-000000000001"}, 400),
    ({"mode": 5, "query": "q"}, 400),
    ({"mode": 1, "query": "q", "agent_id": "00000000-0000-0000-0000-000000000001"}, 404),
])
def test_bad_sessions_are_refused(sapi, body, status):
    assert sapi.as_("acme").post("/api/v1/ask-expert/sessions", json=body).status_code == status


def test_autonomous_sessions_take_no_chat_messages(sapi, services_db):
    agent = agent_id(services_db[0], "acme", "quality-systems-architect")
    session = sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={
        "mode": 3, "agent_id": agent, "query": "How do we prepare for a GMP inspection?"}).json()
    r = sapi.as_("acme").post(f"/api/v1/ask-expert/sessions/{session['id']}/messages", json={"content": "hi"})
    assert r.status_code == 409
