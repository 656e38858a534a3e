"""The sign-in gaps of issue 13 against VITAL behind uvicorn on loopback, with the official
`supabase` client (supabase==2.34.1, its default PKCE flow), a real SMTP server in-process and
a real OpenID provider process (oidc-provider-mock): PKCE for magic links and single sign-on,
GoTrue's `amr`, require-SSO for links and codes, the refresh-token reuse interval, and a
tenant erase that leaves no row of schema vital naming the tenant."""

from __future__ import annotations

import base64
import hashlib
import time
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
import jwt
import psycopg
import pytest
from cryptography.fernet import Fernet
from psycopg import sql
from supabase import ClientOptions, create_client
from supabase_auth.errors import AuthApiError

from tests import pg
from tests.auth.conftest import PASSWORD, set_passwords
from tests.auth.mailbox import smtp_server
from tests.harness import api_settings, served_over_loopback
from tests.roles.people import add_user
from vital.auth.passwords import hash_password
from vital.auth.tokens import mint_key
from vital.ops.tenant_erase import erase_tenant

ADA = "ada@acme.example"        # acme's owner
PAUL = "paul@pharmaco.example"  # pharmaco's owner
APP = "http://{}.localhost/app"
REUSE_SECONDS = 1


@pytest.fixture(scope="module")
def served(idp):
    database = pg.clone()
    set_passwords(database)
    with smtp_server() as (inbox, smtp):
        settings = api_settings(database, sso_encryption_key=Fernet.generate_key().decode(),
                                refresh_reuse_seconds=REUSE_SECONDS, **smtp)
        try:
            with served_over_loopback(settings) as port:
                yield Served(port, settings, inbox, database, idp)
        finally:
            pg.drop(database)


class Served:
    def __init__(self, port, settings, inbox, database, idp):
        self.port, self.settings, self.inbox, self.database, self.idp = port, settings, inbox, database, idp
        self.anon = mint_key(settings, "anon")

    def client(self, subdomain: str = "acme"):
        options = ClientOptions(headers={"Host": f"{subdomain}.localhost"}, auto_refresh_token=False,
                                persist_session=False)
        return create_client(f"http://127.0.0.1:{self.port}", self.anon, options=options)

    def http(self, method: str, url: str, subdomain: str = "acme", **kw) -> httpx.Response:
        """A request to a URL VITAL wrote (http://<tenant>.localhost/...) or a path, sent to the loopback server."""
        parts = urlsplit(url)
        target = f"http://127.0.0.1:{self.port}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        headers = {"Host": parts.netloc or f"{subdomain}.localhost", "apikey": self.anon, **kw.pop("headers", {})}
        return httpx.request(method, target, headers=headers, follow_redirects=False, **kw)

    def register_sso(self, subdomain: str, domain: str, **changes) -> None:
        owner = self.client(subdomain).auth.sign_in_with_password(
            {"email": ADA if subdomain == "acme" else PAUL, "password": PASSWORD})
        body = {"issuer": self.idp, "client_id": f"vital-{subdomain}", "client_secret": "s3cret-of-the-idp",
                "domains": [domain], "default_role": "member", "redirect_urls": [APP.format(subdomain)], **changes}
        r = self.http("PUT", "/api/v1/admin/sso", subdomain, json=body,
                      headers={"Authorization": f"Bearer {owner.session.access_token}"})
        assert r.status_code == 200, r.text

    def at_provider(self, url: str, sub: str, email: str) -> httpx.Response:
        """The browser at the provider (the user picked), then back at VITAL's callback."""
        assert httpx.put(f"{self.idp}/users/{sub}", json={"email": email, "email_verified": True}).status_code < 300
        chosen = httpx.post(url, data={"sub": sub}, follow_redirects=False)
        assert chosen.status_code in (302, 303), chosen.text
        back = urlsplit(chosen.headers["location"])
        assert back.path == "/auth/v1/sso/callback"
        host = urlsplit(dict(parse_qsl(urlsplit(url).query))["redirect_uri"]).netloc
        return self.http("GET", f"http://{host}{back.path}?{back.query}")


def _code(response: httpx.Response, subdomain: str = "acme") -> str:
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == APP.format(subdomain), location
    assert not location.fragment, "a PKCE flow puts no token in the URL"
    return parse_qs(location.query)["code"][0]


def _fragment(response: httpx.Response) -> dict:
    assert response.status_code == 303, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).fragment).items()}


def _amr(access_token: str) -> list[dict]:
    return jwt.decode(access_token, options={"verify_signature": False})["amr"]


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def test_magic_link_pkce_with_the_supabase_client(served):
    acme = served.client()
    acme.auth.sign_in_with_otp({"email": ADA, "options": {"email_redirect_to": APP.format("acme")}})
    code = _code(served.http("GET", served.inbox.link(ADA)))
    signed = acme.auth.exchange_code_for_session({"auth_code": code})
    assert signed.user.email == ADA and signed.session.access_token
    assert [a["method"] for a in _amr(signed.session.access_token)] == ["magiclink"]
    assert acme.table("agents").select("slug").limit(1).execute().data
    with pytest.raises(AuthApiError) as reused:  # a code is traded once
        served.client().auth.exchange_code_for_session({"auth_code": code, "code_verifier": "v" * 43})
    assert (reused.value.status, reused.value.code) == (404, "flow_state_not_found")


