"""`vital db backup`: a custom-format pg_dump of the whole database, with its checksum beside it."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
import psycopg

from vital.db.errors import translate
from vital.db.queries import Queries
from vital.ops import pgtools
from vital.ops.catalog import require_bypass

SQL = Queries(__name__)

# pg_dump --verbose: `pg_dump: dumping contents of table "public.agents"`
DUMPING = re.compile(r'dumping contents of table "(?P<table>[^"]+)"')

@dataclass(frozen=True)
class Backup:
    path: Path
    sha256: str
    size: int
    tables: int
    seconds: float


def default_path(database: str) -> Path:
    return Path(f"vital-{database}-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.dump")


def backup(url: str, path: Path, progress: pgtools.Progress | None = None) -> Backup:
    """Dump the database at url into path (custom format), then write path.sha256."""
    started = time.perf_counter()
    with translate(), psycopg.connect(url) as conn:
        # pg_dump turns row security off and fails on the first table a policy would filter.
        require_bypass(conn, "A backup")
        total = conn.execute(SQL("relations")).fetchone()[0]
    tables = pgtools.TableCounter(DUMPING, total, progress)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        pgtools.run("pg_dump", ["--format=custom", "--verbose", "--file", str(partial)], url=url, on_line=tables)
        partial.replace(path)  # a file under the final name is always a whole dump
    finally:
        partial.unlink(missing_ok=True)
    digest = pgtools.write_checksum(path)
    return Backup(path, digest, path.stat().st_size, tables.done, time.perf_counter() - started)
