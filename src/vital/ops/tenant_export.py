"""`vital tenant export`: every row of one tenant, every table, in one archive with a manifest.

The archive is a .tar.gz holding manifest.json and one file per table in
PostgreSQL's COPY text format (exact for every type: vectors, arrays, JSONB),
rows in primary-key order. The manifest gives the format version, the source
schema version (newest applied migration), the tenant, and per file its
columns, row count and sha256. The tenant's users (auth.users rows behind its
profiles) travel with it, with their password hashes and locks (schema vital);
their sessions and refresh tokens do not: they are live credentials of this
deployment, and a moved tenant signs in again.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import psycopg
from psycopg import sql

from vital.catalog import read
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import InvalidInput
from vital.ops.catalog import PLATFORM_TENANT_ID, export_select, require_bypass, stable_output
from vital.tenancy import Rule, find_tenant

SQL = Queries(__name__)

FORMAT = "vital-tenant-export"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
USERS = "auth.users"
USER_COLUMNS = ("id", "email", "raw_app_meta_data", "raw_user_meta_data", "created_at", "updated_at")
# The users' sign-in internals that travel: table -> (file, columns, statement of sql/tenant_auth.sql).
AUTH_INTERNALS = {
    "vital.user_passwords": ("auth/user_passwords.copy", ("user_id", "password_hash", "created_at", "updated_at"),
                             "tenant_auth.passwords"),
    "vital.user_locks": ("auth/user_locks.copy", ("user_id", "reason", "locked_by", "created_at", "updated_at"),
                         "tenant_auth.locks"),
}

Progress = Callable[[str], None]


def copy_out(conn: psycopg.Connection, query: sql.Composable, params: dict,
             sink: Callable[[bytes], object] = lambda _: None) -> tuple[int, str]:
    """COPY a query's rows out in text format: (row count, sha256 of the bytes)."""
    digest, rows = hashlib.sha256(), 0
    with conn.cursor().copy(SQL.composed("tenant_export.copy_out", query=query), params) as copy:
        for block in copy:
            digest.update(block)
            rows += bytes(block).count(b"\n")  # text format escapes newlines inside values
            sink(block)
    return rows, digest.hexdigest()


def users_query() -> sql.Composed:
    return sql.SQL(SQL("tenant_users")).format(sql.SQL(", ").join(map(sql.Identifier, USER_COLUMNS)))


def export_tenant(conn: psycopg.Connection, subdomain: str, path: Path, progress: Progress | None = None) -> dict:
    """Write the archive of one tenant from one snapshot; returns its manifest.

    Runs in its own transaction: conn must have none open."""
    started = time.perf_counter()
    with conn.transaction():
        # One snapshot for every table: the archive is consistent even while the tenant works.
        conn.execute(SQL("tenant_export.snapshot"))
        require_bypass(conn, "A tenant export")
        stable_output(conn)
        tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING)  # a suspended tenant is exported too
        if tenant.id == PLATFORM_TENANT_ID:
            raise InvalidInput("The platform tenant is the shared library, not a client's data.",
                               hint="Every deployment seeds the library itself (`vital db seed`).")
        version = one(conn, SQL("tenant_export.schema_version"))["version"]
        catalog = read(conn)
        params = {"tenant": tenant.id}
        entries = []
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                parts = [(USERS, "auth/users.copy", USER_COLUMNS, users_query())]
                parts += [(name, member, columns, sql.SQL(SQL(statement)))
                          for name, (member, columns, statement) in AUTH_INTERNALS.items()]
                parts += [(t.name, f"tables/{t.name}.copy", t.writable, export_select(t))
                          for t in catalog.dependency_order()]
                for name, member, columns, query in parts:
                    with tempfile.TemporaryFile() as spool:
                        rows, digest = copy_out(conn, query, params, spool.write)
                        _add(tar, member, spool)
                    entries.append({"table": name, "file": member, "columns": list(columns),
                                    "rows": rows, "sha256": digest})
                    if progress and rows:
                        progress(f"{name}: {rows} rows")
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION,
                    "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "schema_version": version,
                    "tenant": {"id": str(tenant.id), "subdomain": tenant.subdomain, "name": tenant.name},
                    "tables": entries,
                }
                _add(tar, MANIFEST, io.BytesIO(json.dumps(manifest, indent=2).encode()))
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    return manifest


def _add(tar: tarfile.TarFile, name: str, data) -> None:
    info = tarfile.TarInfo(name)
    info.size = data.seek(0, io.SEEK_END)
    info.mtime = int(time.time())
    data.seek(0)
    tar.addfile(info, data)
