"""`vital invite`: an operator invites someone to a tenant by e-mail with a role, as the
tenant's first owner (so the invitation goes through RLS like an admin's, and names who
invited). The message is sent (or, in local without SMTP, logged) after the commit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from vital.auth.roles import INVITE_ROLES
from vital.cli.common import database, handles_errors, option, out

if TYPE_CHECKING:
    from vital.settings import Settings


def tenant_origin(s: Settings, subdomain: str) -> str:
    # What the invitee's browser reaches: the local API in local/test, the tenant's host otherwise.
    from vital.settings import LOCAL_ENVIRONMENTS

    if s.environment in LOCAL_ENVIRONMENTS:
        return f"http://{subdomain}.localhost:{s.api_port}"
    return f"https://{subdomain}.{s.base_domain}"


@click.command("invite")
@option("--tenant", required=True, envvar="VITAL_INVITE_TENANT", help="The tenant's subdomain, e.g. acme.")
@option("--email", required=True, envvar="VITAL_INVITE_EMAIL", help="Who is invited.")
@option("--role", type=click.Choice(INVITE_ROLES), default="member", show_default=True,
        envvar="VITAL_INVITE_ROLE", help="Their role once they accept.")
@click.pass_context
@handles_errors
def invite(ctx, tenant: str, email: str, role: str) -> None:
    """Invite someone to a tenant by e-mail: they follow the link, set a password, and are a member."""
    from vital.auth import invitations
    from vital.auth.links import Site
    from vital.auth.mail import Mailer
    from vital.tenancy import Rule, member_caller

    s: Settings = ctx.obj
    with database(ctx) as d:
        with d.session(autocommit=True) as conn:  # tenant_transaction opens and commits its own
            owner = member_caller(conn, tenant, None, rule=Rule.OPERATING)
            row, token = invitations.create(conn, owner, email, role, days=s.auth_invite_days)
        origin = tenant_origin(s, owner.subdomain)
        site = Site(owner.tenant_id, owner.subdomain, origin, "127.0.0.1")
        status = Mailer(lambda: d.session(autocommit=True), s).send(
            invitations.message(site, row, token, origin + "/"))
    out.print(f"invited {row['email']} to {owner.subdomain} as {role} (until {row['expires_at']}); mail: {status}",
              soft_wrap=True)
    if status == "failed":
        ctx.exit(1)
