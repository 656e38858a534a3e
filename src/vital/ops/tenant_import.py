"""`vital tenant import`: a tenant archive into another deployment, ids preserved, all or nothing.

Every file is checked against the manifest's sha256 before anything is read
into the database. The rows go first into temporary tables, where they are
checked (only the archive's tenant, no id that exists here already, every
reference into the platform library present here); then they are inserted
parents first, rows that triggers wrote on the way (audit entries, version
snapshots) are removed, and every table is read back and compared with the
manifest's checksum. Any failure rolls the whole import back.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from uuid import UUID

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from vital.catalog import Catalog, Table, read
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import Conflict, InvalidInput
from vital.ops.catalog import (PLATFORM_TENANT_ID, delete_tenant_rows, export_select, require_bypass,
                               same_key, stable_output)
from vital.ops.report import TenantReport
from vital.ops.tenant_export import AUTH_INTERNALS, FORMAT, FORMAT_VERSION, MANIFEST, USERS, copy_out
from vital.tenancy import tenant_holding

SQL = Queries(__name__)

Progress = Callable[[str], None]
_AND = sql.SQL(" AND ")


@dataclass
class Imported(TenantReport):
    tenant: dict
    users_added: int = 0
    users_reused: int = 0
    passwords_added: int = 0


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise InvalidInput("The archive has no readable manifest.json: it is not a VITAL tenant export.") from exc
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("format_version"), int):
        raise InvalidInput("The archive is not a VITAL tenant export.")
    if manifest["format_version"] > FORMAT_VERSION:
        raise InvalidInput(f"The archive has format version {manifest['format_version']}; this VITAL reads "
                           f"up to {FORMAT_VERSION}.", hint="Upgrade VITAL on this deployment first.")
    return manifest


def import_tenant(conn: psycopg.Connection, archive: Path, progress: Progress | None = None) -> Imported:
    """Import one archive in one transaction (conn must have none open)."""
    started = time.perf_counter()
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise InvalidInput(f"{archive} is not a readable .tar.gz archive.", details=str(exc)) from exc
    with tar, conn.transaction():
        manifest = read_manifest(tar)
        entries = {e["table"]: e for e in manifest["tables"]}
        for entry in entries.values():
            _verify_member(tar, entry)
        require_bypass(conn, "A tenant import")
        stable_output(conn)
        catalog = read(conn)
        tenant = manifest["tenant"]
        tenant_id = UUID(tenant["id"])
        _check_schema(conn, catalog, manifest, entries)
        _check_tenant_is_new(conn, tenant)
        stages = {name: _stage(conn, tar, entry, n) for n, (name, entry) in enumerate(entries.items())}
        tables = [t for t in catalog.dependency_order() if t.name in entries]
        _check_rows(conn, tables, stages, tenant_id)
        report = Imported(tenant)
        if USERS in stages:
            report.users_added, report.users_reused = _add_users(conn, stages[USERS], entries[USERS]["columns"])
        for name in AUTH_INTERNALS.keys() & stages.keys():
            added = _add_auth_internals(conn, name, stages[name], entries[name]["columns"])
            if name == "vital.user_passwords":
                report.passwords_added = added
        for table in tables:
            report.rows[table.name] = _insert(conn, table, stages[table.name], entries[table.name]["columns"], tenant_id)
            if progress and report.rows[table.name]:
                progress(f"{table.name}: {report.rows[table.name]} rows")
        # Rows of the tenant the archive does not hold were written by triggers (audit, versions).
        delete_tenant_rows(conn, catalog, tenant_id, keep=stages)
        _verify_tables(conn, tables, entries, tenant_id)
        conn.execute(SQL("audit_entry"), {
            "tenant": tenant_id, "action": "IMPORT",
            "data": Jsonb({"archive": archive.name, "exported_at": manifest.get("created_at"),
                           "source_schema_version": manifest.get("schema_version"),
                           "rows": {k: v for k, v in report.rows.items() if v},
                           "users_added": report.users_added, "users_reused": report.users_reused})})
    report.seconds = round(time.perf_counter() - started, 2)
    return report


# -- checks ------------------------------------------------------------------
def _verify_member(tar: tarfile.TarFile, entry: dict) -> None:
    try:
        f = tar.extractfile(entry["file"])
    except KeyError:
        f = None
    if f is None:
        raise InvalidInput(f"The archive lacks {entry['file']}, which its manifest lists.")
    digest = hashlib.sha256()
    while block := f.read(1 << 20):
        digest.update(block)
    if digest.hexdigest() != entry["sha256"]:
        raise InvalidInput(f"{entry['file']} does not match the manifest's sha256: the archive is damaged.")


def _check_schema(conn: psycopg.Connection, catalog: Catalog, manifest: dict, entries: dict) -> None:
    version = manifest.get("schema_version")
    applied = one(conn, SQL("tenant_import.schema_applied"), {"version": version})["applied"]
    if not applied:
        raise InvalidInput(f"The archive was written at schema version {version}, which this database has not "
                           "applied.", hint="Bring this deployment up to date first (`vital db up`).")
    problems = []
    for name, entry in entries.items():
        if name == USERS or name in AUTH_INTERNALS:
            continue
        if name not in catalog.tables or not catalog.tables[name].is_public_table:
            problems.append(f"table {name} does not exist here")
            continue
        missing = set(entry["columns"]) - set(catalog.tables[name].writable)
        if missing:
            problems.append(f"{name}: no column(s) {', '.join(sorted(missing))} here")
    if problems:
        raise InvalidInput("The archive does not fit this database's schema.", details="\n".join(problems))


def _check_tenant_is_new(conn: psycopg.Connection, tenant: dict) -> None:
    held = tenant_holding(conn, tenant["id"], tenant["subdomain"])
    if held is not None:
        same = "id" if str(held.id) == tenant["id"] else "subdomain"
        raise Conflict(f"A tenant with the same {same} exists here already ({held.subdomain}, {held.id}); nothing was "
                       "imported.", hint="An import only creates a new tenant. An erased tenant keeps its id and "
                                         "subdomain (its tombstone): import into another deployment.")


def _check_rows(conn: psycopg.Connection, tables: list[Table], stages: dict, tenant_id: UUID) -> None:
    foreign, existing, missing = [], [], []
    for table in tables:
        stage = stages[table.name]
        n = _count(conn, SQL.composed("tenant_import.foreign_rows", stage=stage,
                                      tenant_column=sql.Identifier(table.tenant_column)), tenant_id)
        if n:
            foreign.append(f"{table.name}: {n} row(s)")
        if "id" in table.columns:
            n = _count(conn, SQL.composed("tenant_import.existing_ids", stage=stage, table=table.ident), tenant_id)
            if n:
                existing.append(f"{table.name}: {n} id(s)")
        for fk in table.foreign_keys:
            if fk.library:
                n = _count(conn, _missing_library_rows(fk, stage, table), tenant_id)
                if n:
                    missing.append(f"{table.name}.{fk.columns[-1]} -> {fk.parent}: {n} row(s)")
    if foreign:
        raise InvalidInput("The archive holds rows of another tenant; nothing was imported.",
                           details="\n".join(foreign))
    if existing:
        raise Conflict("Rows of the archive have ids that exist here already; nothing was imported.",
                       details="\n".join(existing))
    if missing:
        raise InvalidInput("The archive refers to platform library rows this deployment does not have; nothing "
                           "was imported.", details="\n".join(missing),
                           hint="Seed the platform library (`vital db seed`) at the archive's schema version.")


def _missing_library_rows(fk, stage: sql.Identifier, table: Table) -> sql.Composed:
    present = _AND.join(sql.SQL("p.{} = s.{}").format(sql.Identifier(pc), sql.Identifier(c))
                        for c, pc in zip(fk.columns, fk.parent_columns))
    not_null = _AND.join(sql.SQL("s.{} IS NOT NULL").format(sql.Identifier(c)) for c in fk.columns)
    return SQL.composed("tenant_import.missing_library_rows", stage=stage, lead=sql.Identifier(fk.columns[0]),
                        not_null=not_null, parent=sql.Identifier("public", fk.parent), present=present)


def _count(conn: psycopg.Connection, query: sql.Composable, tenant_id: UUID) -> int:
    return one(conn, query, {"tenant": tenant_id, "platform": PLATFORM_TENANT_ID})["n"]


# -- loading -----------------------------------------------------------------
def _stage(conn: psycopg.Connection, tar: tarfile.TarFile, entry: dict, n: int) -> sql.Identifier:
    """A temporary copy of the entry's table, filled from the archive."""
    stage = sql.Identifier(f"import_{n}")
    schema, _, name = entry["table"].rpartition(".")
    conn.execute(SQL.composed("tenant_import.stage", stage=stage, table=sql.Identifier(schema or "public", name)))
    cols = sql.SQL(", ").join(map(sql.Identifier, entry["columns"]))
    source = tar.extractfile(entry["file"])
    with conn.cursor().copy(SQL.composed("tenant_import.stage_copy", stage=stage, columns=cols)) as copy:
        while block := source.read(1 << 20):
            copy.write(block)
    return stage


