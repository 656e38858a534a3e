"""The worker's periodic job resumes the workflow runs a stopped process left `pending` or `running`:
found as vital_maintenance, queued again as their tenant and user, in that tenant's turn (tests/jobs runs
the queue itself)."""

from __future__ import annotations

import uuid

import pytest
from psycopg_pool import ConnectionPool

from tests import pg
from tests.services.test_workflows import GRAPH
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.jobs import maintenance
from vital.services.workflows import definitions
from vital.services.workflows.engine import Engine


@pytest.fixture
def worker_pool(services_db):
    """What a worker's tasks use: the workers' login (owns nothing, cannot bypass RLS)."""
    pool = ConnectionPool(with_user(pg.url(services_db[0]), "vital_worker"), min_size=1, max_size=4, open=True,
                          kwargs={"options": SESSION_OPTIONS, "autocommit": True})
    yield pool
    pool.close()


def test_stranded_runs_are_resumed_by_the_maintenance_job(services_db, api_pool, worker_pool, callers, settings):
    acme = callers["acme"]
    definition = definitions.create_definition(api_pool, acme, slug=f"stranded-{uuid.uuid4().hex[:8]}",
                                               name="Stranded", graph=GRAPH)
    engine = Engine(api_pool, acme, settings)
    stranded, fresh = (engine.create(definition_id=definition["id"], input={"question": "GMP inspection"})
                       for _ in range(2))
    with pg.connect(services_db[0]) as conn:  # the process that created `stranded` stopped an hour ago
        conn.execute("SET session_replication_role = replica")  # keep the backdated updated_at
        conn.execute("UPDATE workflow_runs SET updated_at = now() - interval '1 hour' WHERE id = %s", (stranded,))
    idle = settings.model_copy(update={"worker_resume_idle_seconds": 60})
    done = maintenance.resume_runs(worker_pool, idle)
    assert done == {"resumed": 1, "skipped": 0}
    with pg.connect(services_db[0]) as conn:
        queued = conn.execute("SELECT task_name, args, priority, status::text FROM procrastinate.procrastinate_jobs "
                              "WHERE args->>'run' IN (%s, %s)", (stranded, fresh)).fetchall()
    if not queued:  # a worker of another module's API, beside these tests, took the job and finished it
        assert engine.get(stranded).status == "waiting_approval" and engine.get(fresh).status == "pending"
        return
    [(task, args, priority, _)] = queued  # a run created just now is left to its own process
    assert (task, args["run"], args["tenant_id"]) == ("vital.advance_run", stranded, str(acme.tenant_id))
    assert args["claims"]["sub"] == str(acme.user_id)  # the worker will act as the run's creator
    assert priority <= 0  # behind acme's own queued work, never ahead of another tenant's
    # Its job waits for its turn (or runs): the next round does not queue it a second time.
    assert maintenance.resume_runs(worker_pool, idle)["resumed"] == 0
