"""JTBD rules: the ODI opportunity score, band and overserved flag are generated
correctly at the band edges; scores and ratings out of range are refused with
readable constraint names; the job statement always has the form "When ..., I
want to ..., so I can ...." and malformed parts are refused; importance and
satisfaction derive from raw ratings the ODI way (share of 4-5 answers times 10,
clamped to 1-10 when applied); the seed is complete (20 shared JTBDs, 5-12
outcomes, an eight-stage job map, 3-5 use cases per opportunity). Each test runs
in a rolled-back transaction."""

from __future__ import annotations

import uuid
from decimal import Decimal

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.helpers import act_as, tenant_id

PLATFORM = uuid.UUID("00000000-0000-0000-0000-000000000000")

SHARED_JTBDS = [
    "prepare-ind-submission", "design-adaptive-protocol", "monitor-trial-safety-signals",
    "respond-to-fda-deficiency-letter", "build-value-dossier", "negotiate-payer-coverage",
    "run-capa-investigation", "prepare-for-gmp-inspection", "write-clinical-study-report",
    "plan-statistical-analysis", "clean-and-lock-trial-database", "track-regulatory-intelligence",
    "assess-hipaa-breach", "engage-key-opinion-leaders", "plan-product-launch", "select-trial-sites",
    "manage-post-market-surveillance", "justify-sample-size", "run-health-economic-model",
    "train-staff-on-sops",
]

STAGES = ["define", "locate", "prepare", "confirm", "execute", "monitor", "modify", "conclude"]

TABLES = ["jtbds", "jtbd_job_steps", "jtbd_desired_outcomes", "jtbd_outcome_ratings",
          "jtbd_gen_ai_opportunities", "jtbd_gen_ai_use_cases", "jtbd_executors", "jtbd_roles",
          "jtbd_constraints", "jtbd_obstacles", "jtbd_pain_points", "jtbd_solution_requirements",
          "jtbd_value_drivers", "jtbd_competing_solutions", "jtbd_success_criteria", "jtbd_kpis",
          "jtbd_enablers", "jtbd_evidence_sources", "jtbd_related_jobs", "jtbd_ai_assessments"]

GOOD_SCORES = {"data_readiness": 8, "process_standardisation": 7, "automation_potential": 6,
               "risk_tolerance": 5, "regulatory_clarity": 7, "workforce_readiness": 6.5}


def _seed_id(db, *parts: str):
    return db.execute("SELECT vital.seed_uuid(VARIADIC %s::text[])", (list(parts),)).fetchone()[0]


def _check_violation(db, constraint: str, action) -> None:
    with pytest.raises(psycopg.errors.CheckViolation) as e:
        with db.transaction():
            action()
    assert e.value.diag.constraint_name == constraint


def _new_jtbd(db, **overrides):
    """Insert an acme JTBD executed by a platform persona; overrides replace the valid defaults."""
    values = {
        "tenant_id": tenant_id(db, "acme"),
        "slug": f"probe-{uuid.uuid4().hex[:8]}",
        "title": "Probe job",
        "job_executor_tenant_id": PLATFORM,
        "job_executor": _seed_id(db, "personas", "platform", "medical-writer"),
        "situation": "a probe needs a job",
        "motivation": "run the probe",
        "expected_outcome": "see the result",
    }
    values.update(overrides)
    cols = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    return db.execute(f"INSERT INTO jtbds ({cols}) VALUES ({marks}) RETURNING id",
                      list(values.values())).fetchone()[0]


def _acme_jtbd(db):
    return _seed_id(db, "jtbds", "acme", "answer-oncology-medical-inquiries")


def _new_outcome(db, importance, satisfaction, jtbd_id=None, statement=None, direction="minimize"):
    """Insert an acme desired outcome; returns (id, opportunity_score, opportunity_band, is_overserved)."""
    return db.execute(
        "INSERT INTO jtbd_desired_outcomes (tenant_id, jtbd_id, direction, outcome_statement, "
        "importance_score, satisfaction_score) VALUES (%s, %s, %s, %s, %s, %s) "
        "RETURNING id, opportunity_score, opportunity_band, is_overserved",
        (tenant_id(db, "acme"), jtbd_id or _acme_jtbd(db), direction,
         statement or f"Minimize the time it takes to run probe {uuid.uuid4().hex[:8]}",
         importance, satisfaction)).fetchone()


