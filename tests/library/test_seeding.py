"""The platform library in the database: seeded once with vectors, idempotent, versioned on change,
readable by every tenant through RLS, and no part of any tenant's export or erasure."""

from __future__ import annotations

import shutil
import tarfile
import tomllib

import pytest

from tests import pg
from tests.helpers import USERS
from vital.db.tenant import tenant_transaction
from vital.knowledge.search import SearchRequest, search
from vital.library.documents import DOCUMENTS_DIR, QUESTIONS_DIR, LibraryError
from vital.library.seeding import seed_library
from vital.ops.tenant_erase import erase_tenant
from vital.ops.tenant_export import export_tenant
from vital.tenancy import Caller

COUNTS = """
SELECT (SELECT count(*) FROM rag_documents d WHERE d.metadata @> '{"library": true}') AS documents,
       (SELECT count(*) FROM rag_knowledge_chunks c JOIN rag_documents d ON d.tenant_id = c.tenant_id
           AND d.id = c.document_id WHERE d.metadata @> '{"library": true}') AS chunks,
       (SELECT count(*) FROM rag_knowledge_chunks c JOIN rag_documents d ON d.tenant_id = c.tenant_id
           AND d.id = c.document_id WHERE d.metadata @> '{"library": true}' AND c.embedding IS NOT NULL) AS vectors,
       (SELECT count(*) FROM knowledge_collections WHERE metadata @> '{"library": true}') AS collections
"""


def counts(conn) -> tuple:
    return conn.execute(COUNTS).fetchone()


def as_member(conn, subdomain: str) -> tuple:
    tenant = conn.execute("SELECT id FROM tenants WHERE subdomain = %s", (subdomain,)).fetchone()[0]
    user = conn.execute("SELECT id FROM auth.users WHERE email = %s", (USERS[subdomain],)).fetchone()[0]
    return tenant, Caller.member(tenant, user, role="authenticated")


@pytest.fixture
def unseeded():
    """A seeded database without the library (after the library template's build has cached the vectors)."""
    pg.library_db()
    name = pg.clone()
    yield name
    pg.drop(name)


@pytest.fixture(scope="module")
def library_db():
    """A database as `vital up` leaves it: the seed files, then the library. Shared by this module's
    tests, in file order: those that only read it first, then the erasure, then the changed files."""
    name = pg.clone(template=pg.LIBRARY)
    yield name
    pg.drop(name)


def test_seeding_writes_every_document_with_vectors_from_the_cache_and_twice_changes_nothing(unseeded):
    shipped = len(list(DOCUMENTS_DIR.glob("*/*.md")))
    with pg.connect(unseeded, autocommit=True) as conn:
        # The template's build embedded these texts with this model: nothing is embedded again.
        first = seed_library(conn, pg.library_settings())
        assert (first.created, first.embedded, first.chunks > shipped) == (shipped, 0, True)
        after = counts(conn)
        assert after[0] == shipped and after[1] == after[2] == first.chunks and after[3] >= 10
        again = seed_library(conn, pg.library_settings())
        assert (again.unchanged, again.created, again.updated, again.chunks) == (shipped, 0, 0, 0)
        assert counts(conn) == after


def test_every_tenant_reads_the_library_and_finds_it_by_the_questions_people_ask(library_db):
    with pg.connect(library_db) as db:
        _tenants_read_and_find(db)


def _tenants_read_and_find(db):
    # The first golden question of each area: phrased the way people ask, not in the documents' words.
    firsts = [next((q for q in tomllib.loads(path.read_text())["question"] if q["set"] == "golden"), None)
              for path in sorted(QUESTIONS_DIR.glob("*.toml")) if not path.stem.startswith("out-of-scope")]
    golden = [q for q in firsts if q is not None and not q.get("decline")]  # dev-only files have none
    shipped = len(list(DOCUMENTS_DIR.glob("*/*.md")))
    members = {subdomain: as_member(db, subdomain) for subdomain in ("acme", "pharmaco")}
    found = 0
    for subdomain, (tenant, caller) in members.items():
        with tenant_transaction(db, caller) as conn:
            assert counts(conn)[0] == shipped  # RLS: the platform's library rows are every tenant's to read
            if subdomain == "acme":
                for q in golden:
                    results = search(conn, tenant, SearchRequest(q["text"], k=10), pg.library_settings())["results"]
                    hit = [r for r in results if r["document"]["metadata"].get("slug") == q["document"]]
                    found += bool(hit) and hit[0]["document"]["library"]
    # In the top 10, with the tests' hashing embedder (not semantic) and full text: 9 of 12 when written;
    # a library no tenant could read would find none. Retrieval quality itself is `vital eval`'s to measure.
    assert found >= 0.6 * len(golden), f"{found} of {len(golden)} golden questions found their document"


def test_a_broken_file_stops_the_seed_before_anything_is_written(library_db, tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, folder)
    (folder / "quality" / "iso-13485-qms.md").write_text("# no front matter\n\n## Section\ntext\n")
    with pg.connect(library_db, autocommit=True) as conn:
        before = counts(conn)
        with pytest.raises(LibraryError, match="quality/iso-13485-qms.md"):
            seed_library(conn, pg.library_settings(), directory=folder)
        assert counts(conn) == before


def test_export_and_erase_of_a_tenant_leave_the_library_out(library_db, tmp_path):
    archive = tmp_path / "acme.tar.gz"
    with pg.connect(library_db, autocommit=True) as conn:
        library = {str(r[0]) for r in conn.execute(
            "SELECT id FROM rag_documents WHERE metadata @> '{\"library\": true}'").fetchall()}
        before = counts(conn)
    with pg.connect(library_db) as conn:
        export_tenant(conn, "acme", archive)
    with tarfile.open(archive) as tar:
        exported = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()).decode()
    assert "Onboarding of clinical operations staff" in exported   # acme's own document is there
    assert not [i for i in library if i in exported]
    assert "VITAL platform library" not in exported
    with pg.connect(library_db) as conn:
        erase_tenant(conn, "acme")
        conn.commit()
        assert counts(conn) == before


def test_a_changed_file_is_a_new_version_and_a_removed_file_a_removed_document(library_db, tmp_path):
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, folder)
    changed = folder / "ich-guidelines" / "ich-e6-good-clinical-practice.md"
    changed.write_text(changed.read_text() + "\n## A note added later\nSponsors keep this in mind.\n")
    (folder / "quality" / "capa-corrective-and-preventive-action.md").unlink(missing_ok=False)
    with pg.connect(library_db, autocommit=True) as conn:
        before = counts(conn)
        report = seed_library(conn, pg.library_settings(), directory=folder)
        assert (report.updated, report.removed, report.created) == (1, 1, 0)
        row = conn.execute("SELECT version, content FROM rag_documents WHERE metadata->>'slug' = %s",
                           ("ich-e6-good-clinical-practice",)).fetchone()
        assert row[0] == 2 and "Sponsors keep this in mind." in row[1]
        assert conn.execute("SELECT count(*) FROM rag_document_versions v JOIN rag_documents d ON "
                            "d.id = v.document_id WHERE d.metadata->>'slug' = 'ich-e6-good-clinical-practice'"
                            ).fetchone()[0] >= 1
        assert counts(conn)[0] == before[0] - 1
