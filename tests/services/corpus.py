"""Documents written for these tests, inserted as the owner into each demo tenant's knowledge base.

Chunks get no embedding: retrieval finds them by full text, which makes the
expected citations predictable."""

from __future__ import annotations

import hashlib

DOCUMENTS = {
    "acme": {
        "Non-inferiority trial design": [
            "The sample size of a non-inferiority trial depends on the non-inferiority margin, the expected event "
            "rates, the one-sided significance level and the power. A smaller margin requires many more patients.",
            "The non-inferiority margin must be justified from historical placebo-controlled trials of the active "
            "comparator. The margin should preserve a clinically meaningful fraction of the comparator effect.",
        ],
        "HIPAA breach notification": [
            "Under the HIPAA Breach Notification Rule, covered entities must notify affected individuals without "
            "unreasonable delay and no later than 60 days after discovery of a breach of unsecured protected "
            "health information.",
            "Breaches affecting 500 or more residents of a state require notice to prominent media outlets and to "
            "the HHS Secretary within 60 days; smaller breaches are logged and reported to HHS annually.",
        ],
        "GMP inspection readiness": [
            "Before a GMP inspection the site runs a mock inspection, closes overdue CAPA actions and checks that "
            "batch records, deviation reports and training files can be retrieved within minutes.",
            "Inspection readiness depends on a front room and back room organisation, trained subject matter "
            "experts and a clear process for answering inspector requests the same day.",
        ],
        "Decentralised trial elements": [
            "Decentralised trial elements such as home nursing visits and electronic consent improve recruitment "
            "and retention of patients who live far from investigator sites.",
            "Decentralised elements should not be used when the primary endpoint needs in-clinic imaging, because "
            "home assessments cannot replace a standardised scanner protocol.",
        ],
    },
    "pharmaco": {
        "Signal detection SOP": [
            "Safety signal detection screens adverse event reports monthly with disproportionality statistics, the "
            "proportional reporting ratio and the reporting odds ratio, on MedDRA preferred terms.",
            "A signal is validated by a safety physician, who reviews the case narratives, the temporal "
            "relationship and dechallenge before the signal is sent to the safety review committee.",
        ],
        "PCB-214 confidential hepatic review": [
            "PharmaCo confidential: the PCB-214 hepatotoxicity review found two cases meeting Hy's law criteria "
            "in the pooled phase II data.",
        ],
    },
}


def load(conn) -> dict[str, dict[str, list[str]]]:
    """Insert the corpus (idempotent); returns {tenant: {title: [chunk ids]}}."""
    ids: dict[str, dict[str, list[str]]] = {}
    for tenant, documents in DOCUMENTS.items():
        tenant_id = conn.execute("SELECT id FROM tenants WHERE subdomain = %s", (tenant,)).fetchone()[0]
        for title, chunks in documents.items():
            digest = hashlib.sha256(f"{tenant}:{title}".encode()).hexdigest()
            doc = conn.execute(
                "INSERT INTO rag_documents (tenant_id, title, content, content_hash, status) "
                "VALUES (%s, %s, %s, %s, 'ready') ON CONFLICT DO NOTHING RETURNING id",
                (tenant_id, title, "\n\n".join(chunks), digest)).fetchone()
            if doc is None:
                doc = conn.execute("SELECT id FROM rag_documents WHERE tenant_id = %s AND content_hash = %s",
                                   (tenant_id, digest)).fetchone()
            for index, text in enumerate(chunks):
                conn.execute("INSERT INTO rag_knowledge_chunks (tenant_id, document_id, chunk_index, chunk_text) "
                             "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING", (tenant_id, doc[0], index, text))
            rows = conn.execute("SELECT id FROM rag_knowledge_chunks WHERE tenant_id = %s AND document_id = %s "
                                "ORDER BY chunk_index", (tenant_id, doc[0])).fetchall()
            ids.setdefault(tenant, {})[title] = [str(r[0]) for r in rows]
    conn.commit()
    return ids
