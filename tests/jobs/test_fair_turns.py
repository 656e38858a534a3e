"""One tenant's background work cannot keep another's waiting: a workflow run executes in slices
(VITAL_WORKER_SLICE_SECONDS) and goes on in a new job queued behind other work, and a tenant's new job
is queued behind that tenant's own backlog only (migration 20261124000047). Real `vital worker`, one
job at a time."""

from __future__ import annotations

import json
import uuid

from tests import pg
from tests.harness import running
from tests.jobs.test_workers import NOTE, job_row, prepared, wait_for, worker  # noqa: F401  (the fixtures)

LOOP = {"nodes": [{"id": "a", "type": "tool", "tools": []}, {"id": "b", "type": "tool", "tools": []}],
        "edges": [{"from": "__start__", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}
RUN_SECONDS = 4


def runs_of(conn, definition: str) -> list[tuple]:
    return conn.execute("SELECT id::text, status, error FROM workflow_runs WHERE definition_id = %s "
                        "ORDER BY created_at", (definition,)).fetchall()


def test_a_tenants_endless_runs_make_way_for_another_tenants_upload(prepared, worker):  # noqa: F811
    with pg.connect(prepared, autocommit=True) as conn:
        # acme's runs loop until their run time is spent (the step cap far away), four seconds each
        conn.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE subdomain = 'acme'", (json.dumps(
            {"limits": {"run_seconds": RUN_SECONDS, "steps_per_run": 1_000_000, "concurrent_runs": 10}}),))
    with running(prepared, embedding_provider="hash", services_retrieval="fulltext") as api:
        acme = api.as_("acme")
        made = acme.post("/api/v1/workflows/definitions",
                         json={"slug": f"loop-{uuid.uuid4().hex[:8]}", "name": "Loop", "graph": LOOP})
        assert made.status_code == 201, made.text
        loop = made.json()["id"]
        for _ in range(3):
            r = acme.post("/api/v1/workflows/runs", json={"definition_id": loop, "input": {}})
            assert r.status_code == 201, r.text
        upload = api.as_("pharmaco").post("/api/v1/knowledge/documents?background=true",
                                          files=[("files", ("note-1.md", NOTE.format(n=1).encode()))])
        assert upload.status_code == 202, upload.text
        job = upload.json()["job_id"]

    with pg.connect(prepared, autocommit=True) as conn:
        queued = conn.execute("SELECT t.subdomain, j.task_name, j.priority FROM procrastinate.procrastinate_jobs j "
                              "JOIN tenants t ON t.id = (j.args->>'tenant_id')::uuid ORDER BY j.id").fetchall()
        # acme's second and third runs queue behind acme's first; pharmaco's upload behind nothing of its own
        assert queued == [("acme", "vital.advance_run", 0), ("acme", "vital.advance_run", -1),
                          ("acme", "vital.advance_run", -2), ("pharmaco", "vital.ingest", 0)]

        worker(prepared, VITAL_WORKER_SLICE_SECONDS="1", VITAL_SERVICES_RETRIEVAL="fulltext")
        done = wait_for(lambda: job_row(conn, job)["status"] not in ("queued", "running"), 60, "the upload")
        moving = [run for run in runs_of(conn, loop) if run[1] in ("pending", "running")]
        assert done and job_row(conn, job)["status"] == "succeeded"
        # One job at a time, twelve seconds of acme's runs queued first: the upload did not wait for them.
        assert len(moving) >= 2, runs_of(conn, loop)

        wait_for(lambda: all(run[1] not in ("pending", "running") for run in runs_of(conn, loop)), 90,
                 "acme's runs spending their run time")
        for run_id, status, error in runs_of(conn, loop):
            # the slices' time adds up to the run-time cap: each run ends at it, not at a slice's end
            assert status == "failed" and f"run time limit of {RUN_SECONDS} s" in error, (status, error)
            kinds = [k for (k,) in conn.execute("SELECT event_type FROM workflow_events WHERE run_id = %s "
                                                "ORDER BY sequence", (run_id,))]
            assert kinds.count("run_started") == 1 and "run_resumed" not in kinds  # slices are not resumptions
            assert kinds[-1] == "run_failed"
            steps = conn.execute("SELECT count(*) FROM workflow_run_steps WHERE run_id = %s", (run_id,)).fetchone()[0]
            assert steps > 4  # it went on from slice to slice, step after step
