"""Operations (docs/operations.md): `vital db backup|restore|pitr|jobs|citus-plan` and
`vital tenant export|import|erase|deleted|restore`."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vital.cli.common import database, err, handles_errors, option, out, progress
from vital.errors import ConfigError
from vital.ops.bounds import DELETED_ROWS_LIMIT

if TYPE_CHECKING:
    from vital.tenancy import Caller


@contextmanager
def table_bar(what: str):
    """A progress bar over tables; yields the (table, done, total) callback the ops modules call."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(what), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("", total=None)
        yield lambda table, done, total: bar.update(task, completed=done, total=total, description=table)


@click.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@handles_errors
def backup(ctx, file: Path | None) -> None:
    """Dump the whole database to FILE (custom format) and write FILE.sha256 beside it."""
    from vital.ops.backup import default_path, backup as run_backup

    with database(ctx) as d:
        target = file or default_path(d.settings.database_name)
        with table_bar("backup") as bar:
            done = run_backup(d.url, target, bar)
    out.print(f"{done.path}: {done.size / 1e6:.1f} MB, {done.tables} tables in {done.seconds:.1f} s; "
              f"sha256 {done.sha256} in {done.path.name}.sha256", soft_wrap=True)


@click.command("restore")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@option("--to", "to", metavar="TIMESTAMP", type=datetime.fromisoformat,
        help="Instead of FILE: the embedded server back to this moment (ISO 8601 with zone), from its WAL archive.")
@option("--force", is_flag=True, help="Restore into a database that is not empty: the backup's objects are "
                                      "dropped and re-created.")
@option("--no-owner", is_flag=True, help="Objects owned by the restoring login (a backup of another deployment).")
@click.pass_context
@handles_errors
def restore(ctx, file: Path | None, to: datetime | None, force: bool, no_owner: bool) -> None:
    """Restore a backup (vital db backup) in one transaction, or recover to a moment (--to)."""
    from vital.ops import pitr
    from vital.ops.restore import restore as run_restore
    from vital.schema.migrator import discover

    if (file is None) == (to is None):
        raise click.UsageError("give a backup FILE or --to TIMESTAMP")
    if to is not None:
        with database(ctx) as d:
            kept = pitr.recover(d, to)
        out.print(f"recovered to {to.isoformat()}; the data folder it replaced is kept in {kept}", soft_wrap=True)
        return
    with database(ctx) as d, table_bar("restore") as bar:
        migrations = discover(d.settings.migrations_dir, d.settings.rollbacks_dir)
        done = run_restore(d.url, file, migrations=migrations, force=force, no_owner=no_owner, progress=bar)
    checked = "checksum verified" if done.checksum_verified else "[yellow]no .sha256 beside it: not verified[/yellow]"
    out.print(f"{file}: {done.tables} tables restored in {done.seconds:.1f} s ({checked}"
              f"{'; existing objects replaced' if done.replaced else ''}).", soft_wrap=True)


@click.group("pitr")
def pitr_group() -> None:
    """Point-in-time recovery of the embedded server: WAL archive and base backups."""


@pitr_group.command("enable")
@click.pass_context
@handles_errors
def pitr_enable(ctx) -> None:
    """Archive WAL into the archive folder (restarts the server once) and take a first base backup."""
    from vital.ops import pitr

    with database(ctx) as d:
        base = pitr.enable(d)
    out.print(f"WAL archiving on into {pitr.archive_dir(d)}; base backup {base.path.name}. Recoverable from "
              f"{base.finished_at.isoformat()} on; take a base backup daily (`vital db pitr base-backup`).",
              soft_wrap=True)


@pitr_group.command("base-backup")
@click.pass_context
@handles_errors
def pitr_base_backup(ctx) -> None:
    """A new base backup (recovery replays the WAL archived since the newest one before the target)."""
    from vital.ops import pitr

    with database(ctx) as d:
        base = pitr.base_backup(d)
    out.print(f"base backup {base.path} complete at {base.finished_at.isoformat()}", soft_wrap=True)


