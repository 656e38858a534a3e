"""The schema as the live catalog holds it, grouped into the domains of the migration files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from vital.schema.migrator import FILE_NAME

SQL_DIR = Path(__file__).parent / "sql"

# Titles the plain title-casing of a file name would get wrong.
TITLES = {"jtbds": "JTBDs", "other": "Other (not created by a migration)"}
# auth.users is created by the compatibility migration only where Supabase lacks it;
# the design counts it in Core.
AUTH_USERS_DOMAIN = "core"
OTHER = "other"

CREATES = re.compile(
    r"\bCREATE\s+(?:TABLE\s+IF\s+NOT\s+EXISTS|(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW(?:\s+IF\s+NOT\s+EXISTS)?)"
    r"\s+public\.(\w+)",
    re.IGNORECASE,
)
LINE_COMMENT = re.compile(r"--[^\n]*")
CONSTRAINT_ORDER = {"p": 0, "u": 1, "f": 2, "c": 3, "x": 4}
CONSTRAINT_KINDS = {"p": "primary key", "u": "unique", "f": "foreign key", "c": "check", "x": "exclusion"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    default: str | None
    comment: str | None


@dataclass(frozen=True)
class Constraint:
    name: str
    kind: str  # p, u, f, c, x (pg_constraint.contype)
    definition: str
    columns: tuple[str, ...]
    parent: str | None = None  # foreign keys: the referenced relation's display name

    @property
    def kind_name(self) -> str:
        return CONSTRAINT_KINDS[self.kind]


@dataclass(frozen=True)
class Policy:
    name: str
    command: str
    mode: str
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None


@dataclass
class Relation:
    schema: str
    name: str
    kind: str  # r, p (tables), v, m (views)
    comment: str | None
    rls_enabled: bool
    rls_forced: bool
    options: tuple[str, ...]
    definition: str | None
    columns: list[Column] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    indexes: list[tuple[str, str]] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    triggers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return display_name(self.schema, self.name)

    @property
    def is_view(self) -> bool:
        return self.kind in ("v", "m")

    def key_columns(self, kind: str) -> set[str]:
        return {c for con in self.constraints if con.kind == kind for c in con.columns}

    @property
    def foreign_keys(self) -> list[Constraint]:
        return [c for c in self.constraints if c.kind == "f"]


@dataclass
class Domain:
    key: str
    tables: list[Relation] = field(default_factory=list)
    views: list[Relation] = field(default_factory=list)

    @property
    def title(self) -> str:
        return TITLES.get(self.key, self.key.replace("_", " ").title())


@dataclass
class Schema:
    domains: list[Domain]

    @property
    def tables(self) -> list[Relation]:
        return [t for d in self.domains for t in d.tables]


def display_name(schema: str, name: str) -> str:
    return name if schema == "public" else f"{schema}.{name}"


@cache
def query(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def domain_order(migrations_dir: Path) -> dict[str, tuple[str, int]]:
    """public relation name -> (domain, position), from the migration file that creates it."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(migrations_dir.glob("*.sql")):
        match = FILE_NAME.match(path.name)
        if not match:
            continue
        text = LINE_COMMENT.sub("", path.read_text())
        for name in CREATES.findall(text):
            found.setdefault(name, (match["name"], len(found)))
    return found


def load(conn: psycopg.Connection, migrations_dir: Path) -> Schema:
    """Read the catalog through conn; domains follow the migration files in migrations_dir."""
    with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        # Expressions are printed relative to the search_path: pin it so that the
        # output does not depend on how the connection was opened.
        cur.execute("SET LOCAL search_path = public, extensions")
        relations = {row["oid"]: _relation(row) for row in cur.execute(query("relations")).fetchall()}
        params = {"oids": list(relations)}
        for row in cur.execute(query("columns"), params):
            relations[row["oid"]].columns.append(_column(row))
        for row in cur.execute(query("constraints"), params):
            relations[row["oid"]].constraints.append(_constraint(row))
        for row in cur.execute(query("indexes"), params):
            relations[row["oid"]].indexes.append((row["name"], row["definition"]))
        for row in cur.execute(query("policies"), params):
            relations[row["oid"]].policies.append(Policy(
                row["name"], row["command"], row["mode"], tuple(row["roles"]), row["using"], row["with_check"]))
        for row in cur.execute(query("triggers"), params):
            relations[row["oid"]].triggers.append((row["name"], row["definition"]))
    for rel in relations.values():
        rel.constraints.sort(key=lambda c: (CONSTRAINT_ORDER[c.kind], c.name))
    return _group(list(relations.values()), domain_order(migrations_dir))


def _group(relations: list[Relation], order: dict[str, tuple[str, int]]) -> Schema:
    def place(rel: Relation) -> tuple[str, int]:
        if rel.schema == "auth":
            return AUTH_USERS_DOMAIN, -1
        return order.get(rel.name, (OTHER, len(order)))

    first_seen: dict[str, int] = {}
    for domain, position in sorted(order.values(), key=lambda p: p[1]):
        first_seen.setdefault(domain, position)
    grouped: dict[str, Domain] = {}
    for rel in sorted(relations, key=lambda r: (place(r)[1], r.schema, r.name)):
        key = place(rel)[0]
        domain = grouped.setdefault(key, Domain(key))
        (domain.views if rel.is_view else domain.tables).append(rel)
    keys = sorted(grouped, key=lambda k: (k == OTHER, first_seen.get(k, -1), k))
    return Schema([grouped[k] for k in keys])


def _relation(row: dict) -> Relation:
    return Relation(row["schema"], row["name"], row["kind"], row["comment"], row["rls_enabled"],
                    row["rls_forced"], tuple(row["options"]), row["definition"])


def _column(row: dict) -> Column:
    default = row["expression"]
    if row["generated"]:
        storage = "stored" if row["generated"] == "s" else "virtual"
        default = f"generated always as ({default}) {storage}"
    elif row["identity"]:
        default = "generated always as identity" if row["identity"] == "a" else "generated by default as identity"
    return Column(row["name"], row["type"], row["nullable"], default, row["comment"])


def _constraint(row: dict) -> Constraint:
    parent = display_name(row["parent_schema"], row["parent"]) if row["parent"] else None
    return Constraint(row["name"], row["kind"], row["definition"], tuple(row["columns"]), parent)
