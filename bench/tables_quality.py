"""PDF tables kept as tables: how many cells come back exactly, with their column names.

    PYTHONPATH=src .venv/bin/python bench/tables_quality.py [--tables 60] [--seed 7]

Makes PDFs with known tables (reportlab, ruled grid, one table per page after a sentence of
text: 3-8 columns, 2-40 rows, values that look like a lab's: batch codes, decimals, dates,
units, words), parses them with vital.knowledge.parse, and counts a cell as recovered when the
block of its row (found by the row's location: page, table, row) holds "Column: value" exactly.
Also reports the table pages parsed per second. Figures: docs/knowledge.md ("Tables").
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))   # tests.knowledge.office_files

from tests.knowledge.office_files import table_pdf  # noqa: E402
from vital.knowledge.parse import parse  # noqa: E402

WORDS = ["Pass", "Fail", "Out of trend", "Basel", "Lyon", "Tablet", "Capsule", "Clear solution", "White powder",
         "Conforms", "Retest", "Released", "Quarantine", "HPLC", "Karl Fischer"]
HEADERS = ["Batch", "Month", "Assay (%)", "Impurity A (%)", "Result", "Site", "Date", "Water (%)", "Dissolution",
           "pH", "Appearance", "Method", "Lot size (kg)", "Analyst"]


def value(rng: random.Random, column: int) -> str:
    kind = column % 5
    if kind == 0:
        return f"B-{rng.randint(1000, 9999)}"
    if kind == 1:
        return f"{rng.uniform(0, 110):.{rng.choice([1, 2])}f}"
    if kind == 2:
        return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == 3:
        return f"{rng.randint(1, 500)} mg"
    return rng.choice(WORDS)


def make_tables(count: int, rng: random.Random) -> list[list[list[str]]]:
    tables = []
    for _ in range(count):
        columns = rng.randint(3, 8)
        header = rng.sample(HEADERS, columns)
        tables.append([header] + [[value(rng, c) for c in range(columns)] for _ in range(rng.randint(2, 40))])
    return tables


def score(tables: list[list[list[str]]], per_file: int) -> tuple[int, int, float, int]:
    """Cells found, cells made, parse seconds, pages. Tables are matched by header, in
    reading order: a table that a page break cut in two counts its second part's cells as lost)."""
    found = total = pages = 0
    seconds = 0.0
    for start in range(0, len(tables), per_file):
        batch = tables[start:start + per_file]
        data = table_pdf(batch)
        began = time.perf_counter()
        parsed = parse("tables.pdf", data)
        seconds += time.perf_counter() - began
        pages += parsed.metadata["pages"]
        read: dict[tuple, list[str]] = {}   # (page, table) -> its row blocks, header first
        for b in parsed.blocks:
            if b.location and "table" in b.location:
                read.setdefault((b.location["page"], b.location["table"]), []).append(b.text)
        unused = list(read.values())
        for table in batch:
            header = table[0]
            markdown = "| " + " | ".join(header) + " |"
            rows = next((r for r in unused if r[0] == markdown), [])
            if rows:
                unused.remove(rows)
            for row, text in zip(table[1:], rows[1:] + [""] * len(table)):
                pairs = set(text.rstrip(".").split("; "))
                for name, cell in zip(header, row):
                    total += 1
                    found += f"{name}: {cell}" in pairs
    return found, total, seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=60)
    parser.add_argument("--per-file", type=int, default=10, help="Tables (pages) per PDF.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    tables = make_tables(args.tables, random.Random(args.seed))
    found, total, seconds, pages = score(tables, args.per_file)
    print(f"tables: {len(tables)}  cells: {total}  recovered exactly with their column name: {found} "
          f"({100 * found / total:.2f} %)")
    print(f"parse: {seconds:.2f} s for {pages} pages with tables ({pages / seconds:.1f} pages/s)")


if __name__ == "__main__":
    main()
