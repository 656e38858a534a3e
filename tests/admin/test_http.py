"""/api/v1/admin per role: the database allows or refuses, the API answers clearly."""

from __future__ import annotations

import csv
import io
import time

import jwt
import pytest

from tests import pg
from tests.auth.conftest import Auth, set_passwords, PASSWORD
from tests.roles.people import ROLES, add_people
from tests.roles.rules import allowed
from vital.auth.passwords import hash_password
from vital.auth.tokens import mint_token

WRITERS = {"admin", "owner"}  # the admin class (20261124000020): owners and admins write


def _client(api, people, who):
    if who in people.keys:
        return api.as_(people.subdomain, people.secrets[who])
    return api.as_(people.subdomain, mint_token(api.settings, tenant_id=people.tenant, user_id=people.users[who]))


@pytest.fixture
def people(fresh_api):
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        cast = add_people(owner)
        owner.execute("UPDATE profiles p SET email = u.email FROM auth.users u "
                      "WHERE u.id = p.user_id AND p.email IS NULL")
        return cast


def test_each_admin_endpoint_per_role(fresh_api, people):
    wrong = []
    for n, who in enumerate(ROLES):
        c = _client(fresh_api, people, who)
        writes = allowed("admin", who, "update")

        def check(what, response, ok_status, expected):
            if (response.status_code == ok_status) != expected:
                wrong.append(f"{who} {what}: {response.status_code} {response.text[:120]}")

        check("list members", c.get("/api/v1/admin/members"), 200, True)
        check("list keys", c.get("/api/v1/admin/api-keys"), 200, True)
        check("read audit", c.get("/api/v1/admin/audit"), 200, True)
        check("read settings", c.get("/api/v1/admin/settings"), 200, True)
        change = c.patch(f"/api/v1/admin/members/{people.users['bystander']}",
                         json={"role": "viewer" if n % 2 else "member"})
        check("change a member", change, 200, writes)
        if not writes:
            check("refusal is 403", change, 403, True)
        created = c.post("/api/v1/admin/api-keys", json={"name": f"k{n}", "scopes": ["read"]})
        check("create a key", created, 201, writes)
        check("change settings", c.patch("/api/v1/admin/settings", json={"signup_open": bool(n % 2)}), 200,
              writes)
    assert not wrong, "; ".join(wrong)


def test_members_list_roles_status_and_emails(fresh_api, people):
    rows = _client(fresh_api, people, "admin").get("/api/v1/admin/members").json()
    by_email = {r["email"]: r for r in rows}
    assert by_email["viewer.roles@acme.example"]["role"] == "viewer"
    assert all(r["status"] == "active" for r in rows)


def test_a_key_secret_is_shown_once_then_works_until_revoked(fresh_api, people):
    admin = _client(fresh_api, people, "admin")
    created = admin.post("/api/v1/admin/api-keys", json={"name": "robot", "scopes": ["read", "write"]})
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    listed = admin.get("/api/v1/admin/api-keys").json()
    robot = next(k for k in listed if k["name"] == "robot")
    assert "key" not in robot and "key_hash" not in robot and key.startswith(robot["key_prefix"] + ".")
    as_key = fresh_api.as_("acme", key)
    assert as_key.get("/rest/v1/tags?select=id&limit=1").status_code == 200
    assert as_key.post("/rest/v1/tags", json={"name": "By robot", "slug": "by-robot"}).status_code == 201
    assert admin.delete(f"/api/v1/admin/api-keys/{robot['id']}").status_code == 200
    refused = as_key.get("/rest/v1/tags?select=id&limit=1")
    assert refused.status_code == 401 and "revoked" in refused.json()["message"]


def test_a_key_with_a_bad_scope_is_refused(fresh_api, people):
    admin = _client(fresh_api, people, "admin")
    assert admin.post("/api/v1/admin/api-keys", json={"name": "x", "scopes": ["root"]}).status_code == 400


