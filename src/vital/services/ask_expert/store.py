"""Sessions, messages and citations of Ask Expert, as rows (SQL in ask_expert/sql/)."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import many, one, plain
from vital.errors import InvalidInput, NotFound
from vital.services.retrieval import Passage
from vital.services.text import is_uuid

SQL = Queries(__name__)


@dataclass(frozen=True)
class Agent:
    tenant_id: str
    id: str
    slug: str
    name: str
    domain: str
    system_prompt: str
    temperature: float
    max_tokens: int


def agent(conn: psycopg.Connection, agent_id: str) -> Agent:
    """An active agent the caller may use; another tenant's agent is simply not found."""
    row = one(conn, SQL("agent_get"), {"agent_id": agent_id}) if is_uuid(agent_id) else None
    if row is None:
        raise NotFound("No such active agent.", hint="List agents at /rest/v1/agents?status=eq.active.")
    return agent_of(row)


def agent_of(row: dict) -> Agent:
    """An Agent from a row that carries the agent's columns (agent_get.sql, run_session.sql)."""
    return Agent(str(row["tenant_id"]), str(row["id"]), row["slug"], row["name"], row["domain"],
                 row["system_prompt"], float(row["temperature"]), int(row["max_tokens"]))


def agent_by_slug(conn: psycopg.Connection, slug: str) -> Agent:
    row = one(conn, SQL("agent_by_slug"), {"slug": slug})
    if row is None:
        raise NotFound(f"No active agent '{slug}' in this tenant or the platform library.")
    return agent(conn, str(row["id"]))


def mission_template(conn: psycopg.Connection, ref: str) -> tuple[str, str, list, dict]:
    """(tenant_id, id, steps, default_budget) of a mission template given by id or slug."""
    row = one(conn, SQL("mission_template"), {"id": ref if is_uuid(ref) else None, "slug": ref})
    if row is None:
        raise NotFound("No such active mission template.")
    return str(row["tenant_id"]), str(row["id"]), row["steps"], row["default_budget"]


def create_session(conn: psycopg.Connection, *, mode: int, query: str, agent: Agent | None,
                   template: tuple | None, title: str | None, settings: dict | None,
                   budget_tokens: int | None) -> str:
    return str(one(conn, SQL("session_insert"), {
        "mode": mode, "agent_tenant_id": agent.tenant_id if agent else None, "agent_id": agent.id if agent else None,
        "mission_template_tenant_id": template[0] if template else None,
        "mission_template_id": template[1] if template else None, "title": title, "query": query,
        "settings": Jsonb(settings or {}), "budget_tokens": budget_tokens})["id"])


def session(conn: psycopg.Connection, session_id: str) -> dict:
    row = one(conn, SQL("session_get"), {"session_id": session_id}) if is_uuid(session_id) else None
    if row is None:
        raise NotFound("No such Ask Expert session.")
    return plain(row)


def lock_session(conn: psycopg.Connection, session_id: str) -> str:
    row = one(conn, SQL("session_lock"), {"session_id": session_id}) if is_uuid(session_id) else None
    if row is None:
        raise NotFound("No such Ask Expert session.")
    return row["status"]


def update_session(conn: psycopg.Connection, session_id: str, *, status: str | None = None,
                   agent: Agent | None = None, run_id: str | None = None) -> None:
    conn.execute(SQL("session_update"), {"session_id": session_id, "status": status, "run_id": run_id,
                                         "agent_tenant_id": agent.tenant_id if agent else None,
                                         "agent_id": agent.id if agent else None})


def add_message(conn: psycopg.Connection, session_id: str, role: str, content: str, *,
                agent: Agent | None = None, metadata: dict | None = None,
                citations: list[Passage] = ()) -> dict:
    """A message numbered after the last one, with its citation rows (the caller holds the session lock)."""
    row = one(conn, SQL("message_insert"), {
        "session_id": session_id, "role": role, "content": content, "metadata": Jsonb(metadata or {}),
        "agent_tenant_id": agent.tenant_id if agent else None, "agent_id": agent.id if agent else None,
    })
    with conn.cursor() as cur:
        cur.executemany(SQL("citation_insert"), [
            {"message_id": row["id"], "chunk_tenant_id": p.chunk_tenant_id, "chunk_id": p.chunk_id, "rank": rank,
             "score": round(min(1.0, max(0.0, p.score)), 6), "quote": p.text[:2000]}
            for rank, p in enumerate(citations, 1)])
    return {"id": str(row["id"]), "seq": row["seq"], "role": role, "content": content, "metadata": metadata or {},
            "agent_id": agent.id if agent else None, "agent_slug": agent.slug if agent else None,
            "created_at": row["created_at"].isoformat()}


def messages(conn: psycopg.Connection, session_id: str) -> list[dict]:
    cites: dict[str, list[dict]] = {}
    for c in many(conn, SQL("citations"), {"session_id": session_id}):
        cites.setdefault(str(c["message_id"]), []).append({
            "rank": c["rank"], "chunk_tenant_id": _s(c["chunk_tenant_id"]), "chunk_id": _s(c["chunk_id"]),
            "document_id": _s(c["document_id"]), "score": c["score"], "quote": c["quote"]})
    out = []
    for m in many(conn, SQL("messages"), {"session_id": session_id}):
        out.append({"id": str(m["id"]), "seq": m["seq"], "role": m["role"], "agent_id": _s(m["agent_id"]),
                    "agent_slug": m["agent_slug"], "content": m["content"], "metadata": m["metadata"],
                    "citations": cites.get(str(m["id"]), []), "created_at": m["created_at"].isoformat()})
    return out


def last_role(conn: psycopg.Connection, session_id: str) -> str | None:
    """Who spoke last in a session: user, assistant, or None before anyone did."""
    row = one(conn, SQL("last_role"), {"session_id": session_id})
    return row["role"] if row else None


def history(conn: psycopg.Connection, session_id: str, turns: int) -> list[tuple[str, str]]:
    return [(r["role"], r["content"]) for r in many(conn, SQL("history"), {"session_id": session_id, "turns": turns})]


def sessions(conn: psycopg.Connection, limit: int = 50) -> list[dict]:
    return [plain(row) for row in many(conn, SQL("sessions_list"), {"limit": limit})]


def require_mode(value: int) -> int:
    if value not in (1, 2, 3, 4):
        raise InvalidInput("mode must be 1, 2, 3 or 4.",
                           hint="1 you pick the agent; 2 the system picks; 3 and 4: the same, autonomous.")
    return value


def _s(value) -> str | None:
    return str(value) if value is not None else None

