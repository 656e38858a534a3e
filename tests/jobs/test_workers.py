"""Background jobs with real `vital worker` processes: a worker killed mid-ingestion is replaced and the
documents appear once, whole; an upload whose API stopped before any worker ran is ingested later; a
job runs as the tenant that queued it; the scheduled maintenance (analytics roll-ups, per-tenant indexes,
PITR base backups) runs in a worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from tests import pg
from tests.harness import running
from tests.helpers import USERS, autogroup_nice_of, nice_of
from tests.knowledge.conftest import KB, settings
from vital.db.connection import Database
from vital.jobs.worker import InProcessWorker

NOTE = "# Note {n}\n\n" + "Protocol deviation {n} in the oncology trial, reported to the sponsor. " * 80
# A worker beats every half second and is dead after two silent seconds (the defaults: 10 s and 30 s).
FAST_HEARTBEAT = {"VITAL_WORKER_HEARTBEAT_SECONDS": "0.5", "VITAL_WORKER_STALLED_SECONDS": "2",
                  "VITAL_EMBEDDING_PROVIDER": "hash"}


@pytest.fixture
def prepared(fresh_db):
    with pg.connect(fresh_db, autocommit=True) as conn:
        KB(conn).model(settings())  # a deployment operation: the API role cannot register models
    return fresh_db


@pytest.fixture
def worker(cli_env):
    started = []

    def start(database: str, *, own_session: bool = False, **env: str) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-m", "vital", "worker", "--concurrency", "1"],
                                env=cli_env(database, **FAST_HEARTBEAT, **env), start_new_session=own_session,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def upload_in_background(database: str, subdomain: str, files: dict[str, bytes]) -> str:
    """Upload through the API (background=true), then stop the API: only the queue remembers the work."""
    with running(database, embedding_provider="hash") as api:
        response = api.as_(subdomain).post("/api/v1/knowledge/documents?background=true",
                                           files=[("files", (n, d)) for n, d in files.items()])
        assert response.status_code == 202, response.text
        assert response.json()["status"] == "queued"
        return response.json()["job_id"]


def job_row(conn, job_id: str) -> dict:
    row = conn.execute("SELECT status, items_done, items_failed, errors FROM rag_ingestion_jobs WHERE id = %s",
                       (job_id,)).fetchone()
    return dict(zip(("status", "done", "failed", "errors"), row))


def wait_for(condition, timeout: float = 90.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


DOCUMENTS = """
SELECT d.source_ref, count(DISTINCT d.id) AS documents, max((d.metadata->>'chunks')::int) AS expected,
       count(c.id) AS chunks
  FROM rag_documents d LEFT JOIN rag_knowledge_chunks c ON c.tenant_id = d.tenant_id AND c.document_id = d.id
 WHERE d.tenant_id = (SELECT id FROM tenants WHERE subdomain = %s) AND d.source_ref LIKE 'note-%%'
 GROUP BY d.source_ref ORDER BY 1"""


def test_a_worker_killed_mid_ingestion_is_replaced_and_each_document_appears_once_whole(prepared, worker):
    job = upload_in_background(prepared, "acme", {f"note-{n}.md": NOTE.format(n=n).encode() for n in (1, 2)})
    with pg.connect(prepared, autocommit=True) as conn:
        assert job_row(conn, job)["status"] == "queued"
        # The first worker writes note-1 and is killed while it waits before writing note-2.
        first = worker(prepared, VITAL_TEST_INGEST_DELAY="3")
        wait_for(lambda: job_row(conn, job)["done"] == 1, what="the first file written")
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert job_row(conn, job)["status"] == "running"  # stranded: its worker is gone

        worker(prepared)  # a new worker finds the dead worker's job stalled and runs it again
        finished = wait_for(lambda: (r := job_row(conn, job))["status"] not in ("queued", "running") and r,
                            what="the job retried to its end")
        assert (finished["status"], finished["done"], finished["failed"]) == ("succeeded", 2, 0)
        docs = conn.execute(DOCUMENTS, ("acme",)).fetchall()
        assert [(name, documents) for name, documents, _, _ in docs] == [("note-1.md", 1), ("note-2.md", 1)]
        assert all(chunks == expected > 0 for _, _, expected, chunks in docs)
        assert conn.execute("SELECT count(*) FROM vital.job_files").fetchone()[0] == 0  # staged files dropped
        attempts = conn.execute("SELECT status::text FROM procrastinate.procrastinate_jobs WHERE args->>'job' = %s",
                                (job,)).fetchall()
        assert attempts == []  # a job that succeeded is deleted from the queue


def test_an_upload_outlives_the_api_and_its_job_runs_as_its_tenant_only(prepared, worker):
    job = upload_in_background(prepared, "acme", {"note-7.md": NOTE.format(n=7).encode()})
    with pg.connect(prepared, autocommit=True) as conn:
        acme, pharmaco = (KB(conn).tenant(s) for s in ("acme", "pharmaco"))
        queued = conn.execute("SELECT task_name, args FROM procrastinate.procrastinate_jobs").fetchall()
        assert [(task, args["tenant_id"], args["claims"]["tenant_id"]) for task, args in queued] == [
            ("vital.ingest", str(acme), str(acme))]
        # A job queued by acme that names pharmaco's job row (args an attacker could shape) and pharmaco as
        # its tenant: the tenant and claims are overwritten by the database with acme's, and under acme's RLS
        # the worker finds neither pharmaco's row nor its files.
        other = conn.execute("INSERT INTO rag_ingestion_jobs (tenant_id, status, items_total) "
                             "VALUES (%s, 'queued', 1) RETURNING id::text", (pharmaco,)).fetchone()[0]
        claims = json.dumps({"role": "authenticated", "tenant_id": str(acme)})
        with conn.transaction():
            conn.execute("SELECT set_config('request.jwt.claims', %s, true), set_config('role', 'authenticated', true)",
                         (claims,))
            conn.execute("SELECT vital.enqueue_job('vital.ingest', %s::jsonb)", (json.dumps({
                "job": other, "collection": None, "domains": [], "metadata": {}, "model": "0" * 32,
                "tenant_id": str(pharmaco), "claims": {"role": "authenticated", "tenant_id": str(pharmaco)}}),))
        forged = conn.execute("SELECT args FROM procrastinate.procrastinate_jobs WHERE args->>'job' = %s",
                              (other,)).fetchone()[0]
        assert forged["tenant_id"] == forged["claims"]["tenant_id"] == str(acme)

        worker(prepared)
        done = wait_for(lambda: (r := job_row(conn, job))["status"] not in ("queued", "running") and r,
                        what="the upload ingested")
        assert (done["status"], done["done"]) == ("succeeded", 1)
        assert [d[:2] for d in conn.execute(DOCUMENTS, ("acme",)).fetchall()] == [("note-7.md", 1)]
        assert conn.execute(DOCUMENTS, ("pharmaco",)).fetchall() == []
        wait_for(lambda: conn.execute("SELECT count(*) FROM procrastinate.procrastinate_jobs "
                                      "WHERE status IN ('todo', 'doing')").fetchone()[0] == 0,
                 what="the forged job settled")
        assert job_row(conn, other)["status"] == "queued"  # pharmaco's row untouched


def test_scheduled_maintenance_rolls_up_each_tenant_as_itself_and_builds_per_tenant_indexes(prepared, worker):
    """The periodic tasks as the schedule queues them (here at once): every active tenant's analytics rolled
    up as that tenant; per-tenant vector indexes built by partition size (a threshold of 1 here: all of them);
    PITR base backups off without VITAL_WAL_ARCHIVE_DIR, and none of them fails."""
    today = "(now() AT TIME ZONE 'utc')::date"
    with pg.connect(prepared, autocommit=True) as conn:
        acme = KB(conn).tenant("acme")
        user = conn.execute("SELECT id FROM auth.users WHERE email = %s", (USERS["acme"],)).fetchone()[0]
        conn.execute("INSERT INTO analytics_events (tenant_id, event_type, created_by) VALUES (%s, 'test.seen', %s)",
                     (acme, user))
        conn.execute("DELETE FROM usage_metrics")
        KB(conn).ingest("acme", {"note-1.md": NOTE.format(n=1).encode()})  # vectors in acme's partition
        partitions = conn.execute("SELECT count(DISTINCT (tenant_id, embedding_model_id)) FROM rag_knowledge_chunks "
                                  "WHERE embedding_model_id IS NOT NULL").fetchone()[0]
        active = conn.execute(f"SELECT count(DISTINCT created_by) FROM analytics_events WHERE tenant_id = %s "
                              f"AND (occurred_at AT TIME ZONE 'utc')::date = {today}", (acme,)).fetchone()[0]
        for task in ("vital.rollup_analytics", "vital.kb_tune", "vital.pitr_base_backup"):
            conn.execute("INSERT INTO procrastinate.procrastinate_jobs (queue_name, task_name, args) "
                         "VALUES ('maintenance', %s, '{\"timestamp\": 0}')", (task,))
        worker(prepared, VITAL_SEARCH_TENANT_INDEX_MIN_CHUNKS="1")
        wait_for(lambda: conn.execute("SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE status IN "
                                      "('todo', 'doing')").fetchone()[0] == 0, what="the maintenance jobs done")
        assert conn.execute("SELECT task_name FROM procrastinate.procrastinate_jobs "
                            "WHERE status <> 'succeeded'").fetchall() == []
        rolled = dict(conn.execute(
            f"SELECT t.subdomain, u.value FROM usage_metrics u JOIN tenants t ON t.id = u.tenant_id "
            f"WHERE u.metric = 'active_users' AND u.day = {today} AND u.created_by IS NULL").fetchall())
        tenants = conn.execute("SELECT count(*) FROM tenants WHERE status = 'active' AND deleted_at IS NULL "
                               "AND id <> vital.platform_tenant_id()").fetchone()[0]
        assert len(rolled) == tenants and rolled["acme"] == active >= 1 and "pharmaco" in rolled
        built = conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'rkc\\_hnsw\\_%%'").fetchone()[0]
        assert built == partitions > 0


def test_workers_yield_the_cpu_to_the_api(prepared, worker):
    """Parsing and embedding must not delay requests on a shared host: a worker runs 19 nice steps below
    (VITAL_WORKER_NICE); one beside the API lowers only its own thread, not the API's. Where the kernel shares
    the cores between sessions first (autogroup), a worker that leads its own session (as a service does) and
    each of its server processes (PostgreSQL's lead theirs) have their session's nice value lowered too."""
    base = os.getpriority(os.PRIO_PROCESS, 0)
    lowered = min(19, base + 19)
    apart = worker(prepared, own_session=True)
    wait_for(lambda: nice_of(apart.pid) == lowered, 60, "`vital worker` running 19 steps lower")
    if autogroup_nice_of(apart.pid) is not None:  # the kernel grouped its session
        wait_for(lambda: autogroup_nice_of(apart.pid) == 19, 30, "`vital worker`'s session lowered")
    assert autogroup_nice_of(os.getpid()) in (0, None), "the suite's own session kept its priority"
    # The database's share of its work too: its tenants' connections are served by lowered server processes
    # (the server is on this machine), while everyone else's keep their priority.
    with pg.connect(prepared, autocommit=True) as conn:
        def backends(role: str) -> list[int]:
            return [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity WHERE usename = %s AND "
                                                   "datname = current_database()", (role,))]
        wait_for(lambda: any(nice_of(pid) == lowered for pid in backends("vital_worker")), 30,
                 "a server process of the worker's lowered")
        assert nice_of(conn.info.backend_pid) == nice_of(psutil.Process(conn.info.backend_pid).ppid()), \
            "another client's server process kept the postmaster's priority"
        if autogroup_nice_of(conn.info.backend_pid) is not None:  # the kernel grouped its session
            wait_for(lambda: {autogroup_nice_of(pid) for pid in backends("vital_worker")
                              if nice_of(pid) == lowered} == {19}, 30, "their sessions lowered")
            assert autogroup_nice_of(conn.info.backend_pid) == 0
    with InProcessWorker(Database(settings(database_url=pg.url(prepared)))) as beside:
        thread = beside._thread.native_id
        wait_for(lambda: nice_of(os.getpid(), thread) == lowered, 30, "the worker thread lowered")
        assert nice_of(os.getpid()) == base, "the API's own thread kept its priority"
    with InProcessWorker(Database(settings(database_url=pg.url(prepared), worker_nice=0))) as same:
        time.sleep(1)  # it has started work() (its ready event) and set nothing
        assert nice_of(os.getpid(), same._thread.native_id) == base
