"""Agents rules: the 21 seeded platform agents are fully profiled and spread 5/8/8
over tiers 1-3; bad status, tier, temperature, max_tokens and settings are refused
with readable constraint names; an agent cannot relate to itself; a tenant's agent
may link platform rows but never another tenant's. Each test runs in a rolled-back
transaction."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.helpers import tenant_id

PLATFORM = uuid.UUID("00000000-0000-0000-0000-000000000000")

SEEDED = {
    1: ["fda-regulatory-strategist", "clinical-protocol-designer", "quality-systems-architect",
        "market-access-strategist", "hipaa-compliance-officer"],
    2: ["clinical-safety-monitor", "medical-writer", "data-privacy-specialist", "health-economics-analyst",
        "regulatory-intelligence-analyst", "clinical-data-manager", "cybersecurity-specialist", "biostatistician"],
    3: ["regulatory-affairs-coordinator", "clinical-research-coordinator", "quality-assurance-specialist",
        "market-research-analyst", "compliance-specialist", "data-analyst", "project-manager", "training-specialist"],
}
ALL_SEEDED = [slug for slugs in SEEDED.values() for slug in slugs]

# Null by nature on a platform agent: not deleted, seeded by no user, not a fork.
NULLABLE_BY_NATURE = {"deleted_at", "created_by", "forked_from_tenant_id", "forked_from_id"}

JUNCTIONS = ["agent_tools", "agent_capabilities", "agent_skills", "agent_knowledge_domains", "agent_jtbds",
             "agent_prompt_starters", "agent_relationships", "agent_success_criteria",
             "agent_escalation_triggers", "agent_regulatory_jurisdictions", "agent_knowledge_sources",
             "agent_versions"]


def _seed_id(db, *parts: str):
    return db.execute("SELECT vital.seed_uuid(VARIADIC %s::text[])", (list(parts),)).fetchone()[0]


def _platform_agents(db) -> dict[str, uuid.UUID]:
    rows = db.execute("SELECT slug, id FROM agents WHERE tenant_id = %s AND slug = ANY(%s)",
                      (PLATFORM, ALL_SEEDED)).fetchall()
    return dict(rows)


def _new_agent(db, **overrides):
    """Insert an acme agent; overrides replace the valid defaults."""
    values = {
        "tenant_id": tenant_id(db, "acme"),
        "slug": f"probe-{uuid.uuid4().hex[:8]}",
        "name": "Probe Agent",
        "domain": "regulatory-affairs",
        "description": "Answers probe questions.",
        "system_prompt": "You are a probe.",
        "level_tenant_id": PLATFORM,
        "level_id": _seed_id(db, "agent_levels", "platform", "specialist"),
    }
    values.update(overrides)
    cols = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    return db.execute(f"INSERT INTO agents ({cols}) VALUES ({marks}) RETURNING id",
                      list(values.values())).fetchone()[0]


def _check_violation(db, constraint: str, action) -> None:
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            action()
    assert e.value.diag.constraint_name == constraint


# == seed ====================================================================
def test_the_21_shared_agents_are_seeded_active_in_the_platform_library(db):
    agents = _platform_agents(db)
    assert sorted(agents) == sorted(ALL_SEEDED)
    statuses = db.execute("SELECT DISTINCT status, deleted_at IS NULL FROM agents WHERE tenant_id = %s AND slug = ANY(%s)",
                          (PLATFORM, ALL_SEEDED)).fetchall()
    assert statuses == [("active", True)]


def test_tiers_1_2_3_hold_5_8_8_agents(db):
    rows = db.execute("SELECT tier, array_agg(slug ORDER BY slug) FROM agents "
                      "WHERE tenant_id = %s AND slug = ANY(%s) GROUP BY tier ORDER BY tier",
                      (PLATFORM, ALL_SEEDED)).fetchall()
    assert [(tier, len(slugs)) for tier, slugs in rows] == [(1, 5), (2, 8), (3, 8)]
    assert {tier: sorted(slugs) for tier, slugs in rows} == {t: sorted(s) for t, s in SEEDED.items()}


def test_every_column_of_the_seeded_agents_is_filled(db):
    rows = db.execute(
        "SELECT a.slug, e.key FROM agents a, jsonb_each(to_jsonb(a)) e "
        "WHERE a.tenant_id = %s AND a.slug = ANY(%s) AND e.value = 'null'::jsonb AND NOT e.key = ANY(%s)",
        (PLATFORM, ALL_SEEDED, list(NULLABLE_BY_NATURE))).fetchall()
    assert rows == []
    empty = db.execute(
        "SELECT slug FROM agents WHERE tenant_id = %s AND slug = ANY(%s) "
        "AND (cardinality(capabilities) < 3 OR length(system_prompt) < 400 OR length(description) < 150)",
        (PLATFORM, ALL_SEEDED)).fetchall()
    assert empty == []


@pytest.mark.parametrize("junction", JUNCTIONS)
def test_every_seeded_agent_has_rows_in_every_junction(db, junction):
    missing = db.execute(
        f"SELECT a.slug FROM agents a WHERE a.tenant_id = %s AND a.slug = ANY(%s) AND NOT EXISTS "
        f"(SELECT 1 FROM {junction} j WHERE j.tenant_id = a.tenant_id AND j.agent_id = a.id)",
        (PLATFORM, ALL_SEEDED)).fetchall()
    assert missing == []


def test_the_latest_version_of_each_seeded_agent_is_its_current_prompt(db):
    stale = db.execute(
        "SELECT a.slug FROM agents a JOIN LATERAL (SELECT v.system_prompt FROM agent_versions v "
        "  WHERE v.tenant_id = a.tenant_id AND v.agent_id = a.id ORDER BY v.version DESC LIMIT 1) v ON true "
        "WHERE a.tenant_id = ANY(%s) AND v.system_prompt <> a.system_prompt",
        ([PLATFORM, tenant_id(db, "acme"), tenant_id(db, "pharmaco")],)).fetchall()
    assert stale == []


def test_the_hierarchy_has_five_levels_and_each_agent_at_most_one_manager(db):
    levels = db.execute("SELECT level, code, slug FROM agent_levels WHERE tenant_id = %s ORDER BY level",
                        (PLATFORM,)).fetchall()
    assert levels == [(1, "L1", "master"), (2, "L2", "expert"), (3, "L3", "specialist"),
                      (4, "L4", "worker"), (5, "L5", "tool")]
    agents = _platform_agents(db)
    fda, writer = agents["fda-regulatory-strategist"], agents["medical-writer"]
    with pytest.raises(psycopg.errors.UniqueViolation) as e:
        with db.transaction():
            db.execute("INSERT INTO agent_relationships (tenant_id, agent_id, related_agent_tenant_id, "
                       "related_agent_id, kind) VALUES (%s, %s, %s, %s, 'reports_to')", (PLATFORM, writer, PLATFORM, fda))
    assert e.value.diag.constraint_name == "agent_relationships_one_reports_to_key"


def test_each_demo_tenant_forks_one_platform_agent(db):
    for tenant, slug in [("acme", "fda-regulatory-strategist"), ("pharmaco", "clinical-safety-monitor")]:
        row = db.execute("SELECT forked_from_tenant_id, forked_from_id FROM agents WHERE tenant_id = %s AND slug = %s",
                         (tenant_id(db, tenant), slug)).fetchone()
        assert row == (PLATFORM, _platform_agents(db)[slug])


# == constraints ==============================================================
@pytest.mark.parametrize("status", ["published", "ACTIVE", ""])
def test_an_unknown_status_is_rejected(db, status):
    _check_violation(db, "agents_status_check", lambda: _new_agent(db, status=status))


@pytest.mark.parametrize("tier", [0, 4])
def test_a_tier_outside_1_to_3_is_rejected(db, tier):
    _check_violation(db, "agents_tier_check", lambda: _new_agent(db, tier=tier))


@pytest.mark.parametrize("temperature", [-0.1, 2.01])
def test_a_temperature_outside_0_to_2_is_rejected(db, temperature):
    _check_violation(db, "agents_temperature_range", lambda: _new_agent(db, temperature=temperature))


@pytest.mark.parametrize("temperature", [0, 2])
def test_temperature_bounds_are_accepted(db, temperature):
    with db.transaction():
        _new_agent(db, temperature=temperature)


@pytest.mark.parametrize("max_tokens", [0, -1])
def test_max_tokens_must_be_positive(db, max_tokens):
    _check_violation(db, "agents_max_tokens_positive", lambda: _new_agent(db, max_tokens=max_tokens))


@pytest.mark.parametrize("settings", [
    [],                                        # not an object
    {"top_p": 1.5},                            # out of range
    {"top_p": "0.9"},                          # not a number
    {"stop": "END"},                           # not an array
    {"stop": ["END", 3]},                      # not all strings
    {"response_format": {"type": "yaml"}},     # unknown format
    {"temperature": 0.5},                      # belongs in its column
])
def test_malformed_model_settings_are_rejected(db, settings):
    _check_violation(db, "agents_settings_shape", lambda: _new_agent(db, settings=Jsonb(settings)))


def test_well_formed_model_settings_are_accepted(db):
    with db.transaction():
        _new_agent(db, settings=Jsonb({"top_p": 0.9, "presence_penalty": -1, "stop": ["END"],
                                       "response_format": {"type": "json_object"}, "seed": 7}))


def test_an_agent_cannot_relate_to_itself(db):
    acme = tenant_id(db, "acme")
    agent = _seed_id(db, "agents", "acme", "oncology-biomarker-strategist")
    _check_violation(db, "agent_relationships_not_self", lambda: db.execute(
        "INSERT INTO agent_relationships (tenant_id, agent_id, related_agent_tenant_id, related_agent_id, kind) "
        "VALUES (%s, %s, %s, %s, 'peer')", (acme, agent, acme, agent)))


def test_an_unknown_relationship_kind_is_rejected(db):
    acme = tenant_id(db, "acme")
    agent = _seed_id(db, "agents", "acme", "oncology-biomarker-strategist")
    _check_violation(db, "agent_relationships_kind_check", lambda: db.execute(
        "INSERT INTO agent_relationships (tenant_id, agent_id, related_agent_tenant_id, related_agent_id, kind) "
        "VALUES (%s, %s, %s, %s, 'mentors')", (acme, agent, PLATFORM, _platform_agents(db)["biostatistician"])))


def test_a_tenant_agent_may_use_a_platform_skill_but_not_another_tenants(db):
    acme, pharmaco = tenant_id(db, "acme"), tenant_id(db, "pharmaco")
    agent = _seed_id(db, "agents", "acme", "oncology-biomarker-strategist")
    with db.transaction():
        db.execute("INSERT INTO agent_skills (tenant_id, agent_id, skill_tenant_id, skill_id) VALUES (%s, %s, %s, %s)",
                   (acme, agent, PLATFORM, _seed_id(db, "skills", "platform", "sas-programming")))
    skill = db.execute("INSERT INTO skills (tenant_id, slug, name) VALUES (%s, 'pharmaco-only-skill', 'Private') "
                       "RETURNING id", (pharmaco,)).fetchone()[0]
    _check_violation(db, "agent_skills_skill_tenant_check", lambda: db.execute(
        "INSERT INTO agent_skills (tenant_id, agent_id, skill_tenant_id, skill_id) VALUES (%s, %s, %s, %s)",
        (acme, agent, pharmaco, skill)))


def test_a_version_number_is_unique_per_agent(db):
    acme = tenant_id(db, "acme")
    agent = _seed_id(db, "agents", "acme", "oncology-biomarker-strategist")
    with pytest.raises(psycopg.errors.UniqueViolation) as e:
        with db.transaction():
            db.execute("INSERT INTO agent_versions (tenant_id, agent_id, version, system_prompt, change_note) "
                       "VALUES (%s, %s, 1, 'Another prompt.', 'Duplicate.')", (acme, agent))
    assert e.value.diag.constraint_name == "agent_versions_agent_version_key"


def test_a_tool_input_schema_must_be_an_object_schema(db):
    _check_violation(db, "tools_input_schema_shape", lambda: db.execute(
        "INSERT INTO tools (tenant_id, slug, name, description, category, handler, input_schema) "
        "VALUES (%s, 'probe_tool', 'Probe', 'Probe tool.', 'retrieval', 'probe.run', %s)",
        (tenant_id(db, "acme"), Jsonb({"type": "array"}))))


def test_keyword_search_finds_the_matching_agent(db):
    top = db.execute(
        "SELECT slug FROM agents, websearch_to_tsquery('english', 'SUSAR expedited reporting') q "
        "WHERE tenant_id = %s AND search_vector @@ q ORDER BY ts_rank(search_vector, q) DESC LIMIT 1",
        (PLATFORM,)).fetchone()
    assert top == ("clinical-safety-monitor",)
