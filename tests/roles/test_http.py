"""Roles over HTTP: one table of each kind (tenant data, library, personal, bookkeeping,
admin, knowledge) per role, through /rest/v1, as user tokens and API keys."""

from __future__ import annotations

from tests import pg
from tests.roles.people import ROLES, add_people
from tests.roles.rules import allowed
from vital.auth.tokens import mint_token

REPRESENTATION = {"Prefer": "return=representation"}


def _client(api, people, who):
    if who in people.keys:
        return api.as_(people.subdomain, people.secrets[who])
    return api.as_(people.subdomain, mint_token(api.settings, tenant_id=people.tenant, user_id=people.users[who]))


def test_each_role_over_http(fresh_api):  # noqa: F811
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        people = add_people(owner)
        restricted = owner.execute("SELECT document_id FROM rag_document_access WHERE tenant_id = %s LIMIT 1",
                                   (people.tenant,)).fetchone()[0]
    wrong = []
    for n, who in enumerate(ROLES):
        caller = _client(fresh_api, people, who)

        def check(what, ok, expected):
            if ok != expected:
                wrong.append(f"{who} {what}: expected {'allowed' if expected else 'refused'}")

        library = caller.get("/rest/v1/agents?select=id,tenant_id&tenant_id=eq.00000000-0000-0000-0000-000000000000")
        check("read library", library.status_code == 200 and len(library.json()) > 0, True)
        tag = caller.post("/rest/v1/tags", json={"name": f"Roles {n}", "slug": f"roles-{n}"}, headers=REPRESENTATION)
        check("write data", tag.status_code == 201, allowed("data", who, "insert"))
        log = caller.post("/rest/v1/search_logs", json={"query": "q", "strategy": "hybrid", "latency_ms": 1})
        # nobody writes bookkeeping directly: the services call its functions (test_bookkeeping.py)
        check("write bookkeeping", log.status_code == 201, False)
        session = caller.post("/rest/v1/ask_expert_sessions", json={"mode": 2, "query": "q", "title": "mine"})
        # a key has no user to own a session (user_id is NOT NULL): 400, past the role policies
        check("write own session", session.status_code != 403, allowed("personal", who, "insert", own=True))
        promote = caller.patch(f"/rest/v1/tenant_members?user_id=eq.{people.users['bystander']}",
                               json={"role": "viewer" if n % 2 else "admin"}, headers=REPRESENTATION)
        check("change a membership", promote.status_code == 200 and len(promote.json()) == 1,
              allowed("admin", who, "update"))
        document = caller.get(f"/rest/v1/rag_documents?select=id&id=eq.{restricted}")
        check("read a restricted document", document.status_code == 200 and len(document.json()) == 1,
              who in ("owner", "admin"))
    assert not wrong, "; ".join(wrong)


def test_a_viewer_cannot_promote_itself_over_http(fresh_api):  # noqa: F811
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        people = add_people(owner)
        audited = owner.execute("SELECT count(*) FROM audit_log WHERE table_name = 'tenant_members'").fetchone()[0]
    viewer = _client(fresh_api, people, "viewer")
    response = viewer.patch(f"/rest/v1/tenant_members?user_id=eq.{people.users['viewer']}", json={"role": "owner"},
                            headers=REPRESENTATION)
    assert response.status_code in (200, 403) and (response.status_code == 403 or response.json() == [])
    with pg.connect(fresh_api.database) as owner:
        assert owner.execute("SELECT role FROM tenant_members WHERE user_id = %s",
                             (people.users["viewer"],)).fetchone()[0] == "viewer"
        assert owner.execute("SELECT count(*) FROM audit_log WHERE table_name = 'tenant_members'"
                             ).fetchone()[0] == audited
