"""The real PostgREST client from PyPI (the one supabase-py uses) against the API,
served by uvicorn on a loopback port."""

from __future__ import annotations


import pytest
from postgrest import APIError, SyncPostgrestClient
from postgrest.types import CountMethod

from tests import pg
from tests.harness import api_settings, served_over_loopback, tenants_of


@pytest.fixture(scope="module")
def served():
    database = pg.clone()
    settings = api_settings(database)
    try:
        with served_over_loopback(settings) as port:
            yield port, tenants_of(database, settings)
    finally:
        pg.drop(database)


def client(served, subdomain: str, token: str | None = None) -> SyncPostgrestClient:
    port, tenants = served
    token = token or tenants[subdomain].token
    # The tenant is the Host; the connection goes to the loopback port.
    return SyncPostgrestClient(f"http://127.0.0.1:{port}/rest/v1",
                               headers={"Host": f"{subdomain}.localhost", "apikey": token}).auth(token)


def test_select_filters_order_and_count(served):
    acme = client(served, "acme")
    acme.table("tenant_invitations").insert(
        [{"email": f"c{i}@client.example", "token_hash": f"c{i}", "role": ("admin", "viewer")[i % 2]}
         for i in range(6)]).execute()
    rows = (acme.table("tenant_invitations").select("email, role", count=CountMethod.exact)
            .like("email", "c%@client.example").neq("role", "admin").order("email", desc=True).limit(2).execute())
    assert [r["email"] for r in rows.data] == ["c5@client.example", "c3@client.example"] and rows.count == 3
    either = (acme.table("tenant_invitations").select("email").ilike("email", "C%")
              .or_("email.eq.c0@client.example,email.eq.c1@client.example").order("email").execute())
    assert [r["email"] for r in either.data] == ["c0@client.example", "c1@client.example"]
    picked = (acme.table("tenant_invitations").select("email").in_("email", ["c2@client.example", "x"])
              .is_("accepted_at", None).not_.eq("role", "viewer").execute())
    assert [r["email"] for r in picked.data] == ["c2@client.example"]
    page = acme.table("tenant_invitations").select("email").like("email", "c%").order("email").range(1, 2).execute()
    assert [r["email"] for r in page.data] == ["c1@client.example", "c2@client.example"]


def test_embedding_single_and_maybe_single(served):
    acme = client(served, "acme")
    one = acme.table("tenant_invitations").select("email, tenants(subdomain)").eq(
        "email", "grace@acme.example").single().execute()
    assert one.data == {"email": "grace@acme.example", "tenants": {"subdomain": "acme"}}
    tenants = acme.table("tenants").select("subdomain, profiles(email)").order("subdomain").execute()
    assert tenants.data[0] == {"subdomain": "acme", "profiles": [{"email": "ada@acme.example"}]}
    assert acme.table("profiles").select("*").eq("email", "nobody").maybe_single().execute() is None


def test_writes_upsert_update_and_delete(served):
    acme = client(served, "acme")
    tags = acme.table("tags")
    row = {"slug": "inspection-ready", "name": "Inspection ready"}
    assert tags.insert(row).execute().data[0]["name"] == "Inspection ready"
    merged = tags.upsert({**row, "name": "Ready"}, on_conflict="tenant_id,slug").execute()
    assert merged.data[0]["name"] == "Ready"
    updated = tags.update({"color": "#00aa00"}).eq("slug", "inspection-ready").execute()
    assert [r["color"] for r in updated.data] == ["#00aa00"]
    assert tags.delete().eq("slug", "inspection-ready").execute().data[0]["slug"] == "inspection-ready"
    assert tags.select("*").eq("slug", "inspection-ready").execute().data == []
    keys = acme.table("api_keys")
    keys.insert({"name": "arr", "key_prefix": "arraykey1", "key_hash": "b" * 64, "scopes": ["read", "x"]}).execute()
    assert keys.select("name").contains("scopes", ["x"]).execute().data == [{"name": "arr"}]
    within = keys.select("name").contained_by("scopes", ["read", "x", "y"]).order("name").execute().data
    assert within == [{"name": "Demo integration"}, {"name": "arr"}]


def test_errors_arrive_as_api_errors_and_another_tenants_row_looks_missing(served):
    acme, pharmaco = client(served, "acme"), client(served, "pharmaco")
    with pytest.raises(APIError) as caught:
        acme.table("profiles").select("nope").execute()
    assert caught.value.code == "42703"
    ada = acme.table("profiles").select("id").single().execute().data["id"]
    errors = []
    for row_id in (ada, "00000000-0000-0000-0000-0000000000ff"):
        with pytest.raises(APIError) as caught:
            pharmaco.table("profiles").select("*").eq("id", row_id).single().execute()
        errors.append(caught.value.json())
    assert errors[0] == errors[1] and errors[0]["code"] == "PGRST116"
    with pytest.raises(APIError) as caught:
        pharmaco.table("profiles").update({"display_name": "x"}).eq("id", ada).single().execute()
    assert caught.value.code == "PGRST116"
    assert acme.table("profiles").select("display_name").single().execute().data["display_name"] == "Ada Lindqvist"