def _rate(db, outcome_id, answers, wave="probe-wave"):
    """answers: [(importance_rating, satisfaction_rating), ...] from distinct respondents."""
    db.execute(
        "INSERT INTO jtbd_outcome_ratings (tenant_id, outcome_id, survey_wave, respondent_ref, "
        "importance_rating, satisfaction_rating) "
        "SELECT %s, %s, %s, 'r' || n, i, s FROM unnest(%s::int[], %s::int[]) WITH ORDINALITY AS a(i, s, n)",
        (tenant_id(db, "acme"), outcome_id, wave, [a[0] for a in answers], [a[1] for a in answers]))


# == opportunity score and band ==============================================
@pytest.mark.parametrize("importance, satisfaction, score, band, overserved", [
    (10, 1, Decimal("19.0"), "extreme", False),
    (8, 1, Decimal("15.0"), "extreme", False),
    (8, 4, Decimal("12.0"), "high", False),
    (7.5, 3.1, Decimal("11.9"), "moderate", False),
    (6, 2, Decimal("10.0"), "moderate", False),
    (10, 10, Decimal("10.0"), "moderate", False),
    (6, 3, Decimal("9.0"), "table_stakes", False),
    (5, 9, Decimal("5.0"), "table_stakes", True),
    (1, 10, Decimal("1.0"), "table_stakes", True),
    (1, 1, Decimal("1.0"), "table_stakes", False),
])
def test_opportunity_score_band_and_overserved_at_the_edges(db, importance, satisfaction, score, band, overserved):
    _, got_score, got_band, got_overserved = _new_outcome(db, importance, satisfaction)
    assert (got_score, got_band, got_overserved) == (score, band, overserved)


def test_opportunity_follows_a_score_update(db):
    outcome_id, *_ = _new_outcome(db, 9, 8)
    row = db.execute("UPDATE jtbd_desired_outcomes SET satisfaction_score = 2 WHERE id = %s "
                     "RETURNING opportunity_score, opportunity_band", (outcome_id,)).fetchone()
    assert row == (Decimal("16.0"), "extreme")


def test_generated_columns_cannot_be_written(db):
    with pytest.raises(psycopg.errors.GeneratedAlways):
        with db.transaction():
            db.execute("INSERT INTO jtbd_desired_outcomes (tenant_id, jtbd_id, outcome_statement, "
                       "importance_score, satisfaction_score, opportunity_score) "
                       "VALUES (%s, %s, 'Minimize the probe time', 5, 5, 19)",
                       (tenant_id(db, "acme"), _acme_jtbd(db)))


@pytest.mark.parametrize("importance, satisfaction, constraint", [
    (0, 5, "jtbd_desired_outcomes_importance_range"),
    (11, 5, "jtbd_desired_outcomes_importance_range"),
    (0.9, 5, "jtbd_desired_outcomes_importance_range"),
    (5, 0, "jtbd_desired_outcomes_satisfaction_range"),
    (5, 11, "jtbd_desired_outcomes_satisfaction_range"),
    (5, 10.1, "jtbd_desired_outcomes_satisfaction_range"),
])
def test_scores_out_of_range_are_refused(db, importance, satisfaction, constraint):
    _check_violation(db, constraint, lambda: _new_outcome(db, importance, satisfaction))


@pytest.mark.parametrize("direction, statement", [
    ("minimize", "Reduce the time it takes to run the probe"),
    ("increase", "Minimize the time it takes to run the probe"),
    ("minimize", "Minimize the time it takes to run the probe."),
    ("minimize", " Minimize the time it takes to run the probe"),
])
def test_outcome_statements_start_with_their_direction(db, direction, statement):
    _check_violation(db, "jtbd_desired_outcomes_statement_form",
                     lambda: _new_outcome(db, 5, 5, statement=statement, direction=direction))


def test_an_outcome_cannot_point_at_another_jobs_step(db):
    other_step = _seed_id(db, "jtbd_job_steps", "acme", "answer-oncology-medical-inquiries", "1")
    job = _new_jtbd(db)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with db.transaction():
            db.execute("INSERT INTO jtbd_desired_outcomes (tenant_id, jtbd_id, job_step_id, outcome_statement, "
                       "importance_score, satisfaction_score) VALUES (%s, %s, %s, 'Minimize the probe time', 5, 5)",
                       (tenant_id(db, "acme"), job, other_step))


# == job statement ===========================================================
def test_the_job_statement_is_built_from_its_three_parts(db):
    job = _new_jtbd(db, situation="the FDA sends an information request",
                    motivation="answer it with data we already hold",
                    expected_outcome="keep the review clock running")
    statement = db.execute("SELECT job_statement FROM jtbds WHERE id = %s", (job,)).fetchone()[0]
    assert statement == ("When the FDA sends an information request, I want to answer it with data we "
                         "already hold, so I can keep the review clock running.")


