"""Every model call leaves a row in llm_usage (tokens, cost, latency, what it served)."""

from __future__ import annotations

import psycopg

from vital import metrics
from vital.db.queries import Queries
from vital.services import limits
from vital.services.llm.base import ChatResult

SQL = Queries(__name__)


def record(conn: psycopg.Connection, result: ChatResult, *, session_id: str | None = None,
           message_id: str | None = None, panel_id: str | None = None, run_id: str | None = None,
           operation: str = "chat") -> None:
    conn.execute(SQL("usage.insert"), {
        "provider": result.provider, "model": result.model, "operation": operation, "status": result.status,
        "prompt_tokens": result.prompt_tokens, "completion_tokens": result.completion_tokens,
        "cost_usd": result.cost_usd, "latency_ms": result.latency_ms, "session_id": session_id,
        "message_id": message_id, "panel_id": panel_id, "workflow_run_id": run_id})
    # Counted before the tier check: the call was made (and paid for) even if the day's tokens are spent.
    metrics.active().llm_call(result.provider, result.model, result.status, result.prompt_tokens,
                              result.completion_tokens, result.cost_usd)
    limits.add_tokens(conn, result.total_tokens)