@pitr_group.command("status")
@option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def pitr_status(ctx, as_json: bool) -> None:
    """Archive folder, archiver counters, base backups, earliest recoverable moment."""
    from vital.ops import pitr

    with database(ctx) as d:
        found = pitr.status(d)
    if as_json:
        click.echo(json.dumps(found, default=str, indent=2))
        return
    for key, value in found.items():
        out.print(f"{key:<20} {value}", soft_wrap=True)


@click.command("jobs")
@option("--fail-stale", "stale_minutes", type=click.IntRange(min=0), metavar="MINUTES",
        help="Mark failed the running jobs that have not moved for this long (their process died).")
@click.pass_context
@handles_errors
def jobs(ctx, stale_minutes: int | None) -> None:
    """Ingestion jobs still running, every tenant, and the background-job queue by task and status;
    --fail-stale closes running jobs that no process moves any more."""
    from vital.jobs import queue
    from vital.ops import jobs as ingestion_jobs

    with database(ctx) as d, d.session(autocommit=True) as conn:
        if stale_minutes is not None:
            for subdomain, job, done, total in ingestion_jobs.fail_stale(conn, timedelta(minutes=stale_minutes)):
                out.print(f"failed {subdomain} job {job} ({done}/{total} files done): ingest the same files again")
        found = ingestion_jobs.running(conn)
        queued = queue.summary(conn)
    for j in found:
        out.print(f"{j['subdomain']:<20} {j['id']}  {j['items_done'] + j['items_failed']}/{j['items_total']} files, "
                  f"idle {j['idle_seconds']} s")
    out.print(f"{len(found)} running job(s).")
    for q in queued:
        out.print(f"queue: {q['task']:<22} {q['status']:<10} {q['jobs']:>6} job(s), most attempts {q['most_attempts']}")


@click.command("citus-plan")
@option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.pass_context
@handles_errors
def citus_plan(ctx, out_file: Path | None) -> None:
    """The SQL that distributes this schema on Citus (by tenant_id), generated from the catalog."""
    from vital.ops import citus

    with database(ctx) as d, d.session() as conn:
        text = citus.plan(conn).sql()
    if out_file:
        out_file.write_text(text)
        out.print(f"{out_file}: {text.count(chr(10))} lines")
    else:
        click.echo(text, nl=False)


@click.group()
def tenant() -> None:
    """One tenant's data: export, import, erase; soft-deleted rows; the model settings its admins may change."""


@tenant.command("export")
@click.argument("subdomain")
@option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
        help="Archive to write  [default: <subdomain>-<UTC time>.tar.gz]")
@click.pass_context
@handles_errors
def export(ctx, subdomain: str, out_file: Path | None) -> None:
    """Every row of the tenant, every table, in one .tar.gz with a manifest."""
    from vital.ops.tenant_export import export_tenant

    target = out_file or Path(f"{subdomain}-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.tar.gz")
    with database(ctx) as d, d.session(autocommit=True) as conn:
        manifest = export_tenant(conn, subdomain, target, progress)
    rows = sum(e["rows"] for e in manifest["tables"])
    out.print(f"{target}: {rows} rows of {sum(bool(e['rows']) for e in manifest['tables'])} tables "
              f"(schema {manifest['schema_version']}) in {manifest['seconds']:.1f} s")


@tenant.command("import")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
@handles_errors
def import_(ctx, archive: Path) -> None:
    """Import a tenant archive (vital tenant export) with its ids; refuses any conflict, writes nothing then."""
    from vital.ops.tenant_import import import_tenant

    with database(ctx) as d, d.session(autocommit=True) as conn:
        done = import_tenant(conn, archive, progress)
    out.print(f"tenant {done.tenant['subdomain']} ({done.tenant['id']}) imported: {sum(done.rows.values())} rows, "
              f"{done.users_added} user(s) added, {done.users_reused} reused, in {done.seconds:.1f} s")


