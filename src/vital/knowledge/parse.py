"""Text out of uploaded files, as headings and paragraphs with their location: the dispatcher.

Plain text, Markdown and HTML are parsed here; PDF in pdf.py (text layer,
tables, OCR), Word and PowerPoint in office.py, Excel and CSV in sheets.py.
Every parser returns the same shape (vital.knowledge.parsed): blocks, so that
chunking can keep to heading boundaries whatever the format was, each with
where it came from (page, slide, sheet and row). The document's stored content
is the blocks' text joined by blank lines (chunk offsets point into it).

Each file is parsed under a Budget (pages, decompressed bytes, chunks, CPU
seconds, OCR pages, table cells, sheet rows): over it, that file fails with
`over_budget` and the others carry on. Legacy binary Office files (.doc, .xls,
.ppt: OLE2 containers) are refused with the format to convert them to.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from vital.knowledge import office, sheets, tables
from vital.knowledge.labels import visible
from vital.knowledge.parsed import SEPARATOR, Block, Budget, Clock, ParseError, Parsed, over_budget
from vital.knowledge.pdf import parse_pdf

__all__ = ["SEPARATOR", "Block", "Budget", "Clock", "ParseError", "Parsed", "over_budget", "parse", "detect"]

MIME_BY_SUFFIX = {
    ".txt": "text/plain", ".text": "text/plain",
    ".md": "text/markdown", ".markdown": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".pdf": "application/pdf",
    ".docx": office.DOCX, ".pptx": office.PPTX, ".xlsx": sheets.XLSX, ".csv": sheets.CSV,
}
# Legacy binary Office formats (OLE2 compound files): refused, naming what to save them as.
LEGACY = {".doc": ("Word 97-2003 (.doc)", ".docx"), ".xls": ("Excel 97-2003 (.xls)", ".xlsx"),
          ".ppt": ("PowerPoint 97-2003 (.ppt)", ".pptx"), ".dot": ("Word 97-2003 template (.dot)", ".docx"),
          ".xlt": ("Excel 97-2003 template (.xlt)", ".xlsx"), ".pps": ("PowerPoint 97-2003 show (.pps)", ".pptx")}
LEGACY_MIME = {"application/msword": ".doc", "application/vnd.ms-excel": ".xls",
               "application/vnd.ms-powerpoint": ".ppt"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUPPORTED = tuple(sorted(set(MIME_BY_SUFFIX.values())))


def detect(name: str, data: bytes, content_type: str | None = None) -> str:
    """The MIME type from the file name, else the declared type, else the first bytes."""
    suffix = PurePath(name).suffix.lower()
    declared = (content_type or "").split(";")[0].strip().lower()
    _refuse_legacy(suffix, declared, data)
    if suffix in MIME_BY_SUFFIX:
        return MIME_BY_SUFFIX[suffix]
    if declared in SUPPORTED:
        return declared
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if suffix == "" and declared in ("", "application/octet-stream") and _looks_like_text(data):
        return "text/plain"
    raise ParseError("unsupported_format",
                     f"Unsupported format {suffix or declared or 'unknown'}; "
                     f"supported: plain text, Markdown, HTML, PDF, Word (.docx), PowerPoint (.pptx), "
                     f"Excel (.xlsx), CSV.")


def _refuse_legacy(suffix: str, declared: str, data: bytes) -> None:
    legacy = suffix if suffix in LEGACY else LEGACY_MIME.get(declared)
    if legacy:
        kind, modern = LEGACY[legacy]
        raise ParseError("legacy_format", f"{kind} is a legacy binary Office format, which is not read here.",
                         f"Open it in Office or LibreOffice and save it as {modern}, then upload that file.")
    if data[:8] != OLE2:
        return
    if suffix in (".docx", ".xlsx", ".pptx"):  # a password-protected Office file is an OLE2 container
        raise ParseError("encrypted", f"The {suffix} file is password-protected.",
                         "Remove the password (save an unprotected copy), then upload that file.")
    raise ParseError("legacy_format", "This is a legacy binary Office file (OLE2: .doc, .xls or .ppt), "
                                      "which is not read here.",
                     "Open it in Office or LibreOffice and save it as .docx, .xlsx or .pptx, then upload that file.")


def parse(name: str, data: bytes, content_type: str | None = None, budget: Budget = Budget(), *,
          ocr_engine: str = "rapidocr", ocr_dpi: int = 300) -> Parsed:
    """Parse one file; raises ParseError for unsupported, unreadable, empty or over-budget files."""
    mime = detect(name, data, content_type)
    fallback_title = PurePath(name).stem or name
    clock = budget.clock()
    if mime == "application/pdf":
        parsed = parse_pdf(data, fallback_title, clock, ocr_engine, ocr_dpi)
    elif mime in _PACKAGES:
        parsed = _PACKAGES[mime](data, fallback_title, clock)
    else:
        text = _decode(data)
        if len(text) > budget.decompressed_bytes:
            raise over_budget(f"The text is longer than {budget.decompressed_bytes:,} characters.",
                              "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")
        if mime == sheets.CSV:
            parsed = sheets.parse_csv(text, fallback_title, clock)
        else:
            parser = {"text/plain": _parse_text, "text/markdown": _parse_markdown, "text/html": _parse_html}[mime]
            parsed = parser(text, fallback_title, clock)
        clock.check()  # these parsers are linear in the text, already bounded: one check at the end
    parsed.title = visible(parsed.title, visible(fallback_title, "untitled"))
    parsed.blocks = [b for b in parsed.blocks if b.text.strip()]
    if not any(b.heading == 0 for b in parsed.blocks):
        raise ParseError("empty", "No text could be extracted.")
    return parsed


_PACKAGES = {office.DOCX: office.parse_docx, office.PPTX: office.parse_pptx, sheets.XLSX: sheets.parse_xlsx}


def _looks_like_text(data: bytes) -> bool:
    return b"\x00" not in data[:8192]


def _decode(data: bytes) -> str:
    if not _looks_like_text(data):
        raise ParseError("binary", "This looks like a binary file, not text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # the usual non-UTF-8 office export
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -- plain text -----------------------------------------------------------------
_TEXT_HEADING = re.compile(r"^(\d+(\.\d+)*\.?\s+)?[A-Z0-9][^\n]{0,78}$")


def _parse_text(text: str, fallback_title: str, clock: Clock) -> Parsed:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    blocks = []
    for i, para in enumerate(paragraphs):
        one_line = "\n" not in para.strip()
        # A short unpunctuated line standing alone before more text reads as a heading.
        if one_line and _TEXT_HEADING.match(para.strip()) and not para.strip()[-1] in ".:;,!?" \
                and i + 1 < len(paragraphs):
            blocks.append(Block(_squash(para), heading=2))
        else:
            blocks.append(Block(_squash(para)))
    first = blocks[0].text if blocks else ""
    title = first if blocks and (blocks[0].heading or len(first) <= 80) else fallback_title
    return Parsed(title, "text/plain", blocks)


# -- Markdown -------------------------------------------------------------------
def _parse_markdown(text: str, fallback_title: str, clock: Clock) -> Parsed:
    # Imported here, not for a cycle: the parser costs ~0.1 s to import and only Markdown files need it.
    from markdown_it import MarkdownIt

    metadata = {}
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if front:  # YAML-style front matter: keep simple `key: value` pairs as metadata
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
                metadata[key.strip()] = value.strip().strip("'\"")
        text = text[front.end():]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    heading = list_depth = 0
    row: list[str] | None = None   # cells of the table row being read
    table: list[list[str]] = []    # rows of the table being read
    for tok in tokens:
        if tok.type == "heading_open":
            heading = int(tok.tag[1])
        elif tok.type == "heading_close":
            heading = 0
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            table.append(row)
            row = None
        elif tok.type == "table_close":
            blocks += tables.table_blocks(table, clock)
            table = []
        elif tok.type == "inline":
            inline = _markdown_inline(tok)
            if row is not None:
                row.append(inline)
            elif heading:
                blocks.append(Block(inline, heading=heading))
            else:
                blocks.append(Block(("- " if list_depth else "") + inline))
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block(tok.content.rstrip("\n")))
        elif tok.type == "html_block":
            blocks.extend(b for b in _parse_html(tok.content, "", clock).blocks)
    title = metadata.get("title") or next((b.text for b in blocks if b.heading == 1), fallback_title)
    return Parsed(title, "text/markdown", blocks, metadata)


def _markdown_inline(tok) -> str:
    parts = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


# -- HTML -----------------------------------------------------------------------
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "iframe", "object", "select",
              "button", "head", "form"}
_SKIP_CLASSES = {"navheader", "navfooter", "navigation", "breadcrumb", "breadcrumbs", "sidebar", "menu",
                 "skip-link", "site-header", "site-footer"}
_BLOCK_TAGS = {"p", "div", "li", "dt", "dd", "pre", "blockquote", "section", "article", "main", "aside",
               "tr", "table", "ul", "ol", "dl", "br", "hr", "figcaption", "caption", "header", "footer",
               "h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _HTMLText(HTMLParser):
    def __init__(self, clock: Clock):
        super().__init__(convert_charrefs=True)
        self.clock = clock
        self.blocks: list[Block] = []
        self._tables: list[dict] = []   # open tables: {"rows": [...], "row": [...]}, innermost last
        self._cell = False              # inside a td/th of the innermost table
        self.title = ""
        self._stack: list[tuple[str, bool]] = []   # (tag, starts a skipped subtree)
        self._buf: list[str] = []
        self._heading = 0
        self._pre = 0
        self._in_title = False

    @property
    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
            return
        if self._tables and tag in ("td", "th", "tr"):
            self._end_cell()
            if tag == "tr":
                self._end_row()
            else:
                self._cell = True
        elif tag in _BLOCK_TAGS and self._cell and tag != "table":
            self._buf.append(" ")
        elif tag in _BLOCK_TAGS:
            self._end_cell()
            self._flush()
        if tag == "table":
            self._tables.append({"rows": [], "row": []})
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split()) | {dict(attrs).get("id") or ""}
        self._stack.append((tag, tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            return
        if not any(t == tag for t, _ in self._stack):
            return  # a stray end tag
        if self._tables and tag in ("td", "th", "tr", "table"):
            self._end_cell()
            if tag != "td" and tag != "th":
                self._end_row()
            if tag == "table":
                rows = self._tables.pop()["rows"]
                if not self._skipping:
                    self.blocks += tables.table_blocks(rows, self.clock, location=None)
        elif tag in _BLOCK_TAGS and self._cell:
            self._buf.append(" ")
        elif tag in _BLOCK_TAGS:
            self._flush()
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == "pre":
                self._pre -= 1
            if open_tag == tag:
                break
        if tag.startswith("h") and tag[1:].isdigit():
            self._heading = 0

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self._buf.append(data)

    def _flush(self):
        raw = "".join(self._buf)
        self._buf = []
        text = raw.strip("\n").rstrip() if self._pre else _squash(raw)
        if text.strip() and not self._skipping:
            self.blocks.append(Block(text, heading=self._heading))

    def _end_cell(self):
        if self._cell:
            self._tables[-1]["row"].append(_squash("".join(self._buf)))
            self._buf = []
            self._cell = False

    def _end_row(self):
        if self._tables and self._tables[-1]["row"]:
            self._tables[-1]["rows"].append(self._tables[-1]["row"])
            self._tables[-1]["row"] = []

    def close(self):
        super().close()
        while self._tables:  # a table never closed still counts
            self._end_cell()
            self._end_row()
            self.blocks += tables.table_blocks(self._tables.pop()["rows"], self.clock)
        self._flush()


def _parse_html(text: str, fallback_title: str, clock: Clock | None = None) -> Parsed:
    parser = _HTMLText(clock or Budget().clock())
    parser.feed(text)
    parser.close()
    title = _squash(parser.title) or next((b.text for b in parser.blocks if b.heading), fallback_title)
    return Parsed(title, "text/html", parser.blocks)
