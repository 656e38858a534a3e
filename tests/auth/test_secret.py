"""No shared secret (issue 13 item 5): generated per data dir, configured wins, refused where unsafe."""

from __future__ import annotations

import json
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest
from fastapi.testclient import TestClient

from tests.harness import api_settings, tenants_of
from vital.api.app import create_app
from vital.auth.secret import require_servable, with_secret
from vital.auth.tokens import mint_key, verify_token
from vital.errors import ConfigError
from vital.settings import Settings

# The string older versions shipped in their source and accepted in `local`.
OLD_PUBLIC_SECRET = "vital-local-development-secret-do-not-use-in-production"


def _vital(env, *args):
    return subprocess.run(["vital", *args], env=env, capture_output=True, text=True, timeout=300)


def test_the_first_run_creates_a_private_secret_that_later_runs_reuse(tmp_path):
    s = Settings(environment="local", data_dir=tmp_path / "data", jwt_secret=None)
    first = with_secret(s).jwt_secret.get_secret_value()
    path = tmp_path / "data" / "jwt-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32 and first != OLD_PUBLIC_SECRET
    assert with_secret(s).jwt_secret.get_secret_value() == first
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_processes_starting_at_once_agree_on_one_secret(tmp_path):
    s = Settings(environment="local", data_dir=tmp_path, jwt_secret=None)
    with ThreadPoolExecutor(8) as pool:
        found = set(pool.map(lambda _: with_secret(s).jwt_secret.get_secret_value(), range(16)))
    assert len(found) == 1


def test_each_data_dir_gets_its_own_secret(tmp_path):
    one = with_secret(Settings(environment="local", data_dir=tmp_path / "a", jwt_secret=None))
    two = with_secret(Settings(environment="local", data_dir=tmp_path / "b", jwt_secret=None))
    assert one.jwt_secret.get_secret_value() != two.jwt_secret.get_secret_value()


def test_a_configured_secret_wins_and_writes_nothing(tmp_path):
    s = with_secret(Settings(environment="local", data_dir=tmp_path, jwt_secret="c" * 40))
    assert s.jwt_secret.get_secret_value() == "c" * 40
    assert not (tmp_path / "jwt-secret").exists()


def test_a_secret_file_readable_by_others_is_refused(tmp_path):
    s = Settings(environment="local", data_dir=tmp_path, jwt_secret=None)
    with_secret(s)
    (tmp_path / "jwt-secret").chmod(0o644)
    with pytest.raises(ConfigError, match="readable by other users"):
        with_secret(s)


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_outside_local_a_secret_must_be_configured(environment):
    with pytest.raises(ConfigError, match="VITAL_JWT_SECRET"):
        Settings(environment=environment, jwt_secret=None)
    with pytest.raises(ConfigError, match="VITAL_JWT_SECRET"):
        Settings(environment=environment, jwt_secret="")
    with pytest.raises(ConfigError, match="32 characters"):
        Settings(environment=environment, jwt_secret="short")


@pytest.mark.parametrize("host,refused", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                          ("0.0.0.0", True), ("::", True), ("192.168.1.10", True),
                                          ("vital.example.com", True)])
def test_serving_beyond_loopback_needs_a_configured_secret(tmp_path, host, refused):
    generated = Settings(environment="local", data_dir=tmp_path, jwt_secret=None, api_host=host)
    if refused:
        with pytest.raises(ConfigError, match="VITAL_JWT_SECRET"):
            require_servable(generated)
    else:
        require_servable(generated)
    require_servable(generated.model_copy(update={"jwt_secret": "c" * 40}))  # configured: anywhere


def test_vital_serve_on_all_addresses_without_a_secret_refuses_to_start(cli_env):
    done = _vital(cli_env(VITAL_JWT_SECRET=None), "serve", "--host", "0.0.0.0")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "Refusing to listen on 0.0.0.0" in done.stderr and "VITAL_JWT_SECRET" in done.stderr


def test_a_fresh_install_rejects_the_old_public_development_secret(fresh_db, tmp_path):
    s = with_secret(api_settings(fresh_db, jwt_secret=None, environment="local", data_dir=tmp_path))
    tenant = tenants_of(fresh_db, s)["acme"]
    forged = jwt.encode({"sub": str(tenant.user_id), "role": "authenticated", "aud": "authenticated",
                         "exp": 4102444800, "tenant_id": str(tenant.id)}, OLD_PUBLIC_SECRET, algorithm="HS256")
    with TestClient(create_app(s)) as client:
        refused = client.get("http://acme.localhost/rest/v1/agents", headers={"Authorization": f"Bearer {forged}"})
        assert refused.status_code == 401, refused.text
        ok = client.get("http://acme.localhost/rest/v1/agents?limit=1",
                        headers={"Authorization": f"Bearer {tenant.token}"})
        assert ok.status_code == 200 and len(ok.json()) == 1


def test_the_keys_give_no_data(api):
    anon, service = mint_key(api.settings, "anon"), mint_key(api.settings, "service_role")
    for headers in ({"Authorization": f"Bearer {anon}"}, {"apikey": anon}):
        r = api.as_("acme", token=None, **headers).get("/rest/v1/agents")
        assert r.status_code == 401, r.text
    r = api.as_("acme", token=service).get("/rest/v1/agents")
    assert r.status_code == 403, r.text
    assert api.as_("acme", token=anon).get("/api/v1/usage").status_code in (401, 404)


def test_keys_are_stable_for_a_secret_and_name_their_role(api):
    for role in ("anon", "service_role"):
        key = mint_key(api.settings, role)
        assert key == mint_key(api.settings, role)
        claims = verify_token(key, api.settings)
        assert claims["role"] == role and "sub" not in claims and "tenant_id" not in claims


def test_vital_keys_and_vital_up_print_the_keys_of_the_generated_secret(fresh_db, cli_env, tmp_path):
    env = cli_env(fresh_db, VITAL_JWT_SECRET=None)
    up = _vital(env, "up", "--no-serve")
    assert up.returncode == 0, up.stderr
    secret_file = tmp_path / ".vital" / "jwt-secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    s = Settings(environment="test", jwt_secret=secret_file.read_text().strip())
    done = _vital(env, "keys", "--json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["anon_key"] == mint_key(s, "anon") and printed["service_role_key"] == mint_key(s, "service_role")
    assert printed["api_urls"] == {"acme": "http://acme.localhost:8000", "pharmaco": "http://pharmaco.localhost:8000"}
    assert printed["anon_key"] in up.stdout.replace("\n", "")
