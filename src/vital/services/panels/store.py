"""Panels as rows: sessions, members, contributions, votes, syntheses (SQL in services/sql/panel_*.sql)."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from vital.errors import NotFound
from vital.services.queries import plain, q
from vital.services.text import is_uuid

PANEL_KEYS = ("id", "kind", "archetype", "question", "context", "status", "consensus_threshold", "consensus_level",
              "max_rounds", "current_round", "settings", "workflow_run_id", "created_at", "completed_at")
MEMBER_KEYS = ("id", "agent_tenant_id", "agent_id", "user_id", "role", "weight", "seat", "agent_slug", "agent_name",
               "domain", "subdomain", "capabilities", "system_prompt", "display_name")


def panel(conn: psycopg.Connection, panel_id: str) -> dict:
    row = conn.execute(q("panel_get"), {"panel_id": panel_id}).fetchone() if is_uuid(panel_id) else None
    if row is None:
        raise NotFound("No such panel.")
    found = plain(dict(zip(PANEL_KEYS, row)))
    for key in ("consensus_threshold", "consensus_level"):
        found[key] = float(found[key]) if found[key] is not None else None
    return found


def lock(conn: psycopg.Connection, panel_id: str) -> tuple[str, int]:
    row = conn.execute(q("panel_lock"), {"panel_id": panel_id}).fetchone() if is_uuid(panel_id) else None
    if row is None:
        raise NotFound("No such panel.")
    return row[0], row[1]


def members(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    out = []
    for row in conn.execute(q("panel_members"), {"panel_id": panel_id}).fetchall():
        member = plain(dict(zip(MEMBER_KEYS, row)))
        member["weight"] = float(member["weight"])
        member["label"] = member["agent_name"] or member["display_name"] or "participant"
        out.append(member)
    return out


def create(conn: psycopg.Connection, *, kind: str, archetype, question: str, context: str | None,
           threshold: float, max_rounds: int, settings: dict) -> str:
    return str(conn.execute(q("panel_insert"), {
        "kind": kind, "archetype_tenant_id": archetype.tenant_id, "archetype_id": archetype.id,
        "question": question, "context": context, "threshold": threshold, "max_rounds": max_rounds,
        "settings": Jsonb(settings)}).fetchone()[0])


def add_member(conn: psycopg.Connection, panel_id: str, *, seat: int, role: str, weight: float,
               agent=None, user_id: str | None = None) -> None:
    conn.execute(q("panel_member_insert"), {
        "panel_id": panel_id, "agent_tenant_id": agent.tenant_id if agent else None,
        "agent_id": agent.id if agent else None, "user_id": user_id, "role": role, "weight": weight, "seat": seat})


def update(conn: psycopg.Connection, panel_id: str, *, status: str | None = None, current_round: int | None = None,
           consensus_level: float | None = None, run_id: str | None = None) -> None:
    conn.execute(q("panel_update"), {"panel_id": panel_id, "status": status, "current_round": current_round,
                                     "consensus_level": consensus_level, "run_id": run_id})


def contribute(conn: psycopg.Connection, panel_id: str, member_id: str, round_: int, content: str, *,
               turn: int | None = None, stance: str | None = None, confidence: float | None = None,
               citations: list[dict] = ()) -> None:
    conn.execute(q("panel_contribution_insert"), {
        "panel_id": panel_id, "member_id": member_id, "round": round_, "turn": turn, "content": content,
        "stance": stance, "confidence": confidence, "citations": Jsonb(list(citations))})


def vote(conn: psycopg.Connection, panel_id: str, member_id: str, round_: int, position: str | None,
         weight: float, confidence: float | None = None, rationale: str | None = None) -> None:
    conn.execute(q("panel_vote_insert"), {"panel_id": panel_id, "member_id": member_id, "round": round_,
                                          "position": position, "weight": weight, "confidence": confidence,
                                          "rationale": rationale})


def votes(conn: psycopg.Connection, panel_id: str, round_: int | None = None) -> list[dict]:
    keys = ("member_id", "round", "position", "abstain", "weight", "confidence", "rationale")
    rows = conn.execute(q("panel_votes"), {"panel_id": panel_id, "round": round_}).fetchall()
    return [_numbers(plain(dict(zip(keys, r))), "weight", "confidence") for r in rows]


def contributions(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    keys = ("id", "member_id", "round", "turn", "content", "stance", "confidence", "citations", "created_at")
    rows = conn.execute(q("panel_contributions"), {"panel_id": panel_id}).fetchall()
    return [_numbers(plain(dict(zip(keys, r))), "confidence") for r in rows]


def synthesis(conn: psycopg.Connection, panel_id: str, round_: int, outcome, recommendation: str) -> str:
    return str(conn.execute(q("panel_synthesis_upsert"), {
        "panel_id": panel_id, "round": round_, "level": outcome.level, "threshold": outcome.threshold,
        "recommendation": recommendation, "strength": outcome.strength, "tally": Jsonb(outcome.tally),
        "dissent": Jsonb(outcome.dissent)}).fetchone()[0])


def syntheses(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    keys = ("id", "round", "consensus_level", "threshold", "reached", "recommendation", "strength", "tally",
            "dissent", "created_at")
    rows = conn.execute(q("panel_syntheses"), {"panel_id": panel_id}).fetchall()
    return [_numbers(plain(dict(zip(keys, r))), "consensus_level", "threshold") for r in rows]


def listing(conn: psycopg.Connection, limit: int = 50) -> list[dict]:
    keys = ("id", "kind", "archetype", "question", "status", "consensus_level", "consensus_threshold",
            "current_round", "max_rounds", "created_at")
    rows = conn.execute(q("panels_list"), {"limit": limit}).fetchall()
    return [_numbers(plain(dict(zip(keys, r))), "consensus_level", "consensus_threshold") for r in rows]


def _numbers(row: dict, *keys: str) -> dict:
    for key in keys:
        if row.get(key) is not None:
            row[key] = float(row[key])
    return row