def test_every_seeded_job_statement_has_the_form(db):
    bad = db.execute(
        "SELECT slug FROM jtbds WHERE job_statement !~ '^When [^ ].*[^,.], I want to [^ ].*[^,.], so I can [^ ].*[^.,]\\.$'"
    ).fetchall()
    assert bad == []


@pytest.mark.parametrize("column, value, constraint", [
    ("situation", "When the FDA sends a letter", "jtbds_situation_form"),
    ("situation", "when the FDA sends a letter", "jtbds_situation_form"),
    ("situation", "the FDA sends a letter,", "jtbds_situation_form"),
    ("situation", "", "jtbds_situation_form"),
    ("situation", "  the FDA sends a letter", "jtbds_situation_form"),
    ("situation", "the FDA sends\na letter", "jtbds_situation_form"),
    ("motivation", "I want to answer quickly", "jtbds_motivation_form"),
    ("motivation", "want to answer quickly", "jtbds_motivation_form"),
    ("motivation", "to answer quickly", "jtbds_motivation_form"),
    ("motivation", "answer quickly.", "jtbds_motivation_form"),
    ("expected_outcome", "so I can keep the clock running", "jtbds_expected_outcome_form"),
    ("expected_outcome", "so that the clock keeps running", "jtbds_expected_outcome_form"),
    ("expected_outcome", "I can keep the clock running", "jtbds_expected_outcome_form"),
    ("expected_outcome", "keep the clock running.", "jtbds_expected_outcome_form"),
    ("expected_outcome", "ok", "jtbds_expected_outcome_form"),
])
def test_malformed_job_statement_parts_are_refused(db, column, value, constraint):
    _check_violation(db, constraint, lambda: _new_jtbd(db, **{column: value}))


def test_words_that_merely_start_like_a_prefix_are_accepted(db):
    job = _new_jtbd(db, situation="whenever a batch fails release testing",
                    motivation="towards zero repeat deviations, trace the cause",
                    expected_outcome="sooner release the next batch")
    assert job is not None


# == ODI derivation ==========================================================
def test_odi_scores_are_the_share_of_4_and_5_answers_times_10(db):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    # 10 respondents: 7 rate importance 4-5, 3 rate satisfaction 4-5.
    _rate(db, outcome_id, [(5, 1), (4, 2), (5, 3), (4, 4), (5, 5), (4, 4), (5, 2), (3, 1), (2, 3), (1, 2)])
    scores = db.execute("SELECT importance, satisfaction, respondents FROM jtbd_outcome_odi_scores(%s)",
                        (outcome_id,)).fetchone()
    assert scores == (Decimal("7.0"), Decimal("3.0"), 10)


def test_applying_odi_scores_updates_the_outcome(db):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    _rate(db, outcome_id, [(5, 1), (4, 2), (5, 3), (4, 4), (5, 5), (4, 4), (5, 2), (3, 1), (2, 3), (1, 2)])
    applied = db.execute("SELECT importance_score, satisfaction_score, opportunity_score, opportunity_band, "
                         "respondent_count FROM jtbd_outcome_apply_odi_scores(%s)", (outcome_id,)).fetchone()
    assert applied == (Decimal("7.0"), Decimal("3.0"), Decimal("11.0"), "moderate", 10)
    source = db.execute("SELECT score_source, scored_at IS NOT NULL FROM jtbd_desired_outcomes WHERE id = %s",
                        (outcome_id,)).fetchone()
    assert source == ("survey", True)


def test_odi_scores_round_to_one_decimal(db):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    _rate(db, outcome_id, [(5, 1), (4, 4), (2, 2)])
    scores = db.execute("SELECT importance, satisfaction, respondents FROM jtbd_outcome_odi_scores(%s)",
                        (outcome_id,)).fetchone()
    assert scores == (Decimal("6.7"), Decimal("3.3"), 3)


def test_a_derived_zero_is_reported_raw_and_clamped_to_1_when_applied(db):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    _rate(db, outcome_id, [(1, 1), (2, 2), (3, 3), (2, 1)])
    raw = db.execute("SELECT importance, satisfaction FROM jtbd_outcome_odi_scores(%s)", (outcome_id,)).fetchone()
    assert raw == (Decimal("0.0"), Decimal("0.0"))
    applied = db.execute("SELECT importance_score, satisfaction_score, opportunity_score "
                         "FROM jtbd_outcome_apply_odi_scores(%s)", (outcome_id,)).fetchone()
    assert applied == (Decimal("1.0"), Decimal("1.0"), Decimal("1.0"))


