"""SVG ER diagrams drawn by Graphviz (`dot`): no browser, only a system package."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import graphviz

from vital.catalog import Table
from vital.schemadocs.domains import Domain
from vital.schemadocs.mermaid import label, markers, relationships, short_type
from vital.errors import VitalError

INSTALL_HINT = ("Install Graphviz: `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
                "or see https://graphviz.org/download/.")
HEAD = "#1f4e79"
FOREIGN = "#d9d9d9"


class GraphvizMissing(VitalError):
    code = "graphviz_missing"


def dot_available() -> bool:
    return shutil.which("dot") is not None


def node_label(table: Table) -> str:
    rows = [f'<TR><TD COLSPAN="3" BGCOLOR="{HEAD}" PORT="head"><FONT COLOR="white"><B>{escape(table.display)}</B>'
            f'</FONT></TD></TR>']
    for c in table.columns.values():
        keys = markers(table, c.name).strip()
        rows.append(f'<TR><TD ALIGN="LEFT" PORT="{port(c.name)}">{escape(c.name)}</TD>'
                    f'<TD ALIGN="LEFT"><FONT COLOR="#555555">{escape(short_type(c.type))}</FONT></TD>'
                    f'<TD>{escape(keys)}</TD></TR>')
    return f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3">{"".join(rows)}</TABLE>>'


def port(column: str) -> str:
    return f"c_{column}"


def graph(domain: Domain) -> graphviz.Digraph:
    g = graphviz.Digraph(domain.key, graph_attr={"rankdir": "RL", "fontname": "Helvetica", "nodesep": "0.4",
                                                 "ranksep": "1.0", "label": domain.title, "labelloc": "t"},
                         node_attr={"shape": "plaintext", "fontname": "Helvetica", "fontsize": "10"},
                         edge_attr={"fontname": "Helvetica", "fontsize": "9", "color": "#555555"})
    own = {t.display for t in domain.tables}
    for table in domain.tables:
        g.node(table.display, label=node_label(table))
    for parent in sorted({fk.parent for _, fk in relationships(domain)} - own):
        g.node(parent, label=f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3"><TR>'
                             f'<TD BGCOLOR="{FOREIGN}"><I>{escape(parent)}</I></TD></TR></TABLE>>')
    for table, fk in relationships(domain):
        # Crow's foot on the child's referencing column, a bar at the parent.
        g.edge(f"{table.display}:{port(fk.columns[-1])}", f"{fk.parent}:head" if fk.parent in own else fk.parent,
               label=label(fk), dir="both", arrowtail="crow", arrowhead="tee")
    return g


def render_svg(domain: Domain, path: Path) -> Path:
    if not dot_available():
        raise GraphvizMissing("Graphviz `dot` was not found: the SVG diagrams were not drawn.", hint=INSTALL_HINT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(graph(domain).pipe(format="svg"))
    return path
