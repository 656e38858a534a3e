"""The tier's `documents` limit during ingestion: new and restored documents count, updates do not."""

from __future__ import annotations

import json
import threading

import pytest

from tests import pg
from tests.knowledge.conftest import settings
from vital.db.tenant import tenant_transaction
from vital.services import limits

REFUSED = limits.LimitExceeded.code


def stored(kb, subdomain="acme") -> int:
    return kb.one("SELECT count(*) FROM rag_documents WHERE tenant_id = %s AND deleted_at IS NULL",
                  kb.tenant(subdomain))[0]


def allow(kb, documents: int, subdomain="acme") -> None:
    kb.conn.execute("UPDATE tenants SET settings = settings || %s::jsonb WHERE subdomain = %s",
                    (json.dumps({"limits": {"documents": documents}}), subdomain))


def test_files_past_the_limit_fail_and_name_it_while_updates_still_go_in(kb):
    allow(kb, stored(kb) + 1)
    report = kb.ingest("acme", {"first.txt": b"The first new SOP.", "second.txt": b"The second new SOP."})
    assert [f.status for f in report.files] == ["created", "failed"]
    error = report.files[1].error
    tier = kb.one("SELECT tier FROM tenants WHERE subdomain = 'acme'")[0]
    assert error["code"] == REFUSED and "documents" in error["message"] and f"{tier} tier" in error["message"]
    assert "higher tier" in error["hint"]
    assert report.status == "partial" and report.refused is None  # something went in
    assert kb.one("SELECT count(*) FROM rag_documents WHERE source_ref = 'second.txt'")[0] == 0

    full = kb.ingest("acme", {"third.txt": b"A third new SOP."})
    assert full.status == "failed" and isinstance(full.refused, limits.LimitExceeded)
    assert kb.one("SELECT errors->0->>'code' FROM rag_ingestion_jobs WHERE id = %s", full.job_id)[0] == REFUSED

    revised = kb.ingest("acme", {"first.txt": b"The first SOP, revised."})
    assert [(f.status, f.version) for f in revised.files] == [("updated", 2)]
    assert kb.ingest("pharmaco", {"third.txt": b"A third new SOP."}).files[0].status == "created"


def test_restoring_a_deleted_document_counts_as_adding_one(kb):
    gone = kb.ingest("acme", {"old.txt": b"A retired procedure."}).files[0].document_id
    kb.conn.execute("UPDATE rag_documents SET deleted_at = now() WHERE id = %s", (gone,))
    allow(kb, stored(kb) + 1)
    assert kb.ingest("acme", {"new.txt": b"Its replacement."}).files[0].status == "created"
    again = kb.ingest("acme", {"old.txt": b"A retired procedure."}).files[0]
    assert again.status == "failed" and again.error["code"] == REFUSED
    assert kb.one("SELECT deleted_at IS NOT NULL FROM rag_documents WHERE id = %s", gone)[0]


def test_two_uploads_cannot_both_take_the_last_place(kb, fresh_db):
    allow(kb, stored(kb) + 1)
    kb.model(settings())  # registering a model builds indexes: done first, so that only the limit is contended
    late: dict = {}
    with pg.connect(fresh_db) as first:
        with tenant_transaction(first, kb.claims("acme")) as conn:
            limits.check_documents(conn)  # takes the tenant's lock until commit
            conn.execute("INSERT INTO rag_documents (tenant_id, source_ref, title, content, content_hash, status) "
                         "VALUES (auth.tenant_id(), 'racer.txt', 'Racer', 'won', encode(sha256('won'), 'hex'), 'ready')")
            other = threading.Thread(target=lambda: late.update(
                report=kb.ingest("acme", {"late.txt": b"Arrived second."})))
            other.start()
            other.join(1.0)
            assert other.is_alive()  # waiting for the first transaction, not counting past it
        other.join(30)
    assert late["report"].files[0].error["code"] == REFUSED
    assert stored(kb) == kb.one("SELECT (settings->'limits'->>'documents')::int FROM tenants "
                                "WHERE subdomain = 'acme'")[0]


@pytest.mark.parametrize("amount", [0, -5])
def test_usage_counters_only_grow(kb, amount):
    from vital.errors import InvalidInput

    with pytest.raises(InvalidInput, match="must be positive"):
        with tenant_transaction(kb.conn, kb.claims("acme")) as conn:
            conn.execute("SELECT vital.count_usage('tokens', %s, NULL)", (amount,))
