"""OpenAPI, docs, health and readiness."""

from __future__ import annotations


def test_openapi_describes_every_table_with_its_columns_and_types(api):
    spec = api.client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for table in api.relations.tables.values():
        assert "get" in spec["paths"][f"/rest/v1/{table.name}"], table.name
        assert set(schemas[table.name]["properties"]) == set(table.columns), table.name
    profiles = schemas["profiles"]["properties"]
    assert profiles["id"] == {"type": "string", "format": "uuid"}
    assert profiles["deleted_at"]["type"] == ["string", "null"] and profiles["deleted_at"]["format"] == "date-time"
    assert schemas["api_keys"]["properties"]["scopes"]["type"] == "array"
    assert schemas["tenant_members"]["properties"]["role"]["enum"] == ["owner", "admin", "member", "viewer"]
    assert set(spec["paths"]["/rest/v1/audit_log"]) == {"get"}  # append-only for tenants
    assert set(spec["paths"]["/rest/v1/tenant_usage"]) == {"get"}  # counted by vital.count_usage() only
    assert {"get", "post", "patch", "delete"} <= set(spec["paths"]["/rest/v1/profiles"])
    assert "/health" in spec["paths"] and "/ready" in spec["paths"]
    assert api.client.get("http://acme.localhost/rest/v1/").json()["paths"] == spec["paths"]


def test_docs_page(api):
    response = api.client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()


def test_health_and_readiness(api):
    assert api.client.get("/health").json() == {"status": "ok"}
    ready = api.client.get("/ready").json()
    assert ready["status"] == "ready" and ready["login"] == "vital_api" and ready["tables"] == len(api.relations.tables)


def test_unknown_routes_answer_in_the_same_error_shape(api):
    response = api.client.get("/nope")
    assert response.status_code == 404 and set(response.json()) == {"code", "message", "details", "hint"}
    rpc = api.as_("acme").post("/rest/v1/rpc/anything", json={})
    assert rpc.status_code == 404 and rpc.json()["code"] == "PGRST202" and rpc.json()["hint"]
