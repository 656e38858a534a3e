"""Roles over HTTP: one table of each kind (tenant data, library, personal, bookkeeping,
admin, knowledge) per role, through /rest/v1, as user tokens and API keys."""

from __future__ import annotations

from tests import pg
from tests.roles.people import ROLES, add_key, add_people
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


def _counts(owner, tenant) -> dict[str, int]:
    tables = ("tags", "ask_expert_sessions", "feedback", "search_feedback", "search_logs")
    return {t: owner.execute(f"SELECT count(*) FROM {t} WHERE tenant_id = %s", (tenant,)).fetchone()[0]
            for t in tables}


def test_keys_over_http_read_keys_change_nothing_and_keys_act_for_their_creator(fresh_api):  # noqa: F811
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        people = add_people(owner)
        for who, creator in (("mwrite", "member"), ("vwrite", "viewer"), ("dwrite", "admin")):
            add_key(owner, people, who, ["read", "write"], creator=creator)
        owner.execute("UPDATE tenant_members SET status = 'disabled' WHERE user_id = %s", (people.users["admin"],))
        message, tag = owner.execute(
            "SELECT (SELECT id FROM ask_expert_messages WHERE tenant_id = %(t)s AND role = 'assistant' LIMIT 1), "
            "(SELECT id FROM tags WHERE tenant_id = %(t)s LIMIT 1)", {"t": people.tenant}).fetchone()
        before = _counts(owner, people.tenant)
    reader = _client(fresh_api, people, "read_key")
    found = reader.post("/api/v1/search", json={"query": "stability shelf life", "strategy": "fulltext"})
    assert found.status_code == 200, found.text
    assert reader.get("/api/v1/analytics/usage").status_code == 200  # its roll-ups: bookkeeping too
    refused = {
        "session": reader.post("/api/v1/ask-expert/sessions", json={"mode": 2, "query": "q"}),
        "feedback": reader.post("/api/v1/feedback", json={"message_id": str(message), "rating": 5}),
        "search feedback": reader.post(f"/api/v1/search/{found.json()['search_id']}/feedback", json={"rating": 1}),
        "rest insert": reader.post("/rest/v1/tags", json={"name": "R", "slug": "roles-r"}),
        "rest update": reader.patch(f"/rest/v1/tags?id=eq.{tag}", json={"name": "R"}),
        "rest delete": reader.delete(f"/rest/v1/tags?id=eq.{tag}"),
    }
    for what, response in refused.items():
        assert response.status_code == 403, (what, response.text)
        assert "'write' scope" in response.json()["hint"] and "SELECT" not in response.text, what
    # a viewer's write key is a viewer's; a disabled creator's key reads and writes nothing
    assert _client(fresh_api, people, "vwrite").post("/rest/v1/tags", json={"name": "V", "slug": "roles-v"}
                                                     ).status_code == 403
    disabled = _client(fresh_api, people, "dwrite")
    assert disabled.get("/rest/v1/tags?select=id").json() == []
    assert disabled.post("/rest/v1/tags", json={"name": "D", "slug": "roles-d"}).status_code == 403
    with pg.connect(fresh_api.database, autocommit=True) as owner:
        after = _counts(owner, people.tenant)
        logged = owner.execute("SELECT tenant_id, created_by FROM search_logs WHERE id = %s",
                               (found.json()["search_id"],)).fetchone()
    assert after == before | {"search_logs": before["search_logs"] + 1} and logged == (people.tenant, None)
    # a member's write key owns an Ask Expert session: the member's
    session = _client(fresh_api, people, "mwrite").post(
        "/rest/v1/ask_expert_sessions", json={"mode": 2, "query": "q", "title": "by key"}, headers=REPRESENTATION)
    assert session.status_code == 201, session.text
    assert session.json()[0]["user_id"] == str(people.users["member"])
