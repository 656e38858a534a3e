"""The `vital` command as a user runs it: help, new migrations, status, url, reset, completeness.
The installed `vital` script runs as a process twice (help, and a refusal before any command runs);
the other commands go through the same CLI in-process (CliRunner), to spare an interpreter start each."""

from __future__ import annotations

import json
import subprocess

from click.testing import CliRunner

from tests import pg
from vital.cli.main import cli


def _process(env, *args):
    return subprocess.run(["vital", *args], env=env, capture_output=True, text=True, timeout=300)


def _vital(env, *args):
    return CliRunner().invoke(cli, list(args), env=env)


def test_help_lists_every_command_and_shows_environment_variables(cli_env):
    top = _process(cli_env(), "--help")
    assert top.returncode == 0
    for command in ("up", "db", "docs"):
        assert command in top.stdout
    assert "DATABASE_URL" in top.stdout and "VITAL_DATA_DIR" in top.stdout
    db_help = _vital(cli_env(), "db", "--help").stdout
    for command in ("new", "up", "down", "status", "seed", "reset", "url", "psql", "validate", "completeness",
                    "generate"):
        assert f"  {command} " in db_help, command
    assert "VITAL_DB_DOWN_STEPS" in _vital(cli_env(), "db", "down", "--help").stdout


def test_a_production_environment_refuses_to_run_without_a_secret(cli_env):
    done = _process(cli_env(VITAL_ENVIRONMENT="production", VITAL_JWT_SECRET=None), "db", "url")
    assert done.returncode != 0
    assert "VITAL_JWT_SECRET" in done.stderr and "Traceback" not in done.stderr


def test_db_new_creates_a_forward_file_and_its_rollback(cli_env, tmp_path):
    fwd, back = tmp_path / "m", tmp_path / "r"
    fwd.mkdir(), back.mkdir()
    env = cli_env(VITAL_MIGRATIONS_DIR=str(fwd), VITAL_ROLLBACKS_DIR=str(back))
    done = _vital(env, "db", "new", "Add tags!")
    assert done.exit_code == 0, done.output
    [created] = list(fwd.glob("*.sql"))
    assert created.name.endswith("_add_tags.sql") and len(created.name.split("_")[0]) == 14
    assert (back / created.name).exists()


def test_status_url_and_reset_on_an_external_database(fresh_db, cli_env):
    env = cli_env(fresh_db)
    status = _vital(env, "db", "status")
    assert status.exit_code == 0 and "pending" not in status.stdout
    assert status.stdout.count("applied") == len(pg.migrations())
    assert _vital(env, "db", "url").stdout.strip() == pg.url(fresh_db)
    refused = _vital(env, "db", "reset")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM agents").fetchone()[0] > 0
    done = _vital(env, "db", "reset", "--yes")
    assert done.exit_code == 0, done.output
    with pg.connect(fresh_db) as conn:
        assert conn.execute("SELECT count(*) FROM supabase_migrations.schema_migrations").fetchone()[0] == len(
            pg.migrations())


def test_completeness_reports_a_persona_that_lost_its_activities(fresh_db, cli_env):
    env = cli_env(fresh_db)
    clean = _vital(env, "db", "completeness", "--json")
    assert clean.exit_code == 0 and json.loads(clean.stdout) == []
    with pg.connect(fresh_db) as conn:
        conn.execute("DELETE FROM persona_typical_day_activities WHERE persona_id = "
                     "vital.seed_uuid('personas', 'platform', 'medical-writer')")
        conn.execute("DELETE FROM agent_tools WHERE agent_id = "
                     "vital.seed_uuid('agents', 'platform', 'biostatistician')")
        conn.commit()
    gaps = json.loads(_vital(env, "db", "completeness", "--json").stdout)
    assert {"tenant": "platform", "kind": "persona", "object": "medical-writer",
            "problem": "0 typical-day activities (6-13 expected)"} in gaps
    assert any(g["object"] == "biostatistician" and "no tools" in g["problem"] for g in gaps)
