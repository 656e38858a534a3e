"""Every tenant table x role (viewer, member, admin, owner, read key, write key) x operation,
generated from the live catalog; what is expected comes from the table's role class alone
(tests/roles/rules.py). One test per table: every case runs in a savepoint of the test's
rolled-back transaction."""

from __future__ import annotations

import functools

from psycopg import sql
from psycopg.errors import InsufficientPrivilege
from psycopg.types.json import Jsonb

from tests import catalog, pg
from tests.helpers import reset_role
from tests.roles.people import ROLES, add_people
from tests.roles.rules import allowed
from vital.db.tenant import apply_context

OPERATIONS = ("select", "insert", "update", "delete")


@functools.cache
def classes() -> dict[str, tuple[str, bool]]:
    """table -> (role class, reads restricted by rag_document_access), from the policies."""
    with pg.connect(pg.template_db()) as conn:
        rows = conn.execute("""
            SELECT c.relname, substring(obj_description(p.oid, 'pg_policy') FROM '^role class: (\\w+)$'),
                   EXISTS (SELECT 1 FROM pg_policy d WHERE d.polrelid = c.oid AND d.polname = 'documents_readable')
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE p.polname = 'role_read'""").fetchall()
    return {name: (kind, documents) for name, kind, documents in rows}


def pytest_generate_tests(metafunc):
    if "table" in metafunc.fixturenames:
        metafunc.parametrize("table", catalog.tenant_tables(), ids=str)


def _sample(conn, table, people, documents: bool) -> dict:
    """One acme row that belongs to none of the acting users but the owner (who may do all
    anyway), is no owner's membership and, for document tables, is of an unrestricted document."""
    own = "coalesce(to_jsonb(t) ->> 'user_id', to_jsonb(t) ->> 'created_by')"
    order = [sql.SQL("coalesce(to_jsonb(t) ->> 'role' = 'owner', false)"),
             sql.SQL(f"coalesce({own} = ANY (%(actors)s), false)")]
    if documents:
        order.append(sql.SQL("EXISTS (SELECT 1 FROM rag_document_access a WHERE a.document_id = "
                             "coalesce(to_jsonb(t) ->> 'document_id', t.id::text)::uuid)"))
    query = sql.SQL("SELECT t.ctid, to_jsonb(t) FROM {} t WHERE tenant_id = %(tenant)s ORDER BY {} LIMIT 1").format(
        sql.Identifier(table.name), sql.SQL(", ").join(order))
    actors = [str(people.users[w]) for w in ("viewer", "member", "admin")]
    row = conn.execute(query, {"tenant": people.tenant, "actors": actors}).fetchone()
    assert row is not None, f"the seed has no acme row in {table.name}"
    return {"ctid": row[0], "row": row[1]}


def _outcome(conn, action) -> bool:
    """Run action in a savepoint (always rolled back): True when RLS or the grants let it through.
    A refusal is a permission error or a row the statement cannot reach; any other error
    (a unique key, a foreign key) comes after the policies, so the policies let it through."""
    try:
        with conn.transaction(force_rollback=True):
            return action() != 0
    except InsufficientPrivilege:
        return False
    except Exception:  # noqa: BLE001 - see the docstring
        return True


def _own_copy(table, sample: dict, who: str, people, conn) -> dict:
    fresh = conn.execute("SELECT gen_random_uuid()::text").fetchone()[0]
    row = sample["row"] | ({"id": fresh} if "id" in sample["row"] else {})
    uid = people.uid(who)
    column = "user_id" if "user_id" in row else "created_by" if "created_by" in row else None
    if column and who == "viewer":
        row[column] = str(uid)
    return row


def test_every_role_does_what_its_class_allows(db, table):
    kind, documents = classes()[table.name]
    people = add_people(db)
    sample = _sample(db, table, people, documents)
    if documents:  # document-level reads have tests of their own (test_rules.py): open this one
        db.execute("DELETE FROM rag_document_access WHERE document_id = %s",
                   (sample["row"].get("document_id", sample["row"]["id"]),))
    ident = sql.Identifier(table.name)
    count = sql.SQL("SELECT count(*) FROM {} WHERE tenant_id = %s").format(ident)
    total = db.execute(count, (people.tenant,)).fetchone()[0]
    cols = sql.SQL(", ").join(map(sql.Identifier, table.columns))
    insert = sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM jsonb_populate_record(NULL::{t}, %s)").format(
        t=ident, c=cols)
    update = sql.SQL("UPDATE {} SET tenant_id = tenant_id WHERE ctid = %s").format(ident)
    delete = sql.SQL("DELETE FROM {} WHERE ctid = %s").format(ident)
    wrong = []
    for who in ROLES:
        with db.transaction(force_rollback=True):
            apply_context(db, people.caller(who))
            seen = db.execute(count, (people.tenant,)).fetchone()[0]
            own = who == "viewer" and kind == "personal"
            row = _own_copy(table, sample, who, people, db)
            got = {
                "select": seen == total if not documents else seen > 0,
                "insert": _outcome(db, lambda: db.execute(insert, (Jsonb(row),)).rowcount),
                "update": _outcome(db, lambda: db.execute(update, (sample["ctid"],)).rowcount),
                "delete": _outcome(db, lambda: db.execute(delete, (sample["ctid"],)).rowcount),
            }
            granted = catalog.privileges().get(table.name, set())
            for op in OPERATIONS:
                expected = op.upper() in granted and allowed(kind, who, op, own=own and op == "insert")
                if got[op] != expected:
                    wrong.append(f"{who} {op}: expected {'allowed' if expected else 'refused'}")
            reset_role(db)
    assert not wrong, f"{table.name} ({kind}): " + "; ".join(wrong)
