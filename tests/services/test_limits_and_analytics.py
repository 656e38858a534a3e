"""Tier limits (429 naming the limit and its reset) and analytics: events, feedback, roll-ups."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from tests import pg
from tests.services.conftest import agent_id
from vital.services import limits

QUESTION = "How do we prepare for a GMP inspection?"


def set_tier(api, tenant: str, tier: str, **overrides) -> None:
    with pg.connect(api.database) as conn:
        conn.execute("UPDATE tenants SET tier = %s, settings = settings || %s::jsonb WHERE subdomain = %s",
                     (tier, json.dumps({"limits": overrides}), tenant))
        conn.commit()


def chat(api, tenant="acme", query=QUESTION):
    agent = agent_id(api.database, tenant, "quality-systems-architect")
    return api.as_(tenant).post("/api/v1/ask-expert/sessions", json={"mode": 1, "agent_id": agent, "query": query})


def acme_sessions(api) -> int:
    with pg.connect(api.database) as conn:
        return conn.execute("SELECT count(*) FROM ask_expert_sessions s JOIN tenants t ON t.id = s.tenant_id "
                            "WHERE t.subdomain = 'acme'").fetchone()[0]


def test_sessions_per_day(fresh_sapi):
    set_tier(fresh_sapi, "acme", "free", sessions_per_day=2)
    before = acme_sessions(fresh_sapi)
    assert chat(fresh_sapi).status_code == 201
    panel = fresh_sapi.as_("acme").post("/api/v1/panels", json={"question": "Mock inspection?",
                                                                "archetype": "structured", "size": 3})
    assert panel.status_code == 201  # panels count as sessions too
    r = chat(fresh_sapi)
    assert r.status_code == 429
    body = r.json()
    assert body["code"] == "tier_limit_exceeded" and "sessions_per_day" in body["message"]
    assert "free tier" in body["message"] and "allowed=2; used=2" in body["details"]
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date().isoformat()
    assert f"resets at {tomorrow}T00:00:00+00:00" in body["details"]
    assert 0 < int(r.headers["Retry-After"]) <= 86400
    assert acme_sessions(fresh_sapi) == before + 1  # the refused request left nothing behind
    assert chat(fresh_sapi, "pharmaco").status_code == 201  # another tenant has its own counter


def test_tokens_per_day(fresh_sapi):
    set_tier(fresh_sapi, "acme", "pro", tokens_per_day=50)
    first = chat(fresh_sapi)
    assert first.status_code == 201
    session = first.json()["id"]
    r = fresh_sapi.as_("acme").post(f"/api/v1/ask-expert/sessions/{session}/messages", json={"content": QUESTION})
    assert r.status_code == 429 and "tokens_per_day" in r.json()["message"] and "pro tier" in r.json()["message"]


def test_documents_and_the_limits_endpoint(fresh_sapi):
    set_tier(fresh_sapi, "acme", "free", documents=3)
    r = fresh_sapi.as_("acme").get("/api/v1/analytics/limits")
    body = r.json()
    assert body["tier"] == "free"
    found = {row["limit"]: row for row in body["limits"]}
    assert found["documents"]["allowed"] == 3 and found["documents"]["used"] >= 5
    assert found["documents"]["resets_at"] is None
    assert found["sessions_per_day"]["allowed"] == limits.TIERS["free"]["sessions_per_day"]
    scope_conn = pg.connect(fresh_sapi.database)
    try:
        from tests.helpers import act_as
        act_as(scope_conn, "acme")
        try:
            limits.check_documents(scope_conn)
            raise AssertionError("expected the documents limit")
        except limits.LimitExceeded as exc:
            assert exc.limit == "documents" and exc.retry_after is None
    finally:
        scope_conn.rollback()
        scope_conn.close()


def test_tiers_differ():
    assert limits.TIERS["free"]["sessions_per_day"] < limits.TIERS["pro"]["sessions_per_day"] \
        < limits.TIERS["enterprise"]["sessions_per_day"]


def test_events_feedback_and_daily_rollups(fresh_sapi):
    acme = fresh_sapi.as_("acme")
    session = chat(fresh_sapi).json()
    answer = session["messages"][-1]
    r = acme.post("/api/v1/feedback", json={"message_id": answer["id"], "rating": 4, "reasons": ["well_cited"],
                                            "comment": "useful"})
    assert r.status_code == 201, r.text
    assert fresh_sapi.as_("pharmaco").post("/api/v1/feedback", json={"message_id": answer["id"],
                                                                     "rating": 1}).status_code == 404
    assert acme.post("/api/v1/feedback", json={"rating": 3}).status_code == 400
    panel = acme.post("/api/v1/panels", json={"question": "Mock inspection?", "archetype": "structured",
                                              "size": 3}).json()
    synthesis = panel["syntheses"][-1]["id"]
    assert acme.post("/api/v1/feedback", json={"synthesis_id": synthesis, "rating": 5}).status_code == 201

    usage = {row["metric"]: row["value"] for row in acme.get("/api/v1/analytics/usage").json()
             if row["day"] == datetime.now(timezone.utc).date().isoformat()}
    # the seed's rows were written today too (when the template was built): at least ours
    assert usage["ask_expert_sessions"] >= 1 and usage["ask_expert_messages"] >= 2
    assert usage["panel_sessions"] >= 1 and usage["feedback_ratings"] >= 2 and usage["llm_tokens"] > 0
    assert usage["active_users"] >= 1
    agents = acme.get("/api/v1/analytics/agents").json()
    today = datetime.now(timezone.utc).date().isoformat()
    mine = next(a for a in agents if a["agent_slug"] == "quality-systems-architect" and a["day"] == today)
    assert mine["answers"] >= 1 and (mine["rated_answers"], mine["avg_rating"]) == (1, 4.0)
    assert {a["agent_slug"] for a in agents} <= {a["agent_slug"] for a in acme.get("/api/v1/analytics/agents").json()}
    assert mine["p50_latency_ms"] is not None and mine["total_tokens"] > 0
    assert "quality-systems-architect" not in {a["agent_slug"] for a in
                                               fresh_sapi.as_("pharmaco").get("/api/v1/analytics/agents").json()}
    with pg.connect(fresh_sapi.database) as conn:
        kinds = {r[0] for r in conn.execute("SELECT event_type FROM analytics_events e JOIN tenants t "
                                            "ON t.id = e.tenant_id WHERE t.subdomain = 'acme'")}
    assert {"ask_expert.session_started", "ask_expert.message_answered", "search.performed",
            "feedback.submitted", "panel.session_started"} <= kinds
    again = {row["metric"]: row["value"] for row in acme.get("/api/v1/analytics/usage").json()
             if row["day"] == datetime.now(timezone.utc).date().isoformat()}
    assert again == usage  # roll-ups are idempotent


def test_usage_window_is_bounded(sapi):
    assert sapi.as_("acme").get("/api/v1/analytics/usage?since=2020-01-01&until=2026-01-01").status_code == 400
