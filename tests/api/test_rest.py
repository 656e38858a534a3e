"""The PostgREST dialect over HTTP: filters, ordering, pagination, embedding, writes,
soft delete, and bad input that is refused with a 4xx and changes nothing."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests import pg
from tests.harness import api_settings, running, tenants_of
from vital.api.app import create_app

OBJECT = {"Accept": "application/vnd.pgrst.object+json"}
REPR = {"Prefer": "return=representation"}
INVITES = "/rest/v1/tenant_invitations"


@pytest.fixture(scope="module")
def lab():
    """A database of its own with ten acme invitations and three API keys to query."""
    name = pg.clone()
    with running(name) as api:
        rows = [{"email": f"i{i}@lab.example", "role": ("admin", "member", "viewer")[i % 3],
                 "status": "pending" if i < 6 else "expired", "token_hash": f"h{i}",
                 "expires_at": f"2027-01-{i + 10:02d}T00:00:00Z", "accepted_at": None if i % 2 else "2026-12-01"}
                for i in range(10)]
        assert api.as_("acme").post(INVITES, json=rows).status_code == 201
        keys = [{"name": n, "key_prefix": f"lab{n}0000", "key_hash": "a" * 64, "scopes": s}
                for n, s in (("k1", ["read"]), ("k2", ["read", "write"]), ("k3", []))]
        assert api.as_("acme").post("/rest/v1/api_keys", json=keys).status_code == 201
        yield api
    pg.drop(name)


def _emails(response) -> list[str]:
    assert response.status_code in (200, 206), response.text
    return [r["email"] for r in response.json()]


@pytest.mark.parametrize("query, expected", [
    ("email=eq.i3@lab.example", [3]),
    ("email=neq.i3@lab.example", [0, 1, 2, 4, 5, 6, 7, 8, 9]),
    ("expires_at=gt.2027-01-17", [8, 9]),
    ("expires_at=gte.2027-01-17", [7, 8, 9]),
    ("expires_at=lt.2027-01-11T12:00:00Z", [0, 1]),
    ("expires_at=lte.2027-01-11", [0, 1]),
    ("email=like.i1*", [1]),
    ("email=ilike.I2*", [2]),
    ("email=in.(i4@lab.example,i5@lab.example,nobody)", [4, 5]),
    ("accepted_at=is.null", [1, 3, 5, 7, 9]),
    ("accepted_at=not.is.null", [0, 2, 4, 6, 8]),
    ("role=not.eq.member", [0, 2, 3, 5, 6, 8, 9]),
    ("or=(role.eq.admin,status.eq.expired)", [0, 3, 6, 7, 8, 9]),
    ("or=(email.eq.i0@lab.example,and(role.eq.viewer,status.eq.pending))", [0, 2, 5]),
    ("not.or=(role.eq.admin,role.eq.member)", [2, 5, 8]),
    ("role=eq.admin&status=eq.pending", [0, 3]),
    ("email=like(any).{i1*,i2*}", [1, 2]),
    ("email=match.^i[0-2]@", [0, 1, 2]),
    ("email=imatch.^I[0-2]@", [0, 1, 2]),
    ("role=fts(simple).viewer", [2, 5, 8]),
    ("role=plfts.admin", [0, 3, 6, 9]),
    ("role=wfts.admin or viewer", [0, 2, 3, 5, 6, 8, 9]),
    ("role=isdistinct.member", [0, 2, 3, 5, 6, 8, 9]),
    ("email=like(all).{i*,*9@lab.example}", [9]),
])
def test_filters(lab, query, expected):
    response = lab.as_("acme").get(f"{INVITES}?select=email&email=like.*lab.example&order=email&{query}")
    assert _emails(response) == [f"i{i}@lab.example" for i in expected]


@pytest.mark.parametrize("query, expected", [("scopes=cs.{write}", ["k2"]), ("scopes=cd.{read}", ["k1", "k3"]),
                                             ("scopes=ov.{read,admin}", ["k1", "k2"]), ("scopes=eq.{}", ["k3"])])
def test_array_filters(lab, query, expected):
    response = lab.as_("acme").get(f"/rest/v1/api_keys?select=name&key_prefix=like.lab*&order=name&{query}")
    assert [r["name"] for r in response.json()] == expected


def test_order_with_nulls_and_several_keys(lab):
    acme = lab.as_("acme")
    base = f"{INVITES}?select=email&email=like.*lab.example&limit=3"
    assert _emails(acme.get(f"{base}&order=accepted_at.desc.nullsfirst,email.desc"))[:3] == \
        ["i9@lab.example", "i7@lab.example", "i5@lab.example"]
    assert _emails(acme.get(f"{base}&order=role.asc,email.desc")) == \
        ["i9@lab.example", "i6@lab.example", "i3@lab.example"]


def test_limit_offset_range_and_content_range(lab):
    acme = lab.as_("acme")
    base = f"{INVITES}?select=email&email=like.*lab.example&order=email"
    page = acme.get(f"{base}&limit=3&offset=2", headers={"Prefer": "count=exact"})
    assert page.status_code == 206 and page.headers["content-range"] == "2-4/10"
    assert _emails(page) == ["i2@lab.example", "i3@lab.example", "i4@lab.example"]
    ranged = acme.get(base, headers={"Range": "8-19", "Range-Unit": "items"})
    assert ranged.status_code == 200 and ranged.headers["content-range"] == "8-9/*"
    everything = acme.get(base, headers={"Prefer": "count=exact"})
    assert everything.status_code == 200 and everything.headers["content-range"] == "0-9/10"
    past = acme.get(f"{base}&offset=20", headers={"Prefer": "count=exact"})
    assert past.status_code == 416 and past.json()["code"] == "PGRST103"
    assert acme.get(base, headers={"Range": "5-2"}).status_code == 416
    head = acme.request("HEAD", f"{base}&limit=1", headers={"Prefer": "count=exact"})
    assert head.status_code == 206 and head.content == b"" and head.headers["content-range"] == "0-0/10"


def test_max_rows_caps_every_read(lab):
    with running(lab.database, api_max_rows=4) as capped:
        response = capped.as_("acme").get(f"{INVITES}?select=email&email=like.*lab.example&limit=100")
        assert len(response.json()) == 4


def test_embedding_both_ways_and_inner(lab):
    acme = lab.as_("acme")
    one = acme.get(f"{INVITES}?select=email,tenants(subdomain)&email=eq.i0@lab.example", headers=OBJECT).json()
    assert one == {"email": "i0@lab.example", "tenants": {"subdomain": "acme"}}
    many = acme.get("/rest/v1/tenants?select=subdomain,profiles(email)&order=subdomain").json()
    assert many == [{"subdomain": "acme", "profiles": [{"email": "ada@acme.example"}]},
                    {"subdomain": "platform", "profiles": []}]
    inner = acme.get("/rest/v1/tenants?select=subdomain,profiles!inner(email)").json()
    assert [t["subdomain"] for t in inner] == ["acme"]
    # (tenant_id, user_id) is unique in tenant_members: one member per profile, so an object (or null).
    members = acme.get("/rest/v1/profiles?select=email,m:tenant_members!user_id(role)&m.role=eq.viewer").json()
    assert members == [{"email": "ada@acme.example", "m": None}]
    hinted = acme.get("/rest/v1/tenant_members?select=role,profiles!user_id(display_name)").json()
    assert hinted == [{"role": "owner", "profiles": {"display_name": "Ada Lindqvist"}}]


def test_embedding_errors(lab):
    acme = lab.as_("acme")
    ambiguous = acme.get("/rest/v1/tenant_members?select=role,profiles(*)")
    assert ambiguous.status_code == 300 and ambiguous.json()["code"] == "PGRST201"
    assert "profiles!" in ambiguous.json()["details"]
    unrelated = acme.get("/rest/v1/tenant_usage?select=metric,api_keys(*)")
    assert unrelated.status_code == 400 and unrelated.json()["code"] == "PGRST200"


def test_single_object_or_406(lab):
    acme = lab.as_("acme")
    assert acme.get(f"{INVITES}?select=email&email=eq.i1@lab.example", headers=OBJECT).json() == \
        {"email": "i1@lab.example"}
    for query in ("email=eq.nobody", "email=like.*lab.example"):
        response = acme.get(f"{INVITES}?select=email&{query}", headers=OBJECT)
        assert response.status_code == 406 and response.json()["code"] == "PGRST116"


def test_post_bulk_patch_and_hard_delete(fresh_api):
    acme = fresh_api.as_("acme")
    rows = [{"email": f"b{i}@bulk.example", "token_hash": f"t{i}"} for i in range(3)]
    created = acme.post(f"{INVITES}?select=email,role,tenants(subdomain)", json=rows, headers=REPR)
    assert created.status_code == 201
    assert created.json()[0] == {"email": "b0@bulk.example", "role": "member", "tenants": {"subdomain": "acme"}}
    patched = acme.patch(f"{INVITES}?email=like.b*@bulk.example&email=neq.b0@bulk.example", json={"role": "viewer"},
                         headers={"Prefer": "return=representation,count=exact"})
    assert patched.status_code == 200 and patched.headers["content-range"] == "*/2"
    assert {r["role"] for r in patched.json()} == {"viewer"}
    minimal = acme.patch(f"{INVITES}?email=eq.b0@bulk.example", json={"role": "admin"})
    assert minimal.status_code == 204 and minimal.content == b""
    deleted = acme.delete(f"{INVITES}?email=like.b*@bulk.example", headers={"Prefer": "count=exact"})
    assert deleted.status_code == 204 and deleted.headers["content-range"] == "*/3"
    assert acme.get(f"{INVITES}?email=like.b*@bulk.example").json() == []


def test_upsert_merges_or_ignores_duplicates(fresh_api):
    acme = fresh_api.as_("acme")
    url = f"{INVITES}?on_conflict=tenant_id,token_hash&select=role"
    row = {"email": "u@upsert.example", "token_hash": "upsert-1", "role": "member"}
    assert acme.post(url, json=row, headers=REPR).json() == [{"role": "member"}]
    merged = acme.post(url, json={**row, "role": "admin"},
                       headers={"Prefer": "return=representation,resolution=merge-duplicates"})
    assert merged.status_code == 201 and merged.json() == [{"role": "admin"}]
    ignored = acme.post(url, json={**row, "role": "viewer"}, headers={"Prefer": "return=representation,"
                                                                                "resolution=ignore-duplicates"})
    assert ignored.status_code == 201 and ignored.json() == []
    assert acme.get(f"{INVITES}?select=role&token_hash=eq.upsert-1").json() == [{"role": "admin"}]


def test_a_write_that_is_not_a_single_object_is_rolled_back(fresh_api):
    acme = fresh_api.as_("acme")
    acme.post(INVITES, json=[{"email": f"s{i}@x.example", "token_hash": f"s{i}"} for i in range(2)])
    response = acme.patch(f"{INVITES}?email=like.s*@x.example", json={"role": "admin"}, headers={**OBJECT, **REPR})
    assert response.status_code == 406
    assert {r["role"] for r in acme.get(f"{INVITES}?select=role&email=like.s*@x.example").json()} == {"member"}


def test_soft_delete_hides_rows_and_a_patch_restores_them(fresh_api):
    acme = fresh_api.as_("acme")
    ada = "/rest/v1/profiles?email=eq.ada@acme.example"
    gone = acme.delete(ada, headers=REPR)
    assert gone.status_code == 200 and gone.json()[0]["deleted_at"] is not None
    assert acme.get(ada).json() == []
    assert acme.get("/rest/v1/tenants?select=profiles(email)&subdomain=eq.acme").json() == [{"profiles": []}]
    trash = acme.get(f"{ada}&deleted_at=not.is.null&select=email").json()
    assert trash == [{"email": "ada@acme.example"}]
    assert acme.delete(ada, headers={"Prefer": "count=exact"}).headers["content-range"] == "*/0"  # already deleted
    with pg.connect(fresh_api.database) as owner:  # a soft delete keeps the row
        assert owner.execute("SELECT count(*) FROM profiles WHERE email = 'ada@acme.example'").fetchone()[0] == 1
    restored = acme.patch(f"{ada}&deleted_at=not.is.null", json={"deleted_at": None}, headers=REPR)
    assert restored.status_code == 200 and restored.json()[0]["deleted_at"] is None
    audit = acme.get("/rest/v1/audit_log?select=action&table_name=eq.profiles&order=created_at").json()
    assert [a["action"] for a in audit][-2:] == ["SOFT_DELETE", "RESTORE"]


# -- bad input: a clear 4xx, and nothing changed -----------------------------
BAD = [
    ("GET", f"{INVITES}?select=nope", None, 400, "42703"),
    ("GET", f"{INVITES}?nope=eq.1", None, 400, "42703"),
    ("GET", f"{INVITES}?order=nope.desc", None, 400, "42703"),
    ("GET", f"{INVITES}?email=equals.x", None, 400, "PGRST100"),
    ("GET", f"{INVITES}?or=(email.eq.x", None, 400, "PGRST100"),
    ("GET", f"{INVITES}?limit=ten", None, 400, "PGRST100"),
    ("GET", f"{INVITES}?id=eq.not-a-uuid", None, 400, "22P02"),
    ("GET", f"{INVITES}?expires_at=gt.yesterday-ish", None, 400, "22007"),
    ("GET", f"{INVITES}?email=cs.{{x}}", None, 400, "42883"),
    ("GET", "/rest/v1/no_such_table", None, 404, "PGRST205"),
    ("GET", f"{INVITES}?select=x::regclass", None, 400, "PGRST100"),
    ("GET", f"{INVITES}?select=email&tenants.subdomain=eq.acme", None, 400, "PGRST100"),
    ("POST", INVITES, {"email": "a@b.example", "token_hash": "x", "nope": 1}, 400, "PGRST204"),
    ("POST", INVITES, {"email": "a@b.example", "token_hash": "x", "role": "boss"}, 400, "23514"),
    ("POST", INVITES, {"email": "a@b.example"}, 400, "23502"),
    ("POST", INVITES, {"email": "a@b.example", "token_hash": "x", "expires_at": 12}, 400, "22007"),
    ("POST", INVITES, [], 400, "PGRST102"),
    ("POST", INVITES, [1, 2], 400, "PGRST102"),
    ("POST", INVITES, {"email": "a@b.example", "token_hash": "x", "tenant_id": "0" * 8 + "-0000-0000-0000-" + "0" * 12},
     403, "42501"),
    ("PATCH", f"{INVITES}?email=eq.grace@acme.example", [{"role": "admin"}], 400, "PGRST102"),
    ("PATCH", f"{INVITES}?email=eq.grace@acme.example", {}, 400, "PGRST102"),
    ("PATCH", f"{INVITES}?email=eq.grace@acme.example", {"role": "boss"}, 400, "23514"),
    ("PATCH", INVITES, {"role": "admin"}, 400, "PGRST100"),
    ("DELETE", INVITES, None, 400, "PGRST100"),
    ("PATCH", f"{INVITES}?email=eq.grace@acme.example&tenants.limit=1", {"role": "admin"}, 400, "PGRST100"),
    ("PUT", INVITES, {"email": "a@b.example"}, 405, None),
    ("DELETE", "/rest/v1/audit_log?action=eq.INSERT", None, 405, "PGRST405"),
    ("PATCH", "/rest/v1/tenant_usage?metric=eq.documents", {"value": 0}, 405, "PGRST405"),
    ("POST", "/rest/v1/tenant_usage", {"metric": "tokens", "period_start": "2026-11-24", "value": 0}, 405, "PGRST405"),
    ("DELETE", "/rest/v1/tenant_usage?metric=eq.tokens", None, 405, "PGRST405"),
]


@pytest.mark.parametrize("method, path, body, status, code", BAD, ids=[f"{m} {p.split('/')[-1]} {c}"
                                                                       for m, p, _, _, c in BAD])
def test_bad_input_is_a_clear_4xx_and_changes_nothing(api, method, path, body, status, code):
    before = _fingerprint(api.database)
    response = api.as_("acme").request(method, path, json=body)
    assert response.status_code == status, response.text
    error = response.json()
    assert set(error) == {"code", "message", "details", "hint"} and error["message"]
    if code:
        assert error["code"] == code
    assert "Traceback" not in response.text
    assert _fingerprint(api.database) == before


def test_only_json_and_schema_public_are_served(api):
    acme = api.as_("acme")
    assert acme.get("/rest/v1/profiles", headers={"Accept-Profile": "auth"}).status_code == 406
    assert acme.get("/rest/v1/profiles", headers={"Accept": "application/xml"}).status_code == 406
    assert acme.get("/rest/v1/profiles", headers={"Accept": "application/json, */*"}).status_code == 200


def test_bodies_that_are_too_large_or_not_json_are_refused(api):
    acme = api.as_("acme")
    before = _fingerprint(api.database)
    big = '{"email": "' + "x" * (api.settings.max_body_bytes + 1) + '"}'
    cases = ((big, {}, 413), ("{not json", {}, 400), ('{"a":1}', {"Content-Type": "text/csv"}, 415),
             ("[" * 100_000, {}, 400))
    for content, headers, status in cases:
        response = acme.post(INVITES, content=content, headers={"Content-Type": "application/json", **headers})
        assert response.status_code == status, response.text[:200]
    assert _fingerprint(api.database) == before


def test_an_exhausted_pool_answers_503_quickly(fresh_db):
    with running(fresh_db, api_pool_min_size=1, api_pool_max_size=1, api_pool_timeout=0.3) as small:
        acme, api, portal = small.as_("acme"), small.client.app.state.api, small.client.portal
        # Reads take the async read pool (on the app's event loop), writes the sync pool: each exhausted in turn.
        held = portal.call(api.read_pool.getconn)
        try:
            started_at = time.monotonic()
            response = acme.get("/rest/v1/profiles")
            assert response.status_code == 503 and time.monotonic() - started_at < 2
            assert response.json()["message"].startswith("No database connection")
        finally:
            portal.call(api.read_pool.putconn, held)
        assert acme.get("/rest/v1/profiles").status_code == 200
        held = api.pool.getconn()
        try:
            response = acme.patch("/rest/v1/tags?slug=eq.no-such-tag", json={"name": "x"})
            assert response.status_code == 503 and response.json()["message"].startswith("No database connection")
        finally:
            api.pool.putconn(held)
        assert acme.patch("/rest/v1/tags?slug=eq.no-such-tag", json={"name": "x"}).status_code == 204


def _fingerprint(database: str) -> str:
    """Every acme row of the tables these tests write to."""
    with pg.connect(database) as conn:
        return conn.execute(
            "SELECT md5(concat((SELECT string_agg(t::text, ',' ORDER BY t::text) FROM tenant_invitations t), "
            "(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM tenant_usage t), "
            "(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM audit_log t)))").fetchone()[0]


def test_an_unexpected_failure_is_a_bare_500_without_a_stack_trace(api_db, monkeypatch):
    settings = api_settings(api_db)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        def broken(*args, **kwargs):
            raise RuntimeError("secret internals")
        monkeypatch.setattr(client.app.state.api.builder, "read", broken)
        token = tenants_of(api_db, settings)["acme"].token
        response = client.get("http://acme.localhost/rest/v1/profiles", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 500
    assert response.json() == {"code": "PGRST500", "message": "Internal server error.", "details": None,
                               "hint": "The server log has the details."}
