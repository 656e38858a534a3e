"""The rules of roles that a matrix row cannot show: memberships, keys, disabled members,
document-level reads. Each test runs in the `db` fixture's rolled-back transaction."""

from __future__ import annotations

import pytest
from psycopg.errors import CheckViolation, InsufficientPrivilege

from tests.helpers import reset_role
from tests.roles.people import add_people
from vital.db.tenant import apply_context
from vital.tenancy import Caller


@pytest.fixture
def people(db):
    return add_people(db)


def _as(db, people, who):
    reset_role(db)
    apply_context(db, people.caller(who) if isinstance(who, str) else who)


def _role_of(db, people, who) -> str:
    reset_role(db)
    return db.execute("SELECT role FROM tenant_members WHERE tenant_id = %s AND user_id = %s",
                      (people.tenant, people.users[who])).fetchone()[0]


def _audit_rows(db) -> int:
    reset_role(db)
    return db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'tenant_members'").fetchone()[0]


def test_a_viewer_cannot_promote_itself(db, people):
    audited = _audit_rows(db)
    _as(db, people, "viewer")
    changed = db.execute("UPDATE tenant_members SET role = 'owner' WHERE user_id = %s",
                         (people.users["viewer"],)).rowcount
    assert changed == 0
    assert _role_of(db, people, "viewer") == "viewer"
    assert _audit_rows(db) == audited


@pytest.mark.parametrize("who", ["member", "viewer", "write_key", "read_key"])
def test_only_admins_and_owners_create_keys_and_invitations(db, people, who):
    _as(db, people, who)
    with pytest.raises(InsufficientPrivilege):
        with db.transaction():
            db.execute("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) "
                       "VALUES (auth.tenant_id(), 'x', 'roleskey1', repeat('a', 64), '{write}')")
    with pytest.raises(InsufficientPrivilege):
        with db.transaction():
            db.execute("INSERT INTO tenant_invitations (tenant_id, email, role, token_hash) "
                       "VALUES (auth.tenant_id(), 'x@acme.example', 'admin', 'h')")


def test_an_admin_manages_keys_invitations_and_members_but_not_owners(db, people):
    _as(db, people, "admin")
    db.execute("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) "
               "VALUES (auth.tenant_id(), 'x', 'roleskey1', repeat('a', 64), '{write}')")
    db.execute("INSERT INTO tenant_invitations (tenant_id, email, role, token_hash) "
               "VALUES (auth.tenant_id(), 'x@acme.example', 'admin', 'h')")
    assert db.execute("UPDATE tenant_members SET role = 'admin' WHERE user_id = %s",
                      (people.users["viewer"],)).rowcount == 1
    for statement in ("UPDATE tenant_members SET role = 'owner' WHERE user_id = %s",      # make an owner
                      "UPDATE tenant_members SET role = 'member' WHERE user_id = %s",     # demote the owner
                      "UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s",
                      "DELETE FROM tenant_members WHERE user_id = %s"):
        target = people.users["member"] if "'owner'" in statement else people.users["owner"]
        with pytest.raises(InsufficientPrivilege, match="owner"):
            with db.transaction():
                db.execute(statement, (target,))
    with pytest.raises(InsufficientPrivilege, match="own membership"):
        db.execute("UPDATE tenant_members SET role = 'owner' WHERE user_id = %s", (people.users["admin"],))


def test_an_owner_makes_owners_and_the_last_owner_stays(db, people):
    _as(db, people, "owner")
    with pytest.raises(InsufficientPrivilege, match="own membership"):
        with db.transaction():
            db.execute("UPDATE tenant_members SET role = 'admin' WHERE user_id = %s", (people.users["owner"],))
    with pytest.raises(CheckViolation, match="last active owner"):  # leaving
        with db.transaction():
            db.execute("DELETE FROM tenant_members WHERE user_id = %s", (people.users["owner"],))
    # the tenant itself (an operator's token, no user) is an owner but not a member
    itself = Caller.member(people.tenant)
    for statement in ("UPDATE tenant_members SET role = 'admin' WHERE user_id = %s",
                      "UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s",
                      "DELETE FROM tenant_members WHERE user_id = %s"):
        _as(db, people, itself)
        with pytest.raises(CheckViolation, match="last active owner"):
            with db.transaction():
                db.execute(statement, (people.users["owner"],))
    _as(db, people, "owner")
    assert db.execute("UPDATE tenant_members SET role = 'owner' WHERE user_id = %s",
                      (people.users["admin"],)).rowcount == 1
    _as(db, people, "admin")  # now an owner: may demote the first one, who is no longer the last
    assert db.execute("UPDATE tenant_members SET role = 'member' WHERE user_id = %s",
                      (people.users["owner"],)).rowcount == 1
    _as(db, people, itself)
    with pytest.raises(CheckViolation, match="last active owner"):
        db.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s", (people.users["admin"],))


