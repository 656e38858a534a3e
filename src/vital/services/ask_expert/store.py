"""Sessions, messages and citations of Ask Expert, as rows (SQL in services/sql/ae_*.sql)."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from vital.errors import InvalidInput, NotFound
from vital.services.queries import plain, q
from vital.services.retrieval import Passage
from vital.services.text import is_uuid


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
    row = conn.execute(q("ae_agent_get"), {"agent_id": agent_id}).fetchone() if is_uuid(agent_id) else None
    if row is None:
        raise NotFound("No such active agent.", hint="List agents at /rest/v1/agents?status=eq.active.")
    return Agent(str(row[0]), str(row[1]), row[2], row[3], row[4], row[5], float(row[6]), int(row[7]))


def agent_by_slug(conn: psycopg.Connection, slug: str) -> Agent:
    row = conn.execute(q("ae_agent_by_slug"), {"slug": slug}).fetchone()
    if row is None:
        raise NotFound(f"No active agent '{slug}' in this tenant or the platform library.")
    return agent(conn, str(row[0]))


def mission_template(conn: psycopg.Connection, ref: str) -> tuple[str, str, list, dict]:
    """(tenant_id, id, steps, default_budget) of a mission template given by id or slug."""
    row = conn.execute(q("ae_mission_template"), {"id": ref if is_uuid(ref) else None, "slug": ref}).fetchone()
    if row is None:
        raise NotFound("No such active mission template.")
    return str(row[0]), str(row[1]), row[4], row[5]


def create_session(conn: psycopg.Connection, *, mode: int, query: str, agent: Agent | None,
                   template: tuple | None, title: str | None, settings: dict | None,
                   budget_tokens: int | None) -> str:
    return str(conn.execute(q("ae_session_insert"), {
        "mode": mode, "agent_tenant_id": agent.tenant_id if agent else None, "agent_id": agent.id if agent else None,
        "mission_template_tenant_id": template[0] if template else None,
        "mission_template_id": template[1] if template else None, "title": title, "query": query,
        "settings": Jsonb(settings or {}), "budget_tokens": budget_tokens}).fetchone()[0])


def session(conn: psycopg.Connection, session_id: str) -> dict:
    row = conn.execute(q("ae_session_get"), {"session_id": session_id}).fetchone() if is_uuid(session_id) else None
    if row is None:
        raise NotFound("No such Ask Expert session.")
    keys = ("id", "mode", "status", "query", "title", "settings", "budget_tokens", "workflow_run_id",
            "agent_tenant_id", "agent_id", "agent_slug", "agent_name", "mission_template_id", "created_at",
            "completed_at", "user_id")
    return plain(dict(zip(keys, row)))


def lock_session(conn: psycopg.Connection, session_id: str) -> str:
    row = conn.execute(q("ae_session_lock"), {"session_id": session_id}).fetchone() if is_uuid(session_id) else None
    if row is None:
        raise NotFound("No such Ask Expert session.")
    return row[0]


def update_session(conn: psycopg.Connection, session_id: str, *, status: str | None = None,
                   agent: Agent | None = None, run_id: str | None = None) -> None:
    conn.execute(q("ae_session_update"), {"session_id": session_id, "status": status, "run_id": run_id,
                                          "agent_tenant_id": agent.tenant_id if agent else None,
                                          "agent_id": agent.id if agent else None})


def add_message(conn: psycopg.Connection, session_id: str, role: str, content: str, *,
                agent: Agent | None = None, metadata: dict | None = None,
                citations: list[Passage] = ()) -> dict:
    """A message numbered after the last one, with its citation rows (the caller holds the session lock)."""
    row = conn.execute(q("ae_message_insert"), {
        "session_id": session_id, "role": role, "content": content, "metadata": Jsonb(metadata or {}),
        "agent_tenant_id": agent.tenant_id if agent else None, "agent_id": agent.id if agent else None,
    }).fetchone()
    with conn.cursor() as cur:
        cur.executemany(q("ae_citation_insert"), [
            {"message_id": row[0], "chunk_tenant_id": p.chunk_tenant_id, "chunk_id": p.chunk_id, "rank": rank,
             "score": round(min(1.0, max(0.0, p.score)), 6), "quote": p.text[:2000]}
            for rank, p in enumerate(citations, 1)])
    return {"id": str(row[0]), "seq": row[1], "role": role, "content": content, "metadata": metadata or {},
            "agent_id": agent.id if agent else None, "agent_slug": agent.slug if agent else None,
            "created_at": row[2].isoformat()}


def messages(conn: psycopg.Connection, session_id: str) -> list[dict]:
    cites: dict[str, list[dict]] = {}
    for message_id, rank, chunk_tenant, chunk_id, score, quote, document_id in \
            conn.execute(q("ae_citations"), {"session_id": session_id}).fetchall():
        cites.setdefault(str(message_id), []).append({
            "rank": rank, "chunk_tenant_id": _s(chunk_tenant), "chunk_id": _s(chunk_id),
            "document_id": _s(document_id), "score": score, "quote": quote})
    out = []
    for mid, seq, role, agent_id, slug, content, metadata, created in \
            conn.execute(q("ae_messages"), {"session_id": session_id}).fetchall():
        out.append({"id": str(mid), "seq": seq, "role": role, "agent_id": _s(agent_id), "agent_slug": slug,
                    "content": content, "metadata": metadata, "citations": cites.get(str(mid), []),
                    "created_at": created.isoformat()})
    return out


def history(conn: psycopg.Connection, session_id: str, turns: int) -> list[tuple[str, str]]:
    return [(role, content) for role, content in
            conn.execute(q("ae_history"), {"session_id": session_id, "turns": turns}).fetchall()]


def sessions(conn: psycopg.Connection, limit: int = 50) -> list[dict]:
    keys = ("id", "mode", "status", "query", "title", "agent_id", "agent_slug", "workflow_run_id", "created_at")
    return [plain(dict(zip(keys, row))) for row in conn.execute(q("ae_sessions_list"), {"limit": limit})]


def require_mode(value: int) -> int:
    if value not in (1, 2, 3, 4):
        raise InvalidInput("mode must be 1, 2, 3 or 4.",
                           hint="1 you pick the agent; 2 the system picks; 3 and 4: the same, autonomous.")
    return value


def _s(value) -> str | None:
    return str(value) if value is not None else None

