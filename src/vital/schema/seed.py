"""The platform library and demo tenants: seed files applied in name order, in one transaction.

`<name>.json` files are data, inserted by vital.schema.seed_data; `<name>.sql` files are
the seeding that is logic (rows computed from rows already seeded). For one name the
data goes first (`.json` sorts before `.sql`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import psycopg

from vital.errors import MigrationError
from vital.schema import seed_data


def seed_files(seed_dir: Path) -> list[Path]:
    return sorted([*seed_dir.glob("*.json"), *seed_dir.glob("*.sql")])


def seed(conn: psycopg.Connection, seed_dir: Path, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Apply every seed file; idempotent by construction (fixed ids, ON CONFLICT DO NOTHING)."""
    files = seed_files(seed_dir)
    with conn.transaction():
        for path in files:
            if progress:
                progress(f"seeding {path.name}")
            try:
                if path.suffix == ".json":
                    seed_data.load(conn, path)
                else:
                    conn.execute(path.read_text(), prepare=False)
            except (psycopg.Error, KeyError, ValueError) as exc:
                raise MigrationError(
                    f"Seed file {path.name} failed; nothing was seeded.", details=str(exc).strip()
                ) from exc
    return files
