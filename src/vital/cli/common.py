"""What every CLI command shares: options shown with their environment variable, errors, output."""

from __future__ import annotations

import functools
import sys

import click
from rich.console import Console

from vital.db.connection import Database
from vital.errors import VitalError
from vital.settings import Settings

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

# Every option can be set from the environment; --help shows the variable.
option = functools.partial(click.option, show_envvar=True)


def settings(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def database(ctx: click.Context) -> Database:
    return Database(settings(ctx))


def progress(message: str) -> None:
    err.print(f"[dim]…[/dim] {message}")


def fail(error: VitalError, code: int = 1) -> None:
    err.print(f"[bold red]error:[/bold red] {error.message}")
    if error.details:
        err.print(error.details, markup=False)
    if error.hint:
        err.print(f"[yellow]hint:[/yellow] {error.hint}")
    sys.exit(code)


def handles_errors(fn):
    """VitalErrors end the command with a message, not a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except VitalError as error:
            fail(error)

    return wrapper
