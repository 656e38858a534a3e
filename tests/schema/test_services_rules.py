"""Services rules: Ask Expert modes, message roles and metadata shape, panel member
weights, and the library reference from a session to an agent (own or platform,
never another tenant's). Each test runs in a rolled-back transaction."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.helpers import act_as, tenant_id, user_id

PLATFORM = uuid.UUID("00000000-0000-0000-0000-000000000000")


def _seed_id(db, *parts: str):
    return db.execute("SELECT vital.seed_uuid(VARIADIC %s::text[])", (list(parts),)).fetchone()[0]


def _platform_agent(db):
    return _seed_id(db, "agents", "platform", "training-specialist")


def _new_session(db, tenant, user, mode: int, agent_tenant, agent):
    return db.execute(
        "INSERT INTO ask_expert_sessions (tenant_id, user_id, mode, agent_tenant_id, selected_agent_id, query)"
        " VALUES (%s, %s, %s, %s, %s, 'How long must we keep the trial master file after the CSR?') RETURNING id",
        (tenant, user, mode, agent_tenant, agent),
    ).fetchone()[0]


def _check_violation(db, constraint: str, statement: str, params) -> None:
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            db.execute(statement, params)
    assert e.value.diag.constraint_name == constraint


@pytest.mark.parametrize("mode", [0, 5])
def test_a_session_mode_outside_1_to_4_is_rejected(db, mode):
    acme = tenant_id(db, "acme")
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            _new_session(db, acme, user_id(db, "ada@acme.example"), mode, PLATFORM, _platform_agent(db))
    assert e.value.diag.constraint_name == "ask_expert_sessions_mode_check"


@pytest.mark.parametrize("mode", [1, 2, 3, 4])
def test_modes_1_to_4_are_accepted(db, mode):
    acme = tenant_id(db, "acme")
    with db.transaction():
        _new_session(db, acme, user_id(db, "ada@acme.example"), mode, PLATFORM, _platform_agent(db))


def test_a_user_picked_mode_needs_an_agent_while_a_system_picked_mode_may_wait(db):
    acme, ada = tenant_id(db, "acme"), user_id(db, "ada@acme.example")
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            _new_session(db, acme, ada, 1, None, None)
    assert e.value.diag.constraint_name == "ask_expert_sessions_agent_required"
    with db.transaction():
        _new_session(db, acme, ada, 4, None, None)


def _message_insert(db, role: str, metadata, seq: int = 99):
    acme = tenant_id(db, "acme")
    session = _seed_id(db, "ask_expert_sessions", "acme", "training-before-edc-access")
    return (
        "INSERT INTO ask_expert_messages (tenant_id, session_id, seq, role, content, metadata)"
        " VALUES (%s, %s, %s, %s, 'Thanks, that settles it.', %s)",
        (acme, session, seq, role, Jsonb(metadata)),
    )


@pytest.mark.parametrize("role", ["other", "system", "moderator", "USER"])
def test_a_message_role_other_than_user_or_assistant_is_rejected(db, role):
    _check_violation(db, "ask_expert_messages_role_check", *_message_insert(db, role, {}))


@pytest.mark.parametrize("confidence", [1.5, -0.1, "high", None])
def test_message_confidence_must_be_a_number_between_0_and_1(db, confidence):
    _check_violation(db, "ask_expert_messages_confidence_range",
                     *_message_insert(db, "assistant", {"confidence": confidence}))


@pytest.mark.parametrize("citations", [{"rank": 1}, "chunk-0", 3])
def test_message_citations_must_be_an_array(db, citations):
    _check_violation(db, "ask_expert_messages_citations_is_array",
                     *_message_insert(db, "assistant", {"citations": citations}))


def test_message_metadata_must_be_an_object(db):
    _check_violation(db, "ask_expert_messages_metadata_is_object", *_message_insert(db, "assistant", []))


def test_well_formed_message_metadata_is_accepted(db):
    for seq, role, metadata in [(99, "assistant", {"citations": [{"rank": 1}], "confidence": 0.9, "model": "x"}),
                                (100, "assistant", {"confidence": 0}),
                                (101, "user", {})]:
        with db.transaction():
            db.execute(*_message_insert(db, role, metadata, seq))


@pytest.mark.parametrize("weight", [0, -1])
def test_a_panel_member_weight_must_be_positive(db, weight):
    acme = tenant_id(db, "acme")
    panel = _seed_id(db, "panel_sessions", "acme", "acm101-seamless-design")
    _check_violation(
        db, "panel_members_weight_positive",
        "INSERT INTO panel_members (tenant_id, panel_id, agent_tenant_id, agent_id, role, weight)"
        " VALUES (%s, %s, %s, %s, 'member', %s)",
        (acme, panel, PLATFORM, _seed_id(db, "agents", "platform", "medical-writer"), weight),
    )


def test_a_session_cannot_reference_another_tenants_agent(db):
    acme, pharmaco = tenant_id(db, "acme"), tenant_id(db, "pharmaco")
    ada = user_id(db, "ada@acme.example")
    row = db.execute("SELECT id FROM agents WHERE tenant_id = %s LIMIT 1", (pharmaco,)).fetchone()
    assert row is not None, "the agents seed has no pharmaco agent"
    pharmaco_agent = row[0]

    # Naming the other tenant as the agent's tenant: the CHECK refuses it.
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            _new_session(db, acme, ada, 1, pharmaco, pharmaco_agent)
    assert e.value.diag.constraint_name == "ask_expert_sessions_agent_tenant_check"

    # Claiming the agent is acme's own: the composite foreign key finds no such row.
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.transaction():
            _new_session(db, acme, ada, 1, acme, pharmaco_agent)

    # Claiming it is a platform agent: no such platform row either.
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.transaction():
            _new_session(db, acme, ada, 1, PLATFORM, pharmaco_agent)


def test_a_session_can_reference_a_platform_agent_as_the_tenants_user(db):
    acme = tenant_id(db, "acme")
    ada = user_id(db, "ada@acme.example")
    agent = _platform_agent(db)
    act_as(db, "acme")
    session = _new_session(db, acme, ada, 1, PLATFORM, agent)
    row = db.execute("SELECT agent_tenant_id, selected_agent_id, created_by FROM ask_expert_sessions WHERE id = %s",
                     (session,)).fetchone()
    assert row == (PLATFORM, agent, ada)