def test_a_wrong_verifier_keeps_the_code_and_an_expired_code_is_refused(served):
    # The plain method, over raw HTTP: the verifier is the challenge.
    verifier = "plain-verifier-" + "x" * 40
    r = served.http("POST", "/auth/v1/otp", json={"email": ADA, "code_challenge": verifier,
                                                   "code_challenge_method": "plain"})
    assert r.status_code == 200, r.text
    code = parse_qs(urlsplit(served.http("GET", served.inbox.link(ADA)).headers["location"]).query)["code"][0]
    wrong = served.http("POST", "/auth/v1/token?grant_type=pkce", json={"auth_code": code, "code_verifier": "y" * 43})
    assert wrong.status_code == 400 and wrong.json()["error_code"] == "bad_code_verifier"
    right = served.http("POST", "/auth/v1/token?grant_type=pkce", json={"auth_code": code, "code_verifier": verifier})
    assert right.status_code == 200 and right.json()["user"]["email"] == ADA
    missing = served.http("POST", "/auth/v1/token?grant_type=pkce", json={"auth_code": code})
    assert missing.status_code == 400 and missing.json()["error_code"] == "validation_failed"
    # S256 by hand, and a code past its five minutes.
    verifier = "s256-verifier-" + "z" * 40
    served.http("POST", "/auth/v1/otp", json={"email": ADA, "code_challenge": _challenge(verifier),
                                              "code_challenge_method": "S256", "redirect_to": APP.format("acme")})
    code = _code(served.http("GET", served.inbox.link(ADA)))
    with pg.connect(served.database) as conn:  # only the code's sha256 is kept
        assert conn.execute("SELECT count(*) FROM vital.pkce_flows f WHERE strpos(f::text, %s) > 0",
                            (code,)).fetchone()[0] == 0
        assert conn.execute("UPDATE vital.pkce_flows SET code_expires_at = now() - interval '1 second' "
                            "WHERE auth_code_hash = %s", (hashlib.sha256(code.encode()).hexdigest(),)).rowcount == 1
    expired = served.http("POST", "/auth/v1/token?grant_type=pkce", json={"auth_code": code, "code_verifier": verifier})
    assert expired.status_code == 422 and expired.json()["error_code"] == "flow_state_expired"
    bad = served.http("POST", "/auth/v1/otp", json={"email": ADA, "code_challenge": "short",
                                                    "code_challenge_method": "s256"})
    assert bad.status_code == 400 and bad.json()["error_code"] == "validation_failed"


def test_sso_pkce_with_the_supabase_client_and_refresh_keeps_the_amr(served):
    served.register_sso("acme", "acme-sso.example")
    acme = served.client()
    started = acme.auth.sign_in_with_sso({"domain": "acme-sso.example",
                                          "options": {"redirect_to": APP.format("acme")}})
    back = served.at_provider(started.url, "grace-sub", "grace@acme-sso.example")
    signed = acme.auth.exchange_code_for_session({"auth_code": _code(back)})
    assert signed.user.email == "grace@acme-sso.example"
    amr = _amr(signed.session.access_token)
    assert [a["method"] for a in amr] == ["sso/oidc"]
    refreshed = acme.auth.refresh_session(signed.session.refresh_token)
    assert _amr(refreshed.session.access_token) == amr  # the method and time of the sign-in, not of the refresh


def test_amr_of_a_password_and_of_a_code(served):
    acme = served.client()
    signed = acme.auth.sign_in_with_password({"email": ADA, "password": PASSWORD})
    assert [a["method"] for a in _amr(signed.session.access_token)] == ["password"]
    acme.auth.sign_in_with_otp({"email": ADA})
    coded = acme.auth.verify_otp({"email": ADA, "token": served.inbox.code(ADA), "type": "email"})
    assert [a["method"] for a in _amr(coded.session.access_token)] == ["otp"]


