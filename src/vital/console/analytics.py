"""Analytics page: use against the tier's limits, tokens and cost per day, agent performance and the
feedback people gave, each as an SVG chart with its numbers beside it in a table (the chart's text
alternative). Read from `/api/v1/analytics/*` and `/rest/v1/feedback` as the person (the tenant's
own figures only: RLS)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, timezone

from fastapi import APIRouter, Request

from vital.console import charts
from vital.console.forms import problem, rows
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

PERIODS = (7, 30, 90)


def _per_day(usage: list[dict], first: date, days: int, metric: str) -> list[float]:
    values = {r["day"]: r["value"] for r in usage if r["metric"] == metric}
    return [float(values.get((first + timedelta(days=i)).isoformat(), 0)) for i in range(days)]


def _agents(performance: list[dict]) -> list[dict]:
    """Each agent's days summed: answers, ratings (weighted by rated answers), tokens, cost, worst p95."""
    total: dict[str, dict] = defaultdict(lambda: {"answers": 0, "rated": 0, "rating_sum": 0.0, "tokens": 0,
                                                  "cost": 0.0, "p95": 0})
    for r in performance:
        a = total[r.get("agent_slug") or r["agent_id"]]
        a["answers"] += r["answers"] or 0
        a["rated"] += r["rated_answers"] or 0
        a["rating_sum"] += float(r["avg_rating"] or 0) * (r["rated_answers"] or 0)
        a["tokens"] += r["total_tokens"] or 0
        a["cost"] += float(r["cost_usd"] or 0)
        a["p95"] = max(a["p95"], r["p95_latency_ms"] or 0)
    return sorted(({"agent": name, **a, "rating": a["rating_sum"] / a["rated"] if a["rated"] else None}
                   for name, a in total.items()), key=lambda a: -a["answers"])


@router.get("/analytics")
async def analytics(request: Request):
    visit = await Visit.of(request)
    try:
        days = int(request.query_params.get("days", "7"))
    except ValueError:
        days = 7
    days = days if days in PERIODS else 7
    until = datetime.now(timezone.utc).date()
    first = until - timedelta(days=days - 1)
    period = {"since": first.isoformat(), "until": until.isoformat()}
    limits = await visit.api("GET", "/api/v1/analytics/limits")
    usage = await visit.api("GET", "/api/v1/analytics/usage", query=period)
    performance = await visit.api("GET", "/api/v1/analytics/agents", query=period)
    feedback = await visit.api("GET", "/rest/v1/feedback", query={
        "select": "rating,comment,reasons,created_at", "created_at": f"gte.{first.isoformat()}",
        "order": "created_at.desc", "limit": "1000"})
    errors = [problem(r) for r in (limits, usage, performance, feedback) if not r.ok]

    tier = limits.json() if limits.ok else {"tier": None, "limits": []}
    quota = [dict(u, share=100 * u["used"] / u["allowed"] if u["allowed"] else 0) for u in tier["limits"]]
    day_names = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    tokens = _per_day(rows(usage), first, days, "llm_tokens")
    cost = _per_day(rows(usage), first, days, "llm_cost_usd")
    agents = _agents(rows(performance))
    ratings = [r["rating"] for r in rows(feedback)]
    spread = [(f"{n} star{'s' if n > 1 else ''}", float(ratings.count(n))) for n in (5, 4, 3, 2, 1)]
    return visit.render(
        "analytics.html", title="Analytics", days=days, periods=PERIODS, errors=errors, tier=tier["tier"],
        quota=quota, quota_chart=charts.hbars([(u["limit"].replace("_", " "), min(u["share"], 100)) for u in quota],
                                              100, limits=[100] * len(quota), unit="%"),
        daily=list(zip(day_names, tokens, cost)), tokens_chart=charts.columns(day_names, tokens),
        cost_chart=charts.columns(day_names, cost), agents=agents,
        agents_chart=charts.hbars([(a["agent"], float(a["answers"])) for a in agents[:12]],
                                  max([a["answers"] for a in agents[:12]], default=0)),
        spread=spread, spread_chart=charts.hbars(spread, max([v for _, v in spread], default=0)),
        feedback=rows(feedback)[:10], rated=len(ratings),
        average=sum(ratings) / len(ratings) if ratings else None)
