"""The generated files as text, written to disk or compared with what is there."""

from __future__ import annotations

from pathlib import Path

from vital.schemadocs import markdown, mermaid
from vital.schemadocs.domains import Schema
from vital.schemadocs.render import render_svg

# Only files that carry the marker are ever deleted or reported as stale: the
# output folder may hold hand-written files too.
CHECKED = ("*.md", "er/*.mmd")


def generate(schema: Schema) -> dict[str, str]:
    """Relative path -> content of every Markdown and Mermaid file (the drift-checked ones)."""
    files = {markdown.GOLD: markdown.gold_standard(schema)}
    for domain in schema.domains:
        diagram = mermaid.diagram(domain)
        files[f"er/{domain.key}.mmd"] = diagram
        files[f"{domain.key}.md"] = markdown.domain_page(domain, diagram)
    return dict(sorted(files.items()))


def _generated_on_disk(out: Path) -> set[str]:
    found = set()
    for pattern in CHECKED:
        for path in out.glob(pattern):
            if markdown.MARKER in path.read_text(errors="replace")[:300]:
                found.add(path.relative_to(out).as_posix())
    return found


def drift(files: dict[str, str], out: Path) -> list[str]:
    """Files that differ from what would be generated: 'changed', 'missing' or 'stale' (no longer generated)."""
    problems = []
    for rel, text in files.items():
        path = out / rel
        if not path.exists():
            problems.append(f"missing  {rel}")
        elif path.read_text() != text:
            problems.append(f"changed  {rel}")
    problems += [f"stale    {rel}" for rel in sorted(_generated_on_disk(out) - set(files))]
    return problems


def write(files: dict[str, str], out: Path) -> list[Path]:
    """Write every file, and remove generated files of domains that no longer exist."""
    for rel in _generated_on_disk(out) - set(files):
        (out / rel).unlink()
        if rel.endswith(".mmd"):
            (out / rel).with_suffix(".svg").unlink(missing_ok=True)
    written = []
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


def write_svgs(schema: Schema, out: Path) -> list[Path]:
    return [render_svg(domain, out / "er" / f"{domain.key}.svg") for domain in schema.domains]
