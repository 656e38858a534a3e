"""Bookkeeping through its SECURITY DEFINER functions, and API keys that act for their creator
(docs/roles.md). Each test runs in the `db` fixture's rolled-back transaction."""

from __future__ import annotations

import pytest
from psycopg.errors import InsufficientPrivilege, InvalidParameterValue

from tests.helpers import reset_role
from tests.roles.people import add_key, add_people
from vital.db.tenant import apply_context
from vital.tenancy import Caller

DIRECT = ("INSERT INTO search_logs (tenant_id, query, strategy, latency_ms) VALUES (auth.tenant_id(), 'q', 'hybrid', 1)",
          "INSERT INTO llm_usage (tenant_id, provider, model) VALUES (auth.tenant_id(), 'other', 'm')",
          "INSERT INTO analytics_events (tenant_id, event_type) VALUES (auth.tenant_id(), 'search.run')",
          "UPDATE llm_usage SET cost_usd = 0", "DELETE FROM analytics_events")
LOG = "SELECT vital.log_search('q', 'hybrid', NULL, NULL, '{}', '[]', 3)"
EVENT = "SELECT vital.record_event('search.run', NULL, NULL, '{\"k\": 1}')"
USAGE = "SELECT vital.record_llm_usage('other', 'm', 'chat', 'succeeded', 2, 3, 0.5, 7, NULL, NULL, NULL, %s)"


@pytest.fixture
def people(db):
    people = add_people(db)
    add_key(db, people, "mwrite", ["read", "write"], creator="member")
    return people


def _as(db, people, who):
    reset_role(db)
    apply_context(db, people.caller(who))


def _row(db, table, row_id) -> dict:
    reset_role(db)
    return db.execute(f"SELECT to_jsonb(t) FROM {table} t WHERE id = %s", (row_id,)).fetchone()[0]


def test_nobody_writes_bookkeeping_directly(db, people):
    for who in ("owner", "admin", "viewer", "read_key", "mwrite"):
        _as(db, people, who)
        for statement in DIRECT:
            with db.transaction(force_rollback=True):
                try:
                    changed = db.execute(statement).rowcount
                except InsufficientPrivilege:
                    changed = 0
            assert changed == 0, f"{who}: {statement}"


@pytest.mark.parametrize("who", ["viewer", "read_key", "mwrite"])
def test_the_functions_write_the_callers_tenant_and_user(db, people, who):
    _as(db, people, who)
    run = db.execute("SELECT id FROM workflow_runs LIMIT 1").fetchone()[0]
    search, event = db.execute(LOG).fetchone()[0], db.execute(EVENT).fetchone()[0]
    usage = db.execute(USAGE, (run,)).fetchone()[0]
    metrics = dict(db.execute("SELECT metric, value FROM vital.rollup_usage(current_date)").fetchall())
    assert metrics["searches"] >= 1 and metrics["llm_tokens"] >= 5
    user = {"viewer": people.users["viewer"], "read_key": None, "mwrite": people.users["member"]}[who]
    for table, row_id in (("search_logs", search), ("analytics_events", event), ("llm_usage", usage)):
        row = _row(db, table, row_id)
        assert (row["tenant_id"], row["created_by"]) == (str(people.tenant), user and str(user)), table
    assert _row(db, "search_logs", search)["result_count"] == 0


def test_model_calls_are_linked_only_by_whoever_made_them(db, people):
    _as(db, people, "viewer")
    run = db.execute("SELECT id FROM workflow_runs LIMIT 1").fetchone()[0]
    mine = db.execute(USAGE, (run,)).fetchone()[0]
    message = db.execute("SELECT id FROM ask_expert_messages LIMIT 1").fetchone()[0]
    _as(db, people, "member")
    assert db.execute("SELECT vital.link_llm_usage(%s, %s)", (run, message)).fetchone()[0] == 0
    _as(db, people, "viewer")
    assert db.execute("SELECT vital.link_llm_usage(%s, %s)", (run, message)).fetchone()[0] == 1
    assert _row(db, "llm_usage", mine)["message_id"] == str(message)


def test_the_functions_refuse_bad_arguments_and_callers_without_a_role(db, people):
    _as(db, people, "viewer")
    for statement in ("SELECT vital.log_search(' ', 'hybrid', NULL, NULL, '{}', '[]', 3)",
                      "SELECT vital.log_search('q', 'hybrid', NULL, NULL, '{}', '{}', 3)",
                      "SELECT vital.record_event('search.run', NULL, NULL, '[]')",
                      "SELECT vital.record_llm_usage('other', 'm', 'chat', 'succeeded', -1, 0, 0, 1, NULL, NULL, NULL, NULL)"):
        with pytest.raises(InvalidParameterValue):
            with db.transaction():
                db.execute(statement)
    reset_role(db)
    db.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s", (people.users["viewer"],))
    _as(db, people, "viewer")
    with pytest.raises(InsufficientPrivilege, match="role in a tenant"):
        db.execute(LOG)


def _role(db, people, who) -> str | None:
    _as(db, people, who)
    return db.execute("SELECT vital.tenant_role()").fetchone()[0]


def test_a_key_acts_for_its_creator_and_never_exceeds_them(db, people):
    add_key(db, people, "vwrite", ["write"], creator="viewer")
    add_key(db, people, "mall", ["*"], creator="member")
    add_key(db, people, "oread", ["read"], creator="owner")
    assert {who: _role(db, people, who) for who in ("mwrite", "vwrite", "mall", "oread", "write_key")} == {
        "mwrite": "member", "vwrite": "viewer", "mall": "member", "oread": "viewer", "write_key": "member"}
    _as(db, people, "mwrite")  # owns an Ask Expert session: the member's
    session = db.execute("INSERT INTO ask_expert_sessions (tenant_id, mode, query, title) "
                         "VALUES (auth.tenant_id(), 2, 'q', 'by key') RETURNING id").fetchone()[0]
    assert _row(db, "ask_expert_sessions", session)["user_id"] == str(people.users["member"])
    _as(db, people, "vwrite")  # a viewer's write key writes nothing directly, not even the viewer's rows
    with pytest.raises(InsufficientPrivilege, match="may only read"):
        db.execute("INSERT INTO ask_expert_sessions (tenant_id, mode, query, title) "
                   "VALUES (auth.tenant_id(), 2, 'q', 'by key')")


def test_a_key_whose_creator_is_disabled_or_gone_has_nothing(db, people):
    db.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s", (people.users["member"],))
    assert _role(db, people, "mwrite") is None
    _as(db, people, "mwrite")
    assert db.execute("SELECT count(*) FROM agents").fetchone()[0] == 0
    reset_role(db)
    db.execute("DELETE FROM tenant_members WHERE user_id = %s", (people.users["member"],))
    assert _role(db, people, "mwrite") is None
    # claims naming another user than the key's creator are not the key's
    reset_role(db)
    apply_context(db, Caller.api_key(people.tenant, people.subdomain, people.keys["mwrite"], ["write"],
                                     people.users["admin"]))
    assert db.execute("SELECT vital.tenant_role()").fetchone()[0] is None
