"""Panels as rows: sessions, members, contributions, votes, syntheses (SQL in panels/sql/)."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import many, one, plain
from vital.errors import NotFound
from vital.services.text import is_uuid

SQL = Queries(__name__)

def panel(conn: psycopg.Connection, panel_id: str) -> dict:
    row = one(conn, SQL("get"), {"panel_id": panel_id}) if is_uuid(panel_id) else None
    if row is None:
        raise NotFound("No such panel.")
    found = plain(row)
    for key in ("consensus_threshold", "consensus_level"):
        found[key] = float(found[key]) if found[key] is not None else None
    return found


def lock(conn: psycopg.Connection, panel_id: str) -> tuple[str, int]:
    row = one(conn, SQL("lock"), {"panel_id": panel_id}) if is_uuid(panel_id) else None
    if row is None:
        raise NotFound("No such panel.")
    return row["status"], row["current_round"]


def members(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    out = []
    for row in many(conn, SQL("members"), {"panel_id": panel_id}):
        member = plain(row)
        member["weight"] = float(member["weight"])
        member["label"] = member["agent_name"] or member["display_name"] or "participant"
        out.append(member)
    return out


def create(conn: psycopg.Connection, *, kind: str, archetype, question: str, context: str | None,
           threshold: float, max_rounds: int, settings: dict) -> str:
    return str(one(conn, SQL("insert"), {
        "kind": kind, "archetype_tenant_id": archetype.tenant_id, "archetype_id": archetype.id,
        "question": question, "context": context, "threshold": threshold, "max_rounds": max_rounds,
        "settings": Jsonb(settings)})["id"])


def add_member(conn: psycopg.Connection, panel_id: str, *, seat: int, role: str, weight: float,
               agent=None, user_id: str | None = None) -> None:
    conn.execute(SQL("member_insert"), {
        "panel_id": panel_id, "agent_tenant_id": agent.tenant_id if agent else None,
        "agent_id": agent.id if agent else None, "user_id": user_id, "role": role, "weight": weight, "seat": seat})


def update(conn: psycopg.Connection, panel_id: str, *, status: str | None = None, current_round: int | None = None,
           consensus_level: float | None = None, run_id: str | None = None) -> None:
    conn.execute(SQL("update"), {"panel_id": panel_id, "status": status, "current_round": current_round,
                                 "consensus_level": consensus_level, "run_id": run_id})


def contribute(conn: psycopg.Connection, panel_id: str, member_id: str, round_: int, content: str, *,
               turn: int | None = None, stance: str | None = None, confidence: float | None = None,
               citations: list[dict] = ()) -> None:
    conn.execute(SQL("contribution_insert"), {
        "panel_id": panel_id, "member_id": member_id, "round": round_, "turn": turn, "content": content,
        "stance": stance, "confidence": confidence, "citations": Jsonb(list(citations))})


def vote(conn: psycopg.Connection, panel_id: str, member_id: str, round_: int, position: str | None,
         weight: float, confidence: float | None = None, rationale: str | None = None) -> None:
    conn.execute(SQL("vote_insert"), {"panel_id": panel_id, "member_id": member_id, "round": round_,
                                      "position": position, "weight": weight, "confidence": confidence,
                                      "rationale": rationale})


def votes(conn: psycopg.Connection, panel_id: str, round_: int | None = None) -> list[dict]:
    rows = many(conn, SQL("votes"), {"panel_id": panel_id, "round": round_})
    return [_numbers(plain(r), "weight", "confidence") for r in rows]


def contributions(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    rows = many(conn, SQL("contributions"), {"panel_id": panel_id})
    return [_numbers(plain(r), "confidence") for r in rows]


def synthesis(conn: psycopg.Connection, panel_id: str, round_: int, outcome, recommendation: str) -> str:
    return str(one(conn, SQL("synthesis_upsert"), {
        "panel_id": panel_id, "round": round_, "level": outcome.level, "threshold": outcome.threshold,
        "recommendation": recommendation, "strength": outcome.strength, "tally": Jsonb(outcome.tally),
        "dissent": Jsonb(outcome.dissent)})["id"])


def syntheses(conn: psycopg.Connection, panel_id: str) -> list[dict]:
    rows = many(conn, SQL("syntheses"), {"panel_id": panel_id})
    return [_numbers(plain(r), "consensus_level", "threshold") for r in rows]


def listing(conn: psycopg.Connection, limit: int = 50) -> list[dict]:
    rows = many(conn, SQL("list"), {"limit": limit})
    return [_numbers(plain(r), "consensus_level", "consensus_threshold") for r in rows]


def _numbers(row: dict, *keys: str) -> dict:
    for key in keys:
        if row.get(key) is not None:
            row[key] = float(row[key])
    return row
