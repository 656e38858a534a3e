"""E-mail flows end to end, with a real SMTP server in-process: invitations, magic links and
codes, recovery, sign-up per tenant, redirects, and the refusals in GoTrue's shapes."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from psycopg.types.json import Jsonb

from tests import pg
from tests.auth.conftest import FAST_LIMITS, PASSWORD, Auth, set_passwords
from tests.auth.mailbox import smtp_server
from tests.harness import running
from tests.helpers import USERS
from tests.roles.people import add_user
from vital.auth.tokens import mint_token

ADA = USERS["acme"]


@pytest.fixture
def mail(fresh_db):
    set_passwords(fresh_db)
    with smtp_server() as (inbox, smtp), running(fresh_db, **FAST_LIMITS, **smtp) as api:
        yield api, inbox


def _tenant_settings(api, subdomain: str, settings: dict) -> None:
    with pg.connect(api.database) as conn:
        conn.execute("UPDATE tenants SET settings = settings || %s WHERE subdomain = %s", (Jsonb(settings), subdomain))
        conn.commit()


def _fragment(response) -> dict:
    assert response.status_code == 303, response.text
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).fragment).items()}


def _member(api, subdomain: str, email: str):
    with pg.connect(api.database) as conn:
        return conn.execute(
            "SELECT m.role, m.status FROM tenant_members m JOIN auth.users u ON u.id = m.user_id "
            "JOIN tenants t ON t.id = m.tenant_id WHERE t.subdomain = %s AND u.email = %s",
            (subdomain, email)).fetchone()


def _recorded(api, recipient: str) -> list[tuple]:
    with pg.connect(api.database) as conn:
        return conn.execute("SELECT kind, subject, status FROM vital.sent_mail WHERE recipient = %s ORDER BY id",
                            (recipient,)).fetchall()


def test_invite_accept_set_password_sign_in(mail):
    api, inbox = mail
    admin = api.as_("acme")
    created = admin.post("/api/v1/admin/invitations", json={"email": "Nina@Acme.example", "role": "viewer"})
    assert created.status_code == 201, created.text
    assert created.json()["mail"] == "sent" and "token_hash" not in created.json()
    assert admin.get("/api/v1/admin/invitations").json()[0]["email"] == "nina@acme.example"

    session = _fragment(api.client.get(inbox.link("nina@acme.example"), follow_redirects=False))
    assert session["type"] == "invite"
    auth = Auth(api)
    assert auth.call("PUT", "/user", token=session["access_token"],
                     json={"password": "a new long password"}).status_code == 200
    signed = auth.sign_in("nina@acme.example", "a new long password")
    assert signed.status_code == 200, signed.text
    assert signed.json()["user"]["app_metadata"]["tenant_role"] == "viewer"
    assert _member(api, "acme", "nina@acme.example") == ("viewer", "active")
    # the link works once, and the record holds no link
    again = _fragment(api.client.get(inbox.link("nina@acme.example"), follow_redirects=False))
    assert again["error_code"] == "otp_expired"
    assert _recorded(api, "nina@acme.example") == [("invite", "You are invited to join acme", "sent")]
    with pg.connect(api.database) as conn:
        assert conn.execute("SELECT status FROM tenant_invitations WHERE email = 'nina@acme.example'"
                            ).fetchone()[0] == "accepted"


def test_revoked_and_expired_invitations_refused(mail):
    api, inbox = mail
    admin = api.as_("acme")
    first = admin.post("/api/v1/admin/invitations", json={"email": "old@acme.example", "role": "member"}).json()
    with pg.connect(api.database) as conn:
        conn.execute("UPDATE tenant_invitations SET expires_at = now() - interval '1 minute' WHERE id = %s",
                     (first["id"],))
        conn.commit()
    assert _fragment(api.client.get(inbox.link("old@acme.example"), follow_redirects=False))["error_code"] \
        == "otp_expired"
    assert _member(api, "acme", "old@acme.example") is None

    second = admin.post("/api/v1/admin/invitations", json={"email": "gone@acme.example"}).json()
    assert admin.delete(f"/api/v1/admin/invitations/{second['id']}").json()["status"] == "revoked"
    token, kind = inbox.token("gone@acme.example")
    refused = Auth(api).call("POST", "/verify", json={"type": "invite", "token_hash": token})
    assert refused.status_code == 403 and refused.json()["error_code"] == "otp_expired"


def test_invitation_refused_by_the_database_to_a_member(mail):
    api, _ = mail
    with pg.connect(api.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        uid = add_user(conn, tenant, "plain@acme.example", "member")
        conn.commit()
    token = mint_token(api.settings, tenant_id=tenant, user_id=uid)
    refused = api.as_("acme", token=token).post("/api/v1/admin/invitations", json={"email": "x@acme.example"})
    assert refused.status_code == 403, refused.text


def test_invitation_of_one_tenant_does_nothing_at_another(mail):
    api, inbox = mail
    api.as_("acme").post("/api/v1/admin/invitations", json={"email": "cross@acme.example"})
    token, _ = inbox.token("cross@acme.example")
    refused = Auth(api, "pharmaco").call("POST", "/verify", json={"type": "invite", "token_hash": token})
    assert refused.status_code == 403 and refused.json()["error_code"] == "otp_expired"
    unknown = Auth(api, "nosuchtenant").call("POST", "/verify", json={"type": "invite", "token_hash": token})
    assert unknown.status_code == 404


def test_magic_link_and_code_single_use(mail):
    api, inbox = mail
    auth = Auth(api)
    assert auth.call("POST", "/otp", json={"email": ADA, "create_user": False}).status_code == 200
    session = _fragment(api.client.get(inbox.link(ADA), follow_redirects=False))
    assert session["type"] == "magiclink" and session["access_token"]
    reused = _fragment(api.client.get(inbox.link(ADA), follow_redirects=False))
    assert reused["error_code"] == "otp_expired"

    assert auth.call("POST", "/otp", json={"email": ADA}).status_code == 200
    code = inbox.code(ADA)
    ok = auth.call("POST", "/verify", json={"type": "email", "email": ADA, "token": code})
    assert ok.status_code == 200 and ok.json()["user"]["email"] == ADA
    again = auth.call("POST", "/verify", json={"type": "email", "email": ADA, "token": code})
    assert again.status_code == 403 and again.json() == {
        "code": 403, "error_code": "otp_expired", "msg": "Token has expired or is invalid"}
    assert [r[0] for r in _recorded(api, ADA)] == ["magiclink", "magiclink"]


def test_otp_for_a_stranger_without_create_user(mail):
    api, inbox = mail
    refused = Auth(api).call("POST", "/otp", json={"email": "nobody@acme.example", "create_user": False})
    assert refused.status_code == 422 and refused.json()["error_code"] == "otp_disabled"
    assert inbox.messages == []


def test_recovery_sets_a_new_password(mail):
    api, inbox = mail
    auth = Auth(api)
    assert auth.call("POST", "/recover", json={"email": ADA}).status_code == 200
    assert auth.call("POST", "/recover", json={"email": "nobody@acme.example"}).status_code == 200
    token, kind = inbox.token(ADA)
    assert kind == "recovery"
    session = auth.call("POST", "/verify", json={"type": "recovery", "token_hash": token}).json()
    assert auth.call("PUT", "/user", token=session["access_token"],
                     json={"password": "recovered password"}).status_code == 200
    assert auth.sign_in(ADA, "recovered password").status_code == 200
    assert auth.sign_in(ADA, PASSWORD).status_code == 400


def test_disabled_member_cannot_use_a_link(mail):
    api, inbox = mail
    auth = Auth(api)
    auth.call("POST", "/otp", json={"email": ADA})
    token, _ = inbox.token(ADA)
    with pg.connect(api.database) as conn:
        tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        add_user(conn, tenant, "second.owner@acme.example", "owner")  # the last owner may not be disabled
        conn.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = "
                     "(SELECT id FROM auth.users WHERE email = %s)", (ADA,))
        conn.commit()
    refused = auth.call("POST", "/verify", json={"type": "magiclink", "token_hash": token})
    assert refused.status_code == 403 and refused.json()["error_code"] == "user_banned"


def test_sign_up_invite_only_then_open(mail):
    api, inbox = mail
    auth = Auth(api)
    closed = auth.call("POST", "/signup", json={"email": "new@acme.example", "password": "long enough pw"})
    assert closed.status_code == 422 and closed.json()["error_code"] == "signup_disabled"
    assert auth.call("GET", "/settings").json()["disable_signup"] is True
    _tenant_settings(api, "acme", {"auth": {"signup": "open", "signup_role": "viewer"}})
    assert auth.call("GET", "/settings").json()["disable_signup"] is False
    opened = auth.call("POST", "/signup", json={"email": "new@acme.example", "password": "long enough pw"})
    assert opened.status_code == 200, opened.text
    token, kind = inbox.token("new@acme.example")
    assert kind == "signup"
    verified = auth.call("POST", "/verify", json={"type": "signup", "token_hash": token})
    assert verified.status_code == 200, verified.text
    assert _member(api, "acme", "new@acme.example") == ("viewer", "active")
    assert auth.sign_in("new@acme.example", "long enough pw").status_code == 200
    exists = auth.call("POST", "/signup", json={"email": "new@acme.example"})
    assert exists.json()["error_code"] == "user_already_exists"
    # pharmaco stays invite-only
    assert Auth(api, "pharmaco").call("POST", "/signup", json={"email": "new@acme.example"}).status_code == 422


def test_redirects_checked_against_the_allow_list(mail):
    api, inbox = mail
    auth = Auth(api)
    evil = auth.call("POST", "/otp?redirect_to=https://evil.example/cb", json={"email": ADA})
    assert evil.status_code == 400 and evil.json()["error_code"] == "validation_failed"
    assert inbox.messages == []
    own = auth.call("POST", "/otp?redirect_to=http://acme.localhost/welcome", json={"email": ADA})
    assert own.status_code == 200
    assert urlsplit(api.client.get(inbox.link(ADA), follow_redirects=False).headers["location"]).path == "/welcome"
    _tenant_settings(api, "acme", {"auth": {"redirect_urls": ["https://app.acme.example/"]}})
    assert auth.call("POST", "/otp?redirect_to=https://app.acme.example/cb", json={"email": ADA}).status_code == 200
    token, _ = inbox.token(ADA)
    tampered = api.client.get(f"http://acme.localhost/auth/v1/verify?token={token}&type=magiclink"
                              "&redirect_to=https://evil.example/", follow_redirects=False)
    assert tampered.status_code == 400


def test_failed_verifies_are_limited(fresh_db):
    with smtp_server() as (_, smtp), running(fresh_db, **FAST_LIMITS, **smtp, auth_verify_max_failures=3) as api:
        auth = Auth(api, address="203.0.113.9")
        answers = [auth.call("POST", "/verify", json={"type": "email", "email": ADA, "token": "000000"})
                   for _ in range(4)]
        assert [a.status_code for a in answers] == [403, 403, 403, 429]
        assert int(answers[-1].headers["Retry-After"]) >= 1


def test_otp_for_a_stranger_at_an_invite_only_tenant(mail):
    api, inbox = mail
    refused = Auth(api).call("POST", "/otp", json={"email": "nobody@acme.example"})
    assert refused.status_code == 422 and refused.json()["error_code"] == "signup_disabled"
    assert Auth(api).call("POST", "/otp", json={}).json()["error_code"] == "validation_failed"
    assert Auth(api).call("POST", "/otp", json={"email": ADA}, headers={"apikey": ""}).status_code == 401
    assert inbox.messages == []


def test_mail_to_one_address_is_limited(fresh_db):
    with smtp_server() as (inbox, smtp), running(fresh_db, **FAST_LIMITS, **smtp, auth_mail_per_hour=2) as api:
        answers = [Auth(api).call("POST", "/otp", json={"email": ADA}) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert answers[-1].json()["error_code"] == "over_email_send_rate_limit"
        assert len(inbox.messages) == 2
