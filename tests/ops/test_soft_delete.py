"""Soft-deleted rows: listed and restored as the tenant, through RLS, by the library, the CLI and the API."""

from __future__ import annotations

import json
import uuid

import pytest

from tests import pg
from tests.harness import running
from tests.helpers import act_as, tenant_id
from vital.errors import InvalidInput, NotFound
from vital.catalog import read
from vital.ops.catalog import PLATFORM_TENANT_ID
from vital.ops.soft_delete import list_deleted, restore

DELETE_ONE_AGENT = """
UPDATE agents SET deleted_at = now()
WHERE (tenant_id, id) = (SELECT tenant_id, id FROM agents WHERE tenant_id = %s ORDER BY slug LIMIT 1)
RETURNING id"""


def soft_delete_an_agent(conn, tenant: uuid.UUID) -> uuid.UUID:
    return conn.execute(DELETE_ONE_AGENT, (tenant,)).fetchone()[0]


def test_a_tenant_sees_and_restores_its_own_deleted_rows_only(db):
    catalog = read(db)
    acme, pharmaco = tenant_id(db, "acme"), tenant_id(db, "pharmaco")
    own, foreign, platform = (soft_delete_an_agent(db, t) for t in (acme, pharmaco, PLATFORM_TENANT_ID))
    act_as(db, "acme")
    assert [(r["table"], r["id"]) for r in list_deleted(db, catalog)] == [("agents", own)]
    assert list_deleted(db, catalog, "personas") == []
    for other in (foreign, platform, uuid.uuid4()):  # another tenant's, the library's, none: the same answer
        with pytest.raises(NotFound):
            restore(db, catalog, "agents", other)
    restored = restore(db, catalog, "agents", own)
    assert restored["id"] == own and restored["deleted_at"] is None and restored["label"]
    assert list_deleted(db, catalog) == []
    assert db.execute("SELECT actor_id IS NOT NULL FROM audit_log WHERE row_id = %s AND action = 'RESTORE'",
                      (own,)).fetchall() == [(True,)]
    with pytest.raises(InvalidInput, match="not a table whose rows can be restored"):
        restore(db, catalog, "audit_log", own)


def test_the_cli_lists_and_restores_as_the_tenant(fresh_db, vital):
    with pg.connect(fresh_db) as conn:
        row = soft_delete_an_agent(conn, tenant_id(conn, "pharmaco"))
        conn.commit()
    listed = json.loads(vital(fresh_db, "tenant", "deleted", "pharmaco", "--json").stdout)
    assert [(r["table"], r["id"]) for r in listed] == [("agents", str(row))]
    assert json.loads(vital(fresh_db, "tenant", "deleted", "acme", "--json").stdout) == []
    assert "No deleted row" in vital(fresh_db, "tenant", "restore", "acme", "agents", str(row), ok=False).stderr
    assert f"restored agents {row}" in vital(fresh_db, "tenant", "restore", "pharmaco", "agents", str(row)).stdout
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT deleted_at FROM agents WHERE id = %s", (row,)).fetchone() == (None,)


def test_the_api_lists_and_restores_as_the_caller(fresh_db):
    with running(fresh_db) as api:
        pharmaco, acme = api.as_("pharmaco"), api.as_("acme")
        own = api.tenants["pharmaco"].id
        agent = pharmaco.get(f"/rest/v1/agents?select=id&tenant_id=eq.{own}&limit=1").json()[0]["id"]
        assert pharmaco.delete(f"/rest/v1/agents?id=eq.{agent}").status_code == 204  # a soft delete
        listed = pharmaco.get("/api/v1/deleted").json()
        assert [(r["table"], r["id"]) for r in listed] == [("agents", agent)]
        assert acme.get("/api/v1/deleted").json() == []
        assert acme.post(f"/api/v1/deleted/agents/{agent}/restore").status_code == 404
        assert api.as_("pharmaco", token=None).get("/api/v1/deleted").status_code == 401
        assert pharmaco.get("/api/v1/deleted?table=audit_log").status_code == 400
        done = pharmaco.post(f"/api/v1/deleted/agents/{agent}/restore")
        assert done.status_code == 200 and done.json()["id"] == agent
        assert pharmaco.get(f"/rest/v1/agents?id=eq.{agent}&select=id").json() == [{"id": agent}]
        assert pharmaco.post(f"/api/v1/deleted/agents/{agent}/restore").status_code == 404
