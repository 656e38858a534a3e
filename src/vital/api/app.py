"""The HTTP API: `create_app(settings)` builds it; its lifespan opens the pools
(logging in as the API role, which owns nothing and cannot bypass RLS) and reads
the catalog once. Two pools of the same login and sizes: `pool` (sync psycopg,
used from worker threads: writes, services, sign-in) and `read_pool` (psycopg's
AsyncConnectionPool, used on the event loop by the /rest/v1 reads, which take no
thread: docs/api.md#the-read-path), and `heavy_read_pool` beside it for the
reads that filter by regular expression, whose server processes run lowered
(vital.priority) when the server is on this machine."""

from __future__ import annotations

import gc
import sys
from contextlib import asynccontextmanager
from dataclasses import dataclass

import psycopg
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from psycopg_pool import AsyncConnectionPool, ConnectionPool, PoolTimeout
from starlette.concurrency import run_in_threadpool

from vital import __version__
from vital.api import admin, deleted, errors, gotrue, health
from vital.api import invitations, links  # e-mail flows and invitations (docs/auth.md)
from vital.api import analytics, ask_expert, panels, workflows  # services (docs/services.md)
from vital.api import embeddings, knowledge  # knowledge, search, graph, query vectors (docs/knowledge.md)
from vital.api import evaluation  # golden sets and evaluation runs (docs/knowledge.md#evaluation)
from vital.api import metrics, tracing  # what operators see (docs/operations.md#metrics-and-traces)
from vital.api import sso  # single sign-on (docs/auth.md)
from vital.api import storage  # Supabase Storage at /storage/v1 (docs/api.md#storage)
from vital import console
from vital.api.admission import Admission
from vital.api.body_limits import BodyLimits
from vital.api.directory import Directory
from vital.api.fairness import Fairness, Tickets
from vital.api.logs import AccessLog, configure_logging
from vital.api.rest import openapi, routes, rpc, schema_cache
from vital.api.rest.build import Builder
from vital.api.rest.relations import Relations
from vital.auth.secret import require_secret, with_secret
from vital.catalog import Catalog, read
from vital.db.connection import SESSION_OPTIONS, Database
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import DatabaseUnavailable
from vital.priority import lower_backends
from vital.services import graphs
from vital.settings import Settings, load_settings

SQL = Queries(__name__)

DESCRIPTION = """\
PostgREST-compatible data access to every table, for one tenant per subdomain
(`acme.vitalexpert.ai`, or `acme.localhost` locally). Authenticate with
`Authorization: Bearer <JWT>` (HS256, `aud=authenticated`, `tenant_id` claim or
`app_metadata.tenant_id`) or an API key. Row-level security does the isolation.
"""


@dataclass
class Api:
    """What every request needs, built once per process."""
    settings: Settings
    pool: ConnectionPool
    catalog: Catalog        # the one read of the schema (vital.catalog)
    relations: Relations    # what /rest/v1 serves of it
    builder: Builder
    directory: Directory
    fairness: Fairness      # what each tenant holds in this process (docs/fairness.md)
    read_pool: AsyncConnectionPool | None = None  # the /rest/v1 reads' (opened on the event loop: lifespan)
    heavy_read_pool: AsyncConnectionPool | None = None  # theirs that filter by regular expression: lowered


def connection_options(settings: Settings) -> str:
    return f"{SESSION_OPTIONS} -c statement_timeout={settings.api_statement_timeout_ms}"


def preflight(settings: Settings) -> str:
    """Connect once as the API role, so that `vital serve` fails with a clear message, not a traceback."""
    url = Database(settings).api_url
    try:
        with psycopg.connect(url, options=connection_options(settings), connect_timeout=10) as conn:
            return one(conn, SQL("preflight"))["login"]
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"The API cannot log in as '{settings.api_role}'.", details=str(exc).strip(),
                                  hint="Is the database migrated? `vital up --no-serve` or `vital db up` "
                                       "creates the role; on an external database set VITAL_API_DATABASE_URL.")


def _pool_arguments(settings: Settings, name: str) -> dict:
    return {"conninfo": Database(settings).api_url, "min_size": settings.api_pool_min_size,
            "max_size": settings.api_pool_max_size, "timeout": settings.api_pool_timeout, "name": name,
            "open": False, "kwargs": {"options": connection_options(settings), "autocommit": True,
                                      "application_name": name}}


def open_api(settings: Settings) -> Api:
    pool = ConnectionPool(**_pool_arguments(settings, "vital-api"))
    try:
        pool.open(wait=True, timeout=max(settings.api_pool_timeout, 10.0))
        with translate(), pool.connection() as conn:
            catalog = read(conn)
    except (PoolTimeout, DatabaseUnavailable) as exc:
        pool.close()
        raise DatabaseUnavailable(f"The API pool could not connect as '{settings.api_role}'.",
                                  details=str(exc)) from exc
    except BaseException:
        pool.close()
        raise
    relations = Relations(catalog)
    return Api(settings, pool, catalog, relations, Builder(relations, settings.api_max_rows),
               Directory(pool, settings.tenant_cache_seconds), Fairness(pool, settings))


