"""`vital serve`: the HTTP API on the database in use."""

from __future__ import annotations

import importlib.util
import os
from contextlib import nullcontext
from typing import TYPE_CHECKING

import click

from vital.cli.common import database, handles_errors, option, out, settings

if TYPE_CHECKING:
    from vital.db.connection import Database
    from vital.settings import Settings


def serve_options(fn):
    """--host, --port, --workers, --no-worker: shared by `vital serve` and `vital up`."""
    fn = option("--no-worker", is_flag=True, envvar="VITAL_NO_WORKER",
                help="Run no background-job worker in this process (run `vital worker` apart).")(fn)
    fn = option("--workers", type=click.IntRange(min=1), envvar="VITAL_API_WORKERS",
                help="uvicorn worker processes  [default: 1]")(fn)
    fn = option("--port", type=click.IntRange(0, 65535), envvar="VITAL_API_PORT",
                help="Port to listen on  [default: 8000]")(fn)
    fn = option("--host", envvar="VITAL_API_HOST", help="Address to listen on  [default: 127.0.0.1]")(fn)
    return fn


def with_server_options(s: Settings, host: str | None, port: int | None, workers: int | None) -> Settings:
    given = {"api_host": host, "api_port": port, "api_workers": workers}
    return s.model_copy(update={k: v for k, v in given.items() if v is not None})


def servable(s: Settings) -> Settings:
    """The settings to serve with: refused beyond loopback without a configured secret, else with
    their secret resolved (generated in the data dir on the first run in local/test)."""
    from vital.auth.secret import require_servable, with_secret

    require_servable(s)
    return with_secret(s)


def run_api(s: Settings, db: Database | None = None) -> None:
    """Serve until SIGINT/SIGTERM, with a background-job worker on a thread beside it when `db` is given.
    The caller holds the database (and so the embedded server) open."""
    with _worker_beside(db):
        _serve(s)


def _worker_beside(db: Database | None):
    if db is None:
        return nullcontext()
    from vital.jobs.worker import InProcessWorker

    return InProcessWorker(db)


def _serve(s: Settings) -> None:
    import uvicorn

    from vital.api.app import create_app, preflight
    from vital.api.http_server import server_options
    from vital.api.logs import configure_logging

    preflight(s)
    configure_logging()
    common = {"host": s.api_host, "port": s.api_port, "log_config": None, "access_log": False,
              "lifespan": "on", "server_header": False,
              **server_options(s), **fast_loop()}
    if s.api_workers == 1:
        # uvicorn re-raises SIGINT/SIGTERM after its graceful shutdown, so our
        # handler's SystemExit still unwinds the Database context that holds the server.
        uvicorn.run(create_app(s), **common)
        return
    # Workers are new processes: they read their settings from the environment.
    os.environ.update(_environment(s))
    uvicorn.run("vital.api.app:app_from_env", factory=True, workers=s.api_workers, **common)


def fast_loop() -> dict[str, str]:
    """libuv's event loop (a pinned dependency; uvloop has no Windows build); with httptools' C parser
    (vital.api.http_server.protocol) GET /health cost 15-60 % less CPU than h11 and asyncio (docs/measurements.md)."""
    return {"loop": "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"}


def _environment(s: Settings) -> dict[str, str]:
    env = {"VITAL_ENVIRONMENT": s.environment, "VITAL_DATA_DIR": str(s.data_dir.resolve()),
           "VITAL_API_WORKERS": str(s.api_workers)}  # a worker knows it is one of several (the metrics port)
    if s.database_url:
        env["VITAL_DATABASE_URL"] = s.database_url
    if s.pg_port:
        env["VITAL_PG_PORT"] = str(s.pg_port)
    return env


@click.command("serve")
@serve_options
@click.pass_context
@handles_errors
def serve(ctx, host: str | None, port: int | None, workers: int | None, no_worker: bool) -> None:
    """Serve the HTTP API (PostgREST dialect at /rest/v1, docs at /docs) and, unless --no-worker, one
    background-job worker beside it."""
    s = servable(with_server_options(settings(ctx), host, port, workers))
    with database(ctx) as d:
        out.print(f"VITAL console on http://<tenant>.localhost:{s.api_port}/, API at /rest/v1/<table>  (docs: /docs)")
        run_api(s, None if no_worker else d)
