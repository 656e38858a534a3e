"""The console's e-mail sign-in flows, through its pages with a real HTTP client (the app
in-process; links read from the server log, where `test` puts mail without an SMTP host):
a magic link lands signed in with no token in any URL, a reset sets a new password, an
invitation's link lands through the fragment page and asks for a password; the access token
is refreshed as it expires."""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.auth.conftest import PASSWORD, set_passwords
from vital.console.session import fernet

ACME = "http://acme.localhost"


@pytest.fixture
def console(fresh_api):
    set_passwords(fresh_api.database)
    return fresh_api


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def link_in(caplog, to: str) -> str:
    mails = [r.getMessage() for r in caplog.records if r.name == "vital.auth.mail" and to in r.getMessage()]
    return re.search(r"https?://\S+", mails[-1]).group(0)


def test_magic_link_and_reset_through_the_console(console, caplog):
    caplog.set_level(logging.WARNING, logger="vital.auth.mail")
    c = console.client
    page = c.get(f"{ACME}/sign-in?next=/sessions/x")
    sent = c.post(f"{ACME}/sign-in/link", data={"csrf": csrf_of(page.text), "email": "ada@acme.example",
                                                "purpose": "magiclink", "next": "/ask"})
    assert sent.status_code == 200 and "Check your e-mail" in sent.text
    link = link_in(caplog, "ada@acme.example")
    landed = c.get(link, follow_redirects=False)
    assert landed.status_code == 303 and "access_token" not in landed.headers["location"]  # PKCE: a code only
    assert urlsplit(landed.headers["location"]).path == "/auth/callback"
    ask = c.get(landed.headers["location"].replace("http://acme.localhost", ACME))
    assert ask.url.path == "/ask" and "ada@acme.example" in ask.text
    spent = c.get(link, follow_redirects=True)
    assert spent.status_code == 400 and "has expired, was already used" in spent.text  # in words

    caplog.clear()
    again = c.get(f"{ACME}/sign-in")  # signed in: sent on
    form = csrf_of(c.get(f"{ACME}/ask").text)
    out = c.post(f"{ACME}/sign-out", data={"csrf": form, "scope": "local"})
    assert again.url.path == "/ask" and "signed out on this device" in out.text
    assert c.get(f"{ACME}/ask").url.path == "/sign-in"
    page = c.get(f"{ACME}/sign-in")
    c.post(f"{ACME}/sign-in/link", data={"csrf": csrf_of(page.text), "email": "ada@acme.example",
                                         "purpose": "recovery"})
    reset = c.get(link_in(caplog, "ada@acme.example"))
    assert reset.url.path == "/account/password"
    differ = c.post(f"{ACME}/account/password", data={"csrf": csrf_of(reset.text), "password": "a new one 1",
                                                      "confirm": "another"})
    assert differ.status_code == 400 and "differ" in differ.text
    done = c.post(f"{ACME}/account/password", data={"csrf": csrf_of(reset.text), "password": "tulip orbit canal 9",
                                                    "confirm": "tulip orbit canal 9"})
    assert done.status_code == 200 and "Password set" in done.text
    c.post(f"{ACME}/sign-out", data={"csrf": csrf_of(done.text), "scope": "global"})
    page = c.get(f"{ACME}/sign-in")
    old = c.post(f"{ACME}/sign-in", data={"csrf": csrf_of(page.text), "email": "ada@acme.example",
                                          "password": PASSWORD})
    assert old.status_code == 400 and "password is wrong" in old.text
    new = c.post(f"{ACME}/sign-in", data={"csrf": csrf_of(page.text), "email": "ada@acme.example",
                                          "password": "tulip orbit canal 9"})
    assert new.url.path == "/ask"


def test_invitation_lands_and_asks_for_a_password(console, caplog):
    caplog.set_level(logging.WARNING, logger="vital.auth.mail")
    c = console.client
    page = c.get(f"{ACME}/sign-in")
    sso = c.post(f"{ACME}/sign-in/sso", data={"csrf": csrf_of(page.text), "email": "ada@nowhere.example"})
    assert sso.status_code == 400 and "No single sign-on is set up for that e-mail domain" in sso.text
    invited = console.as_("acme").post("/api/v1/admin/invitations", json={
        "email": "nina@acme.example", "role": "viewer", "redirect_to": f"{ACME}/auth/landing"})
    assert invited.status_code == 201
    followed = c.get(link_in(caplog, "nina@acme.example"), follow_redirects=False)
    target = urlsplit(followed.headers["location"])
    assert target.path == "/auth/landing"
    fragment = dict(parse_qsl(target.fragment))
    landing = c.get(f"{ACME}/auth/landing")
    assert "data-fragment-form" in landing.text
    # What the landing page's script posts: the fragment's session, with the form's token.
    landed = c.post(f"{ACME}/auth/landing", data={"csrf": csrf_of(landing.text), **{
        k: fragment.get(k, "") for k in ("access_token", "refresh_token", "expires_at", "type")}})
    assert landed.url.path == "/account/password" and "nina@acme.example" in landed.text
    shell = c.get(f"{ACME}/ask").text
    assert "(viewer)" in shell and 'href="/admin"' not in shell  # a viewer's shell has no admin link


def test_an_expiring_access_token_is_refreshed_and_a_closed_session_is_not(console):
    c = console.client
    page = c.get(f"{ACME}/sign-in")
    c.post(f"{ACME}/sign-in", data={"csrf": csrf_of(page.text), "email": "ada@acme.example", "password": PASSWORD})
    key = fernet(console.settings)

    def expire() -> dict:
        # Age the sealed session as time would: its access token is now about to expire.
        values = json.loads(key.decrypt(c.cookies["vital_console"].encode()))
        c.cookies.set("vital_console", key.encrypt(json.dumps({**values, "expires_at": 0}).encode()).decode(),
                      domain="acme.localhost")
        return values

    before = expire()
    ask = c.get(f"{ACME}/ask")
    after = json.loads(key.decrypt(c.cookies["vital_console"].encode()))
    assert ask.url.path == "/ask" and after["refresh_token"] != before["refresh_token"]
    assert after["csrf"] == before["csrf"]  # the forms open in other tabs stay valid

    c.post(f"{ACME}/sign-out", data={"csrf": after["csrf"], "scope": "global"})
    c.cookies.set("vital_console", key.encrypt(json.dumps({**after, "expires_at": 0}).encode()).decode(),
                  domain="acme.localhost")  # a copy of the session from before the sign-out
    assert c.get(f"{ACME}/ask").url.path == "/sign-in"
