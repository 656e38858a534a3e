"""Persona rules: the VPANES shape (exactly six keys, numbers 0-10), the generated
total and tier at the tier edges, one primary org role, library references, and the
completeness of the seeded personas. Each test runs in a rolled-back transaction."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

from tests.helpers import tenant_id

KEYS = ("visibility", "pain", "actions", "needs", "emotions", "scenarios")

SHARED_SLUGS = (
    "regulatory-affairs-director", "clinical-operations-manager", "medical-science-liaison",
    "pharmacovigilance-physician", "quality-assurance-lead", "market-access-director",
    "biostatistics-lead", "clinical-data-manager", "medical-writer",
    "chief-medical-officer", "commercial-strategy-director", "data-privacy-officer",
)

# The 23 child tables of SCHEMA.md, domain 4.
CHILD_TABLES = (
    "persona_typical_day_activities", "persona_evidence_sources", "persona_motivations",
    "persona_values", "persona_frustrations", "persona_goals", "persona_pain_points",
    "persona_challenges", "persona_responsibilities", "persona_tools_used",
    "persona_stakeholders", "persona_skills", "persona_education", "persona_certifications",
    "persona_success_metrics", "persona_buying_triggers", "persona_aspirations",
    "persona_conferences", "persona_publications", "persona_social_channels",
    "persona_personality_traits", "persona_roles", "persona_vpanes_assessments",
)


def _seed_id(db, *parts: str):
    return db.execute("SELECT vital.seed_uuid(VARIADIC %s::text[])", (list(parts),)).fetchone()[0]


def _scores(total: int) -> dict:
    """Six whole scores, each 0-10, adding up to total."""
    left, out = total, {}
    for key in KEYS:
        out[key] = min(10, left)
        left -= out[key]
    assert left == 0
    return out


def _insert_persona(db, scores):
    return db.execute(
        "INSERT INTO personas (tenant_id, slug, name, role_title, vpanes_scores)"
        " VALUES (%s, 'vpanes-test', 'Test Persona', 'Tester', %s) RETURNING id, vpanes_total, vpanes_tier",
        (tenant_id(db, "acme"), None if scores is None else Jsonb(scores)),
    ).fetchone()


def _rejected(db, constraint: str, scores) -> None:
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            _insert_persona(db, scores)
    assert e.value.diag.constraint_name == constraint


# == VPANES shape ==============================================================
def test_a_missing_vpanes_key_is_rejected(db):
    scores = _scores(30)
    del scores["emotions"]
    _rejected(db, "personas_vpanes_keys", scores)


def test_an_extra_vpanes_key_is_rejected(db):
    _rejected(db, "personas_vpanes_keys", _scores(30) | {"urgency": 5})


def test_a_misspelt_vpanes_key_is_rejected(db):
    scores = _scores(30)
    scores["scenario"] = scores.pop("scenarios")
    _rejected(db, "personas_vpanes_keys", scores)


@pytest.mark.parametrize("value", [[], "high", 7])
def test_vpanes_scores_that_are_not_an_object_are_rejected(db, value):
    _rejected(db, "personas_vpanes_keys", value)


@pytest.mark.parametrize("value", [11, -1, 10.5, -0.1])
def test_a_vpanes_score_out_of_0_to_10_is_rejected(db, value):
    _rejected(db, "personas_vpanes_range", _scores(30) | {"pain": value})


@pytest.mark.parametrize("value", ["7", None, True, [7], {"score": 7}])
def test_a_vpanes_score_that_is_not_a_number_is_rejected(db, value):
    _rejected(db, "personas_vpanes_range", _scores(30) | {"pain": value})


def test_the_assessment_history_has_the_same_shape_rules(db):
    persona = _seed_id(db, "personas", "platform", "medical-writer")
    statement = ("INSERT INTO persona_vpanes_assessments (tenant_id, persona_id, scores, rationale)"
                 " VALUES (vital.platform_tenant_id(), %s, %s, 'A rescoring with a bad shape.')")
    for constraint, scores in (("persona_vpanes_assessments_scores_keys", {"pain": 5}),
                               ("persona_vpanes_assessments_scores_range", _scores(30) | {"needs": 12})):
        with pytest.raises(psycopg.errors.CheckViolation) as e:
            with db.transaction():
                db.execute(statement, (persona, Jsonb(scores)))
        assert e.value.diag.constraint_name == constraint


# == generated total and tier ==================================================
@pytest.mark.parametrize("total, tier", [
    (0, "low"), (15, "low"), (16, "medium"), (30, "medium"), (31, "high"),
    (45, "high"), (46, "ideal"), (60, "ideal"),
])
def test_total_and_tier_at_the_edges(db, total, tier):
    _, got_total, got_tier = _insert_persona(db, _scores(total))
    assert (got_total, got_tier) == (total, tier)


def test_fractional_scores_are_summed_exactly(db):
    scores = {"visibility": 10, "pain": 10, "actions": 10, "needs": 10, "emotions": 5.5, "scenarios": 0}
    _, total, tier = _insert_persona(db, scores)
    assert (float(total), tier) == (45.5, "high")


def test_total_and_tier_follow_a_rescoring(db):
    persona, _, _ = _insert_persona(db, _scores(20))
    total, tier = db.execute(
        "UPDATE personas SET vpanes_scores = %s WHERE tenant_id = %s AND id = %s RETURNING vpanes_total, vpanes_tier",
        (Jsonb(_scores(50)), tenant_id(db, "acme"), persona)).fetchone()
    assert (total, tier) == (50, "ideal")


def test_an_unscored_draft_has_no_total_and_no_tier(db):
    _, total, tier = _insert_persona(db, None)
    assert (total, tier) == (None, None)


def test_the_assessment_computes_the_same_total_and_tier(db):
    persona = _seed_id(db, "personas", "platform", "medical-writer")
    total, tier = db.execute(
        "INSERT INTO persona_vpanes_assessments (tenant_id, persona_id, scores, rationale)"
        " VALUES (vital.platform_tenant_id(), %s, %s, 'Edge check.') RETURNING vpanes_total, vpanes_tier",
        (persona, Jsonb(_scores(46)))).fetchone()
    assert (total, tier) == (46, "ideal")


# == org roles and library references ==========================================
def test_a_persona_has_at_most_one_primary_org_role(db):
    persona = _seed_id(db, "personas", "platform", "medical-writer")
    with pytest.raises(psycopg.errors.UniqueViolation) as e:
        with db.transaction():
            db.execute(
                "INSERT INTO persona_roles (tenant_id, persona_id, role_tenant_id, role_id, is_primary)"
                " VALUES (vital.platform_tenant_id(), %s, vital.platform_tenant_id(), %s, true)",
                (persona, _seed_id(db, "org_roles", "platform", "regulatory-affairs-director")))
    assert e.value.diag.constraint_name == "persona_roles_one_primary_idx"


def test_a_persona_may_use_a_platform_skill_but_not_another_tenants(db):
    acme = tenant_id(db, "acme")
    persona = _seed_id(db, "personas", "acme", "car-t-process-engineer")
    statement = ("INSERT INTO persona_skills (tenant_id, persona_id, skill_tenant_id, skill_id)"
                 " VALUES (%s, %s, %s, %s)")
    platform = db.execute("SELECT vital.platform_tenant_id()").fetchone()[0]
    with db.transaction():
        db.execute(statement, (acme, persona, platform, _seed_id(db, "skills", "platform", "sop-writing")))
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            db.execute(statement, (acme, persona, tenant_id(db, "pharmaco"),
                                   _seed_id(db, "skills", "pharmaco", "orphan-designation-applications")))
    assert e.value.diag.constraint_name == "persona_skills_skill_tenant_check"


# == seed completeness ==========================================================
def _platform_personas(db) -> dict:
    rows = db.execute("SELECT slug, id FROM personas WHERE tenant_id = vital.platform_tenant_id()"
                      " AND deleted_at IS NULL").fetchall()
    return dict(rows)


def test_the_shared_platform_personas_exist_with_their_fixed_ids(db):
    personas = _platform_personas(db)
    assert len(personas) >= 12
    for slug in SHARED_SLUGS:
        assert personas.get(slug) == _seed_id(db, "personas", "platform", slug), slug


def _count(db, table: str, tenant, persona) -> int:
    return db.execute(sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s AND persona_id = %s").format(
        sql.Identifier(table)), (tenant, persona)).fetchone()[0]


def test_every_platform_persona_is_complete(db):
    platform = db.execute("SELECT vital.platform_tenant_id()").fetchone()[0]
    for slug, persona in _platform_personas(db).items():
        assert 6 <= _count(db, "persona_typical_day_activities", platform, persona) <= 13, slug
        assert 5 <= _count(db, "persona_evidence_sources", platform, persona) <= 10, slug
        empty = [t for t in CHILD_TABLES if _count(db, t, platform, persona) == 0]
        assert empty == [], f"{slug} has no row in {empty}"


def test_every_platform_persona_is_scored_and_its_latest_assessment_matches(db):
    rows = db.execute("""
        SELECT p.slug, p.vpanes_scores, p.vpanes_tier,
               (SELECT a.scores FROM persona_vpanes_assessments a
                 WHERE a.tenant_id = p.tenant_id AND a.persona_id = p.id
                 ORDER BY a.assessed_at DESC LIMIT 1)
          FROM personas p
         WHERE p.tenant_id = vital.platform_tenant_id() AND p.deleted_at IS NULL""").fetchall()
    for slug, scores, tier, latest in rows:
        assert scores is not None and tier is not None, slug
        assert latest == scores, slug


def test_the_completeness_view_reports_every_seeded_persona_complete(db):
    incomplete = db.execute(
        "SELECT slug, typical_day_activities, evidence_sources, missing_sections"
        " FROM persona_completeness WHERE NOT is_complete").fetchall()
    assert incomplete == []


def test_the_completeness_view_shows_a_persona_outside_the_ranges(db):
    persona, _, _ = _insert_persona(db, _scores(30))
    row = db.execute(
        "SELECT typical_day_activities, evidence_sources, is_complete, cardinality(missing_sections)"
        " FROM persona_completeness WHERE persona_id = %s", (persona,)).fetchone()
    assert row == (0, 0, False, 21)


@pytest.mark.parametrize("table", ("personas",) + CHILD_TABLES)
def test_each_demo_tenant_has_rows_in_every_persona_table(db, table):
    for subdomain in ("acme", "pharmaco"):
        count = db.execute(sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s").format(sql.Identifier(table)),
                           (tenant_id(db, subdomain),)).fetchone()[0]
        assert count > 0, f"no {subdomain} row in {table}"
