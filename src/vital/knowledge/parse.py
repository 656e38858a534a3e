"""Text out of uploaded files: plain text, Markdown, HTML and PDF, as headings and paragraphs.

Every parser returns the same shape, a list of blocks, so that chunking can keep
to heading boundaries whatever the format was. The document's stored content is
the blocks' text joined by blank lines (chunk offsets point into it).

Each file is parsed under a Budget (pages, decompressed bytes, chunks, CPU
seconds): over it, that file fails with `over_budget` and the others carry on.
The CPU budget is a deadline on this thread's CPU time checked between pages,
not a subprocess under RLIMIT_CPU: forking the API process (threads, pooled
connections) is not safe and spawning one per file costs more than most files'
parsing; what one page may cost in between is bounded by pypdf's own limits,
set here from the budget (bytes per stream, decoding and content-parsing work).
"""

from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath

from vital.errors import InvalidInput
from vital.knowledge.labels import visible

MIME_BY_SUFFIX = {
    ".txt": "text/plain", ".text": "text/plain",
    ".md": "text/markdown", ".markdown": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".pdf": "application/pdf",
}
SUPPORTED = tuple(sorted(set(MIME_BY_SUFFIX.values())))


class ParseError(InvalidInput):
    """A file that cannot be turned into text; `reason` is a short code for job error lists."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Budget:
    """What one file may cost (VITAL_KNOWLEDGE_MAX_* and VITAL_KNOWLEDGE_PARSE_CPU_SECONDS, docs/knowledge.md)."""
    pages: int = 2000
    decompressed_bytes: int = 32 * 1024 * 1024   # text extracted, and any one decompressed stream
    chunks: int = 20_000
    cpu_seconds: float = 30.0

    @classmethod
    def of(cls, settings) -> "Budget":
        return cls(settings.knowledge_max_pages, settings.knowledge_max_decompressed_bytes,
                   settings.knowledge_max_chunks, settings.knowledge_parse_cpu_seconds)

    def clock(self) -> "Clock":
        return Clock(self, time.thread_time())

    def check_chunks(self, n: int) -> None:
        if n > self.chunks:
            raise over_budget(f"The file makes {n:,} chunks; at most {self.chunks:,} are allowed per file.",
                              "VITAL_KNOWLEDGE_MAX_CHUNKS")


@dataclass(frozen=True)
class Clock:
    budget: Budget
    started: float

    def check(self) -> None:
        """Raise once this thread has spent more CPU on the file than the budget allows."""
        if time.thread_time() - self.started > self.budget.cpu_seconds:
            raise over_budget(f"Parsing took more than {self.budget.cpu_seconds:g} CPU seconds.",
                              "VITAL_KNOWLEDGE_PARSE_CPU_SECONDS")


def over_budget(message: str, setting: str) -> "ParseError":
    error = ParseError("over_budget", message)
    error.hint = f"Split the file, or raise {setting}."
    return error


@dataclass
class Block:
    text: str
    heading: int = 0          # heading level (1 = top), 0 for body text
    page: int | None = None   # 1-based, PDFs only


@dataclass
class Parsed:
    title: str
    mime_type: str
    blocks: list[Block]
    metadata: dict = field(default_factory=dict)

    @property
    def content(self) -> str:
        return SEPARATOR.join(b.text for b in self.blocks)


SEPARATOR = "\n\n"


def detect(name: str, data: bytes, content_type: str | None = None) -> str:
    """The MIME type from the file name, else the declared type, else the first bytes."""
    suffix = PurePath(name).suffix.lower()
    if suffix in MIME_BY_SUFFIX:
        return MIME_BY_SUFFIX[suffix]
    declared = (content_type or "").split(";")[0].strip().lower()
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
                     f"supported: plain text, Markdown, HTML, PDF.")


def parse(name: str, data: bytes, content_type: str | None = None, budget: Budget = Budget()) -> Parsed:
    """Parse one file; raises ParseError for unsupported, unreadable, empty or over-budget files."""
    mime = detect(name, data, content_type)
    fallback_title = PurePath(name).stem or name
    clock = budget.clock()
    if mime == "application/pdf":
        parsed = _parse_pdf(data, fallback_title, clock)
    else:
        text = _decode(data)
        if len(text) > budget.decompressed_bytes:
            raise over_budget(f"The text is longer than {budget.decompressed_bytes:,} characters.",
                              "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")
        parser = {"text/plain": _parse_text, "text/markdown": _parse_markdown, "text/html": _parse_html}[mime]
        parsed = parser(text, fallback_title)
        clock.check()  # these parsers are linear in the text, already bounded: one check at the end
    parsed.title = visible(parsed.title, visible(fallback_title, "untitled"))
    parsed.blocks = [b for b in parsed.blocks if b.text.strip()]
    if not any(b.heading == 0 for b in parsed.blocks):
        raise ParseError("empty", "No text could be extracted.")
    return parsed


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


def _parse_text(text: str, fallback_title: str) -> Parsed:
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
def _parse_markdown(text: str, fallback_title: str) -> Parsed:
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
            blocks.append(Block(" | ".join(row)))
            row = None
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
            blocks.extend(b for b in _parse_html(tok.content, "").blocks)
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
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
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
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in ("td", "th") and self._buf:
            self._buf.append(" | ")
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
        if tag in _BLOCK_TAGS:
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

    def close(self):
        super().close()
        self._flush()


def _parse_html(text: str, fallback_title: str) -> Parsed:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    title = _squash(parser.title) or next((b.text for b in parser.blocks if b.heading), fallback_title)
    return Parsed(title, "text/html", parser.blocks)


# -- PDF ------------------------------------------------------------------------
_PDF_HEADING = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|Annex [A-Z0-9]+|Appendix [A-Z0-9]+)\s+[A-Z][^.]{1,70}$")


PDF_STREAM_TOKENS = 250_000


def _pdf_limits(budget: Budget) -> dict:
    """pypdf's resource limits (its defaults allow 75 MB per stream) from the file's budget."""
    most = budget.decompressed_bytes
    return {name: most for name in (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
        "lzw_maximum_output_length", "run_length_maximum_output_length", "zlib_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size", "stream_decoding_work_maximum_length",
        "xfa_decoding_work_maximum_length")} | {
        # ~1 s of CPU at most per content stream (pypdf: 2,000,000, ~9 s); a dense page of text is ~10,000.
        "stream_parsing_work_maximum_count": PDF_STREAM_TOKENS,
        "page_tree_maximum_entries": budget.pages + 1000, "disable_legacy_handling": True}


def _parse_pdf(data: bytes, fallback_title: str, clock: Clock) -> Parsed:
    # Imported here, not for a cycle: pypdf is a heavy import that only PDF files need.
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings become our one error message
    budget = clock.budget
    try:
        with apply_configuration(**_pdf_limits(budget)):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise ParseError("encrypted", "The PDF is encrypted.")
            if len(reader.pages) > budget.pages:
                raise over_budget(f"The PDF has {len(reader.pages):,} pages; at most {budget.pages:,} are allowed.",
                                  "VITAL_KNOWLEDGE_MAX_PAGES")
            pages, extracted = [], 0
            for page in reader.pages:
                clock.check()
                pages.append(page.extract_text() or "")
                extracted += len(pages[-1])
                if extracted > budget.decompressed_bytes:
                    raise over_budget(f"The PDF's text is longer than {budget.decompressed_bytes:,} characters.",
                                      "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES")
            clock.check()
            meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except ParseError:
        raise
    except LimitReachedError as exc:
        raise over_budget(f"The PDF exceeds a decompression or parsing limit ({exc}).",
                          "VITAL_KNOWLEDGE_MAX_DECOMPRESSED_BYTES") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ParseError("unreadable", f"Not a readable PDF ({exc}).") from exc
    blocks: list[Block] = []
    for number, page_text in enumerate(pages, start=1):
        blocks.extend(_pdf_page_blocks(page_text, number))
    if not any(b.heading == 0 for b in blocks):
        raise ParseError("empty", "The PDF has no extractable text (a scan? OCR is not done here).")
    title = _squash(meta_title) or next((b.text for b in blocks if b.heading), None) or fallback_title
    return Parsed(title, "application/pdf", blocks, {"pages": len(pages)})


def _pdf_page_blocks(page_text: str, page: int) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            joined = " ".join(para)
            blocks.append(Block(_squash(re.sub(r"(\w)- (\w)", r"\1\2", joined)), page=page))
            para.clear()

    for line in page_text.replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            flush()
        elif _PDF_HEADING.match(line):
            flush()
            blocks.append(Block(line, heading=2, page=page))
        else:
            para.append(line)
            if line.endswith((".", "!", "?", ":")) and len(line) < 60:
                flush()  # a short line that ends a sentence usually ends its paragraph
    flush()
    return blocks
