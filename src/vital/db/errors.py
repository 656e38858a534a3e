"""The one place where database errors become the project's errors."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import psycopg
import psycopg_pool
from psycopg import errors as pg

from vital.db import budget
from vital.errors import Conflict, DatabaseUnavailable, InvalidInput, NotFound, PermissionDenied, VitalError

_BY_CLASS: list[tuple[type[Exception], type[VitalError], str]] = [
    (pg.UniqueViolation, Conflict, "A row with the same key already exists."),
    (pg.ForeignKeyViolation, InvalidInput, "The row refers to a row that does not exist or is not yours."),
    (pg.CheckViolation, InvalidInput, "A value breaks a rule of the schema."),
    (pg.NotNullViolation, InvalidInput, "A required value is missing."),
    (pg.ReadOnlySqlTransaction, PermissionDenied, "A read-only request cannot change data."),
    (pg.InsufficientPrivilege, PermissionDenied, "Not allowed for this role or tenant."),
    (pg.UndefinedTable, NotFound, "No such table."),
    (pg.UndefinedColumn, InvalidInput, "No such column."),
    (pg.DataError, InvalidInput, "A value has the wrong type or format."),
    (pg.OperationalError, DatabaseUnavailable, "The database is unavailable."),
]


def from_database(exc: Exception) -> VitalError:
    """Translate one driver error; the original stays as __cause__."""
    if isinstance(exc, psycopg_pool.PoolTimeout):
        return DatabaseUnavailable("No database connection became free in time.", hint="Retry shortly.")
    if isinstance(exc, pg.QueryCanceled) and "user request" not in (exc.diag.message_primary or ""):
        # What the caller asked took longer than its kind of request may (docs/fairness.md): the
        # client's to change (a 4xx, api/errors.py), not the server failing. A cancel "due to user
        # request" (an operator's pg_cancel_backend) is the server's: 503 below. The test is on the
        # message because both share SQLSTATE 57014; a server in another language errs towards the 4xx.
        spent = budget.current()
        spent.timed_out = True  # the tenant's heavy work pauses (vital.api.fairness)
        limit = spent.statement_timeout_ms
        allowed = f"; allowed={limit} ms" if limit else ""
        err = InvalidInput("The request took longer than this kind of request may, and was stopped.",
                           details=f"limit=statement_timeout{allowed}",
                           hint="Ask for less: narrow the filter, add a limit, or use a simpler, anchored "
                                "pattern for match/imatch.")
        err.sqlstate = exc.sqlstate
        return err
    if isinstance(exc, pg.QueryCanceled):
        return DatabaseUnavailable("The database cancelled the statement.", hint="Retry shortly.")
    if isinstance(exc, pg.CheckViolation) and not getattr(exc.diag, "constraint_name", None):
        # Raised by a trigger, not a CHECK constraint: a rule about the other rows
        # (e.g. the last active owner stays), which the state of the data breaks.
        err = Conflict(exc.diag.message_primary or str(exc).strip(), hint=exc.diag.message_hint)
        err.sqlstate = exc.sqlstate
        return err
    for cls, target, summary in _BY_CLASS:
        if isinstance(exc, cls):
            diag = getattr(exc, "diag", None)
            primary = getattr(diag, "message_primary", None) or str(exc).strip()
            if isinstance(exc, pg.DataError) and getattr(diag, "source_function", None) == "exec_stmt_raise":
                # A value our own function refused (RAISE in PL/pgSQL, e.g. vital.set_tenant_llm()):
                # its message says what was wrong and its hint what to do, so it leads.
                summary = primary
            constraint = getattr(diag, "constraint_name", None)
            # A key's violation names the constraint and the tables it joins ("violates foreign key
            # constraint x_fkey on table y"): clients get its detail instead (which key, which values;
            # None when the caller may not see them). A CHECK's name is the rule a value broke (what to
            # fix), and a trigger's message is written for people: both stay.
            keyed = isinstance(exc, (pg.ForeignKeyViolation, pg.UniqueViolation)) and constraint
            details = getattr(diag, "message_detail", None) if keyed and constraint in primary else primary
            err = target(summary, details=details, hint=getattr(diag, "message_hint", None))
            err.sqlstate = getattr(exc, "sqlstate", None)
            err.constraint = constraint
            return err
    err = VitalError("The database refused the request.", details=str(exc).strip())
    err.sqlstate = getattr(exc, "sqlstate", None)
    return err


@contextmanager
def translate() -> Iterator[None]:
    try:
        yield
    except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
        raise from_database(exc) from exc


def nothing_changed(what: str, *, visible: bool) -> VitalError:
    """An UPDATE or DELETE under RLS that touched no row: the policies refused it when
    the caller can read the row, else there is no such row for this caller."""
    if visible:
        return PermissionDenied(f"Not allowed to change this {what}.",
                                hint="The database lets only the tenant's owners and admins do this.")
    return NotFound(f"No such {what} in this tenant.")
