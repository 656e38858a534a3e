"""The OpenAI-compatible path, against a local server speaking that protocol (loopback, this test's own)."""

from __future__ import annotations

import json

import pytest

from tests import pg
from tests.services.conftest import agent_id
from tests.services.fake_openai import COMPLETION_TOKENS, PROMPT_TOKENS, FakeOpenAI
from vital.services.ask_expert.service import AskExpert
from vital.settings import Settings


@pytest.fixture
def fake():
    with FakeOpenAI() as server:
        yield server


def configure(api, tenant: str, **llm) -> None:
    with pg.connect(api.database) as conn:
        conn.execute("UPDATE tenants SET settings = settings || jsonb_build_object('llm', %s::jsonb) "
                     "WHERE subdomain = %s", (json.dumps(llm), tenant))
        conn.commit()


def test_a_tenant_configured_endpoint_answers_streams_and_is_accounted(fresh_sapi, fake, monkeypatch):
    monkeypatch.setenv("ACME_LLM_KEY", "sk-acme-test")
    configure(fresh_sapi, "acme", provider="openai", base_url=fake.base_url, model="test-model",
              api_key_env="ACME_LLM_KEY", usage_provider="vllm", price_prompt_per_1k=0.5,
              price_completion_per_1k=1.5)
    agent = agent_id(fresh_sapi.database, "acme", "hipaa-compliance-officer")
    r = fresh_sapi.as_("acme").post("/api/v1/ask-expert/sessions", headers={"Accept": "text/event-stream"}, json={
        "mode": 1, "agent_id": agent, "query": "When must we notify individuals about a HIPAA breach?"})
    assert r.status_code == 200
    events = [b for b in r.text.split("\n\n") if b.strip()]
    deltas = [b for b in events if b.startswith("event: delta")]
    assert len(deltas) > 3  # streamed token by token, as the endpoint sent it
    done = json.loads(events[-1].split("data: ", 1)[1])
    assert done["content"].startswith("According to") and "[1]" in done["content"]
    meta = done["metadata"]
    assert meta["answerer"] == "vllm" and meta["model"] == "test-model" and not meta["extractive"]
    assert meta["citations"][0]["ref"] == 1 and meta["confidence"] > 0
    sent = fake.requests[-1]
    assert sent["authorization"] == "Bearer sk-acme-test" and sent["body"]["stream"] is True
    assert sent["body"]["messages"][0]["content"].startswith("You are the HIPAA Compliance Officer")
    assert "[1] (" in sent["body"]["messages"][-1]["content"]  # the passages went with the question
    with pg.connect(fresh_sapi.database) as conn:
        usage = conn.execute("SELECT provider, model, prompt_tokens, completion_tokens, cost_usd, latency_ms "
                             "FROM llm_usage WHERE message_id = %s", (done["id"],)).fetchone()
    assert usage[:4] == ("vllm", "test-model", PROMPT_TOKENS, COMPLETION_TOKENS)
    assert float(usage[4]) == pytest.approx(0.105) and usage[5] >= 0
    # pharmaco did not configure one: still the offline answerer
    pharmaco_agent = agent_id(fresh_sapi.database, "pharmaco", "clinical-safety-monitor")
    r = fresh_sapi.as_("pharmaco").post("/api/v1/ask-expert/sessions", json={
        "mode": 1, "agent_id": pharmaco_agent, "query": "How are safety signals detected?"})
    assert r.json()["messages"][-1]["metadata"]["answerer"] == "extractive"


def test_autonomous_run_and_panel_through_a_global_endpoint(api_pool, callers, fake, services_db):
    settings = Settings(environment="test", services_retrieval="fulltext", llm_provider="openai",
                        llm_base_url=fake.base_url, llm_model="global-model")
    service = AskExpert(api_pool, callers["acme"], settings)
    agent = agent_id(services_db[0], "acme", "hipaa-compliance-officer")
    session = service.create(mode=3, agent_id=agent, query="When must we notify HHS about a HIPAA breach?")
    assert session["run"]["approvals"][0]["request"]["plan"] == [
        "Find the rule that applies", "Check the deadlines in the sources"]
    done = service.decide(session["id"], approved=True)
    answer = done["messages"][-1]
    assert done["status"] == "completed" and answer["content"].startswith("According to")
    assert answer["metadata"]["model"] == "global-model" and answer["citations"]

    from vital.services.panels.service import Panels
    panel = Panels(api_pool, callers["acme"], settings).create(
        question="Should we notify HHS within 60 days of a breach?", archetype="structured", size=3)
    assert {v["position"] for v in panel["votes"]} == {"support"}
    assert panel["syntheses"][-1]["strength"] == "strong"
    assert all(c["content"].endswith("].") for c in panel["contributions"])  # the JSON's argument, not the JSON


def test_an_unreachable_endpoint_is_a_clear_502(fresh_sapi):
    configure(fresh_sapi, "acme", provider="openai", base_url="http://127.0.0.1:9/v1", model="m", timeout=2)
    agent = agent_id(fresh_sapi.database, "acme", "hipaa-compliance-officer")
    r = fresh_sapi.as_("acme").post("/api/v1/ask-expert/sessions", json={
        "mode": 1, "agent_id": agent, "query": "When must we notify individuals about a HIPAA breach?"})
    assert r.status_code == 502 and r.json()["code"] == "llm_unavailable"
