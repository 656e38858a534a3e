"""`vital db validate` and `vital db completeness`: is the live schema what the rules say?"""

from __future__ import annotations

import json
from pathlib import Path

import click

from vital.cli.common import database, handles_errors, option, out
from vital.validation.suppressions import DEFAULT_SUPPRESSIONS, load_suppressions

@click.command("validate")
@option("--json", "as_json", is_flag=True, help="Print findings as JSON.")
@option("--schema", "schemas", multiple=True, default=["public"], help="Schema to check (repeatable).")
@option("--suppressions", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SUPPRESSIONS,
        help="TOML file of deliberate exceptions, each with a reason.")
@click.pass_context
@handles_errors
def validate(ctx, as_json: bool, schemas: tuple[str, ...], suppressions: Path) -> None:
    """Check the live database against the schema rules; exit 1 on any error."""
    from vital.schema.migrator import discover
    from vital.validation.runner import run_checks

    with database(ctx) as d, d.session() as conn:
        s = d.settings
        findings = run_checks(conn, discover(s.migrations_dir, s.rollbacks_dir), schemas=schemas,
                              suppressions=load_suppressions(suppressions))
        conn.rollback()
    active = [f for f in findings if not f.suppressed_because]
    counts = {level: sum(f.level == level for f in active) for level in ("error", "warning", "info")}
    if as_json:
        click.echo(json.dumps({"findings": [f.as_dict() for f in findings], "counts": counts}, indent=2))
    else:
        for f in findings:
            colour = {"error": "red", "warning": "yellow"}.get(f.level, "blue")
            line = f"[{colour}]{f.level:<7}[/{colour}] {f.check:<34} {f.object}: {f.detail}. Fix: {f.remediation}"
            out.print(f"[dim](suppressed: {f.suppressed_because})[/dim] {line}" if f.suppressed_because else line,
                      soft_wrap=True)
        out.print(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info; "
                  f"{len(findings) - len(active)} suppressed.")
    if counts["error"]:
        raise SystemExit(1)


@click.command("completeness")
@option("--tenant", metavar="SUBDOMAIN", help="Only this tenant (default: every tenant, platform first).")
@option("--json", "as_json", is_flag=True, help="Print the gaps as JSON.")
@click.pass_context
@handles_errors
def completeness(ctx, tenant: str | None, as_json: bool) -> None:
    """Which agents, personas, JTBDs and opportunities are incomplete, per tenant."""
    from vital.validation.completeness import gaps

    with database(ctx) as d, d.session() as conn:
        rows = gaps(conn, tenant)
        conn.rollback()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        out.print(f"{row['tenant']:<12} {row['kind']:<12} {row['object']}: {row['problem']}", soft_wrap=True)
    out.print(f"{len(rows)} gap(s).")
