"""Workflow definitions: graphs as JSONB, the caller's own and the platform's, every version."""

from __future__ import annotations

from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.tenant import Source, tenant_transaction
from vital.db.rows import many, one, plain
from vital.services.workflows.caps import caps
from vital.services.workflows.checks import check_graph
from vital.services.workflows.registry import REGISTRY, Registry
from vital.tenancy import Caller

SQL = Queries(__name__)


def definitions(source: Source, caller: Caller) -> list[dict]:
    with tenant_transaction(source, caller, read_only=True) as conn:
        return [plain(row) for row in many(conn, SQL("definitions_list"))]


def create_definition(source: Source, caller: Caller, *, slug: str, name: str, graph: dict,
                      description: str | None = None, status: str = "active", input_schema: dict | None = None,
                      settings: dict | None = None, registry: Registry = REGISTRY) -> dict:
    """A new definition of the caller's tenant, or the next version of its slug; the graph is checked
    against the tenant's caps and the node types this process runs (checks.py), then by the database."""
    with tenant_transaction(source, caller) as conn:
        check_graph(graph, slug, caps(conn), registry)
        row = one(conn, SQL("definition_insert"), {
            "slug": slug, "name": name, "description": description, "status": status, "graph": Jsonb(graph),
            "input_schema": Jsonb(input_schema or {}), "settings": Jsonb(settings or {})})
    return plain(row)
