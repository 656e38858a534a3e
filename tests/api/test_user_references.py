"""References to users are checked against the row's tenant in the database (migration
20261124000026): a profile cannot name another tenant's user, and the refusal is the same
whether that user exists or not (no existence oracle)."""

from __future__ import annotations

import uuid

from tests import pg

PROFILES = "/rest/v1/profiles"


def _refusal(response) -> tuple[int, dict]:
    body = response.json()
    assert 400 <= response.status_code < 500 and set(body) == {"code", "message", "details", "hint"}, response.text
    return response.status_code, body


def test_a_profile_cannot_name_another_tenants_user_and_the_answer_reveals_nothing(fresh_api):
    acme, stranger = fresh_api.as_("acme"), fresh_api.tenants["pharmaco"].user_id
    answers = [_refusal(acme.post(PROFILES, json={"user_id": str(user), "display_name": "x"}))
               for user in (stranger, uuid.uuid4())]
    assert answers[0] == answers[1] and answers[0][0] == 409
    assert "member of this tenant" in answers[0][1]["details"] and "fkey" not in str(answers[0][1])
    own = fresh_api.tenants["acme"].user_id
    moved = [_refusal(acme.patch(PROFILES, params={"user_id": f"eq.{own}"}, json={"user_id": str(user)}))
             for user in (stranger, uuid.uuid4())]
    assert moved[0] == moved[1] == answers[0]
    # A composite foreign key to profiles answers alike too, with its detail and not its name.
    keys = [_refusal(acme.post("/rest/v1/api_keys", json={
                "name": "k", "key_prefix": f"ref{i}0000", "key_hash": "a" * 64, "scopes": ["read"],
                "created_by": str(user)}))
            for i, user in enumerate((stranger, uuid.uuid4()))]
    assert keys[0][0] == keys[1][0] == 409 and keys[0][1]["message"] == keys[1][1]["message"]
    assert all("fkey" not in str(body) and "is not present" in body["details"] for _, body in keys)
    with pg.connect(fresh_api.database) as conn:
        assert conn.execute("SELECT count(*) FROM profiles WHERE user_id = %s", (stranger,)).fetchone()[0] == 1


def test_every_user_column_of_a_tenant_table_is_tied_to_the_tenant(db):
    """From the catalog: each uuid column named user_id, member_id or *_by of a table with tenant_id
    is in a composite foreign key with tenant_id (to profiles, or panel_members), or, referencing
    auth.users directly, carries the two triggers of migration 26."""
    loose = db.execute("""
        SELECT r.relname, a.attname
          FROM pg_class r
          JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE r.relnamespace = 'public'::regnamespace AND r.relkind IN ('r', 'p')
           AND a.atttypid = 'uuid'::regtype
           AND (a.attname IN ('user_id', 'member_id') OR a.attname LIKE '%\\_by')
           AND EXISTS (SELECT FROM pg_attribute t WHERE t.attrelid = r.oid AND t.attname = 'tenant_id')
           AND NOT EXISTS (
                 SELECT FROM pg_constraint k
                  WHERE k.contype = 'f' AND k.conrelid = r.oid
                    AND (SELECT array_agg(attname::text) FROM pg_attribute
                          WHERE attrelid = k.conrelid AND attnum = ANY (k.conkey))
                        @> ARRAY['tenant_id', a.attname::text])
           AND NOT (SELECT count(*) = 2 FROM pg_trigger g
                     WHERE g.tgrelid = r.oid AND g.tgname IN (a.attname || '_is_a_user', a.attname || '_is_a_member'))
         ORDER BY 1, 2""").fetchall()
    assert loose == []
    triggers = db.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.profiles'::regclass "
                          "AND tgname LIKE 'user_id_is_a_%' ORDER BY 1").fetchall()
    assert [t[0] for t in triggers] == ["user_id_is_a_member", "user_id_is_a_user"]