def test_require_sso_refuses_links_and_codes_to_members_not_owners(served):
    member = "mira@pharmaco.example"
    with pg.connect(served.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'pharmaco'").fetchone()[0]
        uid = add_user(conn, tenant, member, "member")
        conn.execute("SELECT vital.set_password(%s, %s)", (uid, hash_password(PASSWORD)))
    served.register_sso("pharmaco", "pharmaco-sso.example", require_sso=True)
    pharmaco = served.client("pharmaco")
    with pytest.raises(AuthApiError) as by_password:
        pharmaco.auth.sign_in_with_password({"email": member, "password": PASSWORD})
    password_error = (by_password.value.status, by_password.value.code)
    assert password_error == (422, "sso_required")
    pharmaco.auth.sign_in_with_otp({"email": member})
    with pytest.raises(AuthApiError) as by_code:
        pharmaco.auth.verify_otp({"email": member, "token": served.inbox.code(member), "type": "email"})
    assert (by_code.value.status, by_code.value.code) == password_error
    served.http("POST", "/auth/v1/otp", "pharmaco", json={"email": member})
    refused = _fragment(served.http("GET", served.inbox.link(member)))
    assert refused["error_code"] == "sso_required" and "access_token" not in refused
    served.http("POST", "/auth/v1/recover", "pharmaco", json={"email": member})
    recovery, kind = served.inbox.token(member)
    assert kind == "recovery"
    r = served.http("POST", "/auth/v1/verify", "pharmaco", json={"token_hash": recovery, "type": "recovery"})
    assert r.status_code == 422 and r.json()["error_code"] == "sso_required"
    # The owner still signs in with a code.
    pharmaco.auth.sign_in_with_otp({"email": PAUL})
    owner = pharmaco.auth.verify_otp({"email": PAUL, "token": served.inbox.code(PAUL), "type": "email"})
    assert owner.session.access_token


def _refresh(served, token: str) -> httpx.Response:
    return served.http("POST", "/auth/v1/token?grant_type=refresh_token", json={"refresh_token": token})


def test_a_refresh_token_reused_within_the_interval_keeps_the_session_and_after_it_ends_it(served):
    first = served.client().auth.sign_in_with_password({"email": ADA, "password": PASSWORD}).session
    tab_a, tab_b = _refresh(served, first.refresh_token), _refresh(served, first.refresh_token)
    assert tab_a.status_code == 200 and tab_b.status_code == 200, tab_b.text
    session_of = lambda r: jwt.decode(r.json()["access_token"], options={"verify_signature": False})["session_id"]  # noqa: E731
    assert session_of(tab_a) == session_of(tab_b) == jwt.decode(first.access_token, options={
        "verify_signature": False})["session_id"]
    assert _refresh(served, tab_a.json()["refresh_token"]).status_code == 200
    child_b = tab_b.json()["refresh_token"]
    time.sleep(REUSE_SECONDS + 0.2)
    late = _refresh(served, first.refresh_token)
    assert late.status_code == 400 and late.json()["error_code"] == "refresh_token_already_used"
    assert _refresh(served, child_b).json()["error_code"] == "refresh_token_not_found"  # the family is revoked


def test_erase_leaves_no_row_of_schema_vital_naming_the_tenant(served):
    """Runs last: pharmaco is erased, after it has sessions, links, mail, SSO and PKCE rows."""
    served.register_sso("pharmaco", "pharmaco-sso.example")
    pharmaco = served.client("pharmaco")
    started = pharmaco.auth.sign_in_with_sso({"domain": "pharmaco-sso.example",
                                              "options": {"redirect_to": APP.format("pharmaco")}})
    pharmaco.auth.exchange_code_for_session({"auth_code": _code(
        served.at_provider(started.url, "piet-sub", "piet@pharmaco-sso.example"), "pharmaco")})
    pharmaco.auth.sign_in_with_sso({"domain": "pharmaco-sso.example"})  # a flow left open
    pharmaco.auth.sign_in_with_otp({"email": PAUL})                     # a link and a PKCE flow left open
    with pg.connect(served.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'pharmaco'").fetchone()[0]
        tables = conn.execute("SELECT c.table_name FROM information_schema.columns c "
                              "WHERE c.table_schema = 'vital' AND c.column_name = 'tenant_id'").fetchall()

        def naming() -> dict[str, int]:
            counts = {t: conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s").format(
                sql.Identifier("vital", t)), (tenant,)).fetchone()[0] for (t,) in tables}
            counts["sso_identities"] = conn.execute(
                "SELECT count(*) FROM vital.sso_identities i JOIN vital.sso_providers p ON p.id = i.provider_id "
                "WHERE p.tenant_id = %s", (tenant,)).fetchone()[0]
            return {t: n for t, n in counts.items() if n}

        before = naming()
        assert {"auth_sessions", "one_time_tokens", "sent_mail", "sso_providers", "sso_flows", "sso_identities",
                "pkce_flows"} <= before.keys(), before
        conn.commit()
        erased = erase_tenant(conn, "pharmaco")
        assert erased.vital_rows["sso_providers"] == 1 and erased.sessions_deleted == before["auth_sessions"]
        assert naming() == {}


def test_the_new_definer_functions_are_the_api_logins_alone_and_the_helper_checks_them(db):
    granted = db.execute("SELECT p.proname, has_function_privilege('vital_api', p.oid, 'EXECUTE'), "
                         "has_function_privilege('authenticated', p.oid, 'EXECUTE') FROM pg_proc p "
                         "WHERE p.pronamespace = 'vital'::regnamespace AND p.proname IN "
                         "('pkce_begin', 'pkce_code', 'pkce_exchange', 'start_session', 'rotate_refresh_token')"
                         ).fetchall()
    assert len(granted) == 5 and all(api and not tenant for _, api, tenant in granted), granted
    db.execute("CREATE FUNCTION vital.not_a_definer() RETURNS int LANGUAGE sql SET search_path = '' AS 'SELECT 1'")
    with pytest.raises(psycopg.errors.RaiseException, match="must be SECURITY DEFINER"):
        db.execute("SELECT vital.grant_to_api(ARRAY['vital.not_a_definer()']::regprocedure[])")
