"""Subdomain -> tenant, in one function whose caller names the rule it needs.

`Rule.SERVING`: active, not deleted tenants only; what answering a tenant's
people needs. It goes through the SECURITY DEFINER `vital.api_tenant_id`, so it
works on the API's login (which cannot read `tenants` before a tenant context)
as well as on the owner's; an unknown, a suspended and a deleted tenant are
refused alike, so that a caller cannot tell them apart.

`Rule.OPERATING`: any status, deleted included; what operators acting *on* a
tenant need (export, erase, restore, tokens). Owner connection only.

Who uses which is listed in docs/tenancy.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from uuid import UUID

import psycopg
from psycopg.rows import class_row

from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import NotFound
from vital.tenancy.caller import Caller

SQL = Queries(__name__)


class Rule(enum.Enum):
    SERVING = "serving"
    OPERATING = "operating"


@dataclass(frozen=True)
class Tenant:
    id: UUID
    subdomain: str
    name: str | None  # None from Rule.SERVING: the API's login sees the id only
    status: str       # active | suspended


@dataclass(frozen=True)
class Member:
    user_id: UUID
    email: str


def find_tenant(conn: psycopg.Connection, subdomain: str, *, rule: Rule) -> Tenant:
    """The tenant served at `subdomain` under `rule`; NotFound otherwise."""
    if rule is Rule.SERVING:
        row = one(conn, SQL("lookup.serving"), {"subdomain": subdomain})
        if row is None or row["id"] is None:
            raise NotFound(f"No tenant with subdomain '{subdomain}' is active (unknown, suspended or deleted).",
                           hint="Check the subdomain; a suspended tenant is served again once its status is "
                                "'active'.")
        return Tenant(row["id"], subdomain, None, "active")
    with conn.cursor(row_factory=class_row(Tenant)) as cur:
        tenant = cur.execute(SQL("lookup.operating"), {"subdomain": subdomain}).fetchone()
    if tenant is None:
        raise NotFound(f"No tenant with subdomain '{subdomain}'.",
                       hint="`vital db psql -c 'SELECT subdomain, status FROM tenants'` lists them.")
    return tenant


def tenant_holding(conn: psycopg.Connection, tenant_id: UUID | str, subdomain: str) -> Tenant | None:
    """A tenant that holds this id or this subdomain already, whatever its status. Owner connection only."""
    with conn.cursor(row_factory=class_row(Tenant)) as cur:
        return cur.execute(SQL("lookup.holding"), {"id": tenant_id, "subdomain": subdomain}).fetchone()


def member_of(conn: psycopg.Connection, tenant: Tenant, email: str | None = None) -> Member:
    """The member with this email, or the tenant's first owner. Owner connection only."""
    with conn.cursor(row_factory=class_row(Member)) as cur:
        member = cur.execute(SQL("lookup.member"), {"tenant": tenant.id, "email": email}).fetchone()
    if member is None:
        who = f"member '{email}'" if email else "member"
        raise NotFound(f"Tenant '{tenant.subdomain}' has no {who}.",
                       hint="`vital db seed` creates the demo tenants acme and pharmaco with one user each.")
    return member


def member_caller(conn: psycopg.Connection, subdomain: str, email: str | None = None, *, rule: Rule) -> Caller:
    """A member of the tenant at `subdomain` (by email, else its first owner) as a Caller."""
    tenant = find_tenant(conn, subdomain, rule=rule)
    member = member_of(conn, tenant, email)
    return Caller.member(tenant.id, member.user_id, subdomain=tenant.subdomain, email=member.email)
