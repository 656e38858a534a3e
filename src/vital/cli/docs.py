"""`vital docs`: the schema documentation, generated from the catalog of the database in use."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from vital.cli.common import database, err, handles_errors, option, out, settings


@click.command("docs")
@option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("docs/schema"),
        help="Folder of the generated documentation.")
@option("--check", is_flag=True,
        help="Write nothing: compare the Markdown and Mermaid files with the folder, exit 1 on drift.")
@click.pass_context
@handles_errors
def docs(ctx, out_dir: Path, check: bool) -> None:
    """Generate GOLD_STANDARD_SCHEMA.md and per-domain ER diagrams from the live schema."""
    from vital.schemadocs import drift, generate, load, write, write_svgs
    from vital.schemadocs.render import GraphvizMissing

    with database(ctx) as d, d.session() as conn:
        schema = load(conn, settings(ctx).migrations_dir)
    files = generate(schema)
    if check:
        problems = drift(files, out_dir)
        for line in problems:
            err.print(line, markup=False)
        if problems:
            err.print(f"[bold red]drift:[/bold red] {escape(str(out_dir))} is out of date with the database "
                      "schema; run `vital docs`.")
            raise SystemExit(1)
        out.print(f"{out_dir}: {len(files)} files up to date ({len(schema.tables)} tables).")
        return
    write(files, out_dir)
    out.print(f"{out_dir}: {len(files)} Markdown/Mermaid files written ({len(schema.tables)} tables, "
              f"{len(schema.domains)} domains).")
    try:
        svgs = write_svgs(schema, out_dir)
    except GraphvizMissing as missing:
        err.print(f"[yellow]warning:[/yellow] {escape(missing.message)} The Markdown and Mermaid files are "
                  "written; SVGs already in the folder were left as they were.")
        err.print(f"[yellow]hint:[/yellow] {escape(missing.hint)}")
        return
    out.print(f"{len(svgs)} SVG diagrams drawn with Graphviz.")
