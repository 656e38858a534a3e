"""`vital tenant llm-allow SUB`: which model settings the operator lets a tenant's admins change, and
within what bounds (tenants.settings.llm_allowed, docs/services.md). Written as the database owner
through `vital.allow_tenant_llm()`, which checks the allowance's shape; the audit trigger on
tenants records the change."""

from __future__ import annotations

import json

import click

from vital.cli.common import database, handles_errors, out
from vital.db.queries import Queries
from vital.errors import InvalidInput

SQL = Queries(__name__)


def _limits(given: tuple[str, ...], what: str) -> dict[str, float]:
    """PURPOSE=N pairs (repeatable option) as {purpose: N}."""
    from vital.services.llm.bounds import PURPOSES

    limits = {}
    for pair in given:
        purpose, _, number = pair.partition("=")
        try:
            value = float(number)
        except ValueError:
            value = 0
        if purpose not in PURPOSES or value <= 0:
            raise InvalidInput(f"--{what} {pair!r} is not PURPOSE=N.",
                               hint=f"Purposes: {', '.join(PURPOSES)}; N a positive number, e.g. interactive=2048.")
        limits[purpose] = int(value) if value.is_integer() else value
    return limits


@click.command("llm-allow")
@click.argument("subdomain")
@click.option("--model", "models", multiple=True, help="A model the tenant's admins may choose (repeat).")
@click.option("--max-tokens", multiple=True, metavar="PURPOSE=N",
              help="The largest token cap they may set for a purpose (repeat).")
@click.option("--seconds", multiple=True, metavar="PURPOSE=N",
              help="The longest time limit they may set for a purpose (repeat).")
@click.option("--none", "nothing", is_flag=True, help="Allow nothing: every model setting is the operator's.")
@click.pass_context
@handles_errors
def llm_allow(ctx, subdomain: str, models: tuple[str, ...], max_tokens: tuple[str, ...], seconds: tuple[str, ...],
              nothing: bool) -> None:
    """Set (replace) what the tenant's admins may change of its model settings; without options, show it."""
    from vital.db.rows import one
    from vital.tenancy import Rule, find_tenant

    allowance = {}
    if models:
        allowance["model"] = list(dict.fromkeys(models))
    if max_tokens:
        allowance["max_tokens"] = _limits(max_tokens, "max-tokens")
    if seconds:
        allowance["seconds"] = _limits(seconds, "seconds")
    with database(ctx) as d, d.session(autocommit=True) as conn:
        tenant = find_tenant(conn, subdomain, rule=Rule.OPERATING)
        if allowance or nothing:
            row = one(conn, SQL("tenant_llm.allow"), {"tenant": tenant.id, "allowed": json.dumps(allowance)})
        else:
            row = one(conn, SQL("tenant_llm.show"), {"tenant": tenant.id})
    out.print_json(json.dumps(row["allowed"] or {}))
