"""The one Caller type and the claims -> tenant rule, without a database."""

from __future__ import annotations

import uuid

import pytest

from vital.tenancy import Caller, tenant_of_claims

TENANT = uuid.UUID("11111111-1111-1111-1111-111111111111")
OTHER = uuid.UUID("22222222-2222-2222-2222-222222222222")


def test_the_tenant_is_read_from_the_top_level_claim():
    assert tenant_of_claims({"tenant_id": str(TENANT)}) == TENANT


def test_the_tenant_is_read_from_app_metadata_as_supabase_puts_it():
    assert tenant_of_claims({"app_metadata": {"provider": "email", "tenant_id": str(TENANT)}}) == TENANT


def test_the_top_level_claim_wins_like_auth_tenant_id():
    assert tenant_of_claims({"tenant_id": str(TENANT), "app_metadata": {"tenant_id": str(OTHER)}}) == TENANT


@pytest.mark.parametrize("claims", [{}, {"role": "anon"}, {"tenant_id": None}, {"app_metadata": "x"},
                                    {"app_metadata": {}}])
def test_claims_that_name_no_tenant(claims):
    assert tenant_of_claims(claims) is None


def test_a_tenant_that_is_not_a_uuid_is_refused():
    with pytest.raises(ValueError, match="not a uuid"):
        tenant_of_claims({"tenant_id": "acme"})


def test_a_member_gives_supabase_shaped_claims():
    user = uuid.uuid4()
    caller = Caller.member(str(TENANT), user, subdomain="acme", email="ada@acme.example")
    assert caller.tenant_id == TENANT and caller.user_id == str(user)
    assert caller.claims == {"role": "authenticated", "aud": "authenticated", "tenant_id": str(TENANT),
                             "sub": str(user), "email": "ada@acme.example"}
    assert tenant_of_claims(caller.claims) == TENANT
    assert caller.label == str(user)


def test_service_and_anonymous_callers():
    assert Caller.service().claims == {"role": "service_role", "aud": "authenticated"}
    assert Caller.anonymous(TENANT).claims["role"] == "anon"
    with pytest.raises(ValueError, match="unknown database role"):
        Caller(TENANT, role="postgres")


def test_an_api_key_acts_for_its_creator():
    key, creator = uuid.uuid4(), uuid.uuid4()
    reader = Caller.api_key(TENANT, "acme", key, ["read"])
    assert reader.label == f"api_key:{key}" and "sub" not in reader.claims
    assert reader.claims["api_key_id"] == str(key) and reader.claims["scopes"] == ["read"]
    made = Caller.api_key(TENANT, "acme", key, ["read", "write"], creator)
    assert made.claims["sub"] == str(creator) and made.label == f"api_key:{key}"


def test_a_verified_token_keeps_its_claims():
    claims = {"sub": "u1", "role": "authenticated", "aud": "authenticated", "exp": 1,
              "app_metadata": {"tenant_id": str(TENANT)}, "session_id": "s"}
    caller = Caller.from_claims(claims, subdomain="acme")
    assert caller.tenant_id == TENANT and caller.user_id == "u1" and caller.subdomain == "acme"
    assert caller.claims == claims and caller.claims is not claims
    assert caller == Caller(TENANT, "acme", "u1")  # the claims ride along, they do not make another caller
