"""Entry point: `vital --help` lists every command."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from vital import __version__
from vital.cli.common import fail, option
from vital.cli.ask import ask
from vital.cli.db import db, up
from vital.cli.serve import serve
from vital.cli.keys import keys
from vital.cli.passwords import password
from vital.cli.invite import invite
from vital.cli.sso import sso
from vital.cli.token import token
from vital.cli.users import user
from vital.cli.docs import docs
from vital.cli.generate import generate_cmd
from vital.cli.kb import kb
from vital.cli.evaluate import evaluate
from vital.cli.worker import worker
from vital.cli import ops
from vital.cli.tenant_llm import llm_allow
from vital.cli.validate import completeness, validate
from vital.errors import VitalError


@click.group(context_settings={"auto_envvar_prefix": "VITAL", "show_default": True,
                               "help_option_names": ["-h", "--help"]})
@option("--database-url", envvar=["VITAL_DATABASE_URL", "DATABASE_URL"],
        help="External PostgreSQL (>= 15, pgvector) to use instead of the embedded server.")
@option("--data-dir", type=click.Path(path_type=Path), envvar="VITAL_DATA_DIR",
        help="Where the embedded server keeps its data  [default: .vital]")
@option("--pg-port", type=int, envvar="VITAL_PG_PORT",
        help="Embedded server: also listen on 127.0.0.1 at this port.")
@option("--environment", type=click.Choice(["local", "test", "staging", "production"]),
        envvar="VITAL_ENVIRONMENT", help="Deployment environment  [default: local]")
@click.version_option(__version__, prog_name="vital")
@click.pass_context
def cli(ctx: click.Context, database_url, data_dir, pg_port, environment) -> None:
    """VITAL: multi-tenant AI expert platform on PostgreSQL."""
    from vital.settings import load_settings  # pydantic: not for `vital --help`

    try:
        ctx.obj = load_settings(database_url=database_url, data_dir=data_dir, pg_port=pg_port,
                                environment=environment)
    except VitalError as error:
        fail(error)


for command in (up, db, serve, token, keys, password, user, invite, docs, ops.tenant, kb, ask, sso, worker, evaluate):
    cli.add_command(command)
for command in (validate, completeness, generate_cmd, ops.backup, ops.restore, ops.pitr_group, ops.jobs,
                ops.citus_plan):
    db.add_command(command)
ops.tenant.add_command(llm_allow)


def _exit_on_signal(signum, _frame) -> None:
    # Turn SIGTERM/SIGHUP into a normal exit so that context managers and atexit
    # run: the last holder of the embedded server must stop it.
    sys.exit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    cli(prog_name="vital")
