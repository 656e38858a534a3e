"""How the semantic claim check (evidence.py) separates supported claims from unsupported ones (run by hand).

    PYTHONPATH=src .venv/bin/python bench/calibrate.py --reuse --dump answers.json
    PYTHONPATH=src .venv/bin/python bench/claim_check.py answers.json

From bench/calibrate.py's answers: every quoted sentence, cited [1] against
- its own passage (should be supported),
- the best passage of a question from another area (should not be),
- its own passage with one of its numbers changed (should not be: "within 15 days" for "within 7 days"),
- its own passage, reworded: the question's words put in front ("<question>: <sentence>"), a stand-in for
  a model that paraphrases (should be supported).
The share accepted at each similarity threshold, with the number and key-term rules on.
"""

from __future__ import annotations

import json
import re
import sys

from vital.services import evidence
from vital.services.meaning import for_settings
from vital.services.retrieval import Passage
from vital.settings import load_settings


def main(path: str) -> None:
    rows = [r for r in json.load(open(path)) if not r["decline"] and not r["declined"]]
    meaning = for_settings(load_settings().model_copy(update={"embedding_provider": "local"}))
    cases: dict[str, list[tuple[str, Passage]]] = {"own passage": [], "other area's passage": [],
                                                    "a number changed": [], "reworded": []}
    for i, r in enumerate(rows):
        passages = {p["ref"]: Passage(**p) for p in r["passages"]}
        other = rows[(i + len(rows) // 2) % len(rows)]
        for line in r["answer"].splitlines()[2:4]:
            m = re.match(r"(.*) \[(\d+)\]([.!?])$", line)
            if not m:
                continue
            sentence, own = m.group(1) + m.group(3), passages[int(m.group(2))]
            cases["own passage"].append((sentence, own))
            cases["other area's passage"].append((sentence, Passage(**other["passages"][0])))
            number = re.search(r"\d+", sentence)
            if number:
                changed = sentence[:number.start()] + str(int(number.group()) + 3) + sentence[number.end():]
                cases["a number changed"].append((changed, own))
            cases["reworded"].append((f"As to {r['text'].rstrip('?')}: {sentence}", own))
    thresholds = (0.5, 0.6, 0.7, 0.8)
    print("| claim cited against | claims | " + " | ".join(f"accepted at {t}" for t in thresholds) + " |")
    print("|---|---|" + "---|" * len(thresholds))
    for name, items in cases.items():
        supports = []
        for sentence, passage in items:
            claim = evidence.verify(sentence.rstrip(".!?") + " [1].", {1: passage}, meaning).claims
            supports.append(claim[0].support if claim else 0.0)
        cells = [f"{sum(s >= t for s in supports) / len(supports):.0%}" for t in thresholds]
        print(f"| {name} | {len(items)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
