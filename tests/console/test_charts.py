"""The console's server-drawn SVG charts: the ODI bands where the schema's formula puts them, the
points as links, and every label escaped (a persona or outcome named with markup stays text)."""

from __future__ import annotations

import re

from vital.console import charts


def test_odi_landscape_bands_points_and_escaping():
    svg = str(charts.odi_landscape([charts.Point(9, 3, '<script>alert(1)</script> "x"', "/outcomes/1?a=1&b=2")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'href="/outcomes/1?a=1&amp;b=2"' in svg
    # size 420: x(v) = 44 + v * 35.6; the extreme band (>= 15) starts at importance 7.5 on the x axis.
    extreme = re.search(r'class="band-extreme" points="([^"]+)"', svg).group(1).split()
    assert extreme[0].split(",")[0] == str(44 + 7.5 / 10 * 356)
    # The point: importance 9 across, satisfaction 3 up (y(v) = 20 + 356 - v * 35.6).
    assert f'cx="{44 + 9 * 35.6:.1f}" cy="{20 + 356 - 3 * 35.6:.1f}"' in svg


def test_bars_scale_to_their_maximum_and_escape_labels():
    svg = str(charts.hbars([("<b>full</b>", 10.0), ("half", 5.0)], 10))
    widths = [float(w) for w in re.findall(r'<rect class="bar" [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1] > 0
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert str(charts.hbars([("nothing", 0.0)], 0)).count('width="0.0"') == 1  # no division by zero
