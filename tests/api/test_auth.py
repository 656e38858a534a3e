"""Who may call: every way a request is refused, and the ways it is let in."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from tests import pg
from tests.harness import running
from vital.api.auth import hash_key

DEMO_KEY = "acmedemo.not-a-real-secret"  # seeded in 0003_core.sql, scope read


def _token(api, subdomain="acme", *, secret=None, **claims) -> str:
    t = api.tenants[subdomain]
    body = {"sub": str(t.user_id), "role": "authenticated", "aud": "authenticated", "exp": int(time.time()) + 60,
            "tenant_id": str(t.id), **claims}
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, secret or api.settings.jwt_secret.get_secret_value(), algorithm="HS256")


def _status(api, token, path="/rest/v1/profiles?select=email", subdomain="acme", **headers):
    response = api.as_(subdomain, token, **headers).get(path)
    return response.status_code, response.json()


def test_a_valid_token_reads_its_own_tenant(api):
    status, rows = _status(api, api.tenants["acme"].token)
    assert status == 200 and [r["email"] for r in rows] == ["ada@acme.example"]


def test_no_credentials_is_401(api):
    response = api.as_("acme", None).get("/rest/v1/profiles")
    assert response.status_code == 401
    assert response.json()["code"] == "PGRST302" and response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("case", ["bad signature", "expired", "wrong audience", "no exp", "malformed", "alg none"])
def test_tokens_that_do_not_verify_are_401(api, case):
    token = {
        "bad signature": lambda: _token(api, secret="another-secret-another-secret-another"),
        "expired": lambda: _token(api, exp=int(time.time()) - 10),
        "wrong audience": lambda: _token(api, aud="service"),
        "no exp": lambda: _token(api, exp=None),
        "malformed": lambda: "abc.def.ghi",
        "alg none": lambda: jwt.encode({"role": "authenticated", "aud": "authenticated",
                                        "tenant_id": str(api.tenants["acme"].id)}, None, algorithm="none"),
    }[case]()
    status, body = _status(api, token)
    assert status == 401, body
    assert body["code"] in ("PGRST301", "PGRST303") and body["message"]


def test_a_token_for_another_tenant_is_403(api):
    status, body = _status(api, api.tenants["pharmaco"].token, subdomain="acme")
    assert status == 403 and "not valid for this tenant" in body["message"]


def test_supabase_tokens_carry_the_tenant_in_app_metadata(api):
    acme = str(api.tenants["acme"].id)
    token = _token(api, tenant_id=None, app_metadata={"provider": "email", "tenant_id": acme},
                   user_metadata={}, email="ada@acme.example", session_id=str(uuid.uuid4()))
    anon_key = jwt.encode({"role": "anon", "iss": "supabase", "aud": "authenticated", "exp": int(time.time()) + 60},
                          api.settings.jwt_secret.get_secret_value(), algorithm="HS256")
    status, rows = _status(api, token, apikey=anon_key)  # what supabase-js sends
    assert status == 200 and len(rows) == 1


@pytest.mark.parametrize("claims, status", [
    ({"role": "anon"}, 401),
    ({"role": "service_role"}, 403),
    ({"role": "postgres"}, 403),
    ({"tenant_id": None}, 403),
    ({"tenant_id": "not-a-uuid"}, 401),
])
def test_roles_and_tenants_the_api_does_not_accept(api, claims, status):
    assert _status(api, _token(api, **claims))[0] == status


def test_unknown_and_suspended_tenants_look_the_same(api):
    token = api.tenants["pharmaco"].token
    unknown = api.as_("nosuchtenant", token).get("/rest/v1/profiles")
    assert unknown.status_code == 404
    with pg.connect(api.database, autocommit=True) as owner:
        owner.execute("UPDATE tenants SET status = 'suspended' WHERE subdomain = 'pharmaco'")
        try:
            suspended = api.as_("pharmaco", token).get("/rest/v1/profiles")
        finally:
            owner.execute("UPDATE tenants SET status = 'active' WHERE subdomain = 'pharmaco'")
    assert suspended.status_code == 404 and suspended.json() == unknown.json()
    assert api.as_("pharmaco", token).get("/rest/v1/profiles").status_code == 200


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "acme.example.com", "a.acme.localhost"])
def test_hosts_that_name_no_tenant_are_404(api, host):
    response = api.client.get(f"http://{host}/rest/v1/profiles",
                              headers={"Authorization": f"Bearer {api.tenants['acme'].token}"})
    assert response.status_code == 404 and response.json()["code"] == "PGRST404"


def test_x_forwarded_host_is_ignored_unless_trusted(api, api_db):
    token = api.tenants["acme"].token
    assert _status(api, token, **{"X-Forwarded-Host": "pharmaco.localhost"})[0] == 200
    with running(api_db, trust_forwarded_host=True) as trusted:
        response = trusted.as_("acme", token, **{"X-Forwarded-Host": "pharmaco.localhost"}).get("/rest/v1/profiles")
    assert response.status_code == 403  # the proxy said pharmaco: an acme token does not fit


def test_an_api_key_reads_through_either_header(api):
    for headers in ({"Authorization": f"Bearer {DEMO_KEY}"}, {"apikey": DEMO_KEY}):
        response = api.as_("acme", None, **headers).get("/rest/v1/profiles?select=email")
        assert response.status_code == 200 and len(response.json()) == 1


def test_a_read_only_api_key_cannot_write(api):
    response = api.as_("acme", None, apikey=DEMO_KEY).patch("/rest/v1/profiles?email=eq.ada@acme.example",
                                                            json={"display_name": "x"})
    # refused by the database (policy key_scope_update), with what to do
    assert response.status_code == 403 and "only read" in response.json()["details"]
    assert "'write' scope" in response.json()["hint"]


@pytest.mark.parametrize("key", ["acmedemo.wrong-secret", "pharmdem.not-a-real-secret", "nodots", "a.b"])
def test_wrong_foreign_or_malformed_keys_are_401(api, key):
    assert api.as_("acme", None, apikey=key).get("/rest/v1/profiles").status_code == 401


def test_a_write_key_writes_and_a_revoked_key_is_refused(fresh_api):
    key = "acmewrite.s3cret-for-tests"
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        owner.execute("INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) "
                      "VALUES (%s, 'ci', 'acmewrite', %s, '{read,write}')", (fresh_api.tenants["acme"].id,
                                                                             hash_key(key)))
        caller = fresh_api.as_("acme", key)
        # a write key has a member's rights (docs/roles.md): the tenant's data, not its invitations
        response = caller.patch("/rest/v1/tags?slug=eq.acm-101-program", json={"name": "ACM-101"},
                                headers={"Prefer": "return=representation"})
        assert response.status_code == 200 and [r["name"] for r in response.json()] == ["ACM-101"]
        refused = caller.patch("/rest/v1/tenant_invitations?email=eq.grace@acme.example", json={"role": "admin"},
                               headers={"Prefer": "return=representation"})
        assert refused.status_code == 200 and refused.json() == []
        owner.execute("UPDATE api_keys SET revoked_at = now() WHERE key_prefix = 'acmewrite'")
        assert caller.get("/rest/v1/tenant_invitations").status_code == 401


def test_the_pool_logs_in_as_the_api_role_and_leaves_no_context_behind(api):
    assert api.as_("acme").get("/rest/v1/profiles").status_code == 200
    check = ("SELECT session_user, current_user, r.rolbypassrls, r.rolsuper, "
             "coalesce(current_setting('request.jwt.claims', true), '') "
             "FROM pg_roles r WHERE r.rolname = session_user")
    state = api.client.app.state.api
    with state.pool.connection() as conn:
        row = conn.execute(check).fetchone()
    assert row == ("vital_api", "vital_api", False, False, "")

    async def on_the_read_pool():  # where the GET above ran (async, on the app's event loop)
        async with state.read_pool.connection() as conn:
            return await (await conn.execute(check)).fetchone()
    assert api.client.portal.call(on_the_read_pool) == ("vital_api", "vital_api", False, False, "")
