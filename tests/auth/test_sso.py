"""Single sign-on with OpenID Connect against a real provider process on loopback
(oidc-provider-mock, from PyPI): the browser's part is plain HTTP, redirects followed by hand."""

from __future__ import annotations

import os
import stat
import subprocess
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from cryptography.fernet import Fernet

from tests import pg
from tests.auth.conftest import FAST_LIMITS, PASSWORD, Auth, set_passwords
from tests.auth.mailbox import free_port
from tests.harness import running
from tests.helpers import TEST_JWT_SECRET
from tests.roles.people import add_user
from vital.auth import sealing
from vital.auth.oidc import Client, Provider
from vital.auth.passwords import hash_password
from vital.auth.tokens import mint_key
from vital.auth.gotrue import GoTrueError
from vital.settings import Settings

DOMAIN = "acme-sso.example"
SECRET = "idp-client-secret-do-not-leak-42"
APP = "http://acme.localhost/app"


@pytest.fixture
def sso_api(fresh_db):
    set_passwords(fresh_db)
    with running(fresh_db, sso_encryption_key=Fernet.generate_key().decode(), **FAST_LIMITS) as started:
        yield started


def _register(api, idp, **changes):
    body = {"issuer": idp, "client_id": "vital-acme", "client_secret": SECRET, "domains": [DOMAIN],
            "default_role": "viewer", "redirect_urls": [APP], **changes}
    r = api.as_("acme").request("PUT", "/api/v1/admin/sso", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def _sign_on(api, idp, sub: str, claims: dict, *, tamper: dict | None = None, domain: str = DOMAIN):
    """The browser: POST /auth/v1/sso, the provider's authorize form, the callback. Returns the
    callback's response (a redirect whose fragment carries the session or the error)."""
    auth = Auth(api)
    r = auth.call("POST", "/sso", json={"domain": domain, "skip_http_redirect": True, "redirect_to": APP})
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    query = dict(parse_qsl(urlsplit(url).query))
    assert query["code_challenge_method"] == "S256" and query["state"] and query["nonce"]
    if tamper:
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(query=urlencode({**query, **tamper})))
    assert httpx.put(f"{idp}/users/{sub}", json=claims).status_code < 300
    chosen = httpx.post(url, data={"sub": sub}, follow_redirects=False)
    assert chosen.status_code in (302, 303), chosen.text
    back = urlsplit(chosen.headers["location"])
    assert back.path == "/auth/v1/sso/callback"
    return api.client.get(f"http://acme.localhost{back.path}?{back.query}", follow_redirects=False)


def _fragment(response) -> dict:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(APP + "#"), location
    return {k: v[0] for k, v in parse_qs(location.split("#", 1)[1]).items()}


def _member(db: str, email: str):
    with pg.connect(db) as conn:
        return conn.execute("SELECT m.role FROM tenant_members m JOIN auth.users u ON u.id = m.user_id "
                            "JOIN tenants t ON t.id = m.tenant_id WHERE t.subdomain = 'acme' AND u.email = %s",
                            (email,)).fetchone()


def _sessions(db: str) -> int:
    with pg.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM vital.auth_sessions").fetchone()[0]


def test_first_sign_in_provisions_the_member_and_the_second_reuses_them(sso_api, idp):
    _register(sso_api, idp)
    claims = {"email": f"grace@{DOMAIN}", "email_verified": True, "name": "Grace"}
    first = _fragment(_sign_on(sso_api, idp, "grace-sub", claims))
    assert first["token_type"] == "bearer" and first["access_token"] and first["refresh_token"]
    assert _member(sso_api.database, f"grace@{DOMAIN}") == ("viewer",)
    user = Auth(sso_api).call("GET", "/user", token=first["access_token"])
    assert user.status_code == 200, user.text
    assert user.json()["email"] == f"grace@{DOMAIN}" and user.json()["app_metadata"]["tenant_role"] == "viewer"
    # The session refreshes like any other.
    assert Auth(sso_api).refresh(first["refresh_token"]).status_code == 200

    second = _fragment(_sign_on(sso_api, idp, "grace-sub", claims))
    assert second["access_token"] != first["access_token"]
    again = Auth(sso_api).call("GET", "/user", token=second["access_token"]).json()
    assert again["id"] == user.json()["id"]
    with pg.connect(sso_api.database) as conn:
        assert conn.execute("SELECT count(*) FROM auth.users WHERE email = %s", (f"grace@{DOMAIN}",)).fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM tenant_members m JOIN auth.users u ON u.id = m.user_id "
                            "WHERE u.email = %s", (f"grace@{DOMAIN}",)).fetchone()[0] == 1


