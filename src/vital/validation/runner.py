"""Runs the checks in checks/*.sql; every check shares one result shape."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg

from vital.errors import ConfigError
from vital.schema.migrator import Migration

CHECKS_DIR = Path(__file__).parent / "checks"
LEVELS = ("error", "warning", "info")

# Tables exempt from rule 1, with the reason (docs/validator.md repeats it).
GLOBAL_TABLES = {"tenants": "its row is the tenant"}


@dataclass(frozen=True)
class Check:
    name: str
    level: str
    description: str
    sql: str


@dataclass(frozen=True)
class Finding:
    check: str
    level: str
    object: str
    detail: str
    remediation: str
    suppressed_because: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def load_checks(directory: Path = CHECKS_DIR) -> list[Check]:
    checks = []
    for path in sorted(directory.glob("*.sql")):
        text = path.read_text()
        header = dict(re.findall(r"^-- (level|description): (.+)$", text, re.MULTILINE))
        if header.get("level") not in LEVELS or "description" not in header:
            raise ConfigError(f"Check {path.name} needs '-- level:' ({'/'.join(LEVELS)}) and '-- description:' lines.")
        checks.append(Check(path.stem, header["level"], header["description"], text))
    return checks


def run_checks(conn: psycopg.Connection, migrations: list[Migration], *, schemas: tuple[str, ...] = ("public",),
               suppressions: dict[tuple[str, str], str] | None = None,
               checks: list[Check] | None = None) -> list[Finding]:
    """Run every check on the open connection (inside its current transaction)."""
    params = {
        "schemas": list(schemas),
        "global_tables": list(GLOBAL_TABLES),
        "migration_files": [m.version for m in migrations],
        "rollback_files": [m.version for m in migrations if m.rollback.exists()],
    }
    suppressions = suppressions or {}
    findings = []
    for check in checks or load_checks():
        with conn.transaction():  # a savepoint: one failing check does not abort the others
            rows = conn.execute(check.sql, params).fetchall()
        for obj, detail, remediation in rows:
            findings.append(Finding(check.name, check.level, obj, detail, remediation,
                                    suppressions.get((check.name, obj))))
    return sorted(findings, key=lambda f: (LEVELS.index(f.level), f.check, f.object))
