"""The test cluster: one embedded server per test run, a migrated and seeded template
database (and, for tests that ask for it, the same with the platform library), and cheap clones. Shared by conftest.py and collection-time hooks."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from vital.db.connection import SESSION_OPTIONS
from vital.db.embedded import EmbeddedServer, bin_path
from vital.schema.migrator import Migrator, discover
from vital.library.seeding import seed_library
from vital.schema.seed import seed
from vital.settings import SCHEMA_DIR, Settings

TEMPLATE = "vital_template"
LIBRARY = "vital_library"
# The library is embedded once per run (or never: the vectors are cached across runs), with the
# hashing embedder most tests configure, so tests that search need no model.
LIBRARY_CACHE = Path(tempfile.gettempdir()) / "vital-test-vector-cache"
SHARED = "vital_shared"
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"


@functools.cache
def cluster() -> EmbeddedServer:
    root = Path(tempfile.mkdtemp(prefix="vital-test-"))
    server = EmbeddedServer(root / "pgdata", options=FAST)
    server.acquire()
    # atexit runs last-registered first: stop the server, then remove its files (each run's
    # cluster is a few hundred MB; left behind, they fill a developer's disk).
    atexit.register(shutil.rmtree, root, True)
    atexit.register(server.release)
    return server


def url(database: str) -> str:
    return cluster().url(database)


def connect(database: str, **kw) -> psycopg.Connection:
    return psycopg.connect(url(database), options=SESSION_OPTIONS, **kw)


def admin(statement: sql.Composable) -> None:
    with psycopg.connect(cluster().url("postgres"), autocommit=True) as conn:
        conn.execute(statement)


def migrations():
    return discover(SCHEMA_DIR / "migrations", SCHEMA_DIR / "rollbacks")


def create_empty(name: str | None = None) -> str:
    name = name or f"t_{uuid.uuid4().hex[:12]}"
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def clone(name: str | None = None, template: str = TEMPLATE) -> str:
    library_db() if template == LIBRARY else template_db()
    name = name or f"t_{uuid.uuid4().hex[:12]}"
    admin(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
    return name


def drop(name: str) -> None:
    admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@functools.cache
def template_db() -> str:
    """Built once per run: every migration and every seed."""
    create_empty(TEMPLATE)
    with connect(TEMPLATE, autocommit=True) as conn:
        with Migrator(conn, migrations()) as m:
            m.up()
        seed(conn, SCHEMA_DIR / "seed")
    return TEMPLATE


def library_settings(**overrides) -> Settings:
    return Settings(**{"environment": "test", "embedding_provider": "hash", "vector_cache_dir": LIBRARY_CACHE,
                       **overrides})


@functools.cache
def library_db() -> str:
    """The seeded template plus the platform library, as `vital up` leaves it (`clone(template=LIBRARY)`).
    Other tests' databases have no library: their searches and answers find only what they wrote."""
    clone(LIBRARY, TEMPLATE)
    with connect(LIBRARY, autocommit=True) as conn:
        seed_library(conn, library_settings())
    return LIBRARY


@functools.cache
def shared_db() -> str:
    """One clone for tests that only run inside a rolled-back transaction."""
    return clone(SHARED)


def schema_dump(database: str) -> str:
    """Schema-only dump, for comparing two databases' schemas."""
    done = subprocess.run(
        [bin_path("pg_dump"), "--schema-only", "--no-owner", "--restrict-key=vital", url(database)],
        capture_output=True, text=True, check=True,
    )
    return done.stdout
