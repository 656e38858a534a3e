"""The queue's schema and roles: no tenant role nor the API's login reaches the queue or the maintenance
role; the workers' login reaches both; a tenant enqueues only tenant tasks, for its own tenant."""

from __future__ import annotations

import json

import psycopg
import pytest

from tests import pg
from vital.db.connection import with_user


def login(role: str) -> psycopg.Connection:
    return psycopg.connect(with_user(pg.url(pg.shared_db()), role))


@pytest.mark.parametrize("statement", ["SET ROLE vital_maintenance",
                                       "SELECT set_config('role', 'vital_maintenance', true)",
                                       "SELECT count(*) FROM procrastinate.procrastinate_jobs"])
def test_the_api_login_reaches_neither_the_maintenance_role_nor_the_queue(statement):
    with login("vital_api") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_tenant_roles_have_no_privilege_on_the_queue(db):
    for role in ("anon", "authenticated", "service_role", "vital_api", "vital_maintenance"):
        granted = db.execute("SELECT has_schema_privilege(%s, 'procrastinate', 'USAGE')", (role,)).fetchone()[0]
        assert granted is False, role
    assert db.execute("SELECT rolbypassrls FROM pg_roles WHERE rolname = 'vital_worker'").fetchone()[0] is False
    assert db.execute("SELECT pg_has_role('vital_api', 'vital_maintenance', 'MEMBER')").fetchone()[0] is False


def test_the_worker_login_may_switch_to_the_maintenance_role_which_expires_invitations(db):
    with login("vital_worker") as conn:
        conn.execute("SET ROLE vital_maintenance")
        assert conn.execute("SELECT current_user").fetchone()[0] == "vital_maintenance"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM public.tenants")  # maintenance functions only
    tenant = db.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
    invitation = db.execute("INSERT INTO tenant_invitations (tenant_id, email, role, expires_at, token_hash) "
                            "VALUES (%s, 'late@example.com', 'member', now() - interval '1 hour', %s) RETURNING id",
                            (tenant, "a" * 64)).fetchone()[0]
    db.execute("SET LOCAL ROLE vital_maintenance")
    assert db.execute("SELECT invitations FROM vital.expire_sign_in_tokens()").fetchone()[0] >= 1
    db.execute("RESET ROLE")
    assert db.execute("SELECT status FROM tenant_invitations WHERE id = %s", (invitation,)).fetchone()[0] == "expired"


def test_a_tenant_enqueues_tenant_tasks_only_and_always_for_itself(db):
    tenant = db.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
    db.execute("SELECT set_config('request.jwt.claims', %s, true), set_config('role', 'authenticated', true)",
               (json.dumps({"role": "authenticated", "tenant_id": str(tenant)}),))
    with pytest.raises(psycopg.errors.InvalidParameterValue), db.transaction():
        db.execute("SELECT vital.enqueue_job('vital.expire_tokens')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.transaction():
        db.execute("SELECT vital.expire_sign_in_tokens()")
    first = db.execute("SELECT vital.enqueue_job('vital.reembed', '{\"tenant_id\": \"x\"}')").fetchone()[0]
    again = db.execute("SELECT vital.enqueue_job('vital.reembed')").fetchone()[0]
    assert first == again  # one re-embedding waits per tenant
    db.execute("RESET ROLE")
    args = db.execute("SELECT args FROM procrastinate.procrastinate_jobs WHERE id = %s", (first,)).fetchone()[0]
    assert args["tenant_id"] == str(tenant)


def test_the_tenant_tasks_are_rows_and_no_tenant_role_reaches_them(db):
    """A task added as a row of vital.job_tasks (what a migration does) is enqueued; the refusal of an unknown
    one names the rows; the list itself is out of every tenant role's and the API's reach."""
    for role in ("anon", "authenticated", "service_role", "vital_api", "vital_worker", "vital_maintenance"):
        for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            granted = db.execute("SELECT has_table_privilege(%s, 'vital.job_tasks', %s)", (role, privilege)).fetchone()
            assert granted[0] is False, (role, privilege)
    db.execute("INSERT INTO vital.job_tasks (name) VALUES ('vital.probe_task')")
    tenant = db.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
    db.execute("SELECT set_config('request.jwt.claims', %s, true), set_config('role', 'authenticated', true)",
               (json.dumps({"role": "authenticated", "tenant_id": str(tenant)}),))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.transaction():
        db.execute("INSERT INTO vital.job_tasks (name) VALUES ('vital.mine')")
    with pytest.raises(psycopg.errors.InvalidParameterValue) as refused, db.transaction():
        db.execute("SELECT vital.enqueue_job('vital.nope')")
    assert refused.value.diag.message_hint == ("Tenants enqueue vital.advance_run, vital.eval, vital.ingest, "
                                               "vital.probe_task, vital.reembed, vital.reparse.")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="needs the argument run"), db.transaction():
        db.execute("SELECT vital.enqueue_job('vital.advance_run', '{}')")  # a run's jobs are locked by the run
    first = db.execute("SELECT vital.enqueue_job('vital.probe_task')").fetchone()[0]
    second = db.execute("SELECT vital.enqueue_job('vital.probe_task')").fetchone()[0]
    assert first != second  # not one per tenant unless the row says so
    db.execute("RESET ROLE")
    assert db.execute("SELECT task_name, args->>'tenant_id', lock FROM procrastinate.procrastinate_jobs "
                      "WHERE id = %s", (first,)).fetchone() == ("vital.probe_task", str(tenant), None)
