"""Workflow runs are executed by background-job workers, not the API process: a run started through an API
without a worker stays pending (its job queued with it) until a `vital worker` takes it to its end; a worker
killed in the middle of a run is replaced and the run goes on from its last finished step, each step done once."""

from __future__ import annotations

import signal
import uuid

from tests import pg
from tests.harness import running
from tests.jobs.test_workers import wait_for, worker  # noqa: F401  (the fixture)
from tests.services.fake_openai import FakeOpenAI


def tool(node_id: str) -> dict:
    return {"id": node_id, "type": "tool", "tools": []}


CHAIN = {"nodes": [tool("first"), tool("second"), tool("third")],
         "edges": [{"from": "__start__", "to": "first"}, {"from": "first", "to": "second"},
                   {"from": "second", "to": "third"}, {"from": "third", "to": "__end__"}]}
SLOW = "Draft the deviation memo"
WITH_A_MODEL = {"nodes": [tool("first"), {"id": "draft", "type": "llm", "description": SLOW}, tool("last")],
                "edges": [{"from": "__start__", "to": "first"}, {"from": "first", "to": "draft"},
                          {"from": "draft", "to": "last"}, {"from": "last", "to": "__end__"}]}


def start_without_a_worker(database: str, graph: dict) -> str:
    """Define and start a run through the API, which runs no worker; then stop the API."""
    with running(database, embedding_provider="hash", services_retrieval="fulltext") as api:
        acme = api.as_("acme")
        definition = acme.post("/api/v1/workflows/definitions", json={
            "slug": f"queued-{uuid.uuid4().hex[:8]}", "name": "Queued", "graph": graph})
        assert definition.status_code == 201, definition.text
        r = acme.post("/api/v1/workflows/runs", json={"definition_id": definition.json()["id"], "input": {}})
        assert r.status_code == 201, r.text
        run = r.json()
        assert run["status"] == "pending" and run["steps"] == [] and r.headers["Location"].endswith(run["id"])
        assert acme.get(f"/api/v1/workflows/runs/{run['id']}").json()["status"] == "pending"
        return run["id"]


def status(conn, run_id: str) -> str:
    return conn.execute("SELECT status FROM workflow_runs WHERE id = %s", (run_id,)).fetchone()[0]


def steps(conn, run_id: str) -> list[tuple]:
    return conn.execute("SELECT node_key, status, attempt FROM workflow_run_steps WHERE run_id = %s "
                        "ORDER BY sequence", (run_id,)).fetchall()


def test_a_run_started_without_a_worker_stays_pending_until_a_worker_runs_it(fresh_db, worker):  # noqa: F811
    run_id = start_without_a_worker(fresh_db, CHAIN)
    with pg.connect(fresh_db, autocommit=True) as conn:
        assert status(conn, run_id) == "pending" and steps(conn, run_id) == []
        (task, lock, args), = conn.execute("SELECT task_name, lock, args FROM procrastinate.procrastinate_jobs "
                                           "WHERE status = 'todo'").fetchall()
        acme = conn.execute("SELECT id::text FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        assert (task, args["run"], args["tenant_id"]) == ("vital.advance_run", run_id, acme)
        assert lock == f"vital.advance_run:{acme}:{run_id}"  # one job of this run at a time

        worker(fresh_db, VITAL_SERVICES_RETRIEVAL="fulltext")
        wait_for(lambda: status(conn, run_id) not in ("pending", "running"), 60, "the run taken to its end")
        assert status(conn, run_id) == "succeeded"
        assert steps(conn, run_id) == [("first", "succeeded", 1), ("second", "succeeded", 1),
                                       ("third", "succeeded", 1)]
        creator = conn.execute("SELECT created_by FROM workflow_runs WHERE id = %s", (run_id,)).fetchone()[0]
        assert creator is not None  # the person who started it, as the worker acted for them
        wait_for(lambda: conn.execute("SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE task_name = "
                                      "'vital.advance_run'").fetchone()[0] == 0, 30, "the job done and deleted")


def test_a_worker_killed_mid_run_is_replaced_and_each_step_runs_once(fresh_db, worker):  # noqa: F811
    with FakeOpenAI() as llm:
        model = {"VITAL_LLM_PROVIDER": "openai", "VITAL_LLM_BASE_URL": llm.base_url,
                 "VITAL_SERVICES_RETRIEVAL": "fulltext",
                 # the killed worker's lease runs out soon (by default two minutes: the job waits for it)
                 "VITAL_WORKFLOW_LEASE_SECONDS": "2"}
        run_id = start_without_a_worker(fresh_db, WITH_A_MODEL)
        llm.slow_when = SLOW
        with pg.connect(fresh_db, autocommit=True) as conn:
            first = worker(fresh_db, **model)
            wait_for(lambda: steps(conn, run_id) == [("first", "succeeded", 1), ("draft", "running", 1)], 60,
                     "the model step under way")
            first.send_signal(signal.SIGKILL)
            first.wait()
            llm.slow_when = None
            assert status(conn, run_id) == "running"  # stranded: its worker is gone

            worker(fresh_db, **model)  # finds the dead worker's job stalled and runs it again
            wait_for(lambda: status(conn, run_id) not in ("pending", "running"), 90, "the run taken to its end")
            assert status(conn, run_id) == "succeeded"
            assert steps(conn, run_id) == [("first", "succeeded", 1), ("draft", "failed", 1),
                                           ("draft", "succeeded", 2), ("last", "succeeded", 1)]
            kinds = [r[0] for r in conn.execute("SELECT event_type FROM workflow_events WHERE run_id = %s "
                                                "ORDER BY sequence", (run_id,))]
            assert kinds.count("run_started") == 1 and kinds.count("run_resumed") == 1
            assert kinds[-1] == "run_succeeded"
            assert conn.execute("SELECT count(*) FROM workflow_events WHERE run_id = %s AND event_type = "
                                "'step_succeeded' AND payload->>'node' = 'first'", (run_id,)).fetchone()[0] == 1