def test_without_ratings_nothing_is_derived_or_applied(db):
    outcome_id, *_ = _new_outcome(db, 6, 4)
    scores = db.execute("SELECT importance, satisfaction, respondents FROM jtbd_outcome_odi_scores(%s)",
                        (outcome_id,)).fetchone()
    assert scores == (None, None, 0)
    assert db.execute("SELECT * FROM jtbd_outcome_apply_odi_scores(%s)", (outcome_id,)).fetchall() == []
    kept = db.execute("SELECT importance_score, satisfaction_score, score_source FROM jtbd_desired_outcomes "
                      "WHERE id = %s", (outcome_id,)).fetchone()
    assert kept == (Decimal("6.0"), Decimal("4.0"), "expert_estimate")


def test_odi_scores_can_be_limited_to_one_survey_wave(db):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    _rate(db, outcome_id, [(5, 5), (5, 5)], wave="wave-1")
    _rate(db, outcome_id, [(1, 1), (1, 1)], wave="wave-2")
    both = db.execute("SELECT importance FROM jtbd_outcome_odi_scores(%s)", (outcome_id,)).fetchone()[0]
    first = db.execute("SELECT importance FROM jtbd_outcome_odi_scores(%s, NULL, 'wave-1')", (outcome_id,)).fetchone()[0]
    assert (both, first) == (Decimal("5.0"), Decimal("10.0"))


@pytest.mark.parametrize("importance, satisfaction, constraint", [
    (0, 3, "jtbd_outcome_ratings_importance_range"),
    (6, 3, "jtbd_outcome_ratings_importance_range"),
    (3, 0, "jtbd_outcome_ratings_satisfaction_range"),
    (3, 6, "jtbd_outcome_ratings_satisfaction_range"),
])
def test_ratings_outside_1_to_5_are_refused(db, importance, satisfaction, constraint):
    outcome_id, *_ = _new_outcome(db, 5, 5)
    _check_violation(db, constraint, lambda: _rate(db, outcome_id, [(importance, satisfaction)]))


def test_seeded_survey_scores_derive_back_from_their_ratings(db):
    rows = db.execute(
        "SELECT o.importance_score = s.importance AND o.satisfaction_score = s.satisfaction "
        "AND o.respondent_count = s.respondents "
        "FROM jtbd_desired_outcomes o CROSS JOIN LATERAL jtbd_outcome_odi_scores(o.id, o.tenant_id) s "
        "WHERE o.score_source = 'survey'").fetchall()
    assert len(rows) >= 22
    assert all(ok for (ok,) in rows)


def test_a_tenant_cannot_apply_scores_to_a_platform_outcome(db):
    outcome_id = _seed_id(db, "jtbd_desired_outcomes", "platform", "prepare-ind-submission", "1")
    act_as(db, "acme")
    assert db.execute("SELECT respondents FROM jtbd_outcome_odi_scores(%s)", (outcome_id,)).fetchone() == (10,)
    assert db.execute("SELECT * FROM jtbd_outcome_apply_odi_scores(%s)", (outcome_id,)).fetchall() == []


# == other rules =============================================================
def test_job_map_stages_are_the_universal_eight(db):
    _check_violation(db, "jtbd_job_steps_stage_check", lambda: db.execute(
        "INSERT INTO jtbd_job_steps (tenant_id, jtbd_id, stage, step_order, title) "
        "VALUES (%s, %s, 'plan', 99, 'Plan')", (tenant_id(db, "acme"), _acme_jtbd(db))))


@pytest.mark.parametrize("scores", [
    {k: v for k, v in GOOD_SCORES.items() if k != "risk_tolerance"},
    {**GOOD_SCORES, "novelty": 5},
    {**GOOD_SCORES, "data_readiness": 11},
    {**GOOD_SCORES, "data_readiness": -1},
    {**GOOD_SCORES, "data_readiness": "high"},
    [1, 2, 3],
])
def test_ai_assessment_scores_keep_their_shape(db, scores):
    _check_violation(db, "jtbd_ai_assessments_scores_shape", lambda: db.execute(
        "INSERT INTO jtbd_ai_assessments (tenant_id, jtbd_id, scores) VALUES (%s, %s, %s)",
        (tenant_id(db, "acme"), _acme_jtbd(db), Jsonb(scores))))


def test_ai_readiness_is_the_mean_of_the_six_scores(db):
    row = db.execute("INSERT INTO jtbd_ai_assessments (tenant_id, jtbd_id, scores) VALUES (%s, %s, %s) "
                     "RETURNING readiness_score, readiness_tier",
                     (tenant_id(db, "acme"), _acme_jtbd(db), Jsonb(GOOD_SCORES))).fetchone()
    assert row == (Decimal("6.58"), "promising")


