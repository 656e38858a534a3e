"""Operators' acts on people (`vital user`): accounts, memberships, locks.

The account (auth.users) and the lock (vital.user_locks) are the operator's, on an
owner connection. Memberships and profiles are written as the tenant itself, under
RLS and the membership guard (the last active owner stays, even for an operator),
so that the audit trail records them like any other change.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from vital.auth.accounts import has_password, reset_password
from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.tenant import apply_context
from vital.errors import NotFound
from vital.tenancy import Caller, Rule, find_tenant, member_of

SQL = Queries(__name__)


@dataclass(frozen=True)
class Added:
    user_id: UUID
    new_account: bool
    password: str | None       # generated now, shown once
    had_password: bool


def _as_tenant(conn: psycopg.Connection, subdomain: str) -> Caller:
    tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING)
    return Caller.member(tenant.id, subdomain=tenant.subdomain)


def add_member(conn: psycopg.Connection, subdomain: str, email: str, role: str, *, password: bool) -> Added:
    """The account (created if missing) joins the tenant with this role; `conn` autocommits."""
    tenant = _as_tenant(conn, subdomain)
    with translate(), conn.transaction():
        found = conn.execute(SQL("members.user_by_email"), {"email": email}).fetchone()
        user_id = found[0] if found else conn.execute(SQL("members.new_user"), {"email": email}).fetchone()[0]
        apply_context(conn, tenant)  # the rest as the tenant, until this transaction ends
        params = {"tenant": tenant.tenant_id, "user_id": user_id, "email": email, "name": email.split("@")[0],
                  "role": role}
        conn.execute(SQL("members.profile"), params)
        conn.execute(SQL("members.join"), params)
    had = has_password(conn, user_id)
    generated = reset_password(conn, user_id) if password else None
    return Added(user_id, found is None, generated, had)


def list_members(conn: psycopg.Connection, subdomain: str) -> list[dict]:
    tenant = _as_tenant(conn, subdomain)
    with translate(), conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        apply_context(conn, tenant, read_only=True)
        return cur.execute(SQL("members.list")).fetchall()


def change_member(conn: psycopg.Connection, subdomain: str, email: str, *, role: str | None = None,
                  status: str | None = None) -> dict:
    tenant = _as_tenant(conn, subdomain)
    member = member_of(conn, find_tenant(conn, subdomain, rule=Rule.OPERATING), email)
    with translate(), conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        apply_context(conn, tenant)
        row = cur.execute(SQL("members.change"), {"user_id": member.user_id, "role": role,
                                                  "status": status}).fetchone()
    if row is None:
        raise NotFound(f"'{email}' is not a member of '{subdomain}'.")
    return row


def _account(conn: psycopg.Connection, email: str) -> UUID:
    found = conn.execute(SQL("members.user_by_email"), {"email": email}).fetchone()
    if found is None:
        raise NotFound(f"No account has the e-mail '{email}'.")
    return found[0]


def lock(conn: psycopg.Connection, email: str, reason: str | None = None) -> int:
    """Locks the account everywhere; returns how many sessions ended."""
    with translate(), conn.transaction():
        return conn.execute(SQL("members.lock"), {"user_id": _account(conn, email), "reason": reason}).fetchone()[0]


def unlock(conn: psycopg.Connection, email: str) -> bool:
    with translate(), conn.transaction():
        return conn.execute(SQL("members.unlock"), {"user_id": _account(conn, email)}).fetchone() is not None
