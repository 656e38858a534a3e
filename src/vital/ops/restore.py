"""`vital db restore FILE`: a backup back into an empty database, all or nothing."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
import psycopg

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.db.rows import one
from vital.errors import Conflict, InvalidInput
from vital.ops import pgtools
from vital.schema.migrator import Migration, split_statements

SQL = Queries(__name__)

# pg_restore --verbose: `pg_restore: processing data for table "public.agents"`
PROCESSING = re.compile(r'processing data for table "(?P<table>[^"]+)"')
# pg_restore --list: `3981; 0 17011 TABLE DATA public agents postgres`
TABLE_DATA = re.compile(r"^\d+; \d+ \d+ TABLE DATA ", re.MULTILINE)
# A grant of roles to a role (`GRANT anon, authenticated TO vital_api`), not of a privilege ON something.
ROLE_GRANT = re.compile(r"^GRANT\s+(?!.*\bON\b)[\w\s,]+\s+TO\s+\w+\s*;?$", re.IGNORECASE)

@dataclass(frozen=True)
class Restored:
    tables: int
    checksum_verified: bool
    replaced: bool  # the database held objects, and --force replaced them
    seconds: float


def role_statements(migrations: list[Migration]) -> list[str]:
    """The migrations' statements that create cluster roles and their memberships: pg_dump carries no
    roles, but the dump's grants and policies name them (each statement creates only what is missing)."""
    return [s.sql for m in migrations for s in split_statements(m.text)
            if "CREATE ROLE" in s.sql or ROLE_GRANT.match(s.sql)]


def restore(url: str, path: Path, *, migrations: list[Migration], force: bool = False, no_owner: bool = False,
            progress: pgtools.Progress | None = None) -> Restored:
    """Restore path into the database at url in one transaction: a failure leaves it as it was."""
    started = time.perf_counter()
    if not path.is_file():
        raise InvalidInput(f"No backup file {path}.")
    verified = pgtools.verify_checksum(path)
    # Reading the table of contents also proves the file is a custom-format archive.
    total = len(TABLE_DATA.findall(pgtools.output("pg_restore", ["--list", str(path)])))
    with translate(), psycopg.connect(url, autocommit=True) as conn:
        relations = one(conn, SQL("relations"))["relations"]
        if relations and not force:
            raise Conflict(f"The database '{conn.info.dbname}' is not empty ({relations} relations).",
                           hint="Restore into an empty database, or add --force to drop and re-create the "
                                "objects the backup holds (other objects stay).")
        for statement in role_statements(migrations):
            conn.execute(statement)
    tables = pgtools.TableCounter(PROCESSING, total, progress)
    args = ["--verbose", "--exit-on-error", "--single-transaction"]
    if relations:
        args += ["--clean", "--if-exists"]
    if no_owner:
        args += ["--no-owner"]
    pgtools.run("pg_restore", [*args, str(path)], url=url, on_line=tables)
    return Restored(tables.done, verified, bool(relations), time.perf_counter() - started)
