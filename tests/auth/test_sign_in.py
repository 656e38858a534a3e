"""/auth/v1 password sign-in against the real database: every endpoint's success and failure."""

from __future__ import annotations

import jwt

from tests import pg
from tests.auth.conftest import PASSWORD, Auth
from vital.auth.tokens import mint_key

ADA, PAUL = "ada@acme.example", "paul@pharmaco.example"
INVALID = {"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"}


def _claims(api, token):
    return jwt.decode(token, api.settings.jwt_secret.get_secret_value(), algorithms=["HS256"],
                      audience="authenticated")


def test_password_sign_in_returns_a_gotrue_session_whose_token_reads_the_tenant(auth_api):
    acme = Auth(auth_api)
    r = acme.sign_in(ADA)
    assert r.status_code == 200, r.text
    session = r.json()
    assert session["token_type"] == "bearer" and session["expires_in"] == 3600
    assert session["expires_at"] > 0 and session["refresh_token"]
    user = session["user"]
    tenant = str(auth_api.tenants["acme"].id)
    assert user["id"] == str(auth_api.tenants["acme"].user_id) and user["email"] == ADA
    assert user["aud"] == "authenticated" and user["role"] == "authenticated"
    assert user["app_metadata"] == {"tenant_id": tenant, "provider": "email", "providers": ["email"],
                                    "tenant_role": "owner"}
    claims = _claims(auth_api, session["access_token"])
    assert claims["tenant_id"] == tenant and claims["tenant_role"] == "owner" and claims["session_id"]
    assert claims["app_metadata"]["tenant_role"] == "owner" and claims["amr"][0]["method"] == "password"
    rows = auth_api.as_("acme", token=session["access_token"]).get("/rest/v1/agents?select=tenant_id&limit=50")
    assert rows.status_code == 200 and rows.json()
    assert {row["tenant_id"] for row in rows.json()} <= {tenant, "00000000-0000-0000-0000-000000000000"}


def test_wrong_password_unknown_user_and_another_tenants_member_are_refused_alike(auth_api):
    acme = Auth(auth_api)
    for email, password in ((ADA, "wrong password"), ("nobody@acme.example", PASSWORD), (PAUL, PASSWORD)):
        r = acme.sign_in(email, password)
        assert r.status_code == 400 and r.json() == INVALID, (email, r.text)
    assert Auth(auth_api, "pharmaco").sign_in(PAUL).status_code == 200  # at his own tenant's host


def test_a_member_without_a_password_cannot_sign_in(auth_api):
    with pg.connect(auth_api.database) as conn:
        conn.execute("DELETE FROM vital.user_passwords")
    assert Auth(auth_api).sign_in(ADA).json() == INVALID


def test_malformed_requests_get_gotrue_errors(auth_api):
    acme = Auth(auth_api)
    r = acme.call("POST", "/token?grant_type=password", json={"password": PASSWORD})
    assert r.status_code == 400 and r.json()["error_code"] == "validation_failed"
    r = acme.call("POST", "/token?grant_type=magic", json={})
    assert r.status_code == 400 and r.json()["error_code"] == "validation_failed"
    r = acme.call("POST", "/token?grant_type=password", content=b"{not json")
    assert r.status_code == 400 and r.json()["error_code"] == "bad_json"
    r = acme.call("POST", "/token?grant_type=password", json={"phone": "+15550100", "password": "x"})
    assert r.json()["error_code"] == "phone_provider_disabled"


def test_the_apikey_must_be_the_anon_or_service_key(auth_api):
    acme = Auth(auth_api)
    body = {"email": ADA, "password": PASSWORD}
    url = "http://acme.localhost/auth/v1/token?grant_type=password"
    missing = auth_api.client.post(url, json=body)
    assert missing.status_code == 401 and missing.json()["message"] == "No API key found in request"
    user_token = auth_api.tenants["acme"].token
    for key in (user_token, "not-a-key", jwt.encode({"role": "anon", "aud": "authenticated", "exp": 4102444800},
                                                    "another secret of more than 32 chars", algorithm="HS256")):
        r = auth_api.client.post(url, json=body, headers={"apikey": key})
        assert r.status_code == 401 and r.json()["message"] == "Invalid API key"
    service = auth_api.client.post(url, json=body, headers={"apikey": mint_key(auth_api.settings, "service_role")})
    assert service.status_code == 200
    assert acme.call("GET", "/settings").json()["disable_signup"] is True
    unknown = Auth(auth_api, "nosuchtenant").sign_in(ADA)
    assert unknown.status_code == 404 and unknown.json()["code"] == 404


def test_refresh_rotates_and_a_reused_token_revokes_the_session(auth_api):
    acme = Auth(auth_api)
    first = acme.sign_in(ADA).json()
    second = acme.refresh(first["refresh_token"])
    assert second.status_code == 200, second.text
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert _claims(auth_api, second["access_token"])["session_id"] == _claims(auth_api, first["access_token"])[
        "session_id"]
    reused = acme.refresh(first["refresh_token"])
    assert reused.status_code == 400 and reused.json() == {
        "code": 400, "error_code": "refresh_token_already_used", "msg": "Invalid Refresh Token: Already Used"}
    # The whole family is gone: the child no longer refreshes, the session's tokens no longer show the user.
    assert acme.refresh(second["refresh_token"]).json()["error_code"] == "refresh_token_not_found"
    r = acme.call("GET", "/user", second["access_token"])
    assert r.status_code == 403 and r.json()["error_code"] == "session_not_found"
    other = acme.sign_in(ADA).json()  # a new sign-in is a new family
    assert acme.refresh(other["refresh_token"]).status_code == 200


