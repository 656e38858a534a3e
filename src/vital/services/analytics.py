"""Analytics: product events, feedback on answers, daily roll-ups and agent performance.

Events are written in the same transaction as what they record. Roll-ups
(usage_metrics, agent_performance) are recomputed from the raw tables for a UTC
day, as the caller's tenant, and upserted: running one twice changes nothing.
"""

from __future__ import annotations

from datetime import date

import psycopg
from psycopg.types.json import Jsonb

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import InvalidInput, NotFound

SQL = Queries(__name__)


def event(conn: psycopg.Connection, event_type: str, subject_type: str | None = None,
          subject_id: str | None = None, **properties) -> None:
    conn.execute(SQL("analytics.event"), {"event_type": event_type, "subject_type": subject_type,
                                          "subject_id": subject_id, "properties": Jsonb(properties)})


def feedback(conn: psycopg.Connection, *, rating: int, message_id: str | None = None,
             synthesis_id: str | None = None, comment: str | None = None,
             reasons: list[str] | None = None) -> dict:
    """A 1-5 rating of an answer (an Ask Expert message or a panel synthesis)."""
    if (message_id is None) == (synthesis_id is None):
        raise InvalidInput("Rate exactly one answer: message_id or synthesis_id.")
    row = one(conn, SQL("analytics.feedback_insert"), {"message_id": message_id, "synthesis_id": synthesis_id,
                                                       "rating": rating, "comment": comment,
                                                       "reasons": reasons or []})
    if row is None:
        raise NotFound("No such answer.")
    subject = ("ask_expert_messages", message_id) if message_id else (None, None)
    event(conn, "feedback.submitted", *subject, rating=rating, synthesis_id=synthesis_id, reasons=reasons or [])
    return {"id": str(row["id"]), "rating": rating, "created_at": row["created_at"].isoformat()}


def rollup(conn: psycopg.Connection, day: date) -> dict:
    """Recompute the day's usage_metrics and agent_performance rows of the caller's tenant."""
    metrics = many(conn, SQL("analytics.rollup_usage"), {"day": day})
    agents = many(conn, SQL("analytics.rollup_agents"), {"day": day})
    return {"day": day.isoformat(), "metrics": {m["metric"]: float(m["value"]) for m in metrics},
            "agents": len(agents)}


def usage(conn: psycopg.Connection, since: date, until: date) -> list[dict]:
    rows = many(conn, SQL("analytics.usage_metrics"), {"since": since, "until": until})
    return [{"day": r["day"].isoformat(), "metric": r["metric"], "value": float(r["value"])} for r in rows]


def agent_performance(conn: psycopg.Connection, since: date, until: date) -> list[dict]:
    out = []
    for item in many(conn, SQL("analytics.agent_performance"), {"since": since, "until": until}):
        item["day"] = item["day"].isoformat()
        item["agent_id"] = str(item["agent_id"])
        for key in ("avg_rating", "cost_usd"):
            item[key] = float(item[key]) if item[key] is not None else None
        out.append(item)
    return out
