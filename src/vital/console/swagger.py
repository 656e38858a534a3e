"""`/docs`: Swagger UI 5 (it reads the OpenAPI 3.1 that FastAPI writes), its files from the
`fastapi-offline` PyPI package, served by this server, so the page works on a closed network (FastAPI's default loads it from a CDN). Its start-up is a file,
not an inline script, so the page keeps a CSP without 'unsafe-inline' for scripts."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
ASSETS = "/docs-assets"
# Swagger UI sets style attributes and shows data: images; scripts stay 'self' only.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VITAL API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"><link rel="icon" href="{ASSETS}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/console-static/swagger-init.js"></script>
</body></html>"""


@router.get("/docs")
async def docs() -> HTMLResponse:
    return HTMLResponse(PAGE, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


def assets() -> StaticFiles:
    return StaticFiles(directory=str(files("fastapi_offline") / "static"))
