"""`vital docs`: schema documentation generated from the live catalog (vital.catalog) into
`docs/schema/`: Markdown, Mermaid and SVG. (Named apart from the repository's `docs/` folder.)"""

from vital.schemadocs.build import drift, generate, write, write_svgs
from vital.schemadocs.domains import load

__all__ = ["drift", "generate", "load", "write", "write_svgs"]