def test_references_stay_in_the_tenant_or_the_platform_library(db):
    pharmaco = tenant_id(db, "pharmaco")
    _check_violation(db, "jtbds_job_executor_tenant_check", lambda: _new_jtbd(db, job_executor_tenant_id=pharmaco))
    _check_violation(db, "jtbd_related_jobs_related_jtbd_tenant_check", lambda: db.execute(
        "INSERT INTO jtbd_related_jobs (tenant_id, jtbd_id, related_jtbd_tenant_id, related_jtbd_id, relation_type) "
        "VALUES (%s, %s, %s, %s, 'related_to')",
        (tenant_id(db, "acme"), _acme_jtbd(db), pharmaco,
         _seed_id(db, "jtbds", "pharmaco", "prepare-orphan-drug-designation"))))
    _check_violation(db, "jtbd_related_jobs_not_self", lambda: db.execute(
        "INSERT INTO jtbd_related_jobs (tenant_id, jtbd_id, related_jtbd_tenant_id, related_jtbd_id, relation_type) "
        "VALUES (%s, %s, %s, %s, 'related_to')",
        (tenant_id(db, "acme"), _acme_jtbd(db), tenant_id(db, "acme"), _acme_jtbd(db))))


def test_soft_delete_is_audited_and_hides_the_job_from_the_report(db):
    job = _acme_jtbd(db)
    db.execute("UPDATE jtbds SET deleted_at = now() WHERE id = %s", (job,))
    assert db.execute("SELECT count(*) FROM jtbd_completeness WHERE jtbd_id = %s", (job,)).fetchone() == (0,)
    actions = db.execute("SELECT action FROM audit_log WHERE table_name = 'jtbds' AND row_id = %s "
                         "ORDER BY created_at DESC LIMIT 1", (job,)).fetchone()
    assert actions == ("SOFT_DELETE",)


# == seed completeness =======================================================
def test_the_20_shared_jtbds_are_seeded_active_with_a_platform_persona(db):
    rows = db.execute(
        "SELECT j.slug FROM jtbds j JOIN personas p ON (p.tenant_id, p.id) = (j.job_executor_tenant_id, j.job_executor) "
        "WHERE j.tenant_id = %s AND j.status = 'active' AND j.deleted_at IS NULL AND p.tenant_id = %s",
        (PLATFORM, PLATFORM)).fetchall()
    assert set(SHARED_JTBDS) <= {slug for (slug,) in rows}


def test_every_seeded_jtbd_has_5_to_12_outcomes(db):
    counts = db.execute("SELECT j.slug, count(o.id) FROM jtbds j LEFT JOIN jtbd_desired_outcomes o "
                        "ON o.tenant_id = j.tenant_id AND o.jtbd_id = j.id GROUP BY j.slug").fetchall()
    assert len(counts) >= 22
    assert [slug for slug, n in counts if not 5 <= n <= 12] == []


def test_every_seeded_jtbd_has_a_full_eight_stage_job_map(db):
    maps = db.execute("SELECT j.slug, array_agg(s.stage ORDER BY s.step_order) FROM jtbds j "
                      "JOIN jtbd_job_steps s ON s.tenant_id = j.tenant_id AND s.jtbd_id = j.id "
                      "GROUP BY j.slug").fetchall()
    assert len(maps) >= 22
    assert [slug for slug, stages in maps if stages != STAGES] == []


def test_every_seeded_opportunity_has_3_to_5_use_cases(db):
    counts = db.execute("SELECT o.id, count(u.id) FROM jtbd_gen_ai_opportunities o LEFT JOIN jtbd_gen_ai_use_cases u "
                        "ON u.tenant_id = o.tenant_id AND u.opportunity_id = o.id GROUP BY o.id").fetchall()
    assert len(counts) >= 22
    assert [oid for oid, n in counts if not 3 <= n <= 5] == []


def test_the_completeness_report_shows_every_seeded_jtbd_complete(db):
    incomplete = db.execute("SELECT slug, missing_sections FROM jtbd_completeness WHERE NOT is_complete").fetchall()
    assert incomplete == []
    assert db.execute("SELECT count(*) FROM jtbd_completeness").fetchone()[0] >= 22


@pytest.mark.parametrize("table", TABLES)
def test_each_demo_tenant_has_rows_in_every_jtbd_table(db, table):
    tenants = db.execute(f"SELECT DISTINCT t.subdomain FROM {table} x JOIN tenants t ON t.id = x.tenant_id").fetchall()
    assert {"platform", "acme", "pharmaco"} <= {s for (s,) in tenants}
