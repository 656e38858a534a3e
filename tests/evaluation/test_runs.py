"""Evaluation runs against the seeded platform library: the platform golden set through the
service (what CI runs), with every figure recomputed from the stored per-question results;
then runs over HTTP as background jobs, under RLS, and a tenant's questions through /rest/v1."""

from __future__ import annotations

import hashlib
import math
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest

from tests import pg
from tests.harness import running
from tests.helpers import USERS, tenant_id, user_id
from tests.roles.people import add_user
from vital.auth.tokens import mint_token
from vital.evaluation import golden
from vital.evaluation.runner import Evaluation, RunRequest
from vital.tenancy import Caller

REPR = {"Prefer": "return=representation"}


def test_the_platform_golden_set_on_the_seeded_library(library_db):
    expected = {q.question: q for q in golden.read_library() if q.tag == "golden"}
    assert len(expected) >= 40 and sum(q.should_decline for q in expected.values()) >= 4
    with pg.connect(library_db, autocommit=True) as conn:
        acme = Caller.member(tenant_id(conn, "acme"), user_id(conn, USERS["acme"]), role="authenticated")
        evaluation = Evaluation(conn, acme, pg.library_settings())
        run_id = evaluation.create(RunRequest(tag="golden", eval_set=golden.PLATFORM_SET, k=5))
        done = []
        run = evaluation.execute(run_id, progress=done.append)
        results = evaluation.get(run_id, results=True)["results"]
    assert run["status"] == "succeeded" and run["questions_done"] == run["questions_total"] == len(expected)
    assert len(done) == len(expected) and [r["position"] for r in results] == list(range(len(expected)))
    assert {r["question"] for r in results} == set(expected)
    # The platform's questions keep ids from their text, as the library's documents do from their slugs.
    key = f"eval_questions/platform/{golden.PLATFORM_SET}/{results[0]['question']}"
    assert results[0]["question_id"] == str(uuid.UUID(hashlib.md5(key.encode()).hexdigest()))
    judged = [r for r in results if r["error"] is None]
    assert len(judged) == len(results), [r["error"] for r in results if r["error"]]
    assert all(r["retrieved"] and r["latency_ms"] > 0 and r["answer"] for r in judged)

    # Every stored figure, recomputed here from the stored rows and the question files alone.
    m = run["metrics"]
    answerable = [r for r in judged if not expected[r["question"]].should_decline]
    with_doc = [r for r in answerable if expected[r["question"]].expected_document]
    assert m["hit_at_k"] == pytest.approx(sum(r["hit_rank"] is not None and r["hit_rank"] <= 5
                                              for r in with_doc) / len(with_doc), abs=1e-4)
    assert m["mrr"] == pytest.approx(sum(1 / r["hit_rank"] for r in with_doc if r["hit_rank"]) / len(with_doc),
                                     abs=1e-4)
    for r in with_doc:  # the rank is where the expected library document stands in the stored list
        slugs = [d["slug"] for d in r["retrieved"]]
        wanted = expected[r["question"]].expected_document
        assert r["hit_rank"] == (slugs.index(wanted) + 1 if wanted in slugs else None)
    with_fact = [r for r in answerable if expected[r["question"]].fact_pattern]
    found = [re.search(expected[r["question"]].fact_pattern, re.sub(r"\[\d+\]", "", r["answer"]), re.I) is not None
             for r in with_fact]
    assert [r["fact_found"] for r in with_fact] == found
    assert m["fact_recall"] == pytest.approx(sum(found) / len(with_fact), abs=1e-4)
    for r in judged:
        assert r["declined"] == (r["confidence"] < 0.3 or r["answer"].startswith("(not answered"))
    to_decline = [r for r in judged if expected[r["question"]].should_decline]
    assert to_decline and all(r["correct"] == r["declined"] for r in to_decline)
    assert m["decline_recall"] == pytest.approx(sum(r["declined"] for r in to_decline) / len(to_decline), abs=1e-4)
    declined = [r for r in judged if r["declined"]]
    assert m["decline_precision"] == (pytest.approx(sum(r["should_decline"] for r in declined) / len(declined),
                                                    abs=1e-4) if declined else None)
    for r in answerable:  # right means: not declined, and the fact in the answer
        assert r["correct"] == (not r["declined"] and r["fact_found"])
    wrong_sure = sum(not r["correct"] and r["confidence"] >= 0.5 for r in judged)
    assert m["wrong_confident_rate"] == pytest.approx(wrong_sure / len(judged), abs=1e-4)
    assert m["citation_validity"] == pytest.approx(
        sum(r["citations_valid"] for r in judged) / sum(r["citations_total"] for r in judged), abs=1e-4)
    latencies = sorted(r["latency_ms"] for r in judged)
    assert m["latency_ms_p95"] == pytest.approx(latencies[math.ceil(0.95 * len(latencies)) - 1], abs=0.1)
    print("platform golden set:", {k: m[k] for k in ("questions", "hit_at_k", "mrr", "fact_recall",
          "decline_precision", "decline_recall", "wrong_confident_rate", "citation_validity", "latency_ms_p50",
          "latency_ms_p95")})


