"""The rest of PostgREST's dialect, in process: JSON paths, aggregates, spreads, many-to-many
embedding, CSV, a single object, and the Prefer options missing, tx, handling and max-affected,
limit and order on PATCH and DELETE."""

from __future__ import annotations

import csv
import io

from tests import pg


def test_json_paths_in_select_filters_and_order(api):
    acme = api.as_("acme")
    r = acme.get("/rest/v1/agents?select=slug,top_p:settings->top_p,settings->response_format->>type"
                 "&settings->>top_p=eq.0.9&order=settings->>top_p.desc,slug")
    assert r.status_code == 200, r.text
    rows = r.json()
    assert rows and all(set(x) == {"slug", "top_p", "type"} for x in rows)
    assert {x["top_p"] for x in rows} == {0.9} and {x["type"] for x in rows} == {"text"}
    assert [x["slug"] for x in rows] == sorted(x["slug"] for x in rows)
    mine = acme.get("/rest/v1/tenants?select=subdomain,first:settings->therapeutic_focus->>0"
                    "&settings->>locale=eq.en-US").json()
    assert mine == [{"subdomain": "acme", "first": "oncology"}]
    bad = acme.get("/rest/v1/agents?select=nope->>x")
    assert bad.status_code == 400 and bad.json()["code"] == "42703"


def test_aggregates_group_by_the_other_columns(api):
    acme = api.as_("acme")
    with pg.connect(api.database) as conn:
        expected = dict(conn.execute("SELECT tier, count(*) FROM agents WHERE tenant_id IN "
                                     "((SELECT id FROM tenants WHERE subdomain = 'acme'), "
                                     "'00000000-0000-0000-0000-000000000000') AND deleted_at IS NULL "
                                     "GROUP BY tier").fetchall())
    r = acme.get("/rest/v1/agents?select=tier,count()&order=tier")
    assert r.status_code == 200, r.text
    assert {x["tier"]: x["count"] for x in r.json()} == expected
    total = acme.get("/rest/v1/jtbd_desired_outcomes?select=best:opportunity_score.max(),"
                     "importance_score.avg(),n:count()").json()
    assert len(total) == 1 and total[0]["n"] > 0 and total[0]["best"] <= 19 and 1 <= total[0]["avg"] <= 10
    embedded = acme.get("/rest/v1/agents?select=slug,agent_tools(count())&agent_tools.limit=5").json()
    assert embedded and all(len(x["agent_tools"]) == 1 and x["agent_tools"][0]["count"] >= 0 for x in embedded)
    per = acme.get("/rest/v1/jtbd_desired_outcomes?select=opportunity_band,score:opportunity_score.sum()::int"
                   "&order=opportunity_band").json()
    assert [x["opportunity_band"] for x in per] == sorted({x["opportunity_band"] for x in per})
    assert all(isinstance(x["score"], int) for x in per)


def test_many_to_many_through_a_junction_and_spreads(api):
    acme = api.as_("acme")
    with pg.connect(api.database) as conn:
        slug, tools = conn.execute(
            "SELECT a.slug, array_agg(t.name ORDER BY t.name) FROM agents a JOIN agent_tools j "
            "ON j.tenant_id = a.tenant_id AND j.agent_id = a.id JOIN tools t ON t.tenant_id = j.tool_tenant_id "
            "AND t.id = j.tool_id WHERE a.tenant_id = '00000000-0000-0000-0000-000000000000' "
            "GROUP BY a.slug ORDER BY a.slug LIMIT 1").fetchone()
    r = acme.get(f"/rest/v1/agents?select=slug,tools(name)&slug=eq.{slug}&tools.order=name")
    assert r.status_code == 200, r.text
    assert r.json() == [{"slug": slug, "tools": [{"name": n} for n in tools]}]
    having = acme.get("/rest/v1/agents?select=slug,tools(name)&tools=not.is.null").json()
    lacking = acme.get("/rest/v1/agents?select=slug,tools(name)&tools=is.null").json()
    assert slug in {x["slug"] for x in having} and all(x["tools"] for x in having)
    assert lacking == [x for x in lacking if x["tools"] == []] and not {x["slug"] for x in having} & {
        x["slug"] for x in lacking}
    hinted = acme.get(f"/rest/v1/agents?select=slug,tools!agent_tools(name)&slug=eq.{slug}&tools.order=name")
    assert hinted.json() == r.json()
    spread = acme.get(f"/rest/v1/agent_tools?select=usage_notes,...agents(agent:slug),...tools(tool:name)"
                      f"&agents.slug=eq.{slug}&agents.limit=1").json()
    assert any(x["agent"] == slug and x["tool"] in tools for x in spread)
    many = acme.get("/rest/v1/agents?select=slug,...agent_tools(usage_notes)")
    assert many.status_code == 400 and many.json()["code"] == "PGRST119"
    mixed = acme.get("/rest/v1/agent_tools?select=count(),...agents(slug)")
    assert mixed.status_code == 400 and "spread" in mixed.json()["message"]


