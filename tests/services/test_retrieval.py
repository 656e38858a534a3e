"""The services' retrieval on top of the knowledge library's search (hybrid), topped up by any-word full text."""

from __future__ import annotations

from tests import pg
from vital.db.tenant import tenant_transaction
from vital.services.retrieval import FullTextRetriever, KnowledgeRetriever, relevance
from vital.settings import Settings


def test_knowledge_search_then_any_word_top_up(api_pool, callers, chunks, services_db):
    retriever = KnowledgeRetriever(Settings(environment="test", embedding_provider="hash"))
    with tenant_transaction(api_pool, callers["acme"]) as conn:
        # every word in one chunk: the knowledge library's own full-text list finds it
        exact = retriever.search(conn, "mock inspection CAPA", k=3)
        # a question whose words are spread over chunks; more places than the library search fills
        asked = retriever.search(conn, "How should a site get ready for inspectors and CAPA actions?", k=20)
    assert exact.passages[0].chunk_id == chunks["acme"]["GMP inspection readiness"][0]
    assert exact.extra["search_id"] and 0 < exact.passages[0].score <= 1
    assert asked.strategy in ("hybrid", "hybrid+fulltext_any")
    ids = [p.chunk_id for p in asked.passages]
    assert len(ids) == len(set(ids)) <= 20 and set(ids) & set(chunks["acme"]["GMP inspection readiness"])
    with pg.connect(services_db[0]) as conn:
        logged = conn.execute("SELECT strategy FROM search_logs WHERE id = %s", (exact.extra["search_id"],)).fetchone()
    assert logged == ("hybrid",)


def test_any_word_search_respects_tenants(api_pool, callers, chunks):
    with tenant_transaction(api_pool, callers["pharmaco"]) as conn:
        found = FullTextRetriever().search(conn, "GMP inspection readiness mock CAPA", k=10).passages
    assert not {p.chunk_id for p in found} & {c for ids in chunks["acme"].values() for c in ids}


def test_relevance_maps_raw_scores_into_0_1():
    assert relevance({"fulltext": {"rank": 1, "score": 1.0}}, semantic=True) == 0.5
    assert relevance({"vector:m": {"rank": 1, "score": 0.82}, "fulltext": {"rank": 3, "score": 0.1}}, True) == 0.82
    assert relevance({"vector:hash": {"rank": 1, "score": 0.99}}, semantic=False) == 0.0
