"""Core domain and the tenant context: claims, roles, tenants table, audit, api role."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg.errors import CheckViolation, InsufficientPrivilege
from psycopg_pool import ConnectionPool

from tests import pg
from tests.helpers import act_as, tenant_id
from vital.db.connection import SESSION_OPTIONS, with_user
from vital.db.tenant import tenant_transaction
from vital.errors import PermissionDenied, VitalError
from vital.tenancy import Caller


def test_tenant_id_is_read_from_the_claim_or_from_app_metadata(db):
    acme = tenant_id(db, "acme")
    for claims in ({"tenant_id": str(acme)}, {"app_metadata": {"tenant_id": str(acme)}}):
        db.execute("SELECT set_config('request.jwt.claims', %s, true)", (json.dumps(claims),))
        assert db.execute("SELECT auth.tenant_id()").fetchone()[0] == acme


def test_a_tenant_sees_its_own_tenant_row_and_the_platform_only(db):
    act_as(db, "acme")
    assert {r[0] for r in db.execute("SELECT subdomain FROM tenants")} == {"acme", "platform"}
    with pytest.raises(InsufficientPrivilege):
        db.execute("UPDATE tenants SET name = 'Renamed' WHERE subdomain = 'acme'")


def test_anon_cannot_read_tenants(db):
    act_as(db, None)
    with pytest.raises(InsufficientPrivilege):
        db.execute("SELECT count(*) FROM tenants")


def test_subdomain_must_be_a_lower_case_dns_label(db):
    with pytest.raises(CheckViolation) as caught:
        db.execute("INSERT INTO tenants (name, subdomain) VALUES ('Bad', 'Bad_Name')")
    assert caught.value.diag.constraint_name == "tenants_subdomain_dns_label"


def test_updated_at_is_kept_by_the_database(db):
    acme = tenant_id(db, "acme")
    db.execute("UPDATE profiles SET updated_at = '2000-01-01' WHERE tenant_id = %s", (acme,))
    stamp = db.execute("SELECT updated_at, now() FROM profiles WHERE tenant_id = %s LIMIT 1", (acme,)).fetchone()
    assert stamp[0] == stamp[1]


def test_changes_to_critical_tables_are_audited_and_tenants_cannot_forge_audit_rows(db):
    act_as(db, "acme")
    db.execute("UPDATE profiles SET display_name = 'Ada L.' WHERE email = 'ada@acme.example'")
    row = db.execute("SELECT action, new_data->>'display_name', actor_id IS NOT NULL FROM audit_log "
                     "WHERE table_name = 'profiles' ORDER BY created_at DESC LIMIT 1").fetchone()
    assert row == ("UPDATE", "Ada L.", True)
    with pytest.raises(InsufficientPrivilege):
        db.execute("DELETE FROM audit_log")


def test_the_api_role_owns_nothing_and_cannot_bypass_rls(db):
    role = db.execute("SELECT rolbypassrls, rolsuper, rolinherit FROM pg_roles WHERE rolname = 'vital_api'").fetchone()
    assert role == (False, False, False)
    owned = db.execute("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                       "WHERE r.rolname IN ('vital_api', 'anon', 'authenticated')").fetchone()[0]
    assert owned == 0


def _api_url(database: str) -> str:
    return with_user(pg.url(database), "vital_api")


def test_the_api_role_alone_can_read_nothing(fresh_db):
    with psycopg.connect(_api_url(fresh_db), options=SESSION_OPTIONS) as conn:
        with pytest.raises(InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM profiles")


def test_tenant_context_lives_exactly_as_long_as_the_transaction(fresh_db):
    """Behind a pool, one request's tenant must never leak into the next."""
    with pg.connect(fresh_db) as owner:
        acme = tenant_id(owner, "acme")
    with ConnectionPool(_api_url(fresh_db), min_size=1, max_size=1, kwargs={"options": SESSION_OPTIONS}, open=True) as pool:
        with tenant_transaction(pool, Caller.member(acme)) as conn:
            assert conn.execute("SELECT current_user, auth.tenant_id()").fetchone() == ("authenticated", acme)
            assert conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 1
        with pool.connection() as conn:  # the same single connection, next request
            leftover = conn.execute("SELECT current_user, current_setting('request.jwt.claims', true)").fetchone()
            assert leftover[0] == "vital_api" and not leftover[1]


def test_read_only_transactions_refuse_writes(fresh_db):
    with pg.connect(fresh_db) as owner:
        acme = tenant_id(owner, "acme")
    with psycopg.connect(_api_url(fresh_db), options=SESSION_OPTIONS) as conn:
        with pytest.raises(PermissionDenied, match="read-only"):
            with tenant_transaction(conn, Caller.member(acme), read_only=True):
                conn.execute("UPDATE profiles SET display_name = 'x'")


def test_pooled_read_only_transactions_refuse_writes_and_leave_the_connection_clean(fresh_db):
    """A read-only transaction on a pooled connection (the services' reads): no write, and nothing left over."""
    with pg.connect(fresh_db) as owner:
        acme = tenant_id(owner, "acme")
    with ConnectionPool(_api_url(fresh_db), min_size=1, max_size=1,
                        kwargs={"options": SESSION_OPTIONS, "autocommit": True}, open=True) as pool:
        with tenant_transaction(pool, Caller.member(acme), read_only=True) as conn:
            assert conn.execute("SELECT current_user, auth.tenant_id()").fetchone() == ("authenticated", acme)
        with pytest.raises(PermissionDenied, match="read-only"):
            with tenant_transaction(pool, Caller.member(acme), read_only=True) as conn:
                conn.execute("UPDATE profiles SET display_name = 'x'").rowcount
        with pytest.raises(VitalError, match="read-write mode must be set before any query"):  # no way back
            with tenant_transaction(pool, Caller.member(acme), read_only=True) as conn:
                conn.execute("SET TRANSACTION READ WRITE").rowcount
        with pool.connection() as conn:  # the same single connection, next request: nothing left over
            leftover = conn.execute("SELECT current_user, current_setting('request.jwt.claims', true), "
                                    "current_setting('transaction_read_only')").fetchone()
            assert leftover == ("vital_api", "", "off") or leftover == ("vital_api", None, "off")
