"""The official `supabase` client (2.34.1) against `vital serve`'s app on loopback, signed in as a
tenant's member: embedding one-to-many, many-to-one and many-to-many, JSON paths, aggregates, filters,
order, range and count; inserts, upserts, updates and deletes; `.rpc('match_documents')` with a query
vector from /api/v1/embeddings. Isolation through each new path (RPC, CSV, aggregates): another
tenant and anon see nothing of acme's. One server for the module."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from supabase import ClientOptions, create_client

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.harness import api_settings, served_over_loopback, tenants_of
from vital.auth.tokens import mint_key

PLATFORM = "00000000-0000-0000-0000-000000000000"
SECRET = {"acme": "Acme's zebrafish cardiotoxicity screen uses the quokka protocol for lot release.",
          "pharmaco": "Pharmaco's narwhal stability study keeps samples at minus eighty in the vault."}


@pytest.fixture(scope="module")
def served():
    database = pg.clone(template=pg.LIBRARY)  # the platform library, embedded with the hashing model
    set_passwords(database)
    settings = api_settings(database, embedding_provider="hash")
    try:
        with served_over_loopback(settings) as port:
            tenants = tenants_of(database, settings)
            for subdomain, text in SECRET.items():  # each tenant's own document, ingested at once
                r = _http(port, subdomain, tenants[subdomain].token).post(
                    "/api/v1/knowledge/documents", files=[("files", (f"{subdomain}.txt", text.encode()))])
                assert r.status_code == 201, r.text
            yield port, settings, tenants
    finally:
        pg.drop(database)


def _http(port: int, subdomain: str, token: str | None) -> httpx.Client:
    headers = {"Host": f"{subdomain}.localhost", **({"Authorization": f"Bearer {token}"} if token else {})}
    return httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30)


@pytest.fixture(scope="module")
def acme(served):
    port, settings, _ = served
    options = ClientOptions(headers={"Host": "acme.localhost"}, auto_refresh_token=False, persist_session=False)
    client = create_client(f"http://127.0.0.1:{port}", mint_key(settings, "anon"), options=options)
    client.auth.sign_in_with_password({"email": "ada@acme.example", "password": PASSWORD})
    return client


def test_selects_with_embedding_json_paths_aggregates_order_range_and_count(acme):
    agents = acme.table("agents")
    m2m = agents.select("slug, tools(name)").eq("slug", "fda-regulatory-strategist").execute().data
    assert m2m and m2m[0]["tools"] and all(set(t) == {"name"} for t in m2m[0]["tools"])
    to_many = agents.select("slug, agent_tools(tool_id)").eq("slug", "fda-regulatory-strategist").execute().data
    assert len(to_many[0]["agent_tools"]) == len(m2m[0]["tools"])
    to_one = acme.table("agent_tools").select("id, agents(slug)").limit(3).execute().data
    assert to_one and all(isinstance(r["agents"]["slug"], str) for r in to_one)
    paths = (agents.select("slug, top_p:settings->top_p, kind:settings->response_format->>type")
             .eq("settings->>top_p", "0.9").order("slug").execute().data)
    assert paths and {r["top_p"] for r in paths} == {0.9} and {r["kind"] for r in paths} == {"text"}
    page = agents.select("slug", count="exact").eq("status", "active").order("slug", desc=True).range(1, 3).execute()
    assert len(page.data) == 3 and page.count > 3
    assert [r["slug"] for r in page.data] == sorted((r["slug"] for r in page.data), reverse=True)
    grouped = agents.select("tier, count()").order("tier").execute().data
    assert sum(r["count"] for r in grouped) == agents.select("id", count="exact").execute().count


def test_inserts_upserts_updates_and_deletes(acme):
    tags = acme.table("tags")
    made = tags.insert([{"slug": "sb-one", "name": "One"}, {"slug": "sb-two", "name": "Two"}]).execute().data
    assert sorted(r["slug"] for r in made) == ["sb-one", "sb-two"]
    assert tags.upsert({"slug": "sb-one", "name": "Uno"}, on_conflict="tenant_id,slug").execute().data[0]["name"] == "Uno"
    assert [r["color"] for r in tags.update({"color": "#123456"}).eq("slug", "sb-two").execute().data] == ["#123456"]
    assert len(tags.delete().like("slug", "sb-*").execute().data) == 2
    assert tags.select("slug").like("slug", "sb-*").execute().data == []


def test_match_documents_with_a_vector_from_the_embeddings_endpoint(served, acme):
    port, _, tenants = served
    http = _http(port, "acme", tenants["acme"].token)
    made = http.post("/api/v1/embeddings", json={"input": [SECRET["acme"]], "model": "text-embedding-3-small"})
    assert made.status_code == 400 and "vital-hashing-384" in made.json()["hint"]  # names what exists here
    made = http.post("/api/v1/embeddings", json={"input": SECRET["acme"]})
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["object"] == "list" and body["data"][0]["object"] == "embedding" and body["usage"]["total_tokens"]
    vector = body["data"][0]["embedding"]
    too_many = http.post("/api/v1/embeddings", json={"input": ["x"] * 65})
    assert too_many.status_code == 400 and "64" in too_many.json()["message"]
    hits = acme.rpc("match_documents", {"query_embedding": vector, "match_count": 8}).execute().data
    assert hits[0]["tenant_id"] == str(tenants["acme"].id) and hits[0]["content"] == SECRET["acme"]
    assert {h["tenant_id"] for h in hits} == {str(tenants["acme"].id), PLATFORM}
    assert all(h["similarity"] <= hits[0]["similarity"] for h in hits)
    chunks = acme.rpc("match_chunks", {"query_embedding": vector, "match_count": 3,
                                       "filter": {"nonexistent": True}}).execute().data
    assert chunks == []
    hybrid = acme.rpc("hybrid_search", {"query_text": "quokka protocol", "query_embedding": vector,
                                        "match_count": 3}).select("content, score").execute().data
    assert hybrid[0]["content"] == SECRET["acme"]
    # pharmaco, with acme's vector, finds its own and the platform's chunks, never acme's
    pharmaco = _http(port, "pharmaco", tenants["pharmaco"].token)
    theirs = pharmaco.post("/rest/v1/rpc/match_documents", json={"query_embedding": vector, "match_count": 50}).json()
    assert theirs and {h["tenant_id"] for h in theirs} <= {str(tenants["pharmaco"].id), PLATFORM}
    own = pharmaco.post("/api/v1/embeddings", json={"input": SECRET["pharmaco"]}).json()["data"][0]["embedding"]
    top = pharmaco.get("/rest/v1/rpc/match_documents", params={"query_embedding": str(own), "match_count": 1,
                                                              "select": "content"}).json()
    assert top == [{"content": SECRET["pharmaco"]}]


def test_tx_rollback_leaves_nothing_and_other_tenants_and_anon_see_nothing_of_acmes(served):
    port, settings, tenants = served
    acme, pharmaco = _http(port, "acme", tenants["acme"].token), _http(port, "pharmaco", tenants["pharmaco"].token)
    r = acme.post("/rest/v1/tags", json={"slug": "rolled-back", "name": "R"},
                  headers={"Prefer": "tx=rollback, return=representation"})
    assert r.status_code == 201 and r.json()[0]["slug"] == "rolled-back"
    assert acme.get("/rest/v1/tags?slug=eq.rolled-back").json() == []
    acme_id = str(tenants["acme"].id)
    # CSV and aggregates over documents: acme sees its own, pharmaco not acme's
    mine = list(csv.DictReader(io.StringIO(acme.get("/rest/v1/rag_documents?select=tenant_id,title",
                                                    headers={"Accept": "text/csv"}).text)))
    assert acme_id in {row["tenant_id"] for row in mine}
    seen = pharmaco.get("/rest/v1/rag_documents?select=tenant_id,title", headers={"Accept": "text/csv"}).text
    assert acme_id not in seen and "acme" not in seen.lower()
    counts = pharmaco.get("/rest/v1/rag_documents?select=tenant_id,count()").json()
    assert acme_id not in {row["tenant_id"] for row in counts}
    theirs = pharmaco.get(f"/rest/v1/rpc/opportunity_landscape?jtbd_id={acme_id}").json()
    assert theirs == []
    anon = _http(port, "acme", None)
    anon.headers["apikey"] = mint_key(settings, "anon")
    for path in ("/rest/v1/rpc/match_documents", "/rest/v1/rag_documents?select=count()"):
        response = anon.post(path, json={"query_embedding": [0.0] * 384}) if "rpc" in path else anon.get(
            path, headers={"Accept": "text/csv"})
        assert response.status_code == 401 and acme_id not in response.text
