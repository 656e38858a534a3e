"""A tenant's model settings at /api/v1/admin/llm: the operator allows (`vital tenant llm-allow`),
admins change within the allowance, the database refuses everything else with what was wrong, and
the services use what was changed. One database and one app for the module."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests import pg
from tests.admin.test_http import _client
from tests.harness import running
from tests.roles.people import add_people
from vital.cli.main import cli
from vital.db.tenant import tenant_transaction
from vital.services.llm import ChatRequest, bounds
from vital.services.llm.bounds import PURPOSES


@pytest.fixture(scope="module")
def setup(cli_env_module):
    name = pg.clone()
    try:
        with pg.connect(name, autocommit=True) as owner:
            people = add_people(owner)
            # What the operator keeps to itself: the key variable's name and value are never shown.
            owner.execute("UPDATE tenants SET settings = jsonb_set(settings, '{llm}', %s::jsonb) "
                          "WHERE subdomain = 'acme'", (json.dumps({"api_key_env": "ACME_SECRET_KEY_VAR"}),))
        with running(name) as api:
            yield api, people, cli_env_module(name)
    finally:
        pg.drop(name)


@pytest.fixture(scope="module")
def cli_env_module(tmp_path_factory):
    home = tmp_path_factory.mktemp("llm-cli")
    return lambda name: {"VITAL_ENVIRONMENT": "test", "VITAL_DATABASE_URL": pg.url(name),
                         "VITAL_DATA_DIR": str(home / ".vital"), "HOME": str(home)}


def _allow(env, *args):
    done = CliRunner().invoke(cli, ["tenant", "llm-allow", "acme", *args], env=env)
    return done.exit_code, done.output


def test_the_operator_allows_admins_change_within_it_and_the_service_follows(setup):
    api, people, env = setup
    admin, viewer = _client(api, people, "admin"), _client(api, people, "viewer")
    before = viewer.get("/api/v1/admin/llm").json()
    assert before["allowed"] == {"model": [], "max_tokens": {}, "seconds": {}}
    assert before["effective"]["max_tokens"]["interactive"] == PURPOSES["interactive"][0]
    refused = admin.patch("/api/v1/admin/llm", json={"max_tokens": {"interactive": 500}})
    assert refused.status_code == 400 and "ask the operator" in refused.json()["hint"]

    code, output = _allow(env, "--model", "gpt-4o-mini", "--model", "gpt-4o", "--max-tokens", "interactive=2048",
                          "--seconds", "panel=90")
    assert code == 0, output
    assert json.loads(output) == {"model": ["gpt-4o-mini", "gpt-4o"], "max_tokens": {"interactive": 2048},
                                  "seconds": {"panel": 90}}
    code, output = _allow(env, "--max-tokens", "chat=5")
    assert code == 1 and "Purposes: interactive" in output

    changed = admin.patch("/api/v1/admin/llm", json={"model": "gpt-4o", "max_tokens": {"interactive": 1500},
                                                     "seconds": {"panel": 75}})
    assert changed.status_code == 200, changed.text
    seen = viewer.get("/api/v1/admin/llm")  # any member reads it
    body = seen.json()
    assert body["effective"]["model"] == "gpt-4o" and body["effective"]["max_tokens"]["interactive"] == 1500
    assert body["effective"]["seconds"]["panel"] == 75 and body["chosen"]["max_tokens"] == {"interactive": 1500}
    assert body["allowed"]["max_tokens"] == {"interactive": 2048}
    assert "ACME_SECRET_KEY_VAR" not in seen.text and "api_key" not in seen.text

    # The service's bounds follow the change.
    with pg.connect(api.database) as owner, tenant_transaction(owner, people.caller("member")) as conn:
        limited = bounds(conn, ChatRequest(task="answer", question="q", purpose="interactive"))
    assert limited.max_tokens == 1500

    # Outside the allowance: a 4xx that says what was wrong and what to do, and nothing changed.
    for change, words in [({"max_tokens": {"interactive": 4096}}, "at most 2048"),
                          ({"max_tokens": {"panel": 100}}, "max_tokens for: interactive"),
                          ({"model": "gpt-5-huge"}, "Choose one of: gpt-4o-mini, gpt-4o"),
                          ({"base_url": "http://evil.example/"}, "You may change: max_tokens, model, seconds"),
                          ({"seconds": {"panel": -1}}, "from 1 to 90"),
                          ({"max_tokens": {"interactive": 10.5}}, "whole number")]:
        answer = admin.patch("/api/v1/admin/llm", json=change)
        text = f"{answer.json()['message']} {answer.json()['hint']}"
        assert answer.status_code == 400 and words in text and "SELECT" not in text, (change, answer.text)
    assert viewer.get("/api/v1/admin/llm").json() == body

    # Members and viewers: refused by the database (42501), nothing changed.
    for who in ("viewer", "member"):
        answer = _client(api, people, who).patch("/api/v1/admin/llm", json={"max_tokens": {"interactive": 800}})
        assert answer.status_code == 403 and answer.json()["code"] == "42501", answer.text
    assert viewer.get("/api/v1/admin/llm").json() == body

    # Null gives a setting back to the operator; the change is in the audit log.
    back = admin.patch("/api/v1/admin/llm", json={"max_tokens": {"interactive": None}}).json()
    assert back["effective"]["max_tokens"]["interactive"] == PURPOSES["interactive"][0]
    audit = admin.get("/api/v1/admin/audit", params={"table": "tenants", "actor": str(people.users["admin"])}).json()
    assert len(audit) == 2 and audit[0]["new_data"]["settings"]["llm"].get("max_tokens") == {}

    # Another tenant sees only its own: nothing of acme's allowance or choices.
    other = api.as_("pharmaco").get("/api/v1/admin/llm")
    theirs = other.json()
    assert other.status_code == 200 and theirs["allowed"] == before["allowed"] and theirs["chosen"]["model"] is None
    assert theirs["effective"]["model"] != "gpt-4o" and theirs["effective"]["max_tokens"] == before["effective"]["max_tokens"]
    assert api.as_("pharmaco").patch("/api/v1/admin/llm", json={"model": "gpt-4o"}).status_code == 400

    # The migration's purposes are bounds.py's: the database accepts each of them.
    code, output = _allow(env, *(f"--max-tokens={p}=10" for p in PURPOSES))
    assert code == 0 and set(json.loads(output)["max_tokens"]) == set(PURPOSES), output
    code, output = _allow(env, "--none")
    assert code == 0 and json.loads(output) == {}
    assert admin.patch("/api/v1/admin/llm", json={"model": "gpt-4o-mini"}).status_code == 400
