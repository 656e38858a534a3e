"""The difference between two runs: each metric, and the questions whose judgement changed.

Questions are matched by their text (a run keeps a copy of each), so runs of the same set
compare even after the set was re-imported."""

from __future__ import annotations

from vital.evaluation.metrics import METRICS


def compare(run: dict, baseline: dict) -> dict:
    """`run` and `baseline` as Evaluation.get(..., results=True) returns them."""
    rows = []
    for name, (_, higher_better) in METRICS.items():
        now, before = run["metrics"].get(name), baseline["metrics"].get(name)
        delta = round(now - before, 4) if now is not None and before is not None else None
        better = None if not delta else (delta > 0) == higher_better
        rows.append({"metric": name, "run": now, "baseline": before, "delta": delta, "better": better})
    before = {r["question"]: r for r in baseline["results"]}
    regressed, fixed = [], []
    for r in run["results"]:
        old = before.get(r["question"])
        if old is None or r["correct"] is None or old["correct"] is None or r["correct"] == old["correct"]:
            continue
        (fixed if r["correct"] else regressed).append(
            {"question": r["question"], "baseline_confidence": old["confidence"], "confidence": r["confidence"],
             "baseline_hit_rank": old["hit_rank"], "hit_rank": r["hit_rank"]})
    common = sum(1 for r in run["results"] if r["question"] in before)
    return {"run": run["id"], "baseline": baseline["id"], "metrics": rows, "right_to_wrong": regressed,
            "wrong_to_right": fixed, "questions_in_both": common}
