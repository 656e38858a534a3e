"""Tables kept as tables: a header and rows in, one block per row out.

Each row is written as one sentence that names its columns ("Batch: B-12;
Assay (%): 99.1; Result: Pass."), the Markdown-style row with its header
folded in. So the header is repeated in every chunk a large table is cut into
(chunking cuts between rows, as between sentences), a question about a value
finds the row by its column names too, and the extractive answerer, which
quotes sentences, quotes the whole row with its column names. The table's
header itself comes first as a Markdown row (`| Batch | Assay (%) | Result |`),
so that the stored content still reads as a table.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from vital.knowledge.parsed import Block, Clock


def cell(value) -> str:
    """A cell's text on one line; numbers as written (no trailing .0 on whole floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def header_row(cells: Sequence) -> list[str]:
    return [cell(c) or f"Column {i}" for i, c in enumerate(cells, start=1)]


def row_sentence(header: Sequence[str], cells: Sequence) -> str:
    """`Column: value; Column: value.` for the row's non-empty cells."""
    pairs = [f"{name}: {text}" for name, text in zip(header, (cell(c) for c in cells)) if text]
    extra = [cell(c) for c in cells[len(header):] if cell(c)]  # a row longer than its header keeps its cells
    sentence = "; ".join(pairs + extra)
    return sentence + ("" if sentence.endswith((".", "!", "?")) else ".") if sentence else ""


def table_blocks(rows: Iterable[Sequence], clock: Clock, *, location=None, header: Sequence | None = None,
                 first_row: int = 1) -> list[Block]:
    """Blocks of one table: its header as a Markdown row, then a sentence per row.

    `rows` includes the header row unless `header` is given. `location(row_number)` gives each block's
    location (row numbers count from `first_row`, the header's); empty rows are left out.
    """
    rows = iter(rows)
    number = first_row
    if header is None:
        header = next(rows, None)
        if header is None:
            return []
    names = header_row(header)
    clock.count("table_cells", len(names))
    if len(names) < 2:  # one column: a list or a layout table, not a table of values
        return [Block(t, location=location and location(first_row + i))
                for i, t in enumerate(cell(c[0]) for c in [header, *rows] if c) if t]
    blocks = [Block("| " + " | ".join(names) + " |", location=location and location(number))]
    for cells in rows:
        number += 1
        clock.count("table_cells", len(cells))
        text = row_sentence(names, list(cells))
        if text:
            blocks.append(Block(text, location=location and location(number)))
    return blocks
