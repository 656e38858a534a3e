"""Small helpers for tests that act as a tenant's user."""

from __future__ import annotations

import secrets

import psycopg

from vital.db.tenant import apply_context
from vital.tenancy import Caller

USERS = {"acme": "ada@acme.example", "pharmaco": "paul@pharmaco.example"}
# This run's JWT secret: random, since the source holds none (tests/conftest.py puts it in the environment).
TEST_JWT_SECRET = secrets.token_urlsafe(48)


def tenant_id(conn: psycopg.Connection, subdomain: str):
    return conn.execute("SELECT id FROM public.tenants WHERE subdomain = %s", (subdomain,)).fetchone()[0]


def user_id(conn: psycopg.Connection, email: str):
    return conn.execute("SELECT id FROM auth.users WHERE email = %s", (email,)).fetchone()[0]


def act_as(conn: psycopg.Connection, subdomain: str | None, role: str = "authenticated") -> None:
    """Switch the open transaction to a tenant's demo user (or anon when subdomain is None)."""
    if subdomain is None:
        apply_context(conn, Caller.anonymous())
        return
    apply_context(conn, Caller.member(tenant_id(conn, subdomain), user_id(conn, USERS[subdomain]), role=role))


def reset_role(conn: psycopg.Connection) -> None:
    conn.execute("RESET ROLE; SELECT set_config('request.jwt.claims', '', true)")


def autogroup_nice_of(pid: int) -> int | None:
    """The nice value of a process's session group (Linux's autogroup); None where the kernel has no such
    groups, or none for this process's session (the file is then empty: a session that no process began
    since boot, as in some containers, stays in the kernel's default group)."""
    try:
        with open(f"/proc/{pid}/autogroup") as group:  # "/autogroup-93305 nice 0"
            fields = group.read().split()
    except FileNotFoundError:
        return None
    return int(fields[-1]) if fields else None


def nice_of(pid: int, thread: int | None = None) -> int:
    """A process's (or one of its threads') nice value, as `top` shows it: field 19 of /proc's stat."""
    with open(f"/proc/{pid}/task/{thread}/stat" if thread else f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[16])