def test_csv_and_a_single_object(api):
    acme = api.as_("acme")
    r = acme.get("/rest/v1/tenants?select=subdomain,settings&order=subdomain", headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["subdomain"] for x in rows] == ["acme", "platform"]  # RLS: its own row and the platform's
    assert '"locale": "en-US"' in rows[0]["settings"]
    one = acme.get("/rest/v1/tenants?subdomain=eq.acme", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert one.status_code == 200 and one.json()["subdomain"] == "acme"
    two = acme.get("/rest/v1/tenants", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert two.status_code == 406 and two.json()["code"] == "PGRST116"


def test_prefer_handling_strict_refuses_unknown_preferences(api):
    acme = api.as_("acme")
    lenient = acme.get("/rest/v1/tenants?select=subdomain", headers={"Prefer": "nonsense=1"})
    assert lenient.status_code == 200
    strict = acme.get("/rest/v1/tenants?select=subdomain", headers={"Prefer": "handling=strict, nonsense=1"})
    assert strict.status_code == 400 and strict.json()["code"] == "PGRST122"
    assert "nonsense=1" in strict.json()["details"]


def test_writes_tx_rollback_max_affected_missing_default_and_limited(fresh_api):
    acme = fresh_api.as_("acme")
    tags = [{"slug": f"t{i}", "name": f"T{i}"} for i in range(5)]
    rolled = acme.post("/rest/v1/tags", json=tags, headers={"Prefer": "tx=rollback, return=representation"})
    assert rolled.status_code == 201 and len(rolled.json()) == 5
    assert "tx=rollback" in rolled.headers["preference-applied"]
    assert acme.get("/rest/v1/tags?slug=like.t*").json() == []
    assert acme.post("/rest/v1/tags", json=tags).status_code == 201
    strict = {"Prefer": "handling=strict, max-affected=2"}
    over = acme.patch("/rest/v1/tags?slug=like.t*", json={"color": "#ff0000"}, headers=strict)
    assert over.status_code == 400 and over.json()["code"] == "PGRST124"
    assert acme.get("/rest/v1/tags?color=eq.%23ff0000").json() == []  # rolled back
    limited = acme.patch("/rest/v1/tags?slug=like.t*&order=slug.desc&limit=2", json={"color": "#00ff00"},
                        headers={"Prefer": "return=representation, handling=strict, max-affected=2"})
    assert limited.status_code == 200 and sorted(x["slug"] for x in limited.json()) == ["t3", "t4"]
    gone = acme.delete("/rest/v1/tags?slug=like.t*&order=slug&limit=1", headers={"Prefer": "return=representation"})
    assert [x["slug"] for x in gone.json()] == ["t0"]
    # missing=default: a key an object leaves out takes the column's default, not NULL
    keys = [{"name": "k1", "key_prefix": "missdflt1", "key_hash": "a" * 64, "scopes": ["read"]},
            {"name": "k2", "key_prefix": "missdflt2", "key_hash": "b" * 64}]
    made = acme.post("/rest/v1/api_keys?select=name,scopes", json=keys,
                     headers={"Prefer": "missing=default, return=representation"})
    assert made.status_code == 201, made.text
    defaults = {x["name"]: x["scopes"] for x in made.json()}
    assert defaults["k1"] == ["read"] and defaults["k2"] is not None
