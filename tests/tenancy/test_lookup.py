"""Subdomain -> tenant under the two rules: SERVING (active only) and OPERATING (any status)."""

from __future__ import annotations

import psycopg
import pytest

from tests import pg
from vital.db.connection import with_user
from vital.errors import NotFound
from vital.tenancy import Rule, find_tenant, member_caller, tenant_holding


def _suspend(db, subdomain: str) -> None:
    db.execute("UPDATE public.tenants SET status = 'suspended' WHERE subdomain = %s", (subdomain,))


def test_both_rules_find_an_active_tenant(db):
    served = find_tenant(db, "acme", rule=Rule.SERVING)
    operated = find_tenant(db, "acme", rule=Rule.OPERATING)
    assert served.id == operated.id and served.subdomain == operated.subdomain == "acme"
    assert served.status == operated.status == "active"
    assert operated.name  # SERVING sees the id only (the API's login may not read tenants)


def test_a_suspended_tenant_is_refused_by_serving_exactly_like_an_unknown_one(db):
    _suspend(db, "pharmaco")
    with pytest.raises(NotFound) as suspended:
        find_tenant(db, "pharmaco", rule=Rule.SERVING)
    with pytest.raises(NotFound) as unknown:
        find_tenant(db, "nosuchtenant", rule=Rule.SERVING)
    assert suspended.value.code == unknown.value.code
    assert suspended.value.message.replace("pharmaco", "X") == unknown.value.message.replace("nosuchtenant", "X")
    assert suspended.value.hint == unknown.value.hint


def test_a_suspended_tenant_is_found_by_operating(db):
    _suspend(db, "pharmaco")
    tenant = find_tenant(db, "pharmaco", rule=Rule.OPERATING)
    assert tenant.subdomain == "pharmaco" and tenant.status == "suspended"


def test_a_deleted_tenant_is_refused_by_serving_and_found_by_operating(db):
    db.execute("UPDATE public.tenants SET deleted_at = now() WHERE subdomain = 'pharmaco'")
    with pytest.raises(NotFound):
        find_tenant(db, "pharmaco", rule=Rule.SERVING)
    assert find_tenant(db, "pharmaco", rule=Rule.OPERATING).subdomain == "pharmaco"


@pytest.mark.parametrize("rule", list(Rule))
def test_an_unknown_subdomain_is_a_clear_not_found(db, rule):
    with pytest.raises(NotFound, match="nosuchtenant") as error:
        find_tenant(db, "nosuchtenant", rule=rule)
    assert error.value.hint  # says what to do


def test_serving_works_on_the_api_login_which_cannot_read_tenants():
    url = with_user(pg.url(pg.shared_db()), "vital_api")
    with psycopg.connect(url, autocommit=True) as api:
        assert find_tenant(api, "acme", rule=Rule.SERVING).subdomain == "acme"
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            find_tenant(api, "acme", rule=Rule.OPERATING)


def test_members_and_holders(db):
    acme = find_tenant(db, "acme", rule=Rule.OPERATING)
    owner = member_caller(db, "acme", rule=Rule.OPERATING)
    assert owner.tenant_id == acme.id and owner.email == "ada@acme.example" and owner.user_id
    with pytest.raises(NotFound, match="has no member 'paul@pharmaco.example'"):
        member_caller(db, "acme", "paul@pharmaco.example", rule=Rule.OPERATING)
    assert tenant_holding(db, acme.id, "brand-new").subdomain == "acme"
    assert tenant_holding(db, "00000000-0000-0000-0000-0000000000aa", "acme").id == acme.id
    assert tenant_holding(db, "00000000-0000-0000-0000-0000000000aa", "brand-new") is None
