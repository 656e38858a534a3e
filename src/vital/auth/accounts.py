"""Operators' acts on a user's password, on an owner connection: the demo users' generated
passwords (`vital up`) and resets (`vital password`)."""

from __future__ import annotations

from uuid import UUID

import psycopg

from vital.auth.passwords import generate_password, hash_password
from vital.db.queries import Queries

SQL = Queries(__name__)


def has_password(conn: psycopg.Connection, user_id: UUID | str) -> bool:
    return conn.execute(SQL("accounts.has_password"), {"user_id": user_id}).fetchone()[0]


def reset_password(conn: psycopg.Connection, user_id: UUID | str) -> str:
    """A new generated password for the user (returned once, stored hashed); their sessions end."""
    password = generate_password()
    conn.execute(SQL("accounts.set_password"), {"user_id": user_id, "hash": hash_password(password)})
    conn.execute(SQL("accounts.end_sessions"), {"user_id": user_id})
    return password


def ensure_password(conn: psycopg.Connection, user_id: UUID | str) -> str | None:
    """A generated password when the user has none (returned once), else None."""
    return None if has_password(conn, user_id) else reset_password(conn, user_id)
