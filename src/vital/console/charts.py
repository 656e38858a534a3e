"""Charts drawn on the server as SVG: no chart library, nothing to download, nothing for the CSP to
allow (colours come from classes in manage.css and presentation attributes, never a style
attribute). Every text is escaped. A chart is a picture of a table the page shows beside it: the
table is its text alternative, so the SVG itself is `aria-hidden` unless it holds links."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# ODI opportunity bands (docs/domains/jtbds.md): opportunity = importance + max(importance - satisfaction, 0).
BANDS = (("moderate", 10), ("high", 12), ("extreme", 15))


def _svg(width: int, height: int, label: str, body: list[str], hidden: bool = True) -> Markup:
    aria = 'aria-hidden="true"' if hidden else f'role="group" aria-label="{escape(label)}"'
    return Markup(f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
                  f'xmlns="http://www.w3.org/2000/svg" {aria}>' + "".join(body) + "</svg>")


def _num(value: float) -> str:
    """1 decimal, or 4 for small amounts (a cost of $0.0123), without trailing zeros."""
    text = f"{value:.4f}" if 0 < abs(value) < 1 else f"{value:.1f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Point:
    importance: float
    satisfaction: float
    label: str
    href: str


def odi_landscape(points: list[Point], size: int = 420) -> Markup:
    """Importance (x) against satisfaction (y), 0-10: the opportunity bands as the regions where
    satisfaction <= 2 x importance - threshold (under-served, lower right), the over-served region
    above the diagonal (satisfaction > importance); each outcome a focusable link."""
    pad, plot = 44, size - 64
    x = lambda v: pad + v / 10 * plot  # noqa: E731
    y = lambda v: pad - 24 + plot - v / 10 * plot  # noqa: E731
    body = [f'<polygon class="over" points="{x(0)},{y(0)} {x(0)},{y(10)} {x(10)},{y(10)}"/>']
    for band, threshold in BANDS:
        top = min(20 - threshold, 10)
        body.append(f'<polygon class="band-{band}" points="{x(threshold / 2)},{y(0)} {x(10)},{y(0)} '
                    f'{x(10)},{y(top)}"/>')
    for v in range(0, 11, 2):
        body.append(f'<line class="grid" x1="{x(v)}" y1="{y(0)}" x2="{x(v)}" y2="{y(10)}"/>'
                    f'<line class="grid" x1="{x(0)}" y1="{y(v)}" x2="{x(10)}" y2="{y(v)}"/>'
                    f'<text x="{x(v)}" y="{y(0) + 14}" text-anchor="middle">{v}</text>'
                    f'<text x="{x(0) - 6}" y="{y(v) + 4}" text-anchor="end">{v}</text>')
    body += [f'<line class="axis" x1="{x(0)}" y1="{y(0)}" x2="{x(10)}" y2="{y(0)}"/>',
             f'<line class="axis" x1="{x(0)}" y1="{y(0)}" x2="{x(0)}" y2="{y(10)}"/>',
             f'<line class="grid" x1="{x(0)}" y1="{y(0)}" x2="{x(10)}" y2="{y(10)}"/>',
             f'<text x="{x(5)}" y="{size - 6}" text-anchor="middle">Importance</text>',
             f'<text x="12" y="{y(5)}" text-anchor="middle" transform="rotate(-90 12 {y(5)})">Satisfaction</text>',
             f'<text x="{x(0.4)}" y="{y(9.2)}">over-served</text>',
             f'<text x="{x(9.8)}" y="{y(0.4)}" text-anchor="end">under-served</text>']
    for p in points:
        body.append(f'<a href="{escape(p.href)}"><title>{escape(p.label)} (importance {_num(p.importance)}, '
                    f'satisfaction {_num(p.satisfaction)})</title>'
                    f'<circle cx="{x(p.importance):.1f}" cy="{y(p.satisfaction):.1f}" r="6"/></a>')
    return _svg(size, size, "Opportunity landscape: each outcome links to its page", body, hidden=not points)


def hbars(items: list[tuple[str, float]], maximum: float, *, limits: list[float | None] | None = None,
          width: int = 480, unit: str = "") -> Markup:
    """Horizontal bars, one per (label, value), scaled to `maximum`; a dashed mark at each limit."""
    label_w, row = 150, 26
    span = width - label_w - 60
    height = row * len(items) + 10
    body = []
    for i, (label, value) in enumerate(items):
        top = 5 + i * row
        length = span * (min(value, maximum) / maximum if maximum else 0)
        short = label if len(label) <= 22 else label[:21] + "…"
        body.append(f'<text x="{label_w - 6}" y="{top + 15}" text-anchor="end">{escape(short)}</text>'
                    f'<rect class="bar" x="{label_w}" y="{top + 3}" width="{length:.1f}" height="{row - 10}"/>'
                    f'<text x="{label_w + length + 4:.1f}" y="{top + 15}">{escape(_num(value))}{escape(unit)}</text>')
        limit = (limits or [None] * len(items))[i]
        if limit and maximum:
            at = label_w + span * min(limit, maximum) / maximum
            body.append(f'<line class="limit" x1="{at:.1f}" y1="{top}" x2="{at:.1f}" y2="{top + row - 2}"/>')
    return _svg(width, height, "", body)


def columns(days: list[str], values: list[float], *, height: int = 180, width: int = 480) -> Markup:
    """One column per day (oldest first), labelled with the day of the month and its value."""
    pad, base = 30, height - 22
    top = max(values, default=0) or 1
    step = (width - pad) / max(len(days), 1)
    body = [f'<line class="axis" x1="{pad}" y1="{base}" x2="{width}" y2="{base}"/>']
    for i, (day, value) in enumerate(zip(days, values)):
        h = (base - 18) * value / top
        left = pad + i * step + step * 0.15
        body.append(f'<rect class="bar alt" x="{left:.1f}" y="{base - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}"/>'
                    f'<text x="{left + step * 0.35:.1f}" y="{base + 14}" text-anchor="middle">{escape(day[-2:])}</text>'
                    f'<text x="{left + step * 0.35:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">'
                    f'{escape(_num(value) if value < 1000 else f"{value / 1000:.1f}k")}</text>')
    return _svg(width, height, "", body)
