"""Tenant isolation on every tenant table and every composite foreign key, generated
from the live catalog. Each runs inside a transaction that is rolled back."""

from __future__ import annotations

import pytest
from psycopg import sql
from psycopg.types.json import Jsonb
from psycopg.errors import CheckViolation, ForeignKeyViolation, InsufficientPrivilege

from tests import catalog
from tests.helpers import act_as, reset_role, tenant_id

PLATFORM = "00000000-0000-0000-0000-000000000000"


def pytest_generate_tests(metafunc):
    if "table" in metafunc.fixturenames:
        tables = catalog.tenant_tables()
        if metafunc.function.__name__ == "test_platform_rows_are_readable_and_read_only":
            tables = [t for t in tables if t.library and t.platform_rows]
        metafunc.parametrize("table", tables, ids=str)
    if "fk" in metafunc.fixturenames:
        metafunc.parametrize("fk", catalog.tenant_foreign_keys(), ids=str)


def _count(conn, table: str, tenant) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s").format(sql.Identifier(table))
    return conn.execute(query, (tenant,)).fetchone()[0]


def _one_row(conn, table, tenant) -> dict:
    """One row of the tenant as JSON, with a fresh id so that only RLS can refuse its copy."""
    query = sql.SQL("SELECT to_jsonb(t) FROM {} t WHERE tenant_id = %s LIMIT 1").format(sql.Identifier(table.name))
    row = conn.execute(query, (tenant,)).fetchone()
    assert row is not None, f"the seed has no row of this tenant in {table.name}"
    fresh = conn.execute("SELECT gen_random_uuid()::text").fetchone()[0]
    return row[0] | ({"id": fresh} if "id" in row[0] else {})


def _insert(conn, table, row: dict) -> None:
    cols = sql.SQL(", ").join(map(sql.Identifier, table.columns))
    conn.execute(sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM jsonb_populate_record(NULL::{t}, %s)").format(
        t=sql.Identifier(table.name), c=cols), (Jsonb(row),))


def _cannot_update_or_delete(conn, ident, tenant) -> None:
    """UPDATE and DELETE of the tenant's rows touch nothing (or are not granted at all)."""
    for statement in (sql.SQL("UPDATE {} SET updated_at = now() WHERE tenant_id = %s"),
                      sql.SQL("DELETE FROM {} WHERE tenant_id = %s")):
        try:
            with conn.transaction():
                assert conn.execute(statement.format(ident), (tenant,)).rowcount == 0
        except InsufficientPrivilege:
            pass  # not granted at all: append-only tables (audit_log, histories)


def _refused(conn, action) -> bool:
    """Run action in a savepoint; True when the database refused it for lack of rights."""
    try:
        with conn.transaction():
            action()
    except InsufficientPrivilege:
        return True
    return False


def test_own_rows_are_visible(db, table):
    acme = tenant_id(db, "acme")
    owner_count = _count(db, table.name, acme)
    assert owner_count > 0, f"the seed has no acme row in {table.name}"
    act_as(db, "acme")
    assert _count(db, table.name, acme) == owner_count


def test_another_tenant_cannot_see_or_change_its_rows(db, table):
    acme = tenant_id(db, "acme")
    victim = _one_row(db, table, acme)
    before = _count(db, table.name, acme)
    act_as(db, "pharmaco")
    ident = sql.Identifier(table.name)
    assert _count(db, table.name, acme) == 0
    _cannot_update_or_delete(db, ident, acme)
    assert _refused(db, lambda: _insert(db, table, victim))
    reset_role(db)
    assert _count(db, table.name, acme) == before


def test_anon_sees_nothing(db, table):
    act_as(db, None)
    query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table.name))
    try:
        with db.transaction():
            assert db.execute(query).fetchone()[0] == 0
    except InsufficientPrivilege:
        pass  # anon holds no privilege on tenant tables at all


def test_platform_rows_are_readable_and_read_only(db, table):
    total = _count(db, table.name, PLATFORM)
    platform_row = _one_row(db, table, PLATFORM)
    act_as(db, "acme")
    assert _count(db, table.name, PLATFORM) == total
    ident = sql.Identifier(table.name)
    _cannot_update_or_delete(db, ident, PLATFORM)
    assert _refused(db, lambda: _insert(db, table, platform_row))
    reset_role(db)
    assert _count(db, table.name, PLATFORM) == total


def test_a_row_cannot_reference_another_tenants_row(db, fk):
    acme, pharmaco = tenant_id(db, "acme"), tenant_id(db, "pharmaco")
    pcols = sql.SQL(", ").join(map(sql.Identifier, fk.parent_columns[1:]))
    parent = db.execute(sql.SQL("SELECT {} FROM {} WHERE {} = %s LIMIT 1").format(
        pcols, sql.Identifier(fk.parent), sql.Identifier(fk.parent_columns[0])), (acme,)).fetchone()
    assert parent is not None, f"the seed has no acme row in {fk.parent}"
    child = db.execute(sql.SQL("SELECT ctid FROM {} WHERE tenant_id = %s LIMIT 1").format(
        sql.Identifier(fk.table)), (pharmaco,)).fetchone()
    assert child is not None, f"the seed has no pharmaco row in {fk.table}"
    targets = list(fk.columns[1:]) + ([fk.columns[0]] if fk.library else [])
    values = list(parent) + ([acme] if fk.library else [])
    assignments = sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c)) for c in targets)
    db.execute("SET LOCAL ROLE service_role")  # even a role that bypasses RLS
    with pytest.raises((ForeignKeyViolation, CheckViolation)):
        db.execute(sql.SQL("UPDATE {} SET {} WHERE ctid = %s").format(sql.Identifier(fk.table), assignments),
                   [*values, child[0]])
