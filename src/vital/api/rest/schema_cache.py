"""The schema cache reloaded without a restart, as PostgREST does it: each API process LISTENs on the
channel `pgrst` and re-reads the catalog on `NOTIFY pgrst, 'reload schema'` (or an empty payload).
`vital db up` and `vital db down` send it after they change the schema.

The listener is a task on the event loop with one connection of its own, as the API's login: while
it waits it holds no thread and no pooled connection. The catalog is read in the thread pool and the
new model replaces the old one in one assignment (app.state.api), so a request sees the old tables
or the new ones, never a mix. A lost connection is retried with a growing delay, and the catalog is
read again after a reconnect, in case a notice went by meanwhile.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Callable

import psycopg
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from vital.api.rest.build import Builder
from vital.api.rest.relations import Relations
from vital.catalog import read
from vital.db.connection import Database
from vital.db.errors import translate
from vital.db.queries import Queries

SQL = Queries(__name__)
log = logging.getLogger("vital.api")

RELOAD = ("", "reload schema")   # payloads that reload (PostgREST's 'reload config' does not apply here)
MAX_RETRY_SECONDS = 30.0


def reload(app: FastAPI) -> None:
    """Read the catalog again and swap in the new model (blocking: run it in the thread pool)."""
    api = app.state.api
    with translate(), api.pool.connection() as conn:
        catalog = read(conn)
    relations = Relations(catalog)
    app.state.api = dataclasses.replace(api, catalog=catalog, relations=relations,
                                        builder=Builder(relations, api.settings.api_max_rows))
    app.openapi_schema = None  # described again from the new catalog on the next /openapi.json
    log.info("schema cache reloaded: %d tables, %d functions", len(relations.tables), len(relations.functions))


async def listen(app: FastAPI, url: str, options: str) -> None:
    delay, connected_before = 1.0, False
    while True:
        try:
            conn = await psycopg.AsyncConnection.connect(url, autocommit=True, options=options,
                                                         application_name="vital-api-schema-cache")
            async with conn:
                await conn.execute(SQL("schema_cache.listen"))
                if connected_before:
                    await run_in_threadpool(reload, app)
                connected_before, delay = True, 1.0
                async for notice in conn.notifies():
                    if notice.payload.strip().lower() in RELOAD:
                        await run_in_threadpool(reload, app)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database went away, or a reload failed: try again later
            log.warning("schema cache listener: %s; retrying in %.0f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_SECONDS)


def start(app: FastAPI, options: str) -> Callable[[], None]:
    """Start listening; returns what stops it."""
    task = asyncio.get_running_loop().create_task(listen(app, Database(app.state.api.settings).api_url, options))
    return task.cancel
