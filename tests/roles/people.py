"""The cast of the role tests: one tenant's viewer, member, admin and owner, a read key
and a write key (no creator: scopes alone), created as the database owner inside the
caller's transaction; `add_key` makes more keys, with a creator they act for."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from uuid import UUID

import psycopg

from tests.helpers import USERS, tenant_id, user_id
from vital.tenancy import Caller

ROLES = ("viewer", "member", "admin", "owner", "read_key", "write_key")
KEY_SCOPES = {"read_key": ["read"], "write_key": ["read", "write"]}


@dataclass
class People:
    subdomain: str
    tenant: UUID
    users: dict[str, UUID]        # viewer, member, admin, owner, and a bystander nobody acts as
    keys: dict[str, UUID]         # read_key, write_key, and those add_key made
    secrets: dict[str, str]       # the keys as a client sends them
    key_scopes: dict[str, list[str]] = field(default_factory=dict)
    creators: dict[str, UUID | None] = field(default_factory=dict)

    def caller(self, who: str) -> Caller:
        if who in self.keys:
            return Caller.api_key(self.tenant, self.subdomain, self.keys[who], self.key_scopes[who],
                                  self.creators.get(who))
        return Caller.member(self.tenant, self.users[who], subdomain=self.subdomain)

    def uid(self, who: str) -> UUID | None:
        return self.users.get(who)


def add_user(conn: psycopg.Connection, tenant: UUID, email: str, role: str) -> UUID:
    uid = conn.execute("INSERT INTO auth.users (email) VALUES (%s) RETURNING id", (email,)).fetchone()[0]
    conn.execute("INSERT INTO profiles (tenant_id, user_id, display_name) VALUES (%s, %s, %s)",
                 (tenant, uid, email.split("@")[0]))
    conn.execute("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES (%s, %s, %s)", (tenant, uid, role))
    return uid


def add_people(conn: psycopg.Connection, subdomain: str = "acme") -> People:
    """Run as the owner (RLS does not apply); the rows live as long as the transaction."""
    tenant = tenant_id(conn, subdomain)
    users = {"owner": user_id(conn, USERS[subdomain])}
    for role in ("viewer", "member", "admin"):
        users[role] = add_user(conn, tenant, f"{role}.roles@{subdomain}.example", role)
    users["bystander"] = add_user(conn, tenant, f"bystander.roles@{subdomain}.example", "member")
    people = People(subdomain, tenant, users, {}, {})
    for who, scopes in KEY_SCOPES.items():
        add_key(conn, people, who, scopes)
    return people


def add_key(conn: psycopg.Connection, people: People, who: str, scopes: list[str],
            creator: str | None = None) -> str:
    """A key named `who`, made by the user `creator` (None: an operator's key); as the owner."""
    prefix = f"{people.subdomain[:4]}{who.replace('_', '')}"[:16]
    people.secrets[who] = f"{prefix}.roles-test-secret"
    people.key_scopes[who] = scopes
    people.creators[who] = people.users[creator] if creator else None
    people.keys[who] = conn.execute(
        "INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes, created_by) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (people.tenant, who, prefix, hashlib.sha256(people.secrets[who].encode()).hexdigest(), scopes,
         people.creators[who]),
    ).fetchone()[0]
    return who