def test_a_disabled_member_and_a_revoked_key_see_nothing(db, people):
    db.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s", (people.users["member"],))
    db.execute("UPDATE api_keys SET revoked_at = now() WHERE id = %s", (people.keys["write_key"],))
    for who in ("member", "write_key"):
        _as(db, people, who)
        assert db.execute("SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM profiles)"
                          " + (SELECT count(*) FROM tenants) + (SELECT count(*) FROM tenant_members)").fetchone()[0] == 0
        with pytest.raises(InsufficientPrivilege):
            with db.transaction():
                db.execute("INSERT INTO search_logs (tenant_id, query, strategy, latency_ms) "
                           "VALUES (auth.tenant_id(), 'q', 'hybrid', 1)")
    _as(db, people, "viewer")
    assert db.execute("SELECT count(*) FROM agents").fetchone()[0] > 0


def test_a_read_key_writes_nothing_directly(db, people):
    _as(db, people, "read_key")
    assert db.execute("SELECT count(*) FROM agents").fetchone()[0] > 0
    for statement in ("INSERT INTO tags (tenant_id, name, slug) VALUES (auth.tenant_id(), 'T', 'roles-t')",
                      "INSERT INTO search_feedback (tenant_id, search_log_id, rating) "
                      "SELECT tenant_id, id, 1 FROM search_logs LIMIT 1",
                      "UPDATE agents SET name = name", "DELETE FROM tags",
                      "DELETE FROM tags WHERE id = gen_random_uuid()"):  # refused even when no row matches
        with pytest.raises(InsufficientPrivilege, match="may only read") as refused:
            with db.transaction():
                db.execute(statement)
        assert "'write' scope" in refused.value.diag.message_hint


def test_a_viewer_writes_its_own_rows_only(db, people):
    _as(db, people, "viewer")
    session = db.execute("INSERT INTO ask_expert_sessions (tenant_id, mode, query, title) VALUES (auth.tenant_id(), 2, 'q', 'mine') "
                         "RETURNING id").fetchone()[0]
    assert db.execute("UPDATE ask_expert_sessions SET title = 'still mine' WHERE id = %s", (session,)).rowcount == 1
    with pytest.raises(InsufficientPrivilege):
        db.execute("INSERT INTO ask_expert_sessions (tenant_id, user_id, mode, query, title) VALUES (auth.tenant_id(), %s, 2, 'q', 'x')",
                   (people.users["member"],))


DOCUMENT_TABLES = {"rag_documents": "id", "rag_document_versions": "document_id",
                   "rag_knowledge_chunks": "document_id"}


def _visible(db, document) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t} WHERE {c} = %s", (document,)).fetchone()[0]
            for t, c in DOCUMENT_TABLES.items()}


def test_restricted_documents_are_visible_only_to_their_readers(db, people):
    document = db.execute("SELECT document_id FROM rag_document_access a JOIN tenants t ON t.id = a.tenant_id "
                          "WHERE t.subdomain = 'acme' LIMIT 1").fetchone()[0]
    everything = _visible(db, document)
    assert all(everything.values())
    for who, sees in (("member", False), ("viewer", False), ("read_key", False), ("admin", True), ("owner", True)):
        _as(db, people, who)
        assert _visible(db, document) == (everything if sees else dict.fromkeys(DOCUMENT_TABLES, 0)), who
    reset_role(db)
    db.execute("INSERT INTO rag_document_access (tenant_id, document_id, principal_type, user_id) "
               "VALUES (%s, %s, 'user', %s)", (people.tenant, document, people.users["member"]))
    _as(db, people, "member")
    assert _visible(db, document) == everything


def test_the_document_rule_is_evaluated_once_per_statement(db, people):
    _as(db, people, "member")
    plan = "\n".join(r[0] for r in db.execute("EXPLAIN SELECT id FROM rag_knowledge_chunks").fetchall())
    assert "InitPlan" in plan and "SubPlan" not in plan, plan


def test_the_tenant_row_is_read_by_every_role_and_written_by_none(db, people):
    for who in ("viewer", "read_key", "owner"):
        _as(db, people, who)
        assert db.execute("SELECT count(*) FROM tenants WHERE id = auth.tenant_id()").fetchone()[0] == 1
        with pytest.raises(InsufficientPrivilege):
            with db.transaction():
                db.execute("UPDATE tenants SET tier = 'enterprise' WHERE id = auth.tenant_id()")