def test_a_wrong_nonce_an_unverified_or_foreign_e_mail_give_errors_and_no_session(sso_api, idp):
    _register(sso_api, idp)
    before = _sessions(sso_api.database)
    wrong_nonce = _fragment(_sign_on(sso_api, idp, "mallory", {"email": f"mallory@{DOMAIN}", "email_verified": True},
                                     tamper={"nonce": "an-attacker-s-nonce"}))
    assert wrong_nonce["error_code"] == "bad_oauth_callback" and "nonce" in wrong_nonce["error_description"]
    assert "access_token" not in wrong_nonce

    foreign = _fragment(_sign_on(sso_api, idp, "eve", {"email": "eve@evil.example", "email_verified": True}))
    assert foreign["error"] == "access_denied" and foreign["error_code"] == "email_address_not_authorized"

    unverified = _fragment(_sign_on(sso_api, idp, "ivan", {"email": f"ivan@{DOMAIN}", "email_verified": False}))
    assert unverified["error_code"] == "email_not_confirmed"

    assert _sessions(sso_api.database) == before
    for email in (f"mallory@{DOMAIN}", "eve@evil.example", f"ivan@{DOMAIN}"):
        assert _member(sso_api.database, email) is None


def test_an_unknown_domain_and_a_replayed_state_are_refused(sso_api, idp):
    r = Auth(sso_api).call("POST", "/sso", json={"domain": "nowhere.example", "skip_http_redirect": True})
    assert r.status_code == 404
    assert r.json() == {"code": 404, "error_code": "sso_provider_not_found",
                        "msg": "No SSO provider assigned for this domain"}
    _register(sso_api, idp)
    # PKCE (tests/auth/test_sign_in_gaps.py): a challenge without its method is refused.
    r = Auth(sso_api).call("POST", "/sso", json={"domain": DOMAIN, "code_challenge": "x" * 43})
    assert r.status_code == 400 and r.json()["error_code"] == "validation_failed"
    # Without skip_http_redirect: a 303 to the provider, as GoTrue.
    r = Auth(sso_api).call("POST", "/sso", json={"domain": DOMAIN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith(idp)
    # Another tenant's host knows nothing of acme's provider.
    r = Auth(sso_api, "pharmaco").call("POST", "/sso", json={"domain": DOMAIN, "skip_http_redirect": True})
    assert r.status_code == 404
    r = sso_api.client.get("http://acme.localhost/auth/v1/sso/callback?state=made-up&code=x")
    assert r.status_code == 400 and r.json()["error_code"] == "bad_oauth_state"


def test_an_id_token_for_another_audience_is_refused(idp):
    """A real ID token of this provider, signed with its key, issued to another client."""
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/cb"
    query = {"client_id": "someone-else", "redirect_uri": redirect, "response_type": "code", "scope": "openid email",
             "state": "s", "nonce": "n-1"}
    httpx.put(f"{idp}/users/aud-sub", json={"email": f"a@{DOMAIN}", "email_verified": True})
    chosen = httpx.post(f"{idp}/oauth2/authorize?{urlencode(query)}", data={"sub": "aud-sub"})
    code = parse_qs(urlsplit(chosen.headers["location"]).query)["code"][0]
    token = httpx.post(f"{idp}/oauth2/token", data={"grant_type": "authorization_code", "code": code,
                                                    "redirect_uri": redirect, "client_id": "someone-else",
                                                    "client_secret": "x"}).json()["id_token"]
    provider = Provider()
    assert provider.validate(Client(idp, "someone-else", None, redirect), token, "n-1")["sub"] == "aud-sub"
    with pytest.raises(GoTrueError) as refused:
        provider.validate(Client(idp, "vital-acme", None, redirect), token, "n-1")
    assert refused.value.error_code == "bad_oauth_callback" and "audience" in refused.value.msg
    with pytest.raises(GoTrueError) as forged:
        provider.validate(Client(idp, "someone-else", None, redirect), token[:-4] + "AAAA", "n-1")
    assert "does not verify" in forged.value.msg


def test_the_sign_in_page_offers_sso_only_where_it_is_set_up(sso_api, idp):
    def offered(subdomain: str) -> tuple[bool, bool]:
        settings = sso_api.as_(subdomain, token=None, apikey=mint_key(sso_api.settings, "anon")).get("/auth/v1/settings")
        page = sso_api.client.get("/sign-in", headers={"Host": f"{subdomain}.localhost"})
        assert settings.status_code == 200 and page.status_code == 200
        return settings.json()["sso_enabled"], "Continue with single sign-on" in page.text

    assert offered("acme") == (False, False)
    _register(sso_api, idp)
    assert offered("acme") == (True, True)
    assert offered("pharmaco") == (False, False)  # acme's provider is acme's alone


def test_the_client_secret_is_sealed_at_rest_and_never_read_back(sso_api, idp, cli_env):
    shown = _register(sso_api, idp)
    assert shown["has_client_secret"] is True and "client_secret" not in shown
    got = sso_api.as_("acme").get("/api/v1/admin/sso")
    assert got.status_code == 200 and got.json()["has_client_secret"] is True and SECRET not in got.text
    with pg.connect(sso_api.database) as conn:
        sealed = conn.execute("SELECT client_secret_sealed FROM vital.sso_providers").fetchone()[0]
    assert SECRET not in sealed and sealed.startswith("gAAAAA")
    assert sealing.unseal(sso_api.settings, sealed) == SECRET
    # A change without client_secret keeps it.
    kept = _register(sso_api, idp, client_secret=None)
    assert kept["has_client_secret"] is True
    with pg.connect(sso_api.database) as conn:
        assert conn.execute("SELECT client_secret_sealed FROM vital.sso_providers").fetchone()[0] == sealed
    env = cli_env(sso_api.database, VITAL_SSO_ENCRYPTION_KEY=sso_api.settings.sso_encryption_key.get_secret_value())
    shell = subprocess.run(["vital", "sso", "show", "--tenant", "acme"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert shell.returncode == 0, shell.stderr
    assert '"has_client_secret": true' in shell.stdout and SECRET not in shell.stdout


def test_only_admins_and_owners_manage_sso_and_the_cli_does_too(sso_api, idp, cli_env):
    with pg.connect(sso_api.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        member = add_user(conn, tenant, "member.sso@acme.example", "member")
        conn.commit()
    from vital.auth.tokens import mint_token
    token = mint_token(sso_api.settings, tenant_id=tenant, user_id=member)
    body = {"issuer": idp, "client_id": "c", "domains": [DOMAIN]}
    r = sso_api.as_("acme", token=token).request("PUT", "/api/v1/admin/sso", json=body)
    assert r.status_code == 403, r.text
    assert sso_api.as_("acme", token=token).get("/api/v1/admin/sso").status_code == 403
    assert sso_api.as_("acme").get("/api/v1/admin/sso").json() == {"configured": False}
    bad = sso_api.as_("acme").request("PUT", "/api/v1/admin/sso", json={**body, "default_role": "owner"})
    assert bad.status_code == 400, bad.text

    env = cli_env(sso_api.database, VITAL_SSO_ENCRYPTION_KEY=sso_api.settings.sso_encryption_key.get_secret_value())
    run = lambda *args, **kw: subprocess.run(["vital", "sso", *args], env=env, capture_output=True, text=True,
                                             timeout=120, **kw)
    made = run("set", "--tenant", "acme", "--issuer", idp, "--client-id", "vital-acme", "--client-secret", "-",
               "--domain", DOMAIN, "--require-sso", input=SECRET + "\n")
    assert made.returncode == 0, made.stderr
    assert '"require_sso": true' in made.stdout and SECRET not in made.stdout
    assert sso_api.as_("acme").get("/api/v1/admin/sso").json()["client_id"] == "vital-acme"
    assert run("remove", "--tenant", "acme").returncode == 0
    assert sso_api.as_("acme").request("DELETE", "/api/v1/admin/sso").status_code == 204
    assert sso_api.as_("acme").get("/api/v1/admin/sso").json() == {"configured": False}


def test_require_sso_refuses_a_members_password_but_not_an_owners(sso_api, idp):
    with pg.connect(sso_api.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        member = add_user(conn, tenant, "member.pw@acme.example", "member")
        conn.execute("SELECT vital.set_password(%s, %s)", (member, hash_password(PASSWORD)))
        conn.commit()
    acme = Auth(sso_api)
    assert acme.sign_in("member.pw@acme.example").status_code == 200
    _register(sso_api, idp, require_sso=True)
    refused = acme.sign_in("member.pw@acme.example")
    assert refused.status_code == 422 and refused.json()["error_code"] == "sso_required"
    assert acme.sign_in("ada@acme.example").status_code == 200  # the owner
    # A wrong password still says only "invalid credentials".
    assert acme.sign_in("member.pw@acme.example", "wrong password!").json()["error_code"] == "invalid_credentials"


def test_a_generated_sso_key_is_private_to_the_data_dir(tmp_path):
    settings = Settings(environment="test", jwt_secret=TEST_JWT_SECRET, data_dir=tmp_path)
    sealed = sealing.seal(settings, "s3cret")
    assert stat.S_IMODE(os.stat(settings.sso_key_file).st_mode) == 0o600
    assert sealing.unseal(settings, sealed) == "s3cret"
    other = Settings(environment="test", jwt_secret=TEST_JWT_SECRET, data_dir=tmp_path / "other")
    with pytest.raises(Exception, match="does not open"):
        sealing.unseal(other, sealed)


def test_a_tenants_provider_cannot_sign_in_another_tenants_user(sso_api, idp):
    """Paul belongs to pharmaco; acme's admin controls acme's provider and lists pharmaco's domain.
    Signing Paul in at acme would hand acme's admin Paul's one account (and its password)."""
    _register(sso_api, idp, domains=["pharmaco.example"])
    refused = _fragment(_sign_on(sso_api, idp, "paul-at-acme-idp",
                                 {"email": "paul@pharmaco.example", "email_verified": True},
                                 domain="pharmaco.example"))
    assert refused["error_code"] == "email_exists" and "access_token" not in refused
    assert _member(sso_api.database, "paul@pharmaco.example") is None
    with pg.connect(sso_api.database) as conn:
        assert conn.execute("SELECT count(*) FROM vital.sso_identities").fetchone()[0] == 0
