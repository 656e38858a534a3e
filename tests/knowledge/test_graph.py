"""The knowledge graph: rule-based entities, nodes merged into the platform graph, walks, fusion search."""

from __future__ import annotations

from tests.knowledge.corpus import DOCUMENTS
from vital.db.tenant import tenant_transaction
from vital.knowledge import graph
from vital.knowledge.entities import extract

SAE = DOCUMENTS["sae-reporting.md"]


def test_the_extractor_canonicalises_variants_and_keeps_offsets():
    text = ("ICH E6(R3) replaces ICH E6(R2). The IRB and the independent ethics committee review SUSARs; "
            "pembrolizumab treats melanoma. The Write-Ahead Log (WAL) is flushed. Audits follow 21 CFR Part 11.")
    found = {(m.entity_type, m.name) for m in extract(text)}
    assert {("regulation", "ICH E6(R3)"), ("regulation", "ICH E6(R2)"),
            ("organization", "institutional review board"), ("adverse_event", "SUSAR"), ("drug", "pembrolizumab"),
            ("disease", "melanoma"), ("other", "Write-Ahead Log (WAL)"), ("regulation", "21 CFR Part 11")} <= found
    for m in extract(text):
        assert text[m.start:m.end] == m.text
    assert [m.key for m in extract("ICH E6(R3)")] == ["regulation:ich-e6-r3"]   # the seed's key for it
    assert extract("the aes of the garden") == []                                 # short forms are case-sensitive


def test_relations_come_from_verbs_between_mentions():
    edges = graph._chunk_edges([("c1", "ICH E6(R3) supersedes ICH E6(R2). Pembrolizumab treats melanoma.")],
                               {"c1": extract("ICH E6(R3) supersedes ICH E6(R2). Pembrolizumab treats melanoma.")})
    assert ("regulation:ich-e6-r3", "supersedes", "regulation:ich-e6-r2") in edges
    assert ("drug:pembrolizumab", "treats", "disease:melanoma") in edges


def test_ingestion_links_entities_to_chunks_the_platform_graph_domains_and_agents(kb):
    report = kb.ingest("acme", {"sae.md": SAE}, domains=["pharmacovigilance"])
    doc = report.files[0].document_id
    acme = kb.tenant("acme")
    entities = {r[0] for r in kb.conn.execute(
        "SELECT e.normalized_text FROM rag_extracted_entities e JOIN rag_knowledge_chunks c"
        " ON c.tenant_id = e.tenant_id AND c.id = e.chunk_id WHERE c.document_id = %s", (doc,))}
    assert {"serious adverse event", "susar"} <= entities
    # "serious adverse event" is a platform node (seeded): acme's edges attach to it, no copy is made.
    sae = kb.one("SELECT tenant_id, id FROM kg_nodes WHERE normalized_key = 'adverse_event:serious-adverse-event'"
                 " ORDER BY tenant_id = vital.platform_tenant_id() DESC LIMIT 1")
    assert str(sae[0]) == "00000000-0000-0000-0000-000000000000"
    assert kb.one("SELECT count(*) FROM kg_nodes WHERE tenant_id = %s"
                  " AND normalized_key = 'adverse_event:serious-adverse-event'", acme)[0] == 0
    own = kb.one("SELECT chunk_id IS NOT NULL, domain_id IS NOT NULL FROM kg_nodes"
                 " WHERE tenant_id = %s AND normalized_key = 'adverse_event:susar'", acme)
    assert own == (True, True)
    relations = {r[0] for r in kb.conn.execute("SELECT relation FROM kg_edges WHERE tenant_id = %s", (acme,))}
    assert {"related_to", "part_of", "expert_in"} <= relations
    assert kb.one("SELECT count(*) FROM kg_edges WHERE tenant_id = %s AND relation = 'expert_in'", acme)[0] >= 1


def test_neighbourhood_walks_both_ways_and_another_tenant_sees_none_of_acmes_edges(kb):
    kb.ingest("acme", {"sae.md": SAE})
    for subdomain in ("acme", "pharmaco"):
        with tenant_transaction(kb.conn, kb.claims(subdomain), read_only=True) as c:
            node = graph.find_nodes(c, "serious adverse event")[0]
            around = graph.neighbourhood(c, node["id"], depth=1)
        names = {n["node"]["name"] for n in around["neighbours"]}
        assert ("SUSAR" in names) == (subdomain == "acme")
        assert "ICH E6 Good Clinical Practice" in names  # the platform's own edges, seen by both


def test_graph_and_fusion_search_find_chunks_through_entities(kb):
    kb.ingest("acme", {"sae.md": SAE, "consent.md": DOCUMENTS["informed-consent.md"]})
    found = kb.search("acme", "SUSAR", strategy="graph")
    assert found["results"] and found["lists"] == ["graph"]
    assert found["results"][0]["document"]["source_ref"] == "sae.md"
    fused = kb.search("acme", "what does the sponsor do with a SUSAR", strategy="fusion")
    assert fused["lists"] == ["vector:vital-hashing-384", "fulltext", "graph"]
    assert fused["results"][0]["document"]["source_ref"] == "sae.md"
    assert "graph" in fused["results"][0]["scores"]
