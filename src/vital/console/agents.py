"""The agents: a directory filterable by domain, tier and capability (query parameters, so it works
without script; the text filter is an enhancement), and an agent's profile: capabilities, knowledge
domains, tools, prompts and performance from analytics.

A tenant's fork of a platform agent hides the original it copies (same slug), in this directory as
in Ask Expert's list, and is marked as the organisation's own version."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vital.console.answers import path_id
from vital.console.visit import Visit

router = APIRouter(include_in_schema=False)

LIST = "id,tenant_id,name,slug,tagline,tier,domain,capabilities,forked_from_id"
PROFILE = (LIST + ",subdomain,description,system_prompt,model,temperature,"
           "agent_capabilities(proficiency,capabilities(name)),agent_knowledge_domains(is_primary,knowledge_domains(name)),"
           "agent_tools(usage_notes,requires_approval,tools(name,description)),agent_prompt_starters(position,title,prompt)")
TIERS = {1: "Tier 1: senior experts", 2: "Tier 2: specialists", 3: "Tier 3: coordinators and assistants"}


def own_first(rows: list[dict], tenant_id: str) -> list[dict]:
    """Drop the platform agents the tenant forked (a fork keeps the original's slug); mark the forks."""
    own = {r["slug"] for r in rows if r["tenant_id"] == tenant_id}
    kept = [r for r in rows if r["tenant_id"] == tenant_id or r["slug"] not in own]
    for r in kept:
        r["own"], r["fork"] = r["tenant_id"] == tenant_id, bool(r.get("forked_from_id"))
    return kept


@router.get("/agents")
async def directory(request: Request):
    visit = await Visit.of(request)
    params = request.query_params
    tenant = str(visit.tenant.id)
    base = {"select": LIST, "status": "eq.active", "order": "tier.asc,name.asc", "limit": "500"}
    everyone = await visit.api("GET", "/rest/v1/agents", query=base)
    all_rows = own_first(everyone.json() if everyone.ok else [], tenant)
    query = dict(base)
    if params.get("domain"):
        query["domain"] = f"eq.{params['domain']}"
    if (params.get("tier") or "") in ("1", "2", "3"):
        query["tier"] = f"eq.{params['tier']}"
    if params.get("capability"):
        query["capabilities"] = "cs.{" + '"' + params["capability"].replace('"', "") + '"}'
    filtered = await visit.api("GET", "/rest/v1/agents", query=query)
    kept_ids = {r["id"] for r in all_rows}
    rows = [r for r in own_first(filtered.json() if filtered.ok else [], tenant) if r["id"] in kept_ids]
    return visit.render("agents.html", title="Agents", agents=rows, tiers=TIERS, chosen=params,
                        domains=sorted({r["domain"] for r in all_rows if r.get("domain")}),
                        capabilities=sorted({c for r in all_rows for c in r.get("capabilities") or []}),
                        error=None if everyone.ok and filtered.ok else "The directory could not be read. Reload the page.")


@router.get("/agents/{agent_id}")
async def profile(agent_id: str, request: Request):
    visit = await Visit.of(request)
    reply = await visit.api("GET", "/rest/v1/agents", query={"id": f"eq.{path_id(agent_id)}", "select": PROFILE})
    rows = reply.json() if reply.ok else []
    if not rows:
        return visit.render("notice.html", 404, title="Agent not found",
                            text="This agent does not exist or is not yours to see.", link=("/agents", "Agents"))
    agent = rows[0]
    perf = await visit.api("GET", "/api/v1/analytics/agents")
    days = [d for d in (perf.json() if perf.ok else []) if d.get("agent_id") == agent["id"]]
    answers = sum(d.get("answers") or 0 for d in days)
    rated = [d for d in days if d.get("avg_rating") is not None]
    performance = {"answers": answers, "tokens": sum(d.get("total_tokens") or 0 for d in days),
                   "cost": sum(d.get("cost_usd") or 0 for d in days), "days": days,
                   "rating": (sum(d["avg_rating"] * d["rated_answers"] for d in rated)
                              / max(1, sum(d["rated_answers"] for d in rated))) if rated else None,
                   "known": perf.ok}
    agent["own"] = agent["tenant_id"] == str(visit.tenant.id)
    starters = sorted(agent.get("agent_prompt_starters") or [], key=lambda s: s.get("position") or 0)
    return visit.render("agent.html", title=agent["name"], agent=agent, tiers=TIERS, performance=performance,
                        starters=starters)
