"""`vital docs`: schema documentation generated from the live catalog (Markdown, Mermaid, SVG)."""

from vital.docs.build import drift, generate, write, write_svgs
from vital.docs.catalog import load

__all__ = ["drift", "generate", "load", "write", "write_svgs"]
