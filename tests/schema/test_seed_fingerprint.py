"""The seeded content is what seed_fingerprint.json says: no seeded id or value
changes unnoticed (exports, tests and bookmarks depend on them). See
tests/schema/seed_fingerprint.py for how to regenerate the file after an intended change."""

from __future__ import annotations

import json
from pathlib import Path

from tests import pg
from tests.schema.seed_fingerprint import fingerprint

EXPECTED = Path(__file__).with_name("seed_fingerprint.json")


def test_seeded_content_is_unchanged(fresh_db):
    with pg.connect(fresh_db) as conn:
        actual = fingerprint(conn)
    expected = json.loads(EXPECTED.read_text())
    changed = {t: (expected.get(t), actual.get(t)) for t in expected.keys() | actual.keys()
               if expected.get(t) != actual.get(t)}
    assert not changed, f"seeded content changed in {sorted(changed)}: {changed}"


def test_seeding_twice_changes_nothing(fresh_db):
    from vital.schema.seed import seed
    from vital.settings import SCHEMA_DIR

    with pg.connect(fresh_db, autocommit=True) as conn:
        before = fingerprint(conn)
        seed(conn, SCHEMA_DIR / "seed")
        assert fingerprint(conn) == before