@tenant.command("erase")
@click.argument("subdomain")
@option("--confirm", is_flag=True, help="Really erase: without it, only show what would go.")
@option("--keep-users", is_flag=True, help="Keep the tenant's auth users even when no other tenant has them.")
@click.pass_context
@handles_errors
def erase(ctx, subdomain: str, confirm: bool, keep_users: bool) -> None:
    """Hard-delete every row of the tenant in one transaction; leaves its tombstone and one audit entry."""
    from vital.catalog import read
    from vital.ops.tenant_erase import erasable, erase_tenant, tenant_rows

    with database(ctx) as d, d.session(autocommit=True) as conn:
        if not confirm:
            rows = tenant_rows(conn, read(conn), erasable(conn, subdomain).id)
            for table, n in sorted(rows.items()):
                out.print(f"{table:<40} {n:>10}")
            raise ConfigError(f"Nothing erased: {sum(rows.values())} rows of '{subdomain}' would go.",
                              hint="Add --confirm to erase them. There is no undo but a backup.")
        done = erase_tenant(conn, subdomain, keep_users=keep_users)
    out.print(f"tenant {subdomain} erased: {sum(done.rows.values())} rows from {len(done.rows)} tables, "
              f"{done.users_deleted} user(s), in {done.seconds:.1f} s; its tombstone and one audit entry remain.",
              soft_wrap=True)


@tenant.command("deleted")
@click.argument("subdomain")
@option("--table", help="Only this table.")
@option("--limit", type=click.IntRange(min=1), default=DELETED_ROWS_LIMIT, help="Most rows to list.")
@option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@handles_errors
def deleted(ctx, subdomain: str, table: str | None, limit: int, as_json: bool) -> None:
    """Soft-deleted rows of the tenant's critical tables, newest first (read as the tenant, through RLS)."""
    from vital.catalog import read
    from vital.db.tenant import tenant_transaction
    from vital.ops import soft_delete

    with database(ctx) as d, d.session(autocommit=True) as conn:
        catalog = read(conn)
        with tenant_transaction(conn, _as_tenant(conn, subdomain), read_only=True):
            rows = soft_delete.list_deleted(conn, catalog, table, limit)
    if as_json:
        click.echo(json.dumps(rows, default=str, indent=2))
        return
    for row in rows:
        out.print(f"{row['deleted_at']:%Y-%m-%d %H:%M:%S}  {row['table']:<22} {row['id']}  {row['label']}",
                  soft_wrap=True)
    out.print(f"{len(rows)} deleted row(s).")


@tenant.command("restore")
@click.argument("subdomain")
@click.argument("table")
@click.argument("row_id", metavar="ID")
@click.pass_context
@handles_errors
def restore_row(ctx, subdomain: str, table: str, row_id: str) -> None:
    """Restore one soft-deleted row (as the tenant, through RLS); the audit log records it."""
    from vital.catalog import read
    from vital.db.tenant import tenant_transaction
    from vital.ops import soft_delete

    with database(ctx) as d, d.session(autocommit=True) as conn:
        catalog = read(conn)
        with tenant_transaction(conn, _as_tenant(conn, subdomain)):
            row = soft_delete.restore(conn, catalog, table, row_id)
    out.print(f"restored {row['table']} {row['id']} ({row['label']}).")


def _as_tenant(conn, subdomain: str) -> Caller:
    """The tenant as a whole, for `tenant deleted|restore`. Rule.OPERATING: recovering a suspended
    tenant's soft-deleted rows is an operator's work, whatever its status."""
    from vital.tenancy import Caller, Rule, find_tenant

    return Caller.member(find_tenant(conn, subdomain, rule=Rule.OPERATING).id, subdomain=subdomain)
