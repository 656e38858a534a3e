"""The official `supabase` client (supabase==2.34.1) signing in with a magic link against VITAL
served by uvicorn on loopback (as tests/auth/test_supabase_client.py), the message read from a
real SMTP server in-process: `sign_in_with_otp`, then `verify_otp` with the code, and with the
link's token_hash; a spent code is refused in GoTrue's shape."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from supabase import ClientOptions, create_client
from supabase_auth.errors import AuthApiError

from tests import pg
from tests.auth.conftest import set_passwords
from tests.auth.mailbox import smtp_server
from tests.harness import api_settings, served_over_loopback
from vital.auth.tokens import mint_key

ADA = "ada@acme.example"


@pytest.fixture(scope="module")
def served():
    database = pg.clone()
    set_passwords(database)
    with smtp_server() as (inbox, smtp):
        settings = api_settings(database, **smtp)
        try:
            with served_over_loopback(settings) as port:
                yield port, settings, inbox
        finally:
            pg.drop(database)


def _client(served):
    port, settings, _ = served
    options = ClientOptions(headers={"Host": "acme.localhost"}, auto_refresh_token=False, persist_session=False)
    return create_client(f"http://127.0.0.1:{port}", mint_key(settings, "anon"), options=options)


def test_supabase_client_signs_in_with_a_magic_link_code(served):
    inbox = served[2]
    acme = _client(served)
    acme.auth.sign_in_with_otp({"email": ADA, "options": {"should_create_user": False}})
    code = inbox.code(ADA)
    signed = acme.auth.verify_otp({"email": ADA, "token": code, "type": "email"})
    assert signed.user.email == ADA and signed.user.app_metadata["tenant_role"] == "owner"
    assert acme.table("agents").select("slug").limit(1).execute().data
    with pytest.raises(AuthApiError) as spent:
        _client(served).auth.verify_otp({"email": ADA, "token": code, "type": "email"})
    assert spent.value.code == "otp_expired" and spent.value.status == 403


def test_supabase_client_signs_in_with_the_links_token_hash(served):
    inbox = served[2]
    acme = _client(served)
    acme.auth.sign_in_with_otp({"email": ADA})
    token = parse_qs(urlsplit(inbox.link(ADA)).query)["token"][0]
    signed = acme.auth.verify_otp({"token_hash": token, "type": "magiclink"})
    assert signed.session.access_token and signed.user.email == ADA
