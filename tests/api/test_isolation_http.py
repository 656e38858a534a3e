"""Tenant isolation through HTTP, for every tenant table of the live catalog: pharmaco
can neither read nor change acme's rows, and acme cannot change the platform's."""

from __future__ import annotations

import uuid

from psycopg import sql

from tests import catalog, pg

PLATFORM = "00000000-0000-0000-0000-000000000000"
OBJECT = {"Accept": "application/vnd.pgrst.object+json"}
COUNT = {"Prefer": "count=exact"}


def pytest_generate_tests(metafunc):
    if "table" in metafunc.fixturenames:
        tables = catalog.tenant_tables()
        if metafunc.function.__name__ == "test_platform_rows_cannot_be_changed_by_a_tenant":
            tables = [t for t in tables if t.library and t.platform_rows]
        metafunc.parametrize("table", tables, ids=str)


def _owner(api, query: sql.Composable, *params):
    with pg.connect(api.database) as conn:
        return conn.execute(query, params).fetchone()


def _snapshot(api, table, tenant) -> tuple:
    """Every row of the tenant in the table, as one fingerprint."""
    return _owner(api, sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
                               "FROM {} t WHERE tenant_id = %s").format(sql.Identifier(table.name)), tenant)


def _one_row(api, table, tenant) -> dict:
    row = _owner(api, sql.SQL("SELECT to_jsonb(t) FROM {} t WHERE tenant_id = %s LIMIT 1").format(
        sql.Identifier(table.name)), tenant)
    assert row is not None, f"the seed has no row of {tenant} in {table.name}"
    return {k: v for k, v in row[0].items() if k in table.columns}


def test_another_tenant_reads_nothing_and_a_stolen_id_looks_missing(api, table):
    acme = api.tenants["acme"].id
    pharmaco = api.as_("pharmaco")
    response = pharmaco.get(f"/rest/v1/{table}?tenant_id=eq.{acme}", headers=COUNT)
    assert response.status_code == 200 and response.json() == [], response.text
    assert response.headers["content-range"] == "*/0"
    victim = _one_row(api, table, acme)
    if "id" in victim:
        stolen = pharmaco.get(f"/rest/v1/{table}?id=eq.{victim['id']}", headers=OBJECT)
        missing = pharmaco.get(f"/rest/v1/{table}?id=eq.{uuid.uuid4()}", headers=OBJECT)
        assert stolen.status_code == missing.status_code == 406
        assert stolen.json() == missing.json()


def test_own_rows_are_all_visible(api, table):
    acme = api.tenants["acme"].id
    hidden = sql.SQL(" AND deleted_at IS NULL") if "deleted_at" in table.columns else sql.SQL("")
    expected = _owner(api, sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s{}").format(
        sql.Identifier(table.name), hidden), acme)[0]
    response = api.as_("acme").get(f"/rest/v1/{table}?select=tenant_id&tenant_id=eq.{acme}&limit=1", headers=COUNT)
    assert response.status_code in (200, 206) and response.headers["content-range"].endswith(f"/{expected}")


def test_another_tenant_cannot_change_or_add_rows(api, table):
    acme = api.tenants["acme"].id
    before = _snapshot(api, table, acme)
    victim = _one_row(api, table, acme)
    pharmaco = api.as_("pharmaco")
    _try_to_change_every_row(pharmaco, table, acme)
    copy = victim | ({"id": str(uuid.uuid4())} if "id" in victim else {})
    for body, prefer in ((copy, "return=minimal"), (victim, "resolution=merge-duplicates")):
        response = pharmaco.post(f"/rest/v1/{table}", json=body, headers={"Prefer": prefer})
        assert response.status_code in (403, 405), response.text
    assert _snapshot(api, table, acme) == before


def test_platform_rows_cannot_be_changed_by_a_tenant(api, table):
    before = _snapshot(api, table, PLATFORM)
    _try_to_change_every_row(api.as_("acme"), table, PLATFORM)
    assert _snapshot(api, table, PLATFORM) == before


def test_a_tenant_sees_its_own_tenant_row_and_the_platform_only(api):
    response = api.as_("acme").get("/rest/v1/tenants?select=subdomain&order=subdomain")
    assert [r["subdomain"] for r in response.json()] == ["acme", "platform"]
    assert api.as_("acme").patch("/rest/v1/tenants?subdomain=eq.acme", json={"name": "x"}).status_code == 405


def _try_to_change_every_row(caller, table, tenant) -> None:
    where = f"/rest/v1/{table}?tenant_id=eq.{tenant}"
    _refused_or_empty(caller.patch(where, json={"updated_at": "2000-01-01T00:00:00Z"}, headers=COUNT))
    _refused_or_empty(caller.delete(where, headers=COUNT))


def _refused_or_empty(response) -> None:
    """Either the table refuses the verb to every tenant, or nothing matched: never a changed row."""
    if response.status_code in (403, 405):
        return
    assert response.status_code == 204, response.text
    assert response.headers["content-range"] == "*/0"
