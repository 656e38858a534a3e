"""What every parser returns (blocks with their location) and what one file may cost (its Budget).

Apart from parse.py so that the format modules (pdf, office, sheets) share these
types without importing the dispatcher that imports them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from vital.errors import InvalidInput

SEPARATOR = "\n\n"


class ParseError(InvalidInput):
    """A file that cannot be turned into text; `reason` is a short code for job error lists."""

    def __init__(self, reason: str, message: str, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.reason = reason


@dataclass(frozen=True)
class Budget:
    """What one file may cost (VITAL_KNOWLEDGE_MAX_* and VITAL_KNOWLEDGE_PARSE_CPU_SECONDS; OCR pages,
    table cells and sheet rows per tier in vital.services.limits.TIERS; docs/knowledge.md)."""
    pages: int = 2000
    decompressed_bytes: int = 32 * 1024 * 1024   # text extracted, and any one decompressed stream
    chunks: int = 20_000
    cpu_seconds: float = 30.0
    ocr_pages: int = 50
    table_cells: int = 200_000
    sheet_rows: int = 50_000

    @classmethod
    def of(cls, settings, tier: dict | None = None) -> "Budget":
        tier = tier or {}
        return cls(settings.knowledge_max_pages, settings.knowledge_max_decompressed_bytes,
                   settings.knowledge_max_chunks, settings.knowledge_parse_cpu_seconds,
                   **{k: tier[k] for k in ("ocr_pages", "table_cells", "sheet_rows") if k in tier})

    def clock(self) -> "Clock":
        return Clock(self, time.thread_time())

    def check_chunks(self, n: int) -> None:
        if n > self.chunks:
            raise over_budget(f"The file makes {n:,} chunks; at most {self.chunks:,} are allowed per file.",
                              "VITAL_KNOWLEDGE_MAX_CHUNKS")


@dataclass
class Clock:
    """The file's CPU deadline and its running counts of costly units (OCR pages, table cells, sheet rows)."""
    budget: Budget
    started: float
    ocr_pages: int = 0
    table_cells: int = 0
    sheet_rows: int = 0

    def check(self) -> None:
        """Raise once this thread has spent more CPU on the file than the budget allows."""
        if time.thread_time() - self.started > self.budget.cpu_seconds:
            raise over_budget(f"Parsing took more than {self.budget.cpu_seconds:g} CPU seconds.",
                              "VITAL_KNOWLEDGE_PARSE_CPU_SECONDS")

    def count(self, what: str, n: int = 1) -> None:
        """Add n of `what` (ocr_pages, table_cells, sheet_rows); over the tier's number, the file fails."""
        used = getattr(self, what) + n
        setattr(self, what, used)
        allowed = getattr(self.budget, what)
        if used > allowed:
            raise ParseError("over_budget", f"The file needs more than {allowed:,} {what.replace('_', ' ')}; "
                                            f"that is this tenant's tier's most per file.",
                             f"Split the file, or ask an operator to raise the tenant's {what} limit.")


def over_budget(message: str, setting: str) -> ParseError:
    return ParseError("over_budget", message, f"Split the file, or raise {setting}.")


@dataclass
class Block:
    text: str
    heading: int = 0                 # heading level (1 = top), 0 for body text
    page: int | None = None          # 1-based, PDFs only
    location: dict | None = None     # where in the file: {"slide": 3}, {"sheet": "QC", "row": 7}, ...
    ocr: float | None = None         # mean OCR confidence (0..1) when the text was read from an image


@dataclass
class Parsed:
    title: str
    mime_type: str
    blocks: list[Block]
    metadata: dict = field(default_factory=dict)

    @property
    def content(self) -> str:
        return SEPARATOR.join(b.text for b in self.blocks)
