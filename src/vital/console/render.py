"""Pages: Jinja2 templates with autoescape, answers from Markdown with raw HTML off, and the
security headers every console response carries (a strict CSP: no inline script or style)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse, Response

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "X-Frame-Options": "DENY", "Cache-Control": "no-store"}

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)

# html=False: raw HTML in a model's answer or a document is shown as text. markdown-it's own
# validateLink already refuses javascript:, vbscript:, file: and data: links.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_CITE = re.compile(r"\[(\d{1,3})\]")


def markdown(text: str, citations: dict[int, str] | None = None) -> Markup:
    """Markdown to safe HTML; `[n]` becomes a link to cited passage n when there is one."""
    html = _markdown.render(text or "")
    html = html.replace("<a href=", '<a rel="noopener noreferrer nofollow" href=')
    if citations:
        def link(match: re.Match) -> str:
            href = citations.get(int(match.group(1)))
            if href is None:
                return match.group(0)
            return f'<a class="cite" href="{escape(href)}">[{match.group(1)}]</a>'
        html = _CITE.sub(link, html)
    return Markup(html)


templates.filters["markdown"] = markdown


def page(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status, headers=HEADERS)


def secure(response: Response) -> Response:
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response
