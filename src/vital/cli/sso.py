"""`vital sso set|show|remove --tenant SUB`: a tenant's single sign-on, from the shell (an
operator acting as the tenant itself, through the same definer functions as the admin API)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from vital.auth.roles import SSO_ROLES
from vital.cli.common import database, handles_errors, option, out, settings

if TYPE_CHECKING:
    from vital.tenancy import Caller

_TENANT = dict(required=True, help="The tenant's subdomain, e.g. acme.")


@click.group("sso")
def sso() -> None:
    """Single sign-on per tenant with OpenID Connect (docs/auth.md)."""


def _as_tenant(conn, subdomain: str) -> Caller:
    from vital.tenancy import Caller, Rule, find_tenant

    return Caller.member(find_tenant(conn, subdomain, rule=Rule.OPERATING).id, subdomain=subdomain)


@sso.command("show")
@option("--tenant", envvar="VITAL_SSO_TENANT", **_TENANT)
@click.pass_context
@handles_errors
def show(ctx, tenant: str) -> None:
    """The tenant's identity provider (the client secret: only whether one is set)."""
    from vital.auth import sso_settings
    from vital.db.tenant import tenant_transaction

    with database(ctx) as d, d.session(autocommit=True) as conn, tenant_transaction(conn, _as_tenant(conn, tenant),
                                                                      read_only=True):
        found = sso_settings.show(conn)
    out.print_json(json.dumps({"configured": found is not None, **(found or {})}))


@sso.command("set")
@option("--tenant", envvar="VITAL_SSO_TENANT", **_TENANT)
@click.option("--issuer", required=True, help="The provider's issuer URL (https; http on loopback).")
@click.option("--client-id", required=True, help="The client id registered at the provider.")
# Never from the environment: a secret is typed, or piped with `--client-secret -`.
@click.option("--client-secret", allow_from_autoenv=False,
              help="The client secret ('-' reads it from stdin); omitted: the stored one is kept.")
@click.option("--domain", "domains", multiple=True, required=True, help="An e-mail domain it vouches for (repeat).")
@click.option("--default-role", type=click.Choice(SSO_ROLES), default="member",
              help="The role of a member's first sign-in.")
@click.option("--require-sso/--no-require-sso", default=False, help="Refuse passwords of everyone but owners.")
@click.option("--redirect-url", "redirect_urls", multiple=True,
              help="Where the session may be sent after sign-in (repeat; default: the tenant's own origin).")
@click.pass_context
@handles_errors
def set_(ctx, tenant: str, issuer: str, client_id: str, client_secret: str | None, domains: tuple[str, ...],
         default_role: str, require_sso: bool, redirect_urls: tuple[str, ...]) -> None:
    """Register or replace the tenant's OpenID Connect identity provider."""
    from vital.auth import sso_settings
    from vital.db.tenant import tenant_transaction

    if client_secret == "-":
        client_secret = sys.stdin.readline().strip()
    values = {"issuer": issuer, "client_id": client_id, "domains": list(domains), "default_role": default_role,
              "require_sso": require_sso, "redirect_urls": list(redirect_urls)}
    if client_secret:
        values["client_secret"] = client_secret
    with database(ctx) as d, d.session(autocommit=True) as conn, tenant_transaction(conn, _as_tenant(conn, tenant)):
        found = sso_settings.put(conn, settings(ctx), values)
    out.print_json(json.dumps({"configured": True, **found}))


@sso.command("remove")
@option("--tenant", envvar="VITAL_SSO_TENANT", **_TENANT)
@click.pass_context
@handles_errors
def remove(ctx, tenant: str) -> None:
    """Remove the tenant's identity provider (members keep their memberships)."""
    from vital.auth import sso_settings
    from vital.db.tenant import tenant_transaction

    with database(ctx) as d, d.session(autocommit=True) as conn, tenant_transaction(conn, _as_tenant(conn, tenant)):
        removed = sso_settings.remove(conn)
    out.print("removed" if removed else "no identity provider was registered")
