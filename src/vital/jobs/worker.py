"""Running workers: `vital worker` in the foreground, or one beside the API (`vital up`, `vital serve`).

A worker holds two pools of the workers' login (vital_worker): Procrastinate's
(async, search path = the queue's schema) and the one the tasks' transactions use.
A worker that stops beating its heart (killed, machine gone) is pruned by the next
worker to start, and its jobs are retried by a live one (`retry_stalled`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from uuid import UUID

import procrastinate
import psycopg
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from vital.db.connection import SESSION_OPTIONS, Database, with_user
from vital.errors import ConfigError
from vital.jobs import tasks  # noqa: F401  (registers the tasks on the app)
from vital.jobs.app import QUEUE_OPTIONS, app
from vital.knowledge import embeddings
from vital.knowledge.embeddings import Embedder, ModelRef
from vital.priority import lower_backends, lower_this_thread
from vital.services import graphs
from vital.settings import Settings

log = logging.getLogger("vital.jobs")


@dataclass
class Runtime:
    """What the tasks of one worker share: settings, the tenant pool, the database, the embedder (loaded on
    first use)."""

    settings: Settings
    pool: ConnectionPool
    db: Database | None = None  # the owner's and the embedded server's: kb_tune, pitr_base_backup
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def embedder(self) -> Embedder:
        with self._lock:
            return embeddings.current(self.settings)

    def model(self, conn: psycopg.Connection, model_id: str) -> ModelRef:
        """The model the job was queued for, which must be the one this worker embeds with."""
        ref = embeddings.registered(conn, self.embedder)
        if ref.id != UUID(model_id):
            raise ConfigError("This worker embeds with another model than the API that queued the job.",
                              hint="Give the API and the workers the same VITAL_EMBEDDING_* settings.")
        return ref


def worker_url(db: Database) -> str:
    """The workers' login: owns nothing, cannot bypass RLS (docs/operations.md#background-jobs)."""
    s = db.settings
    if s.worker_database_url:
        return s.worker_database_url
    if db.server is not None:
        return db.server.url(s.database_name, user=s.worker_role)
    return with_user(s.database_url, s.worker_role)


async def work(db: Database, *, concurrency: int | None = None, name: str = "worker",
               install_signal_handlers: bool = True) -> None:
    """Run one worker until it is stopped (a signal, or its task cancelled)."""
    s, url = db.settings, worker_url(db)
    lower_this_thread(s.worker_nice)  # parsing and embedding wait for the API's requests (vital/priority.py)
    # Procrastinate logs each job's arguments at INFO, and a tenant job's carry its caller's claims (e-mail).
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    concurrency = concurrency or s.worker_concurrency
    graphs.register()  # workflow runs resumed here need their graphs' behaviour
    pool = ConnectionPool(url, kwargs={"options": SESSION_OPTIONS}, min_size=1, max_size=concurrency + 2,
                          configure=lower_backends(s.worker_nice), open=True, name=f"{name}-tenants")
    queue = AsyncConnectionPool(url, kwargs={"options": QUEUE_OPTIONS}, min_size=1, max_size=concurrency + 3,
                                open=False, name=f"{name}-queue")
    try:
        await queue.open()
        # A connector of this worker's own: Procrastinate's keeps a pool it was given after closing, so the next
        # worker of the same process (an in-process worker started again) would get this one's closed pool.
        with app.replace_connector(procrastinate.PsycopgConnector()):
            async with app.open_async(queue):
                janitor = asyncio.create_task(retry_stalled(s.worker_stalled_seconds))
                try:
                    await app.run_worker_async(
                        name=name, concurrency=concurrency, additional_context={"vital": Runtime(s, pool, db)},
                        update_heartbeat_interval=s.worker_heartbeat_seconds,
                        stalled_worker_timeout=s.worker_stalled_seconds, delete_jobs="successful",
                        install_signal_handlers=install_signal_handlers)
                finally:
                    janitor.cancel()
    finally:
        await queue.close()
        pool.close()


async def retry_stalled(stalled_seconds: float) -> None:
    """Put back on the queue the jobs of workers whose heartbeat stopped (Procrastinate's stalled jobs)."""
    while True:
        try:
            for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_seconds):
                log.warning("retrying a stalled job", extra={"job": job.id, "task": job.task_name})
                await app.job_manager.retry_job(job)
        except Exception as exc:  # noqa: BLE001  another worker retried it first, or the database is away:
            # Procrastinate wraps the database's refusal in its own exception; either way, the next round
            log.info("stalled jobs not retried this round", extra={"error": str(exc)[:200]})
        await asyncio.sleep(max(1.0, stalled_seconds / 3))


class InProcessWorker:
    """One worker on a thread of its own, beside the API (`vital up`): started and stopped with it."""

    def __init__(self, db: Database, concurrency: int | None = None):
        self.db, self.concurrency = db, concurrency
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="vital-worker", daemon=True)

    def __enter__(self) -> "InProcessWorker":
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        if self._loop is not None and self._task is not None:
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(30)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._task = self._loop.create_task(work(self.db, concurrency=self.concurrency, name="api-worker",
                                                 install_signal_handlers=False))
        self._ready.set()
        try:
            self._loop.run_until_complete(self._task)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("the in-process worker stopped")
        finally:
            self._loop.close()