async def open_read_pool(settings: Settings, *, heavy: bool = False) -> AsyncConnectionPool:
    """The reads' pool, on the running event loop (its connections wait on the loop, not in threads).
    heavy: the regex reads' pool, the same size, connections opened on demand, each one's server process
    lowered by VITAL_WORKER_NICE steps (a backtracking pattern then takes the cores the other requests
    leave, as a worker's parsing does: docs/fairness.md)."""
    arguments = _pool_arguments(settings, "vital-api-heavy-read" if heavy else "vital-api-read")
    if heavy:
        lower = lower_backends(settings.worker_nice)

        async def configure(conn) -> None:
            lower(conn)
        arguments.update(min_size=0, configure=configure)
    pool = AsyncConnectionPool(**arguments)
    try:
        await pool.open(wait=True, timeout=max(settings.api_pool_timeout, 10.0))
    except PoolTimeout as exc:
        await pool.close()
        raise DatabaseUnavailable(f"The API's read pool could not connect as '{settings.api_role}'.",
                                  details=str(exc)) from exc
    except BaseException:
        await pool.close()
        raise
    return pool


def create_app(settings: Settings) -> FastAPI:
    require_secret(settings)  # resolved by the caller (vital serve: vital.auth.secret.with_secret)
    graphs.register()  # the workflow graphs the services run (the engine knows none by itself)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        api = await run_in_threadpool(open_api, settings)
        try:
            api.read_pool = await open_read_pool(settings)
            api.heavy_read_pool = await open_read_pool(settings, heavy=True)
        except BaseException:
            if api.read_pool is not None:
                await api.read_pool.close()
            await run_in_threadpool(api.pool.close)
            raise
        app.state.api = api
        # What startup built (the catalog, the routes, the imported libraries: ~225,000 objects) lives as long as
        # the process: out of the collector's reach, a full collection costs ~0 ms instead of ~145 ms, which
        # otherwise stops every request in flight whenever one falls due (the open-loop p99 of 173-198 ms in
        # docs/measurements.md, with the worker's allocations beside the API making them fall due).
        gc.collect()
        gc.freeze()
        # Every request's step on the event loop waits for the interpreter lock behind the threads answering
        # questions and running jobs; a shorter switch interval shortens each such wait (docs/fairness.md).
        sys.setswitchinterval(settings.api_switch_interval_ms / 1000)
        app.state.api.fairness.flusher.start()
        stop_metrics = metrics.start(app)
        stop_listening = schema_cache.start(app, connection_options(settings))  # NOTIFY pgrst, 'reload schema'
        try:
            yield
        finally:
            stop_listening()
            stop_metrics()
            await run_in_threadpool(app.state.api.fairness.flusher.stop)
            await app.state.api.heavy_read_pool.close()
            await app.state.api.read_pool.close()
            await run_in_threadpool(app.state.api.pool.close)

    app = FastAPI(title="VITAL API", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # /docs: vital.console.swagger
    # Innermost: who calls and may they, before the body is read (a refusal costs no read nor parse).
    app.add_middleware(Admission)
    # Refusals from receive() reach errors.py's handlers; CORS and the access log see the answer.
    app.add_middleware(BodyLimits, max_body=settings.max_body_bytes, max_upload=settings.api_max_upload_bytes,
                       timeout=settings.api_body_timeout, max_object=settings.storage_max_object_bytes)
    # Auth travels in headers, never in cookies, so any origin may call.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"],
                       expose_headers=["Content-Range", "Preference-Applied", "X-Request-Id"])
    app.add_middleware(Tickets, settings=settings)  # per-tenant fairness: gives back what a request held
    app.add_middleware(AccessLog)
    metrics.install(app, settings)  # outermost but traces: counts every answer, 429s included
    tracing.install(app, settings)
    errors.install(app)
    app.include_router(routes.reads)  # the /rest/v1 reads, the hot path, matched first
    # /auth/v1 sign-in (docs/auth.md), /rest/v1, then the services under /api/v1
    for module in (health, gotrue, links, invitations, rpc, routes, deleted, admin, ask_expert, panels, workflows, analytics,
                   knowledge, evaluation, embeddings):
        app.include_router(module.router)
    app.include_router(sso.router)
    app.include_router(storage.router)
    console.install(app)  # the web console at each tenant's host root (docs/console.md)
    app.openapi = lambda: _openapi(app)
    return app


def _openapi(app: FastAPI) -> dict:
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    api = getattr(app.state, "api", None)
    if api is None:  # not started: no catalog yet, do not cache
        return spec
    tables = openapi.describe(api.relations)
    spec["paths"].update(tables["paths"])
    components = spec.setdefault("components", {})
    components.setdefault("schemas", {}).update(tables["components"]["schemas"])
    components["securitySchemes"] = tables["components"]["securitySchemes"]
    app.openapi_schema = spec
    return spec


def app_from_env() -> FastAPI:
    """uvicorn's factory for worker processes (`vital serve --workers N`): settings from VITAL_*."""
    configure_logging()
    return create_app(with_secret(load_settings()))
