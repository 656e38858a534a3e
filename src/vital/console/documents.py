"""A session's or a panel's record as a document a person keeps: headings, paragraphs and the
numbered sources each part cites, written as Markdown or as PDF.

The PDF is drawn by fpdf2 (pure Python, no browser on the server) with its built-in Helvetica,
which covers Latin-1: the typographic characters models like (dashes, curly quotes, ellipses,
arrows) are written as their plain equivalents and anything else outside Latin-1 as '?'."""

from __future__ import annotations

from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.enums import XPos, YPos


@dataclass
class Source:
    ref: int | str
    title: str
    quote: str
    link: str | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    level: int = 2


@dataclass
class Document:
    title: str
    meta: list[str]
    sections: list[Section]


def markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", ""]
    lines += [f"- {line}" for line in doc.meta] + [""]
    for section in doc.sections:
        lines += [f"{'#' * section.level} {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.sources:
            lines += ["Sources:", ""]
            for s in section.sources:
                where = f" <{s.link}>" if s.link else ""
                lines.append(f"{s.ref}. *{s.title}*: \"{s.quote}\"{where}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2026": "...", "\u2022": "-", "\u2265": ">=", "\u2264": "<=", "\u2192": "->",
                        "\u00a0": " ", "\u2212": "-", "\u00d7": "x"})


def latin(text: str) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def pdf(doc: Document) -> bytes:
    out = FPDF(format="A4")
    out.set_margins(18, 18, 18)
    out.set_auto_page_break(True, 18)
    out.set_title(latin(doc.title))
    out.set_creator("VITAL")
    out.add_page()

    def write(text: str, size: float = 10.5, style: str = "", height: float = 5.4, color: int = 20) -> None:
        out.set_font("Helvetica", style, size)
        out.set_text_color(color)
        out.multi_cell(0, height, latin(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    write(doc.title, 16, "B", 8)
    for line in doc.meta:
        write(line, 9, "", 4.8, 90)
    for section in doc.sections:
        out.ln(3)
        write(section.heading, 13 if section.level <= 2 else 11.5, "B", 7)
        for paragraph in section.paragraphs:
            write(paragraph)
            out.ln(1.5)
        if section.sources:
            write("Sources", 9.5, "B", 5)
            for s in section.sources:
                write(f"[{s.ref}] {s.title}: \"{s.quote}\"" + (f" ({s.link})" if s.link else ""), 9, "", 4.6, 60)
    return bytes(out.output())
