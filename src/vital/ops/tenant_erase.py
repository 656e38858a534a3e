"""`vital tenant erase`: every row of one tenant hard-deleted, children first, in one transaction.

What remains of the tenant afterwards, and nothing else:
- its `tenants` row, as a tombstone: id, name, subdomain, tier and created_at
  kept; status 'suspended', deleted_at set, settings emptied, created_by cleared.
  The API serves no suspended or deleted tenant, and the row keeps the id and
  the subdomain from being reused by mistake;
- one audit_log entry (action ERASE) on that row, with the number of rows erased
  per table and no copy of any row.
The tenant's users (auth.users) go too when no other tenant has a profile for
them and no other tenant names them as creator (unless keep_users), and with
them their sign-in internals in schema vital (password, sessions, lock: by
foreign key). Every row of schema vital that names the tenant goes whoever it
belongs to: sessions opened there, one-time links and codes, sent mail, SSO
provider, flows and identities, PKCE flows (`erase_vital_rows`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from vital.catalog import Catalog, read
from vital.db.queries import Queries
from vital.db.rows import many
from vital.errors import PermissionDenied, VitalError
from vital.ops.catalog import PLATFORM_TENANT_ID, delete_tenant_rows, require_bypass
from vital.ops.report import TenantReport
from vital.tenancy import Rule, Tenant, find_tenant

SQL = Queries(__name__)


@dataclass
class Erased(TenantReport):
    tenant: Tenant
    users_deleted: int = 0
    sessions_deleted: int = 0
    vital_rows: dict[str, int] = field(default_factory=dict)


def erase_tenant(conn: psycopg.Connection, subdomain: str, *, keep_users: bool = False) -> Erased:
    """Erase one tenant's rows in one transaction (conn must have none open)."""
    started = time.perf_counter()
    with conn.transaction():
        tenant = erasable(conn, subdomain)
        # Every tenant table references tenants(id): while this row is locked FOR UPDATE no
        # other transaction can add a row for the tenant (its foreign key check waits).
        conn.execute(SQL("tenant_erase.lock_tenant"), {"tenant": tenant.id})
        catalog = read(conn)
        report = Erased(tenant, rows=tenant_rows(conn, catalog, tenant.id))
        users = [r["user_id"] for r in many(conn, SQL("tenant_erase.profile_users"), {"tenant": tenant.id})]
        conn.execute(SQL("erase_tombstone"), {"tenant": tenant.id})
        delete_tenant_rows(conn, catalog, tenant.id)
        report.vital_rows = erase_vital_rows(conn, tenant.id)
        if jobs := conn.execute(SQL("tenant_erase.queued_jobs"), {"tenant": tenant.id}).rowcount:
            report.vital_rows["procrastinate_jobs"] = jobs
        report.sessions_deleted = report.vital_rows.get("auth_sessions", 0)
        if users and not keep_users:
            report.users_deleted = conn.execute(SQL("erase_users"),
                                                {"tenant": tenant.id, "users": users}).rowcount
        conn.execute(SQL("audit_entry"), {
            "tenant": tenant.id, "action": "ERASE",
            "data": Jsonb({"subdomain": tenant.subdomain, "rows": report.rows,
                           "users_deleted": report.users_deleted, "sessions_deleted": report.sessions_deleted,
                           "vital_rows": report.vital_rows})})
        left = tenant_rows(conn, catalog, tenant.id)
        if left != {"audit_log": 1}:
            raise VitalError("The erase left rows behind; nothing was erased.", details=str(left))
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def erase_vital_rows(conn: psycopg.Connection, tenant_id) -> dict[str, int]:
    """Deletes the tenant's rows of schema vital (vital.ops.sql.tenant_auth.erasable_tables); rows per table."""
    erased: dict[str, int] = {}
    for found in many(conn, SQL("tenant_auth.erasable_tables")):
        deleted = conn.execute(sql.SQL("DELETE FROM {} WHERE {} = %(tenant)s").format(
            sql.Identifier(found["schema_name"], found["table_name"]), sql.Identifier(found["column_name"])),
            {"tenant": tenant_id}).rowcount
        if deleted:
            erased[found["table_name"]] = erased.get(found["table_name"], 0) + deleted
    return erased


def erasable(conn: psycopg.Connection, subdomain: str) -> Tenant:
    """The tenant of the subdomain, refused when it is the platform."""
    require_bypass(conn, "A tenant erase")
    tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING)  # erasing a suspended tenant is the usual case
    if tenant.id == PLATFORM_TENANT_ID:
        raise PermissionDenied("The platform tenant holds the shared library every tenant reads; it cannot be "
                               "erased.")
    return tenant


def tenant_rows(conn: psycopg.Connection, catalog: Catalog, tenant_id) -> dict[str, int]:
    """The tenant's rows per table, where it has any (its tenants row, which stays, not counted)."""
    query = sql.SQL(" UNION ALL ").join(
        sql.SQL("SELECT {}, count(*) FROM {} WHERE tenant_id = %(tenant)s").format(sql.Literal(t.name), t.ident)
        for t in catalog.dependency_order() if t.name != "tenants")
    return {table: n for table, n in conn.execute(query, {"tenant": tenant_id}) if n}
