"""Cross-validate candidate confidence features on the dev set, from a dump of bench/calibrate.py (by hand).

    PYTHONPATH=src .venv/bin/python bench/calibrate.py --dump /tmp/dev.json
    PYTHONPATH=src .venv/bin/python bench/calibrate_cv.py /tmp/dev.json shipped +margin score,nearest --l2 3

Each dev question's confidence comes from a fit on the other five folds (6 folds, mean of `--shuffles`
shuffles), fitted and ruled as bench/calibrate.py does (the jurisdiction rule's answers left out of the fit;
`nearest` below NEAREST_BELOW and an unspoken place decide the confidence themselves). A set is `shipped`
(calibration.FEATURES), `+a,b` (shipped plus candidates) or `a,b` (exactly these); a name is one of the
computed features or of the bench's candidates. Dev only: the held-out set is never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import fit  # noqa: E402

from vital.services import calibration  # noqa: E402


def value(row: dict, name: str) -> float:
    return row["features"][name] if name in row["features"] else row["extra"].get(name, 0.0)


def cross_validate(rows: list[dict], names: list[str], l2: float, shuffles: int, folds: int = 6) -> list[float]:
    """Means over shuffles: facts quoted and not declined, wrong with confidence >= 0.5 (answerable,
    out-of-scope), out-of-scope declined, answerable declined, log loss."""
    results = []
    for shuffle in range(shuffles):
        order = np.random.default_rng(shuffle).permutation(len(rows))
        p = np.zeros(len(rows))
        for fold in range(folds):
            test = set(order[fold::folds].tolist())
            train = [rows[i] for i in range(len(rows)) if i not in test]
            fitted = [r for r in train if r["features"]["place"] >= 1]
            x = np.array([[value(r, k) for k in names] for r in fitted])
            mean, std = x.mean(0), x.std(0) + 1e-9
            w, b = fit((x - mean) / std, np.array([float(r["fact_found"]) for r in fitted]), l2=l2)
            far = [r["fact_found"] for r in train if r["features"]["nearest"] < calibration.NEAREST_BELOW]
            elsewhere = [r["fact_found"] for r in train if r["features"]["place"] < 1
                         and r["features"]["nearest"] >= calibration.NEAREST_BELOW]
            for i in test:
                r = rows[i]
                if r["features"]["nearest"] < calibration.NEAREST_BELOW:
                    p[i] = min((sum(far) + 1) / (len(far) + 2), calibration.DECLINE_BELOW / 2)
                elif r["features"]["place"] < 1:
                    p[i] = min((sum(elsewhere) + 1) / (len(elsewhere) + 2), calibration.DECLINE_BELOW / 2)
                else:
                    z = b + float(((np.array([value(r, k) for k in names]) - mean) / std) @ w)
                    p[i] = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
        declined = p < calibration.DECLINE_BELOW
        answerable = [i for i, r in enumerate(rows) if not r["decline"]]
        oos = [i for i, r in enumerate(rows) if r["decline"]]
        right = [rows[i]["fact_found"] and not declined[i] for i in range(len(rows))]
        y = np.array([float(r["fact_found"]) for r in rows])
        clipped = np.clip(p, 1e-6, 1 - 1e-6)
        results.append([sum(right[i] for i in answerable), sum(not right[i] and p[i] >= 0.5 for i in answerable),
                        sum(p[i] >= 0.5 for i in oos), sum(declined[i] for i in oos),
                        sum(declined[i] for i in answerable),
                        float(-np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)))])
    return np.array(results, float).mean(0).tolist()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", help="bench/calibrate.py --dump's file")
    parser.add_argument("sets", nargs="+", help="shipped, +a,b or a,b")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--shuffles", type=int, default=5)
    args = parser.parse_args()
    rows = [r for r in json.loads(Path(args.dump).read_text()) if r["set"] == "dev"]
    answerable = sum(not r["decline"] for r in rows)
    print(f"{len(rows)} dev questions ({answerable} answerable), 6-fold, {args.shuffles} shuffles, L2 {args.l2}\n")
    print("| features | fact in answer, not declined | wrong with confidence >= 0.5 (answerable + out-of-scope) "
          "| out-of-scope declined | answerable declined | log loss |\n|---|---|---|---|---|---|")
    for spec in args.sets:
        shipped = list(calibration.FEATURES)
        names = shipped if spec == "shipped" else shipped + spec[1:].split(",") if spec.startswith("+") \
            else spec.split(",")
        fact, wrong, wrong_oos, oos_declined, declined, loss = cross_validate(rows, names, args.l2, args.shuffles)
        print(f"| {spec} | {fact:.1f} ({fact / answerable:.1%}) | {wrong:.1f} + {wrong_oos:.1f} ({wrong / answerable:.1%}"
              f" of answerable) | {oos_declined:.1f} | {declined:.1f} | {loss:.3f} |")


if __name__ == "__main__":
    main()
