"""The VITAL console: the web application at each tenant's host root (docs/console.md).

A backend-for-frontend: server-rendered pages (Jinja2) with small progressive enhancement in
our own JavaScript; every read and write goes through the public API as the signed-in person
(`inprocess.py`), whose tokens stay server-side in a sealed HttpOnly cookie (`session.py`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from vital.console import admin, agents, analytics, ask, autonomous, evaluation, export, knowledge, panels, personas, \
    signin, swagger
from vital.console.visit import Refused


def install(app: FastAPI) -> None:
    """Register the console's pages, its static files and the offline `/docs` on the API's app."""
    app.mount("/console-static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="console-static")
    app.mount(swagger.ASSETS, swagger.assets(), name="docs-assets")
    app.include_router(swagger.router)
    app.include_router(signin.router)
    app.include_router(knowledge.router)
    app.include_router(evaluation.router)
    app.include_router(admin.router)
    app.include_router(personas.router)
    app.include_router(analytics.router)
    app.include_router(autonomous.router)
    app.include_router(export.router)
    app.include_router(panels.router)
    app.include_router(agents.router)
    app.include_router(ask.router)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return exc.response
