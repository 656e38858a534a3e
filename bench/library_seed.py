"""Benchmark of seeding the platform library: cold (every chunk embedded), warm (vectors from the
cache, as after `vital db reset`) and unchanged (a second `vital db seed`).

Uses the database in use (VITAL_DATABASE_URL, else the embedded one in VITAL_DATA_DIR) and the
configured embedder (VITAL_EMBEDDING_PROVIDER). It deletes the library's documents before the cold
and warm runs and leaves the library seeded; the cold run uses a temporary, empty vector cache.
Run from the project root:

    .venv/bin/python bench/library_seed.py
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from vital.db.connection import Database
from vital.library.seeding import seed_library
from vital.settings import Settings

CLEAR = """DELETE FROM public.rag_documents WHERE tenant_id = vital.platform_tenant_id()
             AND source_id = vital.seed_uuid('knowledge_sources', 'platform', 'vital-platform-library')"""


def run(conn, settings: Settings, label: str, clear: bool) -> None:
    if clear:
        conn.execute(CLEAR)
    started = time.perf_counter()
    report = seed_library(conn, settings)
    took = time.perf_counter() - started
    rate = f", {report.embedded / took:.1f} chunks/s embedded" if report.embedded else ""
    print(f"{label:<10} {took:7.1f} s  {report.summary()}{rate}")


def main() -> None:
    settings = Settings()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"VITAL_EMBEDDING_PROVIDER={settings.embedding_provider}, VITAL_EMBEDDING_THREADS={settings.embedding_threads}")
    with Database(settings) as db, db.session(autocommit=True) as conn, tempfile.TemporaryDirectory() as cold:
        run(conn, settings.model_copy(update={"vector_cache_dir": Path(cold)}), "cold", clear=True)
        run(conn, settings.model_copy(update={"vector_cache_dir": Path(cold)}), "warm", clear=True)
        run(conn, settings, "unchanged", clear=False)


if __name__ == "__main__":
    main()
