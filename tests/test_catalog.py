"""vital.catalog against the tests' independent reader (tests/catalog.py): the same tables,
columns and foreign keys, the same library-reference and soft-delete rules, and a
dependency order that puts every parent before its children."""

from __future__ import annotations

import pytest

from tests import catalog as independent
from tests import pg
from vital.catalog import Catalog, read


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with pg.connect(pg.template_db()) as conn:
        return read(conn)


def test_every_table_and_column_is_read(catalog):
    expected = independent.columns()
    assert set(catalog.tables) == set(expected)
    for name, table in catalog.tables.items():
        assert tuple((c.name, c.nullable) for c in table.columns.values()) == expected[name], name
    assert {t.name for t in catalog.dependency_order()} == independent.base_tables()


def test_every_foreign_key_is_read_with_its_parent(catalog):
    found = sorted((fk.name, fk.table, fk.columns, fk.parent, fk.parent_columns)
                   for t in catalog.tables.values() if t.schema == "public" for fk in t.foreign_keys)
    assert found == sorted((fk.name, fk.table, fk.columns, fk.parent, fk.parent_columns)
                           for fk in independent.foreign_keys())
    assert len(found) > 200


def test_the_library_reference_rule_agrees(catalog):
    tenant_keys = {fk.name: fk for fk in independent.tenant_foreign_keys()}
    library = {fk.name for fk in catalog.foreign_keys if fk.library}
    assert library == {name for name, fk in tenant_keys.items() if fk.library}
    assert len(library) > 40
    # Each points into a table that holds platform library rows.
    for fk in (fk for fk in catalog.foreign_keys if fk.library):
        assert catalog.table(fk.parent).library, fk.name


def test_the_library_tables_agree(catalog):
    expected = {t.name for t in independent.tenant_tables() if t.library}
    assert {t.name for t in catalog.tables.values() if t.library} == expected


def test_the_soft_delete_rules_agree(catalog):
    columns = independent.columns()
    soft = {name for name, cols in columns.items() if "deleted_at" in dict(cols)}
    assert {t.display for t in catalog.tables.values() if t.soft_delete} == soft
    # A tenant restores rows of its own tables; the tenants row is the operator's.
    assert {t.name for t in catalog.restorable_by_tenant} == {
        name for name in soft & independent.base_tables() if "tenant_id" in dict(columns[name])}
    assert catalog.table("tenants").soft_delete and not catalog.table("tenants").restorable_by_tenant
    assert catalog.table("agents").restorable_by_tenant


def test_the_tenant_column_agrees_with_the_digests(catalog):
    with pg.connect(pg.template_db()) as conn:
        expected = {table: column for schema, table, column in independent.row_tables(conn) if schema == "public"}
    assert {t.name: t.tenant_column for t in catalog.dependency_order()} == expected


def test_the_privileges_of_the_api_role_agree(catalog):
    granted = independent.privileges()
    for table in catalog.tables.values():
        if table.schema != "public":
            continue
        expected = granted.get(table.name, set())
        assert table.can_select == ("SELECT" in expected), table.name
        for action, can in (("INSERT", table.can_insert), ("UPDATE", table.can_update),
                            ("DELETE", table.can_delete)):
            assert can == (action in expected and not table.is_view), (table.name, action)


def test_the_dependency_order_puts_every_parent_before_its_children(catalog):
    order = [t.name for t in catalog.dependency_order()]
    position = {name: n for n, name in enumerate(order)}
    for fk in independent.foreign_keys():
        if fk.parent in position and fk.parent != fk.table:
            assert position[fk.parent] < position[fk.table], fk.name
    assert order[0] == "tenants"


def test_reading_leaves_the_callers_search_path_as_it_was():
    with pg.connect(pg.template_db()) as conn:
        conn.execute("SET LOCAL search_path = pg_catalog")
        read(conn)
        assert conn.execute("SHOW search_path").fetchone()[0] == "pg_catalog"
        conn.rollback()


def test_check_constraints_give_a_columns_allowed_values(catalog):
    assert catalog.table("tenant_members").columns["role"].enum == ("owner", "admin", "member", "viewer")
    assert catalog.table("tenants").columns["id"].enum == ()
