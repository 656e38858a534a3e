"""`vital token`: a development JWT for a tenant's user."""

from __future__ import annotations

import click

from vital.auth.tokens import mint_token
from vital.cli.common import database, handles_errors, option, out, settings
from vital.errors import NotFound
from vital.settings import Settings
from vital.tenancy import Caller, Rule, member_caller

DAY = 24 * 3600
DEMO_TENANTS = ("acme", "pharmaco")


def print_demo_access(conn, s: Settings) -> None:
    """What `vital up` shows before it serves: a URL and a token for each demo tenant present."""
    shown = False
    for subdomain in DEMO_TENANTS:
        try:
            member = member_caller(conn, subdomain, rule=Rule.OPERATING)
        except NotFound:
            continue
        shown = True
        out.print(f"\n[bold]{subdomain}[/bold] ({member.email}): "
                  f"http://{subdomain}.localhost:{s.api_port}/rest/v1/agents", soft_wrap=True)
        out.print(f"  token: {_token(s, member, DAY)}", soft_wrap=True)
    if shown:
        out.print(f"\ntry: curl -H \"Authorization: Bearer <token>\" "
                  f"'http://acme.localhost:{s.api_port}/rest/v1/agents?select=name,slug&limit=5'\n", soft_wrap=True)


@click.command("token")
@option("--tenant", required=True, envvar="VITAL_TOKEN_TENANT", help="The tenant's subdomain, e.g. acme.")
@option("--email", envvar="VITAL_TOKEN_EMAIL", help="A member of the tenant  [default: its first owner]")
@option("--expires-in", type=click.IntRange(min=60), default=DAY, envvar="VITAL_TOKEN_EXPIRES_IN",
        help="Lifetime in seconds.")
@click.pass_context
@handles_errors
def token(ctx, tenant: str, email: str | None, expires_in: int) -> None:
    """Print a signed user token for the API (HS256, the configured secret)."""
    s = settings(ctx)
    with database(ctx) as d, d.session() as conn:
        # OPERATING: minting is an operator's act on the tenant, whatever its status (as before);
        # the API still refuses the token while the tenant is suspended, with its usual 404.
        member = member_caller(conn, tenant, email, rule=Rule.OPERATING)
    click.echo(_token(s, member, expires_in))


def _token(s: Settings, member: Caller, expires_in: int) -> str:
    return mint_token(s, tenant_id=member.tenant_id, user_id=member.user_id, email=member.email,
                      expires_in=expires_in)
