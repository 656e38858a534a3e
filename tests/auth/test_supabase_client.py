"""The official `supabase` Python client (supabase==2.34.1) against VITAL served by uvicorn on
loopback: sign in with a password, read `.table('agents')` as that user, change the password,
sign out. `*.localhost` does not resolve through glibc, so the client connects to 127.0.0.1
and names the tenant in an explicit Host header (ClientOptions.headers, which supabase-py
passes to its auth and PostgREST clients alike)."""

from __future__ import annotations


import pytest
from supabase import ClientOptions, create_client
from supabase_auth.errors import AuthApiError

from tests import pg
from tests.harness import api_settings, served_over_loopback, tenants_of
from tests.auth.conftest import PASSWORD, set_passwords
from vital.auth.tokens import mint_key

PLATFORM = "00000000-0000-0000-0000-000000000000"


@pytest.fixture(scope="module")
def served():
    database = pg.clone()
    set_passwords(database)
    settings = api_settings(database)
    try:
        with served_over_loopback(settings) as port:
            yield port, settings, tenants_of(database, settings)
    finally:
        pg.drop(database)


def _client(served, subdomain: str):
    port, settings, _ = served
    options = ClientOptions(headers={"Host": f"{subdomain}.localhost"}, auto_refresh_token=False,
                            persist_session=False)
    return create_client(f"http://127.0.0.1:{port}", mint_key(settings, "anon"), options=options)


def test_supabase_client_signs_in_and_reads_its_tenants_rows(served):
    _, _, tenants = served
    acme = _client(served, "acme")
    signed = acme.auth.sign_in_with_password({"email": "ada@acme.example", "password": PASSWORD})
    assert signed.user.email == "ada@acme.example"
    assert signed.user.app_metadata["tenant_id"] == str(tenants["acme"].id)
    assert signed.user.app_metadata["tenant_role"] == "owner"
    rows = acme.table("agents").select("slug, tenant_id").limit(100).execute().data
    assert rows and {r["tenant_id"] for r in rows} <= {str(tenants["acme"].id), PLATFORM}
    assert acme.auth.get_user().user.id == str(tenants["acme"].user_id)
    refreshed = acme.auth.refresh_session()
    assert refreshed.session.refresh_token != signed.session.refresh_token
    acme.auth.sign_out()


def test_supabase_client_sees_gotrue_errors(served):
    acme = _client(served, "acme")
    with pytest.raises(AuthApiError) as wrong:
        acme.auth.sign_in_with_password({"email": "ada@acme.example", "password": "nope"})
    assert wrong.value.code == "invalid_credentials" and wrong.value.status == 400
    with pytest.raises(AuthApiError) as elsewhere:  # pharmaco's member on acme's host
        acme.auth.sign_in_with_password({"email": "paul@pharmaco.example", "password": PASSWORD})
    assert elsewhere.value.code == "invalid_credentials"
    anonymous = acme.table("agents").select("slug").limit(1)
    with pytest.raises(Exception):  # the anon key alone reads nothing
        anonymous.execute()


def test_supabase_client_changes_its_password(served):
    pharmaco = _client(served, "pharmaco")
    pharmaco.auth.sign_in_with_password({"email": "paul@pharmaco.example", "password": PASSWORD})
    pharmaco.auth.update_user({"password": "another long passphrase", "data": {"team": "safety"}})
    assert pharmaco.auth.get_user().user.user_metadata["team"] == "safety"
    pharmaco.auth.sign_out()
    again = _client(served, "pharmaco")
    assert again.auth.sign_in_with_password({"email": "paul@pharmaco.example",
                                             "password": "another long passphrase"}).user is not None