def _add_users(conn: psycopg.Connection, stage: sql.Identifier, columns: list[str]) -> tuple[int, int]:
    """Insert the archive's users; one that exists here with the same id and email is reused."""
    check = one(conn, SQL.composed("import_users_check", stage=stage))
    if check["conflicts"]:
        raise Conflict(f"{check['conflicts']} user(s) of the archive clash with users here (same id with another "
                       "email, or same email with another id); nothing was imported.")
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    added = conn.execute(SQL.composed("tenant_import.add_users", columns=cols, stage=stage)).rowcount
    return added, check["reused"]


def _add_auth_internals(conn: psycopg.Connection, name: str, stage: sql.Identifier, columns: list[str]) -> int:
    """Password hashes and locks of the archive's users. A user who has a password here
    keeps it: an account's password is the deployment's, whatever tenant arrives."""
    schema, _, table = name.partition(".")
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    return conn.execute(sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM {s} ON CONFLICT (user_id) DO NOTHING").format(
        t=sql.Identifier(schema, table), c=cols, s=stage)).rowcount


def _insert(conn: psycopg.Connection, table: Table, stage: sql.Identifier, columns: list[str],
            tenant_id: UUID) -> int:
    """The stage's rows into the table; rows of a self-referencing table parents first, in rounds."""
    if table.name != "tenants":  # what is there already, triggers wrote while earlier tables went in
        conn.execute(SQL.composed("tenant_import.clear_table", table=table.ident), {"tenant": tenant_id})
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    ready = [sql.SQL("NOT EXISTS (SELECT 1 FROM {} x WHERE {})").format(table.ident, same_key(table, "x", "s"))]
    for fk in (fk for fk in table.foreign_keys if fk.self_reference):
        # Its parent is in the table already, or it is the row itself, or the reference is null.
        pairs = list(zip(fk.columns, fk.parent_columns))
        ready.append(sql.SQL("({} OR {} OR EXISTS (SELECT 1 FROM {} p WHERE {}))").format(
            sql.SQL(" OR ").join(sql.SQL("s.{} IS NULL").format(sql.Identifier(c)) for c, _ in pairs),
            _AND.join(sql.SQL("s.{} = s.{}").format(sql.Identifier(pc), sql.Identifier(c)) for c, pc in pairs),
            table.ident,
            _AND.join(sql.SQL("p.{} = s.{}").format(sql.Identifier(pc), sql.Identifier(c)) for c, pc in pairs)))
    query = SQL.composed(
        "tenant_import.insert_ready", table=table.ident, columns=cols, stage=stage, ready=_AND.join(ready),
        key=sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(k)) for k in table.primary_key))
    total = 0
    while (n := conn.execute(query).rowcount) > 0:
        total += n
    staged = one(conn, SQL.composed("tenant_import.staged", stage=stage))["n"]
    if total != staged:
        raise InvalidInput(f"{staged - total} row(s) of {table.name} refer to rows of their own table that the "
                           "archive does not hold; nothing was imported.")
    return total


def _verify_tables(conn: psycopg.Connection, tables: list[Table], entries: dict, tenant_id: UUID) -> None:
    for table in tables:
        entry = entries[table.name]
        rows, digest = copy_out(conn, export_select(table, tuple(entry["columns"])), {"tenant": tenant_id})
        if (rows, digest) != (entry["rows"], entry["sha256"]):
            raise InvalidInput(f"{table.name} reads back differently from the archive ({rows} rows, expected "
                               f"{entry['rows']}); nothing was imported.",
                               hint="A trigger or default of this deployment changed the rows.")
