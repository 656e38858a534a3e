"""Plain-SQL migrations in the Supabase CLI format, with rollbacks kept apart.

Forward files are `<UTC YYYYMMDDHHMMSS>_<name>.sql`; each has a rollback file of
the same name in the rollbacks folder. Applied versions are recorded in
supabase_migrations.schema_migrations, so `supabase migration list` agrees.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Callable

import psycopg
import sqlparse

from vital.db.queries import Queries
from vital.db.rows import many
from vital.errors import MigrationError

FILE_NAME = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9][a-z0-9_]*)\.sql$")
# `-- include: <package>/<path>` in a forward file stands for that file of the installed package, read
# when the migration is applied (Procrastinate's schema SQL follows its pin; the checksum is of our file).
INCLUDE = re.compile(r"^-- include: (?P<package>[a-z_]+)/(?P<path>[\w/.-]+\.sql)$", re.MULTILINE)
LOCK_KEY = 0x56495441  # "VITA": one advisory lock for every migration runner
SQL = Queries(__name__)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path
    rollback: Path

    @cached_property
    def text(self) -> str:
        return self.path.read_text()

    @cached_property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def label(self) -> str:
        return f"{self.version}_{self.name}"


@dataclass(frozen=True)
class Statement:
    sql: str
    line: int  # 1-based line of the file where the statement's code starts
    head: str  # that first line of code, for error messages


@dataclass(frozen=True)
class StatusRow:
    version: str
    name: str
    state: str  # applied | pending | missing-file | edited


def check_file_name(path: Path) -> re.Match:
    match = FILE_NAME.match(path.name)
    if not match:
        raise MigrationError(
            f"Migration file name '{path.name}' is not <YYYYMMDDHHMMSS>_<name>.sql.",
            hint="Create migrations with `vital db new NAME`; names are lower-case letters, digits and _.",
        )
    try:
        datetime.strptime(match["version"], "%Y%m%d%H%M%S")
    except ValueError:
        raise MigrationError(f"Migration file '{path.name}' does not start with a valid UTC timestamp.") from None
    return match


def discover(migrations_dir: Path, rollbacks_dir: Path) -> list[Migration]:
    found = []
    for path in sorted(migrations_dir.glob("*.sql")):
        match = check_file_name(path)
        found.append(Migration(match["version"], match["name"], path, rollbacks_dir / path.name))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        dup = sorted({v for v in versions if versions.count(v) > 1})
        raise MigrationError(f"Two migration files share version {', '.join(dup)}.")
    return found


def expand_includes(text: str) -> str:
    return INCLUDE.sub(lambda m: resources.files(m["package"]).joinpath(m["path"]).read_text(), text)


def split_statements(text: str) -> list[Statement]:
    """Statements of a file with the line each starts on (for error messages)."""
    out, offset = [], 0
    for raw in sqlparse.split(text):
        start = text.find(raw, offset)
        offset = start + len(raw)
        lines = raw.splitlines()
        code = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("--")]
        if code and raw.strip() != ";":
            line = text.count("\n", 0, start) + 1 + code[0]
            out.append(Statement(raw.strip(), line, lines[code[0]].strip()[:120]))
    return out


def new_migration(name: str, migrations_dir: Path, rollbacks_dir: Path, now: datetime | None = None) -> tuple[Path, Path]:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        raise MigrationError(f"'{name}' gives an empty migration name.", hint="Use letters and digits, e.g. add_tags.")
    version = (now or datetime.now(timezone.utc)).strftime("%Y%m%d%H%M%S")
    forward, rollback = migrations_dir / f"{version}_{slug}.sql", rollbacks_dir / f"{version}_{slug}.sql"
    if forward.exists():
        raise MigrationError(f"{forward} already exists.", hint="Wait a second and run it again.")
    forward.write_text(f"-- {slug}\n\n-- == types ==\n\n-- == tables ==\n\n-- == functions ==\n\n"
                       "-- == triggers ==\n\n-- == policies ==\n\n-- == indexes ==\n")
    rollback.write_text(f"-- Rollback of {version}_{slug}: undo the forward file, in reverse order.\n")
    return forward, rollback


class Migrator:
    """Applies and rolls back migrations on one autocommit connection, under an advisory lock."""

    def __init__(self, conn: psycopg.Connection, migrations: list[Migration]):
        if not conn.autocommit:
            raise ValueError("the migrator needs an autocommit connection: it manages its own transactions")
        self.conn = conn
        self.migrations = migrations

    def __enter__(self) -> "Migrator":
        self.conn.execute(SQL("migrations.lock"), {"key": LOCK_KEY})
        self.conn.execute(SQL.script("bookkeeping"))
        return self

    def __exit__(self, *exc) -> None:
        if not self.conn.closed:
            self.conn.execute(SQL("migrations.unlock"), {"key": LOCK_KEY})

    def applied(self) -> dict[str, tuple[str | None, str | None]]:
        return {r["version"]: (r["name"], r["checksum"]) for r in many(self.conn, SQL("migrations.applied"))}

    def status(self) -> list[StatusRow]:
        applied = self.applied()
        rows = []
        by_version = {m.version: m for m in self.migrations}
        for version in sorted(set(applied) | set(by_version)):
            m = by_version.get(version)
            if m is None:
                rows.append(StatusRow(version, applied[version][0] or "", "missing-file"))
            elif version not in applied:
                rows.append(StatusRow(version, m.name, "pending"))
            elif applied[version][1] not in (None, m.checksum):
                rows.append(StatusRow(version, m.name, "edited"))
            else:
                rows.append(StatusRow(version, m.name, "applied"))
        return rows

    def up(self, *, include_all: bool = False, progress: Progress | None = None) -> list[Migration]:
        applied = self.applied()
        for row in self.status():
            if row.state == "edited":
                raise MigrationError(
                    f"Migration {row.version}_{row.name} was edited after it was applied.",
                    hint="Restore the file as it was applied and put the change in a new migration (`vital db new`).",
                )
        newest = max(applied, default="")
        pending = [m for m in self.migrations if m.version not in applied]
        older = [m.label for m in pending if m.version < newest]
        if older and not include_all:
            raise MigrationError(
                f"Pending migration(s) older than the newest applied one ({newest}): {', '.join(older)}.",
                hint="Rename them to a later version, or apply them anyway with --include-all.",
            )
        for m in pending:
            if progress:
                progress(f"applying {m.label}")
            self._apply(m)
        if pending:
            self.conn.execute(SQL("migrations.reload_schema"))
        return pending

    def down(self, *, steps: int | None = None, to: str | None = None,
             progress: Progress | None = None) -> list[Migration]:
        applied = sorted(self.applied(), reverse=True)
        if to is not None:
            targets = [v for v in applied if v > to]
        else:
            targets = applied[: 1 if steps is None else steps]
        by_version = {m.version: m for m in self.migrations}
        missing = [v for v in targets if v not in by_version or not by_version[v].rollback.exists()]
        if missing:
            raise MigrationError(
                f"No rollback file for applied migration(s) {', '.join(missing)}; nothing was rolled back.",
                hint="Each forward file needs a rollback of the same name in the rollbacks folder.",
            )
        done = []
        for version in targets:
            m = by_version[version]
            if progress:
                progress(f"rolling back {m.label}")
            self._run(m, m.rollback, SQL("migrations.forget"), {"version": m.version})
            done.append(m)
        if done:
            self.conn.execute(SQL("migrations.reload_schema"))
        return done

    # -- internals -----------------------------------------------------------
    def _apply(self, m: Migration) -> None:
        statements = [s.sql for s in split_statements(expand_includes(m.text))]
        self._run(m, m.path, SQL("migrations.record"),
                  {"version": m.version, "name": m.name, "statements": statements, "checksum": m.checksum})

    def _run(self, m: Migration, path: Path, bookkeeping: str, params: dict) -> None:
        """Every statement of one file and its bookkeeping, in one transaction."""
        statements = split_statements(expand_includes(path.read_text()))
        with self.conn.transaction():
            for number, stmt in enumerate(statements, 1):
                try:
                    self.conn.execute(stmt.sql, prepare=False)
                except psycopg.Error as exc:
                    raise MigrationError(
                        f"{path.name} failed at statement {number} (line {stmt.line}): {stmt.head}",
                        details=str(exc).strip(),
                        hint="Nothing of this file was applied. Fix the statement and run it again.",
                    ) from exc
            self.conn.execute(bookkeeping, params)
