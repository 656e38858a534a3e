"""`vital token`: a development JWT for a tenant's user."""

from __future__ import annotations

import click

from vital.cli.common import database, handles_errors, option, settings
from vital.cli.keys import DAY


@click.command("token")
@option("--tenant", required=True, envvar="VITAL_TOKEN_TENANT", help="The tenant's subdomain, e.g. acme.")
@option("--email", envvar="VITAL_TOKEN_EMAIL", help="A member of the tenant  [default: its first owner]")
@option("--expires-in", type=click.IntRange(min=60), default=DAY, envvar="VITAL_TOKEN_EXPIRES_IN",
        help="Lifetime in seconds.")
@click.pass_context
@handles_errors
def token(ctx, tenant: str, email: str | None, expires_in: int) -> None:
    """Print a signed user token for the API (HS256, the configured secret)."""
    from vital.auth.secret import with_secret
    from vital.auth.tokens import mint_token
    from vital.tenancy import Rule, member_caller

    s = with_secret(settings(ctx))
    with database(ctx) as d, d.session() as conn:
        # OPERATING: minting is an operator's act on the tenant, whatever its status (as before);
        # the API still refuses the token while the tenant is suspended, with its usual 404.
        member = member_caller(conn, tenant, email, rule=Rule.OPERATING)
    click.echo(mint_token(s, tenant_id=member.tenant_id, user_id=member.user_id, email=member.email,
                          expires_in=expires_in))
