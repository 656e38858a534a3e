"""Chunks cut along headings and sentences, within a token budget, with overlap.

Rules, in order: a chunk never holds part of one section and part of another
(small whole sections of one slide or sheet may share a chunk); inside a section that exceeds the
budget, chunks end at sentence ends and the next chunk repeats the last
sentences of the previous one, up to the overlap budget; a single sentence
longer than the budget is cut between words. Each chunk's text is exactly
content[char_start:char_end] of the parsed document, so citations can point
into the stored content. Each chunk's `location` says where in the file it is
(heading path, page or pages, slide, sheet and rows; `place()` words it for a
citation) and `ocr` the mean confidence of text read from page images.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from vital.errors import InvalidInput
from vital.knowledge.parsed import SEPARATOR, Parsed

TokenCounter = Callable[[str], int]

_ABBREVIATIONS = {"e.g", "i.e", "etc", "dr", "mr", "mrs", "ms", "prof", "fig", "figs", "no", "nos", "vs",
                  "approx", "cf", "al", "inc", "ltd", "co", "corp", "st", "vol", "eq", "sec", "ch", "ref",
                  "u.s", "u.k", "e.u", "min", "max", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                  "sept", "oct", "nov", "dec", "art", "para", "approx"}
_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n+")
_WORD = re.compile(r"\S+")


def approx_tokens(text: str) -> int:
    """Word pieces, approximately: words and punctuation marks (for models without a tokenizer here)."""
    return len(re.findall(r"\w+|[^\w\s]", text))


@dataclass(frozen=True)
class Chunk:
    index: int
    text: str
    char_start: int
    char_end: int
    token_count: int
    section: str | None
    page: int | None
    location: dict = field(default_factory=dict)
    ocr: float | None = None


@dataclass
class _Unit:  # a sentence (or a piece of an over-long one), in content offsets
    start: int
    end: int
    tokens: int
    page: int | None
    location: dict | None = None
    ocr: float | None = None


@dataclass
class _Section:
    path: str | None
    units: list[_Unit]

    @property
    def tokens(self) -> int:
        return sum(u.tokens for u in self.units)

    @property
    def place(self) -> tuple:
        """The slide or sheet it is on: small sections share a chunk only within one (a citation names one)."""
        where = next((u.location for u in self.units if u.location), None) or {}
        return where.get("slide"), where.get("sheet")


def chunk(parsed: Parsed, count_tokens: TokenCounter = approx_tokens, *,
          max_tokens: int = 200, overlap_tokens: int = 40) -> list[Chunk]:
    if overlap_tokens >= max_tokens:
        raise InvalidInput(f"The chunk overlap ({overlap_tokens}) must be smaller than the budget ({max_tokens}).")
    content = parsed.content
    pieces: list[list[_Unit]] = []
    current: list[_Unit] = []
    current_path: str | None = None
    paths: list[str | None] = []
    for section in _sections(parsed, content, count_tokens, max_tokens):
        if current and sum(u.tokens for u in current) + section.tokens <= max_tokens \
                and _Section(None, current).place == section.place:
            current += section.units  # whole small sections may share a chunk
            continue
        if current:
            pieces.append(current)
            paths.append(current_path)
            current = []
        if section.tokens <= max_tokens:
            current, current_path = list(section.units), section.path
        else:
            for piece in _pack(section.units, max_tokens, overlap_tokens):
                pieces.append(piece)
                paths.append(section.path)
    if current:
        pieces.append(current)
        paths.append(current_path)
    chunks = []
    for i, (units, path) in enumerate(zip(pieces, paths)):
        start, end = units[0].start, units[-1].end
        confidences = [u.ocr for u in units if u.ocr is not None]
        chunks.append(Chunk(i, content[start:end], start, end, sum(u.tokens for u in units), path,
                            next((u.page for u in units if u.page is not None), None), _location(units, path),
                            round(sum(confidences) / len(confidences), 4) if confidences else None))
    return chunks


_SPANS = ("page", "slide")   # a chunk across pages or slides: the first, and the last as page_end/slide_end


def _location(units: list[_Unit], section: str | None) -> dict:
    """Where the chunk is: its heading path, page(s) or slide(s), sheet (or table) and the rows it holds."""
    where: dict = {"section": section} if section else {}
    places = [u.location for u in units if u.location]
    for key in ("page", "slide", "sheet", "table"):
        values = [p[key] for p in places if key in p]
        if values:
            where[key] = values[0]
            if key in _SPANS and values[-1] != values[0]:
                where[f"{key}_end"] = values[-1]
    rows = [p["row"] for p in places if "row" in p and p.get("sheet") == where.get("sheet")
            and p.get("table") == where.get("table")]
    if rows:
        where["rows"] = [min(rows), max(rows)]
    if any(p.get("notes") for p in places):
        where["notes"] = True
    return where


def place(location: dict | None, page: int | None = None) -> str:
    """A location in words, for a citation: "Results > Assay, p. 4", "slide 3", "sheet QC, rows 2-40"."""
    location = dict(location or {})
    if page and "page" not in location:
        location["page"] = page
    parts = [location["section"]] if location.get("section") else []
    for key, word in (("page", "p."), ("slide", "slide")):
        if key in location:
            end = location.get(f"{key}_end")
            parts.append(f"{word} {location[key]}" + (f"-{end}" if end else ""))
    if "sheet" in location and location["sheet"] != location.get("section"):
        parts.append(f"sheet {location['sheet']}")
    if "table" in location:
        parts.append(f"table {location['table']}")
    if "rows" in location:
        first, last = location["rows"]
        parts.append(f"row {first}" if first == last else f"rows {first}-{last}")
    return ", ".join(parts)


def _sections(parsed: Parsed, content: str, count_tokens: TokenCounter, max_tokens: int) -> list[_Section]:
    """Heading-delimited sections; a heading opens its section (headings with no text join the next)."""
    sections: list[_Section] = []
    trail: list[tuple[int, str]] = []   # (level, heading) of the enclosing headings
    units: list[_Unit] = []
    has_body = False
    offset = 0
    for block in parsed.blocks:
        if block.heading:
            if has_body:
                sections.append(_Section(_path(trail), units))
                units, has_body = [], False
            trail = [(lvl, text) for lvl, text in trail if lvl < block.heading] + [(block.heading, block.text)]
        else:
            has_body = True
        units += [replace(u, location=block.location, ocr=block.ocr) for u in
                  _sentences(content, offset, offset + len(block.text), block.page, count_tokens, max_tokens)]
        offset += len(block.text) + len(SEPARATOR)
    if units:
        sections.append(_Section(_path(trail), units))
    return sections


def _path(trail: list[tuple[int, str]]) -> str | None:
    return " > ".join(text for _, text in trail) or None


def _sentences(content: str, start: int, end: int, page, count_tokens, max_tokens) -> list[_Unit]:
    units = []
    pos = start
    for m in _BOUNDARY.finditer(content, start, end):
        if m.group().strip() and _after_abbreviation(content, start, m.start()):
            continue
        if m.start() + 1 > pos:
            units.extend(_unit(content, pos, m.start() + len(m.group().rstrip()), page, count_tokens, max_tokens))
        pos = m.end()
    if pos < end:
        units.extend(_unit(content, pos, end, page, count_tokens, max_tokens))
    return units


def _after_abbreviation(content: str, block_start: int, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", content[block_start:dot])
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    # Initials (J. Smith), abbreviations, and numbers cut by a dot (section 4. 2) are not sentence ends.
    return w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha())


def _unit(content, start, end, page, count_tokens, max_tokens) -> list[_Unit]:
    text = content[start:end]
    if not text.strip():
        return []
    tokens = count_tokens(text)
    if tokens <= max_tokens:
        return [_Unit(start, end, tokens, page)]
    words = list(_WORD.finditer(text))
    per_window = max(1, int(len(words) * max_tokens / tokens * 0.9))
    out = []
    for i in range(0, len(words), per_window):
        group = words[i:i + per_window]
        s, e = start + group[0].start(), start + group[-1].end()
        out.append(_Unit(s, e, count_tokens(content[s:e]), page))
    return out


def _pack(units: list[_Unit], max_tokens: int, overlap_tokens: int) -> list[list[_Unit]]:
    """Greedy packing of sentences; each chunk after the first starts with the previous one's tail."""
    pieces: list[list[_Unit]] = []
    current: list[_Unit] = []
    fresh = 0  # units of `current` that are not overlap
    for unit in units:
        if current and fresh and sum(u.tokens for u in current) + unit.tokens > max_tokens:
            pieces.append(current)
            current = _tail(current, overlap_tokens, max_tokens - unit.tokens)
            fresh = 0
        current.append(unit)
        fresh += 1
    if current and fresh:
        pieces.append(current)
    return pieces


def _tail(units: list[_Unit], overlap_tokens: int, room: int) -> list[_Unit]:
    tail: list[_Unit] = []
    total = 0
    for unit in reversed(units[1:]):  # never the whole previous chunk again
        if total + unit.tokens > min(overlap_tokens, room):
            break
        tail.insert(0, unit)
        total += unit.tokens
    return tail
