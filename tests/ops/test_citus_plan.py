"""The Citus plan: it covers every table and library reference, and the triggers that replace
the library foreign keys keep the same rule (checked on plain PostgreSQL, in a rolled-back transaction)."""

from __future__ import annotations

import re

import pytest
from psycopg.errors import ForeignKeyViolation

from tests.helpers import tenant_id
from vital.catalog import read
from vital.ops.catalog import PLATFORM_TENANT_ID
from vital.ops.citus import REFERENCE_TABLES, plan


def test_the_plan_distributes_every_table_parents_first_and_replaces_every_library_key(db):
    catalog, found = read(db), plan(db)
    distributed = [re.search(r"'public\.(\w+)'", s).group(1) for s in found.distribute]
    assert sorted(distributed + ["tenants"]) == sorted(t.name for t in catalog.dependency_order())
    for position, name in enumerate(distributed):  # a table's parents are distributed (or reference) before it
        parents = {fk.parent for fk in catalog.table(name).foreign_keys if not fk.library} - {name, "tenants", "auth.users"}
        assert parents <= set(distributed[:position]), name
    library = [fk for t in catalog.dependency_order() for fk in t.foreign_keys if fk.library]
    assert len(library) > 40 and len(found.drops) == len(library) and len(found.triggers) == 2 * len(library)
    assert found.reference == [f"SELECT create_reference_table('{t}');" for t in REFERENCE_TABLES]
    assert "CREATE EXTENSION IF NOT EXISTS citus;" in found.sql()


@pytest.fixture
def triggers_instead_of_keys(db):
    """The plan's steps 1, 2 and 5 on this database (no Citus here: steps 3 and 4 are Citus calls)."""
    found = plan(db)
    db.execute(found.functions)
    for statement in found.drops + found.triggers:
        db.execute(statement)
    return db


def test_a_reference_to_a_missing_library_row_is_refused(triggers_instead_of_keys):
    db = triggers_instead_of_keys
    with pytest.raises(ForeignKeyViolation, match="violates library reference"), db.transaction():
        db.execute("UPDATE agents SET level_id = gen_random_uuid() WHERE tenant_id = %s AND level_tenant_id = %s",
                   (tenant_id(db, "acme"), PLATFORM_TENANT_ID))
    db.execute("UPDATE agents SET persona_tenant_id = NULL, persona_id = NULL WHERE tenant_id = %s",
               (tenant_id(db, "acme"),))  # null references are not checked, as with MATCH SIMPLE


def test_deleting_a_library_row_follows_the_keys_on_delete_action(triggers_instead_of_keys):
    db = triggers_instead_of_keys
    level = db.execute("SELECT level_id FROM agents WHERE level_tenant_id = %s LIMIT 1",
                       (PLATFORM_TENANT_ID,)).fetchone()[0]
    with pytest.raises(ForeignKeyViolation, match="violates library reference"), db.transaction():
        db.execute("DELETE FROM agent_levels WHERE tenant_id = %s AND id = %s", (PLATFORM_TENANT_ID, level))  # no action
    tool = db.execute("SELECT tool_tenant_id, tool_id FROM agent_tools LIMIT 1").fetchone()
    db.execute("DELETE FROM tools WHERE (tenant_id, id) = (%s, %s)", tool)  # ON DELETE CASCADE
    assert db.execute("SELECT count(*) FROM agent_tools WHERE (tool_tenant_id, tool_id) = (%s, %s)",
                      tool).fetchone() == (0,)
    domain = db.execute("SELECT knowledge_domain_tenant_id, knowledge_domain_id, id FROM jtbds j "
                        "WHERE knowledge_domain_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM knowledge_domains c "
                        "WHERE (c.tenant_id, c.parent_id) = (j.knowledge_domain_tenant_id, j.knowledge_domain_id)) "
                        "LIMIT 1").fetchone()  # a leaf: its children's own key would refuse the delete
    db.execute("DELETE FROM knowledge_domains WHERE (tenant_id, id) = (%s, %s)", domain[:2])  # ON DELETE SET NULL
    assert db.execute("SELECT knowledge_domain_tenant_id, knowledge_domain_id FROM jtbds WHERE id = %s",
                      (domain[2],)).fetchone() == (None, None)