def test_an_expired_unknown_or_other_tenants_refresh_token_is_refused(auth_api):
    acme = Auth(auth_api)
    session = acme.sign_in(ADA).json()
    assert Auth(auth_api, "pharmaco").refresh(session["refresh_token"]).json()["error_code"] == \
        "refresh_token_not_found"
    assert acme.refresh("made-up").json()["error_code"] == "refresh_token_not_found"
    with pg.connect(auth_api.database) as conn:
        conn.execute("UPDATE vital.refresh_tokens SET expires_at = now() - interval '1 second'")
    r = acme.refresh(session["refresh_token"])
    assert r.status_code == 400 and r.json()["error_code"] == "session_expired"


def test_get_user_and_its_failures(auth_api):
    acme = Auth(auth_api)
    session = acme.sign_in(ADA).json()
    r = acme.call("GET", "/user", session["access_token"])
    assert r.status_code == 200 and r.json()["email"] == ADA and r.json()["last_sign_in_at"]
    assert acme.call("GET", "/user").json() == {"code": 401, "error_code": "no_authorization",
                                                "msg": "This endpoint requires a Bearer token"}
    assert acme.call("GET", "/user", acme.anon).json()["error_code"] == "bad_jwt"
    assert acme.call("GET", "/user", "x.y.z").status_code == 403
    paul = Auth(auth_api, "pharmaco").sign_in(PAUL).json()
    r = acme.call("GET", "/user", paul["access_token"])
    assert r.status_code == 403 and r.json()["error_code"] == "bad_jwt"
    with pg.connect(auth_api.database) as conn:
        conn.execute("DELETE FROM tenant_members WHERE user_id = %s", (auth_api.tenants["acme"].user_id,))
    assert acme.call("GET", "/user", session["access_token"]).json()["error_code"] == "user_not_found"
    assert acme.refresh(session["refresh_token"]).json()["error_code"] == "refresh_token_not_found"
    assert acme.sign_in(ADA).json() == INVALID


def test_put_user_changes_the_password_and_ends_the_other_sessions(auth_api):
    acme = Auth(auth_api)
    here, elsewhere = acme.sign_in(ADA).json(), acme.sign_in(ADA).json()
    short = acme.call("PUT", "/user", here["access_token"], json={"password": "short"})
    assert short.status_code == 422 and short.json()["error_code"] == "weak_password"
    assert short.json()["weak_password"] == {"reasons": ["length"]}
    same = acme.call("PUT", "/user", here["access_token"], json={"password": PASSWORD})
    assert same.status_code == 422 and same.json()["error_code"] == "same_password"
    changed = acme.call("PUT", "/user", here["access_token"],
                        json={"password": "a brand new passphrase", "data": {"theme": "dark"}})
    assert changed.status_code == 200 and changed.json()["user_metadata"]["theme"] == "dark"
    assert acme.sign_in(ADA).json() == INVALID
    assert acme.sign_in(ADA, "a brand new passphrase").status_code == 200
    assert acme.refresh(elsewhere["refresh_token"]).status_code == 400
    assert acme.refresh(here["refresh_token"]).status_code == 200
    r = acme.call("PUT", "/user", here["access_token"], json={"email": "eve@evil.example"})
    assert r.status_code == 422


def test_logout_scopes(auth_api):
    acme = Auth(auth_api)
    a, b, c = (acme.sign_in(ADA).json() for _ in range(3))
    assert acme.call("POST", "/logout?scope=sideways", a["access_token"]).status_code == 400
    assert acme.call("POST", "/logout?scope=local", a["access_token"]).status_code == 204
    assert acme.refresh(a["refresh_token"]).status_code == 400
    assert acme.call("POST", "/logout?scope=others", b["access_token"]).status_code == 204
    assert acme.refresh(c["refresh_token"]).status_code == 400
    b2 = acme.refresh(b["refresh_token"])
    assert b2.status_code == 200
    assert acme.call("POST", "/logout", b2.json()["access_token"]).status_code == 204  # global by default
    assert acme.refresh(b2.json()["refresh_token"]).status_code == 400
    assert acme.call("POST", "/logout").status_code == 401


def test_the_api_role_reaches_the_sign_in_tables_only_through_the_functions(auth_api):
    with pg.connect(auth_api.database) as conn:
        for role in ("vital_api", "authenticated", "anon"):
            for table in ("user_passwords", "auth_sessions", "refresh_tokens", "rate_counters"):
                allowed = conn.execute("SELECT has_table_privilege(%s, %s, 'SELECT')", (role, f"vital.{table}"))
                assert allowed.fetchone()[0] is False, (role, table)
            callable_ = conn.execute("SELECT has_function_privilege(%s, 'vital.sign_in_candidate(uuid, text)', "
                                     "'EXECUTE')", (role,)).fetchone()[0]
            assert callable_ is (role == "vital_api"), role
        forced = conn.execute("SELECT bool_and(relrowsecurity AND relforcerowsecurity) FROM pg_class "
                              "WHERE relnamespace = 'vital'::regnamespace AND relname = ANY (%s)",
                              (["user_passwords", "auth_sessions", "refresh_tokens", "rate_counters"],))
        assert forced.fetchone()[0] is True
        hashes = conn.execute("SELECT password_hash FROM vital.user_passwords").fetchall()
        assert hashes and all(h[0].startswith("$argon2id$") for h in hashes)
        assert conn.execute("SELECT count(*) FROM vital.refresh_tokens WHERE token_hash !~ '^[0-9a-f]{64}$'"
                            ).fetchone()[0] == 0