def test_a_viewer_cannot_revoke_and_an_unknown_key_is_404(fresh_api, people):
    viewer = _client(fresh_api, people, "viewer")
    refused = viewer.delete(f"/api/v1/admin/api-keys/{people.keys['read_key']}")
    assert refused.status_code == 403 and refused.json()["message"]
    missing = _client(fresh_api, people, "admin").delete("/api/v1/admin/api-keys/00000000-0000-0000-0000-0000000000aa")
    assert missing.status_code == 404


def test_nobody_changes_their_own_role_and_only_owners_touch_owners(fresh_api, people):
    own = _client(fresh_api, people, "owner").patch(f"/api/v1/admin/members/{people.users['owner']}",
                                                    json={"role": "admin"})
    assert own.status_code == 403 and "own membership" in own.json()["details"]
    by_admin = _client(fresh_api, people, "admin").patch(f"/api/v1/admin/members/{people.users['owner']}",
                                                         json={"role": "member"})
    assert by_admin.status_code == 403 and "owner" in by_admin.json()["details"]


def test_the_last_owner_cannot_leave_409(fresh_api, people):
    owner = _client(fresh_api, people, "owner")
    leaving = owner.delete(f"/api/v1/admin/members/{people.users['owner']}")
    assert leaving.status_code == 409 and "last active owner" in leaving.json()["message"]
    # with a second owner, the first may go
    assert owner.patch(f"/api/v1/admin/members/{people.users['admin']}", json={"role": "owner"}).status_code == 200
    assert owner.delete(f"/api/v1/admin/members/{people.users['owner']}").status_code == 204


def test_audit_filters_and_csv(fresh_api, people):
    admin = _client(fresh_api, people, "admin")
    admin.patch(f"/api/v1/admin/members/{people.users['bystander']}", json={"role": "viewer"})
    rows = admin.get("/api/v1/admin/audit", params={"table": "tenant_members", "action": "update",
                                                    "actor": str(people.users["admin"])}).json()
    assert rows and all(r["table_name"] == "tenant_members" and r["action"] == "UPDATE" for r in rows)
    exported = admin.get("/api/v1/admin/audit", params={"table": "tenant_members"}, headers={"Accept": "text/csv"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(exported.text)))
    assert table and {r["table_name"] for r in table} == {"tenant_members"} and "new_data" in table[0]


def test_settings_change_only_the_admin_keys(fresh_api, people):
    admin = _client(fresh_api, people, "admin")
    changed = admin.patch("/api/v1/admin/settings",
                          json={"signup_open": True, "redirect_urls": ["https://app.acme.example/"]})
    assert changed.status_code == 200 and changed.json()["signup_open"] is True
    assert admin.get("/api/v1/admin/settings").json()["redirect_urls"] == ["https://app.acme.example/"]
    assert admin.patch("/api/v1/admin/settings", json={"tier": "enterprise"}).status_code == 400
    assert admin.patch("/api/v1/admin/settings", json={"signup_open": "yes"}).status_code == 400


def test_a_token_naming_no_user_is_refused_over_http(fresh_api, people):
    body = {"role": "authenticated", "aud": "authenticated", "exp": int(time.time()) + 60,
            "tenant_id": str(people.tenant)}
    token = jwt.encode(body, fresh_api.settings.jwt_secret.get_secret_value(), algorithm="HS256")
    response = fresh_api.as_("acme", token).get("/rest/v1/tags?select=id&limit=1")
    assert response.status_code == 401 and "no user" in response.json()["message"]


def test_a_disabled_member_gets_nothing_and_cannot_sign_in(fresh_api, people):
    set_passwords(fresh_api.database)
    with pg.connect(fresh_api.database) as conn:
        conn.execute("SELECT vital.set_password(%s, %s)", (people.users["member"], hash_password(PASSWORD)))
    auth = Auth(fresh_api)
    assert auth.sign_in("member.roles@acme.example").status_code == 200
    admin = _client(fresh_api, people, "admin")
    assert admin.patch(f"/api/v1/admin/members/{people.users['member']}",
                       json={"status": "disabled"}).json()["status"] == "disabled"
    member = _client(fresh_api, people, "member")
    assert member.get("/rest/v1/tags?select=id").json() == []
    assert member.get("/api/v1/admin/members").json() == []
    assert auth.sign_in("member.roles@acme.example").status_code == 400