def _wait(client, url: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = client.get(url).json()
        if found["status"] in ("succeeded", "failed"):
            return found
        time.sleep(0.2)
    raise AssertionError(f"the run at {url} did not finish")


def test_runs_over_http_as_background_jobs_under_rls(library_db, cli_env):
    with pg.connect(library_db, autocommit=True) as conn:
        viewer = add_user(conn, tenant_id(conn, "acme"), "vera.viewer@acme.example", "viewer")
    with running(library_db, embedding_provider="hash", vector_cache_dir=pg.LIBRARY_CACHE) as app:
        acme, pharmaco = app.as_("acme"), app.as_("pharmaco")
        # The tenant's own golden set through /rest/v1, under RLS; bad rows refused with a reason.
        made = acme.post("/rest/v1/eval_sets", json={"slug": "tiny", "name": "Tiny"}, headers=REPR)
        assert made.status_code == 201, made.text
        set_id = made.json()[0]["id"]
        rows = [{"set_id": set_id, "question": "which dictionary do we code adverse events with?",
                 "expected_document": "data-management-plan-and-database-lock", "fact_pattern": "MedDRA",
                 "should_decline": False},
                {"set_id": set_id, "question": "who won the last football world cup?", "expected_document": None,
                 "fact_pattern": None, "should_decline": True}]
        added = acme.post("/rest/v1/eval_questions", json=rows)
        assert added.status_code == 201, added.text
        bad = acme.post("/rest/v1/eval_questions", json={"set_id": set_id, "question": "q", "fact_pattern": "(("})
        assert bad.status_code == 400 and "fact_pattern" in bad.text and "SELECT" not in bad.text
        both = acme.post("/rest/v1/eval_questions", json={"set_id": set_id, "question": "q", "should_decline": True,
                                                          "fact_pattern": "x"})
        assert both.status_code == 400 and "expectation" in both.text
        assert pharmaco.get(f"/rest/v1/eval_questions?set_id=eq.{set_id}").json() == []

        started = acme.post("/api/v1/eval/runs", json={"set": "all", "eval_set": "tiny", "k": 3})
        assert started.status_code == 202, started.text
        body = started.json()
        assert body["status"] == "queued" and body["status_url"] == f"/api/v1/eval/runs/{body['run_id']}"
        assert acme.get(body["status_url"]).json()["status"] == "queued"  # nothing runs it until a worker does
        # A real `vital worker` process (Procrastinate's app keeps the first pool it was given, so a
        # second in-process worker in this test process would find it closed).
        worker = subprocess.Popen([sys.executable, "-m", "vital", "worker", "--concurrency", "1"],
                                  env=cli_env(library_db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            run = _wait(acme, body["status_url"])
        finally:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        assert run["status"] == "succeeded" and run["questions_done"] == run["questions_total"] == 2
        assert run["progress"] == 1.0 and run["k"] == 3 and run["eval_set"] == "tiny"
        assert run["metrics"]["should_decline"] == 1 and run["metrics"]["hit_at_k"] in (0.0, 1.0)
        detail = acme.get(body["status_url"], params={"results": "true"}).json()
        assert [r["question"] for r in detail["results"]] == [rows[0]["question"], rows[1]["question"]]
        assert detail["results"][1]["correct"] == detail["results"][1]["declined"]
        assert body["run_id"] in [r["id"] for r in acme.get("/api/v1/eval/runs").json()]
        compared = acme.get(body["status_url"], params={"compare_to": body["run_id"]}).json()["comparison"]
        assert compared["questions_in_both"] == 2 and not compared["right_to_wrong"]

        # Another tenant sees nothing of it; a viewer reads runs but cannot start one; bad input is a 4xx.
        assert pharmaco.get(body["status_url"]).status_code == 404
        assert all(r["id"] != body["run_id"] for r in pharmaco.get("/api/v1/eval/runs").json())
        token = mint_token(app.settings, tenant_id=app.tenants["acme"].id, user_id=viewer)
        as_viewer = app.as_("acme", token=token)
        assert as_viewer.get(body["status_url"]).status_code == 200
        refused = as_viewer.post("/api/v1/eval/runs", json={"set": "golden"})
        assert refused.status_code == 403, refused.text
        for wrong in ({"set": "everything"}, {"k": 0}, {"mode": 3}, {"mode": 1}):
            answer = acme.post("/api/v1/eval/runs", json=wrong)
            assert answer.status_code == 400, (wrong, answer.text)
        assert acme.post("/api/v1/eval/runs", json={"eval_set": "no-such-set"}).status_code == 404
        assert acme.get(f"/api/v1/eval/runs/{set_id}").status_code == 404
