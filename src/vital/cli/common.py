"""What every CLI command shares: options shown with their environment variable, errors, output.

The CLI's modules import the database, the services and rich's progress bars inside the commands
that use them: every `vital` process paid ~1.7 s of imports (LangGraph among them) before this.
"""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

import click
from rich.console import Console

from vital.errors import VitalError

if TYPE_CHECKING:
    from vital.db.connection import Database
    from vital.settings import Settings

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

# Every option can be set from the environment; --help shows the variable.
option = functools.partial(click.option, show_envvar=True)


def settings(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def database(ctx: click.Context) -> Database:
    from vital.db.connection import Database

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


@contextmanager
def progress_bars(totals: dict[str, int]) -> Iterator[Callable[[str, int], None]]:
    """Yields advance(what, n): rich bars on a terminal, a line per tenth elsewhere (logs, CI)."""
    if err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err) as bar:
            tasks = {what: bar.add_task(what, total=total) for what, total in totals.items()}
            yield lambda what, n: bar.advance(tasks[what], n)
        return
    done = dict.fromkeys(totals, 0)

    def advance(what: str, n: int) -> None:
        before = done[what] * 10 // max(totals[what], 1)
        done[what] += n
        if done[what] * 10 // max(totals[what], 1) > before or done[what] == totals[what]:
            err.print(f"{what}: {done[what]:,}/{totals[what]:,}")

    yield advance
