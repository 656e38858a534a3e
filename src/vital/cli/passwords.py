"""`vital password`: a new generated password for a tenant's member (an operator's reset)."""

from __future__ import annotations

import click

from vital.cli.common import database, handles_errors, option, out


@click.command("password")
@option("--tenant", required=True, envvar="VITAL_PASSWORD_TENANT", help="The tenant's subdomain, e.g. acme.")
@option("--email", envvar="VITAL_PASSWORD_EMAIL", help="A member of the tenant  [default: its first owner]")
@click.pass_context
@handles_errors
def password(ctx, tenant: str, email: str | None) -> None:
    """Set a new generated password for a member, print it once, and end their sessions."""
    from vital.auth.accounts import reset_password
    from vital.tenancy import Rule, member_caller

    with database(ctx) as d, d.session() as conn:
        member = member_caller(conn, tenant, email, rule=Rule.OPERATING)
        new = reset_password(conn, member.user_id)
        conn.commit()
    out.print(f"{member.email}: {new}", soft_wrap=True)
