"""Tier limits (tenants.tier): sessions per day, documents, tokens per day, and the fairness limits.

Counters live in tenant_usage (per UTC day), counted through
vital.count_usage() in the caller's transaction, so a refused request changes
nothing; tenants can read their counters but not write them. A tenant's settings may
override its tier's numbers ({"limits": {"sessions_per_day": 50}}); tenants
cannot edit their own row, operators can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

import psycopg

from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import VitalError
from vital.services.tenant_profile import tenant_profile

SQL = Queries(__name__)

# limit name -> (tenant_usage metric, what it counts)
LIMITS = {
    "sessions_per_day": ("sessions", "Ask Expert and panel sessions started per UTC day"),
    "tokens_per_day": ("tokens", "model tokens (prompt + completion) per UTC day"),
    "documents": ("documents", "knowledge documents stored"),
    "storage_bytes": ("storage_bytes", "bytes of the files stored in /storage/v1 (vital.storage)"),
}

# Fairness (vital.api.fairness, docs/fairness.md): what one tenant may take of the shared API at once
# or per minute. Concurrency is counted per API process; rates across all of them (vital.rate_counters).
FAIRNESS = {
    "concurrent_requests": "requests of the tenant in flight at once, per API process",
    "concurrent_streams": "event streams of the tenant open at once, per API process",
    "concurrent_heavy_work": "uploads, re-embeds and regular-expression reads (they take the CPU) of the tenant "
                             "at once, per API process",
    "streams_per_key": "event streams one API key or user holds open at once, per API process",
    "db_connections": "pooled database connections the tenant holds at once, per API process "
                      "(never more than the pool's size less two)",
    "requests_per_minute": "requests of the tenant per minute, all API processes together",
    "key_requests_per_minute": "requests of one API key or user per minute, all API processes together",
}

# Parsing (vital.knowledge.parsed.Budget, docs/knowledge.md): what one uploaded file may cost, per file.
PARSING = {
    "ocr_pages": "PDF pages read by OCR (no text layer) in one file",
    "table_cells": "table cells (PDF, Word, PowerPoint, HTML, Markdown, Excel, CSV) in one file",
    "sheet_rows": "rows of all the sheets of one Excel or CSV file",
}

TIERS: dict[str, dict[str, int]] = {
    "free": {"sessions_per_day": 25, "tokens_per_day": 200_000, "documents": 100, "storage_bytes": 1 << 30,
             "concurrent_requests": 8, "concurrent_streams": 10, "concurrent_heavy_work": 1, "streams_per_key": 5, "db_connections": 3,
             "requests_per_minute": 600, "key_requests_per_minute": 300,
             "ocr_pages": 50, "table_cells": 200_000, "sheet_rows": 50_000},
    "pro": {"sessions_per_day": 1_000, "tokens_per_day": 5_000_000, "documents": 10_000, "storage_bytes": 100 << 30,
            "concurrent_requests": 16, "concurrent_streams": 50, "concurrent_heavy_work": 2, "streams_per_key": 20, "db_connections": 6,
            "requests_per_minute": 6_000, "key_requests_per_minute": 3_000,
            "ocr_pages": 500, "table_cells": 2_000_000, "sheet_rows": 500_000},
    "enterprise": {"sessions_per_day": 20_000, "tokens_per_day": 100_000_000, "documents": 1_000_000, "storage_bytes": 1 << 40,
                   "concurrent_requests": 24, "concurrent_streams": 200, "streams_per_key": 50,
                   "concurrent_heavy_work": 2,
                   "db_connections": 8, "requests_per_minute": 30_000, "key_requests_per_minute": 15_000,
                   "ocr_pages": 2_000, "table_cells": 10_000_000, "sheet_rows": 1_000_000},
}


class LimitExceeded(VitalError):
    """429: names the limit, the numbers and when it resets."""

    code = "tier_limit_exceeded"
    status = 429

    def __init__(self, limit: str, tier: str, allowed: int, used: int, resets_at: datetime | None):
        what = LIMITS[limit][1]
        reset = f"resets at {resets_at.isoformat()}" if resets_at else "does not reset (a stored amount)"
        super().__init__(
            f"Tier limit reached: {limit} ({what}) is {allowed} on the {tier} tier; {used} used.",
            details=f"limit={limit}; tier={tier}; allowed={allowed}; used={used}; {reset}",
            hint=("Wait until the reset, or move the tenant to a higher tier." if resets_at else
                  "Delete documents you no longer need, or move the tenant to a higher tier."))
        self.limit = limit
        self.resets_at = resets_at
        self.retry_after = int((resets_at - now()).total_seconds()) + 1 if resets_at else None


@dataclass(frozen=True)
class Usage:
    limit: str
    allowed: int
    used: int
    resets_at: datetime | None


def now() -> datetime:
    return datetime.now(timezone.utc)


def next_reset() -> datetime:
    return datetime.combine(now().date() + timedelta(days=1), time(0), tzinfo=timezone.utc)


def allowed(conn: psycopg.Connection) -> tuple[str, dict[str, int]]:
    profile = tenant_profile(conn)
    numbers = dict(TIERS.get(profile.tier, TIERS["free"]))
    overrides = profile.settings.get("limits") if isinstance(profile.settings.get("limits"), dict) else {}
    for name, value in overrides.items():
        if (name in LIMITS or name in FAIRNESS or name in PARSING) and (number := whole(value)) is not None:
            numbers[name] = number
    return profile.tier, numbers


def whole(value) -> int | None:
    """An override as a number; one that is none is left out (the tier's stands): every request reads these."""
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def take_session(conn: psycopg.Connection) -> None:
    """Count one more session today, or refuse with 429."""
    tier, numbers = allowed(conn)
    cap = numbers["sessions_per_day"]
    counted = cap >= 1 and one(conn, SQL("limits.count_usage"), {"metric": "sessions", "amount": 1,
                                                                 "limit": cap})["counted"] is not None
    if not counted:
        raise LimitExceeded("sessions_per_day", tier, cap, _today(conn, "sessions"), next_reset())


def check_tokens(conn: psycopg.Connection) -> None:
    """Refuse a model call once today's tokens have reached the limit."""
    tier, numbers = allowed(conn)
    used = _today(conn, "tokens")
    if used >= numbers["tokens_per_day"]:
        raise LimitExceeded("tokens_per_day", tier, numbers["tokens_per_day"], used, next_reset())


def add_tokens(conn: psycopg.Connection, tokens: int) -> None:
    """Count tokens already spent (a call is never undone, so no limit here)."""
    if tokens > 0:
        conn.execute(SQL("limits.count_usage"), {"metric": "tokens", "amount": tokens, "limit": None})


def check_documents(conn: psycopg.Connection) -> None:
    """For ingestion: refuse a document beyond the tier's limit.

    The lock (until the transaction ends) keeps two uploads of one tenant from
    both taking the last free place.
    """
    tier, numbers = allowed(conn)
    conn.execute(SQL("limits.documents_lock"))
    stored = _stored(conn)
    if stored >= numbers["documents"]:
        raise LimitExceeded("documents", tier, numbers["documents"], stored, None)


def usage(conn: psycopg.Connection) -> tuple[str, list[Usage]]:
    """Each limit with today's use, for GET /api/v1/analytics/limits."""
    tier, numbers = allowed(conn)
    return tier, [
        Usage("sessions_per_day", numbers["sessions_per_day"], _today(conn, "sessions"), next_reset()),
        Usage("tokens_per_day", numbers["tokens_per_day"], _today(conn, "tokens"), next_reset()),
        Usage("documents", numbers["documents"], _stored(conn), None),
        Usage("storage_bytes", numbers["storage_bytes"], one(conn, SQL("limits.storage_bytes"))["used"], None),
    ]


def _today(conn: psycopg.Connection, metric: str) -> int:
    return one(conn, SQL("limits.usage_today"), {"metric": metric})["used"]


def _stored(conn: psycopg.Connection) -> int:
    return one(conn, SQL("limits.documents_count"))["documents"]
