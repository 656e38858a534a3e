"""Every way a real model server misbehaves, through the HTTP API: modes 1-4, panels, committees, workflow steps.

One hostile OpenAI-compatible endpoint (hostile_model.py) and one real API server on loopback
(uvicorn: a client can hang up mid-stream) for the module. Whatever the model does, the client
gets an answer whose unsupported parts are removed and listed, a declined answer, or a 502
llm_unavailable naming what it left behind; never a 500, never a session without an answer
to its question, never a model call without its llm_usage row.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tests import pg
from tests.harness import api_settings, rested, served_over_loopback, tenants_of, worker_beside
from tests.services.conftest import SERVICE_SETTINGS, agent_id, prepared
from tests.services.hostile_model import HostileModel

QUESTION = "When must we notify individuals about a HIPAA breach?"
SECONDS = 2  # the tenant's time limit for every purpose here (the slow behaviour waits longer)


@pytest.fixture(scope="module")
def hostile():
    with HostileModel() as server:
        server.slow_seconds = SECONDS + 2
        yield server


@pytest.fixture(scope="module")
def env(hostile):
    name, _ = prepared()
    with pg.connect(name) as conn:
        llm = {"provider": "openai", "base_url": hostile.base_url, "model": "hostile", "usage_provider": "other",
               "seconds": {p: SECONDS for p in ("interactive", "autonomous", "panel", "workflow")}}
        conn.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE subdomain = 'acme'",
                     (json.dumps({"llm": llm, "limits": {"sessions_per_day": 100000}}),))
        conn.commit()
    settings = api_settings(name, **SERVICE_SETTINGS)
    try:
        with worker_beside(settings), served_over_loopback(settings) as port:
            token = tenants_of(name, settings)["acme"].token
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                              headers={"Host": "acme.localhost", "Authorization": f"Bearer {token}"}) as client:
                yield client, name
    finally:
        pg.drop(name)


def ask(env, query: str, mode: int = 1, stream: bool = False):
    client, name = env
    body = {"mode": mode, "query": query, "stream": stream}
    if mode in (1, 3):
        body["agent_id"] = agent_id(name, "acme", "hipaa-compliance-officer")
    return client.post("/api/v1/ask-expert/sessions", json=body)


def rows(env, sql: str, *args):
    with pg.connect(env[1]) as conn:
        return conn.execute(sql, args).fetchall()


def consistent(env, session_id: str, calls: int) -> dict:
    """The session as its owner finds it: the question and an answer to it, each model call in llm_usage."""
    session = env[0].get(f"/api/v1/ask-expert/sessions/{session_id}").json()
    roles = [m["role"] for m in session["messages"]]
    assert roles and roles[0] == "user" and roles[-1] == "assistant", roles
    usage = rows(env, "SELECT count(*) FROM llm_usage WHERE session_id = %s", session_id)[0][0]
    assert usage == calls, (usage, calls)
    return session


# behaviour -> (HTTP status, outcome, removed at least, finish reason)
INTERACTIVE = {
    "good": (201, "answered", 0, "stop"),
    "invented_citation": (201, "answered", 1, "stop"),
    "only_invented": (201, "declined", 2, "stop"),
    "no_citations": (201, "declined", 1, "stop"),
    "prompt_echo": (201, "declined", 0, "prompt_echo"),
    "template_markup": (201, "answered", 0, "prompt_echo"),
    "empty": (201, "declined", 0, "stop"),
    "length": (201, "answered", 1, "length"),
    "repetition": (201, "answered", 0, "repetition"),
    "html": (201, "declined", 0, "interrupted"),
    "wrong_shape": (201, "declined", 0, "interrupted"),
    "midway": (502, "failed", 0, "error"),
    "slow": (502, "failed", 0, "error"),
    "status_400": (502, "failed", 0, "error"),
    "status_429": (502, "failed", 0, "error"),
    "status_500": (502, "failed", 0, "error"),
    "garbage": (502, "failed", 0, "error"),
}


def test_every_model_behaviour_in_modes_1_and_2_ends_in_a_defined_outcome(env, hostile):
    good_confidence = None
    for number, (behaviour, (status, outcome, removed, finish)) in enumerate(INTERACTIVE.items()):
        before = len(hostile.requests)
        r = ask(env, f"{QUESTION} {{{{behave:{behaviour}}}}}", mode=1 + number % 2)
        assert r.status_code == status, (behaviour, r.status_code, r.text[:300])
        if status == 502:
            error = r.json()
            assert error["code"] == "llm_unavailable" and error["session_id"] and error["message_id"], error
            assert "Traceback" not in r.text and "SELECT" not in r.text
            session = consistent(env, error["session_id"], len(hostile.requests) - before)
        else:
            session = consistent(env, r.json()["id"], len(hostile.requests) - before)
        answer = session["messages"][-1]
        meta = answer["metadata"]
        assert meta["outcome"] == outcome and meta["finish_reason"] == finish, (behaviour, meta)
        assert len(meta["unsupported"]) >= removed, (behaviour, meta["unsupported"])
        assert "{{behave" not in answer["content"] and "<start_of_turn>" not in answer["content"]
        assert "Passages:" not in answer["content"] and "[99]" not in answer["content"]
        refs = {c["ref"] for c in meta["citations"]}
        assert refs <= set(range(1, meta.get("retrieval", {}).get("passages", 0) + 1)), behaviour
        if behaviour == "good":
            good_confidence = meta["confidence"]
            assert good_confidence > 0 and not meta["usage"]["estimated"]
        elif outcome == "answered":  # removed or unfinished parts lower the confidence
            assert 0 < meta["confidence"] < good_confidence, (behaviour, meta["confidence"])
        else:
            assert meta["confidence"] == 0.0
        if behaviour in ("repetition", "midway"):  # the endpoint reported nothing: counted, and said so
            assert meta["usage"]["estimated"] and meta["usage"]["completion_tokens"] > 0
        if behaviour == "repetition":
            assert answer["content"].count("covered entity must notify") <= 2
    failed = rows(env, "SELECT count(*) FROM llm_usage WHERE status = 'failed' AND model = 'hostile'")[0][0]
    assert failed >= 6
    # The tenant's counter saw every token of every call, failed ones included.
    spent, counted = rows(env, "SELECT (SELECT sum(total_tokens) FROM llm_usage WHERE model = 'hostile'), "
                               "(SELECT sum(value) FROM tenant_usage u JOIN tenants t ON t.id = u.tenant_id "
                               "WHERE t.subdomain = 'acme' AND metric = 'tokens' AND period_start = current_date)")[0]
    assert counted >= spent > 0


def events_of(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.split("\n\n"):
        if block.startswith("event: "):
            head, _, data = block.partition("\ndata: ")
            out.append((head[len("event: "):], json.loads(data)))
    return out


def test_streamed_answers_and_failures(env, hostile):
    r = ask(env, f"{QUESTION} {{{{behave:invented_citation}}}}", mode=2, stream=True)
    kinds = events_of(r.text)
    assert r.status_code == 200 and kinds[-1][0] == "done"
    assert kinds[-1][1]["metadata"]["unsupported"][0]["reason"].startswith("cites passage(s) not retrieved")
    r = ask(env, f"{QUESTION} {{{{behave:midway}}}}", mode=1, stream=True)
    kind, error = events_of(r.text)[-1]
    assert kind == "error" and error["code"] == "llm_unavailable" and error["session_id"]
    assert "midway" in error["message"]
    consistent(env, error["session_id"], 1)


def test_a_client_that_hangs_up_stops_the_generation_and_its_tokens_are_counted(env, hostile):
    client, _ = env
    hostile.behaviour = "good"
    cancelled = hostile.cancelled
    body = {"mode": 1, "agent_id": agent_id(env[1], "acme", "hipaa-compliance-officer"), "stream": True,
            "query": f"{QUESTION} {{{{behave:drip}}}}"}  # a long answer only a hang-up stops
    with client.stream("POST", "/api/v1/ask-expert/sessions", json=body) as r:
        session_id = None
        for line in r.iter_lines():
            if line.startswith("data: ") and '"mode"' in line and session_id is None:
                session_id = json.loads(line[6:])["id"]
            if line.startswith("event: delta"):
                break
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and hostile.cancelled == cancelled:
        time.sleep(0.1)
    assert hostile.cancelled > cancelled  # the endpoint saw its client go: generation stopped there
    while time.monotonic() < deadline:
        if client.get(f"/api/v1/ask-expert/sessions/{session_id}").json()["messages"][-1]["role"] == "assistant":
            break
        time.sleep(0.1)
    answer = consistent(env, session_id, 1)["messages"][-1]
    assert answer["metadata"]["outcome"] == "cancelled" and answer["content"].startswith("No answer")
    assert answer["metadata"]["usage"]["estimated"] and answer["metadata"]["usage"]["prompt_tokens"] > 0


def test_modes_3_and_4_keep_what_is_supported_or_fail_with_the_session_named(env, hostile):
    client, _ = env
    hostile.behaviour = "good"
    r = ask(env, f"{QUESTION} {{{{behave:invented_citation}}}}", mode=3)
    assert r.status_code == 201, r.text
    before = len(hostile.requests)
    done = client.post(f"/api/v1/ask-expert/sessions/{r.json()['id']}/approve", json={"approved": True}).json()
    answer = done["messages"][-1]
    assert done["status"] == "completed" and answer["metadata"]["unsupported"], answer["metadata"]
    assert "12 day notice" not in answer["content"]
    assert 0 < answer["metadata"]["confidence"] < 1
    assert rows(env, "SELECT count(*) FROM llm_usage WHERE workflow_run_id = %s",
                done["workflow_run_id"])[0][0] == len(hostile.requests) - before + 1  # + the plan
    r = ask(env, f"{QUESTION} {{{{behave:status_500}}}}", mode=4)
    assert r.status_code == 502 and r.json()["code"] == "llm_unavailable", r.text
    session = client.get(f"/api/v1/ask-expert/sessions/{r.json()['session_id']}").json()
    assert session["status"] == "failed" and session["messages"][-1]["role"] == "assistant"
    assert session["messages"][-1]["content"].startswith("No answer: The language model endpoint refused")
    assert rows(env, "SELECT status FROM llm_usage WHERE workflow_run_id = %s",
                session["workflow_run_id"]) == [("failed",)]


def test_panels_committees_and_workflow_steps(env, hostile):
    client, _ = env
    hostile.behaviour = "invented_citation"
    panel = client.post("/api/v1/panels", json={"question": "Should we notify HHS within 60 days of a breach?",
                                                "archetype": "structured", "size": 3, "rounds": 1}).json()
    assert panel["status"] == "completed", panel
    assert all("12 day notice" not in c["content"] for c in panel["contributions"])
    calls = rows(env, "SELECT count(*) FROM llm_usage WHERE panel_id = %s", panel["id"])[0][0]
    assert calls == len(panel["contributions"])
    hostile.behaviour = "only_invented"  # nothing supported: every member abstains
    committee = client.post("/api/v1/panels", json={"question": "Approve the breach notification plan?",
                                                    "kind": "committee", "size": 3, "rounds": 1}).json()
    assert committee["status"] == "completed" and {v["position"] for v in committee["votes"]} == {None}
    hostile.behaviour = "garbage"
    r = client.post("/api/v1/panels", json={"question": "Approve the breach notification plan?",
                                            "kind": "committee", "size": 3, "rounds": 1})
    assert r.status_code == 502 and r.json()["panel_id"], r.text
    failed = client.get(f"/api/v1/panels/{r.json()['panel_id']}").json()
    assert failed["status"] == "failed"
    assert rows(env, "SELECT status FROM llm_usage WHERE panel_id = %s", failed["id"]) == [("failed",)]
    hostile.behaviour = "invented_citation"
    run = client.post("/api/v1/workflows/runs", json={"slug": "deviation-triage",
                                                      "input": {"deviation_ref": "DEV-7 breach notification"}})
    assert run.status_code == 201, run.text
    steps = {s["node"]: s for s in rested(client, run.json()["id"])["steps"]}
    assert steps["classify"]["output"]["removed"] >= 1
    hostile.behaviour = "slow"
    run = client.post("/api/v1/workflows/runs", json={"slug": "deviation-triage", "input": {"deviation_ref": "X"}})
    assert run.status_code == 201, run.text  # queued: the model's failure is the run's, told by the run
    failed = rested(client, run.json()["id"])
    assert failed["status"] == "failed" and failed["error"].startswith("The language model"), failed["error"]
    hostile.behaviour = "good"


MARKUP = st.sampled_from(["<start_of_turn>", "<end_of_turn>", "<|im_start|>", "[INST]", "Question:", "Passages:",
                          "[1]", "[2]", "[7]", "[0]", "[999]", "{", "}", "\"", "\n", ".", "data:", "\\u0000"])
WORDS = st.sampled_from(["breach", "notify", "individuals", "within", "sixty", "days", "HHS", "the", "must",
                         "unsecured", "PHI", "discovery", "covered", "entity"])
COMPLETIONS = st.lists(st.one_of(MARKUP, WORDS, st.text(max_size=6)), max_size=40).map(" ".join)


@hsettings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=COMPLETIONS)
def test_any_completion_is_never_a_server_error(env, hostile, text):
    hostile.behaviour = "scripted"
    hostile.script = text
    before = len(hostile.requests)
    r = ask(env, QUESTION, mode=1)
    assert r.status_code in (201, 502), r.text
    session_id = r.json()["id"] if r.status_code == 201 else r.json()["session_id"]
    answer = consistent(env, session_id, len(hostile.requests) - before)["messages"][-1]
    assert answer["metadata"]["outcome"] in ("answered", "declined", "failed")
    hostile.behaviour = "good"


def test_instructions_lead_the_users_message_where_the_template_drops_system_messages(env, hostile):
    """llama.cpp's gemma chat format drops a system message: `system_role: user` keeps the instructions."""
    def last_messages(system_role: str) -> list[dict]:
        with pg.connect(env[1]) as conn:
            conn.execute("UPDATE tenants SET settings = jsonb_set(settings, '{llm,system_role}', to_jsonb(%s::text)) "
                         "WHERE subdomain = 'acme'", (system_role,))
            conn.commit()
        assert ask(env, f"{QUESTION} {{{{behave:good}}}}", mode=2).status_code == 201
        return hostile.requests[-1]["body"]["messages"]

    try:
        folded = last_messages("user")
        assert [m["role"] for m in folded] == ["user"]
        text = folded[0]["content"]  # the agent's prompt and the task's rules, then the passages and question
        assert text.startswith("You are the HIPAA Compliance Officer")
        assert text.index("Answer only from the numbered passages") < text.index("Passages:") < text.index(QUESTION)
        plain = last_messages("system")
        assert [m["role"] for m in plain] == ["system", "user"]
        assert "Answer only from" in plain[0]["content"] and "Answer only from" not in plain[1]["content"]
    finally:
        with pg.connect(env[1]) as conn:
            conn.execute("UPDATE tenants SET settings = settings #- '{llm,system_role}' WHERE subdomain = 'acme'")
            conn.commit()
