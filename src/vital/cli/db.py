"""`vital db ...`: the database's lifecycle (migrations, seed, reset, connection)."""

from __future__ import annotations

import os
import subprocess
import time
from typing import TYPE_CHECKING

import click

from vital.cli.common import database, handles_errors, option, out, progress, progress_bars, settings
from vital.cli.keys import print_demo_access
from vital.cli.serve import run_api, serve_options, servable, with_server_options
from vital.errors import ConfigError

if TYPE_CHECKING:
    from vital.db.connection import Database
    from vital.schema.migrator import Migrator


def migrator(db: Database, conn) -> Migrator:
    from vital.schema.migrator import Migrator, discover

    s = db.settings
    return Migrator(conn, discover(s.migrations_dir, s.rollbacks_dir))


def migrate_and_seed(db: Database, *, with_seed: bool = True, include_all: bool = False) -> None:
    from vital.library.seeding import seed_library
    from vital.schema.seed import seed

    with db.session(autocommit=True) as conn, migrator(db, conn) as m:
        applied = m.up(include_all=include_all, progress=progress)
        out.print(f"{len(applied)} migration(s) applied; schema is up to date.")
        if with_seed:
            files = seed(conn, db.settings.seed_dir, progress=progress)
            out.print(f"{len(files)} seed file(s) applied.")
            out.print(seed_library(conn, db.settings, progress=progress_bars).summary())


@click.group()
def db() -> None:
    """Database: migrations, seed, reset, status, connection."""


@db.command("new")
@click.argument("name")
@click.pass_context
@handles_errors
def new(ctx, name: str) -> None:
    """Create a forward migration NAME and its rollback file."""
    from vital.schema.migrator import new_migration

    s = settings(ctx)
    forward, rollback = new_migration(name, s.migrations_dir, s.rollbacks_dir)
    out.print(f"created {forward}\ncreated {rollback}")


@db.command("up")
@option("--include-all", "--force", "include_all", is_flag=True,
        help="Also apply pending migrations older than the newest applied one.")
@click.pass_context
@handles_errors
def db_up(ctx, include_all: bool) -> None:
    """Apply pending migrations, in order, each in one transaction."""
    with database(ctx) as d:
        migrate_and_seed(d, with_seed=False, include_all=include_all)


@db.command("down")
@option("--steps", type=click.IntRange(min=1), help="Roll back this many migrations  [default: 1]")
@option("--to", "to", metavar="VERSION", help="Roll back every migration newer than VERSION (0 = all).")
@click.pass_context
@handles_errors
def down(ctx, steps: int | None, to: str | None) -> None:
    """Run rollback scripts, newest first."""
    if steps is not None and to is not None:
        raise click.UsageError("give --steps or --to, not both")
    with database(ctx) as d, d.session(autocommit=True) as conn, migrator(d, conn) as m:
        done = m.down(steps=steps, to=to, progress=progress)
        out.print(f"{len(done)} migration(s) rolled back.")


@db.command("status")
@click.pass_context
@handles_errors
def status(ctx) -> None:
    """List migrations: applied, pending, missing-file, edited."""
    with database(ctx) as d, d.session(autocommit=True) as conn, migrator(d, conn) as m:
        rows = m.status()
    for row in rows:
        colour = {"applied": "green", "pending": "yellow"}.get(row.state, "red")
        out.print(f"{row.version}  {row.name:<32} [{colour}]{row.state}[/{colour}]")
    if any(r.state in ("missing-file", "edited") for r in rows):
        raise SystemExit(1)


@db.command("seed")
@click.pass_context
@handles_errors
def seed_cmd(ctx) -> None:
    """Load the platform library and the demo tenants (idempotent)."""
    from vital.library.seeding import seed_library
    from vital.schema.seed import seed

    with database(ctx) as d, d.session(autocommit=True) as conn:
        files = seed(conn, d.settings.seed_dir, progress=progress)
        out.print(f"{len(files)} seed file(s) applied.")
        out.print(seed_library(conn, d.settings, progress=progress_bars).summary())


@db.command("reset")
@option("--yes", is_flag=True, help="Confirm a reset of an external database.")
@option("--no-seed", is_flag=True, help="Do not seed after migrating.")
@click.pass_context
@handles_errors
def reset(ctx, yes: bool, no_seed: bool) -> None:
    """Drop everything, re-apply every migration, re-seed."""
    started = time.perf_counter()
    with database(ctx) as d:
        if d.server is not None:
            d.recreate()
        else:
            if not yes:
                raise ConfigError("Refusing to reset an external database without --yes.",
                                  hint="Every row will be lost: add --yes if that is what you want.")
            with d.session(autocommit=True) as conn, migrator(d, conn) as m:
                m.down(to="0", progress=progress)
        migrate_and_seed(d, with_seed=not no_seed)
    out.print(f"reset done in {time.perf_counter() - started:.1f} s")


@db.command("url")
@option("--api", is_flag=True, help="The API role's connection string instead of the owner's.")
@click.pass_context
@handles_errors
def url(ctx, api: bool) -> None:
    """Print the connection string of the database in use."""
    with database(ctx) as d:
        click.echo(d.api_url if api else d.url)


@db.command("psql", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
@handles_errors
def psql(ctx, args) -> None:
    """Open psql on the database in use (the bundled client for the embedded server)."""
    from vital.db.connection import SESSION_OPTIONS
    from vital.db.embedded import bin_path

    with database(ctx) as d:
        env = {**os.environ, "PGOPTIONS": SESSION_OPTIONS}
        client = bin_path("psql") if d.server is not None else "psql"
        child = subprocess.Popen([client, d.url, *args], env=env)
        try:
            code = child.wait()
        finally:
            if child.poll() is None:  # we are exiting on a signal: take psql with us
                child.terminate()
                child.wait()
    raise SystemExit(code)


@click.command("up")
@option("--no-seed", is_flag=True, help="Do not load the platform library and demo tenants.")
@option("--no-serve", is_flag=True, help="Only prepare the database; do not start the API.")
@serve_options
@click.pass_context
@handles_errors
def up(ctx, no_seed: bool, no_serve: bool, host: str | None, port: int | None, workers: int | None,
       no_worker: bool) -> None:
    """Bring the platform up: database started, migrated and seeded, then the API until Ctrl-C."""
    from vital.auth.secret import with_secret

    s = with_server_options(settings(ctx), host, port, workers)
    # Checked before anything starts: serving beyond loopback needs a configured secret.
    s = with_secret(s) if no_serve else servable(s)
    with database(ctx) as d:
        migrate_and_seed(d, with_seed=not no_seed)
        where = f"embedded server in {d.settings.pgdata}" if d.server else "external database"
        out.print(f"VITAL database ready ({where}).")
        with d.session() as conn:
            print_demo_access(conn, s)
        if no_serve:
            return
        run_api(s, None if no_worker else d)
