"""A run's metrics from its per-question results (the stored eval_results rows), so that any
figure can be recomputed from what was stored (docs/knowledge.md#evaluation)."""

from __future__ import annotations

import math
from typing import Iterable

# name -> (what it is, higher is better?) in the order tables print them
METRICS = {
    "hit_at_k": ("expected document among the first k retrieved", True),
    "mrr": ("mean reciprocal rank of the expected document", True),
    "fact_recall": ("answers containing the expected fact", True),
    "decline_precision": ("declined answers that should have been declined", True),
    "decline_recall": ("out-of-scope questions declined", True),
    "wrong_confident_rate": ("wrong answers with confidence >= 0.5, of all judged", False),
    "citation_validity": ("citations whose sentence is in the cited passage", True),
    "correct": ("answers judged right", True),
    "latency_ms_p50": ("answer latency, median (ms)", False),
    "latency_ms_p95": ("answer latency, 95th percentile (ms)", False),
}


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 1)


def compute(results: list[dict], k: int) -> dict:
    """Metrics over the judged results (a result with an error is counted apart, not judged)."""
    judged = [r for r in results if r.get("error") is None and r.get("declined") is not None]
    answerable = [r for r in judged if not r["should_decline"]]
    with_document = [r for r in answerable if r.get("expected_document")]
    with_fact = [r for r in answerable if r.get("fact_pattern")]
    out_of_scope = [r for r in judged if r["should_decline"]]
    declined = [r for r in judged if r["declined"]]
    citations = sum(r["citations_total"] for r in judged)
    latencies = [float(r["latency_ms"]) for r in judged if r.get("latency_ms") is not None]
    return {
        "questions": len(results), "judged": len(judged), "errors": len(results) - len(judged),
        "answerable": len(answerable), "should_decline": len(out_of_scope), "k": k,
        "hit_at_k": _mean(r["hit_rank"] is not None and r["hit_rank"] <= k for r in with_document),
        "mrr": _mean(1 / r["hit_rank"] if r["hit_rank"] else 0.0 for r in with_document),
        "fact_recall": _mean(bool(r["fact_found"]) for r in with_fact),
        "decline_precision": _mean(r["should_decline"] for r in declined),
        "decline_recall": _mean(r["declined"] for r in out_of_scope),
        "wrong_confident_rate": _mean(not r["correct"] and (r["confidence"] or 0) >= 0.5 for r in judged),
        "citation_validity": round(sum(r["citations_valid"] for r in judged) / citations, 4) if citations else None,
        "correct": _mean(r["correct"] for r in judged),
        "latency_ms_p50": percentile(latencies, 50), "latency_ms_p95": percentile(latencies, 95),
    }
