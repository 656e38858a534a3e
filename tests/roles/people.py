"""The cast of the role tests: one tenant's viewer, member, admin and owner, a read key
and a write key, created as the database owner inside the caller's transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
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
    keys: dict[str, UUID]         # read_key, write_key
    secrets: dict[str, str]       # the keys as a client sends them

    def caller(self, who: str) -> Caller:
        if who in self.keys:
            return Caller.api_key(self.tenant, self.subdomain, self.keys[who], KEY_SCOPES[who])
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
    keys, secrets = {}, {}
    for who, scopes in KEY_SCOPES.items():
        prefix = f"{subdomain[:4]}{who.replace('_', '')}"[:16]
        secrets[who] = f"{prefix}.roles-test-secret"
        keys[who] = conn.execute(
            "INSERT INTO api_keys (tenant_id, name, key_prefix, key_hash, scopes) VALUES (%s, %s, %s, %s, %s) "
            "RETURNING id", (tenant, who, prefix, hashlib.sha256(secrets[who].encode()).hexdigest(), scopes),
        ).fetchone()[0]
    return People(subdomain, tenant, users, keys, secrets)
