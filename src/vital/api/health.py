"""Liveness (`/health`: the process answers) and readiness (`/ready`: the database
answers through the pool, as the API's login, and the catalog is loaded)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import DatabaseUnavailable

SQL = Queries(__name__)
router = APIRouter(tags=["health"])


@router.get("/health", summary="Liveness: the process answers")
async def health() -> dict:
    return {"status": "ok"}


@router.get("/ready", summary="Readiness: the database answers and the catalog is loaded")
def ready(request: Request) -> dict:
    api = getattr(request.app.state, "api", None)
    if api is None:
        raise DatabaseUnavailable("The API is still starting.")
    with translate(), api.pool.connection(timeout=api.settings.api_pool_timeout) as conn:
        row = one(conn, SQL("ready"))
    return {"status": "ready", "login": row["login"], "server_version_num": row["server_version_num"],
            "tables": len(api.relations.tables)}
